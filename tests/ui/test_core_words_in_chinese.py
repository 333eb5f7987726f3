"""The core's messages reach a Chinese window in Chinese (errors.Phrase, ui.i18n.text_of): each
test switches to View > Language > 简体中文, provokes the error as a person would, reads what the
window shows and switches back."""

from __future__ import annotations

import torch
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from mnist_desk.ui import i18n
from tests.support import press

LOAD_TIMEOUT_MS = 60_000


def click_tab(qtbot, tabs, widget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(widget)).center())


def in_chinese(qtbot, window) -> None:
    window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)


def test_comparing_one_architecture_is_refused_in_chinese(window, qtbot):
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=LOAD_TIMEOUT_MS)
    panel = window.training_panel
    click_tab(qtbot, window.tabs, panel)
    click_tab(qtbot, panel.views, panel.arch_view)
    checks = panel.arch_view.checks
    for arch, check in checks.items():  # MLP alone
        if check.isChecked() != (arch == "mlp"):
            qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert panel.arch_view.chosen() == ["mlp"]
    try:
        in_chinese(qtbot, window)
        press(qtbot, panel.arch_view.compare_button)
        assert not panel.is_running
        assert panel.run_controls.banner.text() == "无法开始：比较至少需要两种架构"
        assert window.statusBar().currentMessage() == "无法开始：比较至少需要两种架构"
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(
        lambda: (
            panel.run_controls.banner.text()
            == "Cannot start: a comparison needs at least two architectures"
        ),
        timeout=2000,
    )


def test_a_model_whose_weights_do_not_fit_is_refused_in_chinese(
    window, qtbot, tmp_path, monkeypatch, message_boxes
):
    shipped = window.predictor.checkpoint.path
    payload = torch.load(shipped, map_location="cpu", weights_only=True)
    payload["state_dict"].pop(next(iter(payload["state_dict"])))  # a layer's weights missing
    misfit = tmp_path / "classifier-convnet-misfit.pt"
    torch.save(payload, misfit)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(misfit), "checkpoints"))
    )
    try:
        in_chinese(qtbot, window)
        CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)  # Model > Open Model File…
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=LOAD_TIMEOUT_MS)
        (box,) = message_boxes()
        assert box.windowTitle() == "无法使用此模型"
        assert box.text().startswith(f"{misfit}：它的权重与 classifier/convnet 模型不匹配：")
        assert box.text().endswith("\n\n仍在使用之前的模型。")
        assert window.predictor.checkpoint.path == shipped
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: "its weights do not fit" in box.text(), timeout=2000)


def test_the_train_tabs_trained_classifiers_are_named_in_chinese(qtbot, window):
    """The Train tab's "Start from" said "classifier-convnet (shipped, test 99.55%)" (the core's
    title) in a Chinese window, where the Draw tab's weights say "classifier-convnet（内置，…）"."""
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=LOAD_TIMEOUT_MS)
    form = window.training_panel.form
    qtbot.waitUntil(lambda: form.choices_ready, timeout=LOAD_TIMEOUT_MS)
    try:
        in_chinese(qtbot, window)
        qtbot.waitUntil(lambda: "内置" in window.picker.checkpoint_combo.currentText())
        click_tab(qtbot, window.tabs, window.training_panel)
        form.task_box.setFocus()
        qtbot.keyClick(form.task_box, Qt.Key.Key_Down)  # the transfer adder: "Start from"
        assert form.init_box.isVisible()
        shipped = form.init_box.currentText()
        assert shipped == window.picker.checkpoint_combo.currentText(), shipped
    finally:
        i18n.apply_language("en")
