"""File > Export Model…: the model in use is written where the user says, in the format the
dialog's filter (or the file's suffix) names, in a worker thread; an error is a dialog."""

from __future__ import annotations

import pytest

EXPORT_TIMEOUT_MS = 60_000

# The tests load TorchScript files, which torch 2.14 calls deprecated (docs/export.md says why it is kept).
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.load` is deprecated:FutureWarning")


@pytest.fixture
def save_dialog(monkeypatch):
    """save_dialog(path, filter) makes the next save dialog answer so; records what it showed."""
    from PySide6.QtWidgets import QFileDialog

    shown = []

    def answer(path, chosen_filter):
        def get_save_file_name(parent, caption, directory, filters):
            shown.append((caption, directory, filters))
            return path, chosen_filter

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
        return shown

    return answer


def menu_action(window, menu, text):
    """The action of ``menu`` whose text (without '&') is ``text``, as a person finds it."""
    (action,) = [a for a in menu.actions() if a.text().replace("&", "") == text]
    return action


def test_the_file_menu_exports_the_model_in_use_as_torchscript(
    window, qtbot, tmp_path, save_dialog
):
    import torch

    target = tmp_path / "mine"  # no suffix: the chosen filter decides
    shown = save_dialog(str(target), "TorchScript (*.torchscript)")
    action = menu_action(window, window.window_actions.file_menu, "Export Model…")
    with qtbot.waitSignal(
        window.window_actions.exporter.exported, timeout=EXPORT_TIMEOUT_MS
    ) as done:
        action.trigger()
    ((caption, suggested, filters),) = shown
    assert suggested.endswith("classifier-convnet.onnx") and "ONNX (*.onnx)" in filters
    result = done.args[0]
    written = tmp_path / "mine.torchscript"
    assert result.path == written and written.is_file()
    assert torch.jit.load(str(written))(torch.zeros(4, 1, 28, 28)).shape == (4, 10)
    assert "classifier-convnet" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)


def test_an_unwritable_target_is_shown_in_a_dialog(
    window, qtbot, tmp_path, save_dialog, message_boxes
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    save_dialog(str(blocker / "m.torchscript"), "TorchScript (*.torchscript)")
    window.window_actions.export_model.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=EXPORT_TIMEOUT_MS)
    (box,) = message_boxes()
    assert "cannot write" in box.text() and str(blocker) in box.text()
    qtbot.waitUntil(lambda: not window.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)


def test_cancelling_the_dialog_exports_nothing(window, tmp_path, save_dialog):
    save_dialog("", "")
    window.window_actions.export_model.trigger()
    assert not window.window_actions.exporter.busy and list(tmp_path.glob("*.torchscript")) == []


@pytest.fixture
def replace_answer(monkeypatch):
    """replace_answer(yes) makes "Replace the file?" answer so; returns the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    def answer(yes: bool):
        asked = []

        def question(parent, title, text, *rest):
            asked.append(text)
            return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

        monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
        return asked

    return answer


def test_a_name_typed_without_its_suffix_does_not_replace_that_file_unasked(
    window, qtbot, tmp_path, save_dialog, replace_answer
):
    existing = tmp_path / "mine.torchscript"
    existing.write_bytes(b"an earlier export")
    asked = replace_answer(False)
    save_dialog(str(tmp_path / "mine"), "TorchScript (*.torchscript)")  # the dialog saw "mine"
    window.window_actions.export_model.trigger()
    assert len(asked) == 1 and "mine.torchscript" in asked[0]
    assert not window.window_actions.exporter.busy
    assert existing.read_bytes() == b"an earlier export"

    asked = replace_answer(True)
    with qtbot.waitSignal(window.window_actions.exporter.exported, timeout=EXPORT_TIMEOUT_MS):
        window.window_actions.export_model.trigger()
    assert len(asked) == 1 and existing.read_bytes() != b"an earlier export"
    qtbot.waitUntil(lambda: not window.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)


def test_saving_a_drawing_over_its_png_asks_first(
    window, pen, tmp_path, monkeypatch, replace_answer
):
    from PySide6.QtWidgets import QFileDialog

    pen(window.canvases[0], [(0.5, 0.15), (0.5, 0.85)])
    existing = tmp_path / "four.png"
    existing.write_bytes(b"an earlier drawing")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "four"), "PNG"))
    )
    asked = replace_answer(False)
    window.files.choose_save_path(0)
    assert len(asked) == 1 and existing.read_bytes() == b"an earlier drawing"
    asked = replace_answer(True)
    window.files.choose_save_path(0)
    assert len(asked) == 1 and existing.read_bytes().startswith(b"\x89PNG")


def test_the_dialog_starts_in_the_folder_last_exported_to_even_after_a_restart(
    make_window, qtbot, tmp_path, save_dialog
):
    """An export made with Ctrl+Shift+E, as a person presses it: the next export's dialog, in a
    window opened afterwards (the same settings file), starts where that one wrote; once that
    folder is gone, in the nearest folder above it that is still there."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    shortcut = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    exports = tmp_path / "exports" / "onnx"
    exports.mkdir(parents=True)
    first = make_window()
    shown = save_dialog(str(exports / "first.onnx"), "ONNX (*.onnx)")
    with qtbot.waitSignal(first.window_actions.exporter.exported, timeout=EXPORT_TIMEOUT_MS):
        QTest.keyClick(first, Qt.Key.Key_E, shortcut)
    assert (exports / "first.onnx").is_file() and len(shown) == 1
    qtbot.waitUntil(lambda: not first.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)
    first.close()

    again = make_window()  # a new window reading the same settings file
    shown = save_dialog("", "")  # cancelled: only where it started matters
    QTest.keyClick(again, Qt.Key.Key_E, shortcut)
    assert len(shown) == 2 and shown[-1][1] == str(exports / "classifier-convnet.onnx")

    (exports / "first.onnx").unlink()
    exports.rmdir()  # the folder is gone: its parent is the nearest still there
    QTest.keyClick(again, Qt.Key.Key_E, shortcut)
    assert len(shown) == 3 and shown[-1][1] == str(tmp_path / "exports" / "classifier-convnet.onnx")


def test_a_name_typed_with_another_suffix_gets_the_chosen_formats(
    window, qtbot, tmp_path, save_dialog
):
    save_dialog(str(tmp_path / "mine.txt"), "ONNX (*.onnx)")
    with qtbot.waitSignal(
        window.window_actions.exporter.exported, timeout=EXPORT_TIMEOUT_MS
    ) as done:
        window.window_actions.export_model.trigger()
    assert done.args[0].path == tmp_path / "mine.txt.onnx"
    assert (tmp_path / "mine.txt.onnx").is_file() and not (tmp_path / "mine.txt").exists()
    qtbot.waitUntil(lambda: not window.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)


def test_an_export_error_is_worded_in_the_language_in_effect(
    window, qtbot, tmp_path, save_dialog, message_boxes
):
    """Why an export could not be written (the core's words) stayed English in a Chinese window."""
    from mnist_desk.ui import i18n

    missing = tmp_path / "no-such-folder"
    save_dialog(str(missing / "m.onnx"), "ONNX (*.onnx)")
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        window.window_actions.export_model.trigger()
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=EXPORT_TIMEOUT_MS)
        (box,) = message_boxes()
        target = missing / "m.onnx"
        assert box.text() == f"无法写入 {target}：文件夹 {missing} 不存在；没有写入任何内容"
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: box.text().startswith(f"cannot write {target}: "), timeout=2000)
    qtbot.waitUntil(lambda: not window.window_actions.exporter.busy, timeout=EXPORT_TIMEOUT_MS)
    assert not missing.exists()
