"""The status bar's one line at the window's smallest: a long message ran under the model's name
on the right, cut in a word ("…no MNIST mirror could be classifier-convnet · cpu"); it ends in
"…" before the name, the whole message in the bar's tip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mnist_desk.ui import i18n
from tests.support import offline_downloads, shrink_to_minimum

RUN_TIMEOUT_MS = 60_000


def test_a_long_status_message_ends_before_the_models_name(
    qtbot, make_window, tmp_path, monkeypatch
):
    offline_downloads(monkeypatch)  # the download fails at once, saying why at length
    empty = tmp_path / "no-mnist"
    empty.mkdir()
    window = make_window(data_dir=str(empty), download=True)
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    panel, bar = window.training_panel, window.statusBar()
    name = window.model_view.status_label
    bar_tab = window.tabs.tabBar()
    qtbot.mouseClick(
        bar_tab, Qt.MouseButton.LeftButton, pos=bar_tab.tabRect(window.tabs.indexOf(panel)).center()
    )
    qtbot.waitUntil(lambda: panel.form.choices_ready, timeout=30_000)
    shrink_to_minimum(qtbot, window)
    qtbot.mouseClick(panel.run_controls.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.run_controls.ended_shown, timeout=RUN_TIMEOUT_MS)
    try:
        for language in ("en", "zh_CN"):
            window.window_actions.languages[language].trigger()  # View > Language
            shrink_to_minimum(qtbot, window)
            qtbot.wait(1)  # the layouts settle in the event loop
            shown, whole = bar.currentMessage(), bar.toolTip()
            assert "offline" in whole and "MNIST" in whole, whole
            assert shown.endswith("…") and whole.startswith(shown[:-1]), (shown, whole)
            assert bar.fontMetrics().horizontalAdvance(shown) < name.x(), (language, shown)
        window.resize(2400, window.height())  # room for the whole
        qtbot.waitUntil(lambda: bar.currentMessage() == bar.toolTip() or not bar.toolTip())
        assert "offline" in bar.currentMessage()
    finally:
        i18n.apply_language("en")


def test_an_errors_title_and_reason_are_joined_as_the_language_writes_them(
    qtbot, window, tmp_path, message_boxes
):
    """A Chinese window's status bar read "无法打开图片: …", an English colon between the
    error's title and its reason; the same for a refusal on the Models tab ("mine: 已有同名模型")."""
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        assert not window.open_image(broken, 0)
        assert window.statusBar().currentMessage().startswith("无法打开图片：")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Cannot open the image: ")
    )
