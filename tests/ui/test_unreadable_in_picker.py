"""The model picker lists unreadable checkpoints greyed out, with the reason as the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt


def window_with_a_broken_checkpoint(make_window, tmp_path):
    """A window whose models folder holds one file of zeros named like a checkpoint."""
    folder = tmp_path / "models"
    folder.mkdir()
    broken = folder / "classifier-convnet-broken.pt"
    broken.write_bytes(b"\x00" * 300)
    return make_window(models_dir=str(folder)), broken


def test_an_unreadable_checkpoint_is_greyed_out_with_its_reason(make_window, tmp_path):
    window, broken = window_with_a_broken_checkpoint(make_window, tmp_path)
    combo = window.picker.checkpoint_combo
    index = combo.findData(str(broken))
    assert index >= 0, "the broken checkpoint vanished from the picker"
    assert "unreadable" in combo.itemText(index)
    assert not combo.model().item(index).isEnabled()
    tooltip = combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert str(broken) in tooltip and "truncated or corrupt" in tooltip
    assert window.predictor.checkpoint.path != broken


def test_the_reason_follows_the_language(make_window, tmp_path, qtbot):
    """The reason a checkpoint cannot be read (the core's words) stayed English in a Chinese
    window; it is worded in the language in effect, and again after a switch back."""
    from mnist_desk.ui import i18n

    window, broken = window_with_a_broken_checkpoint(make_window, tmp_path)
    combo = window.picker.checkpoint_combo

    def reason() -> str:
        return combo.itemData(combo.findData(str(broken)), Qt.ItemDataRole.ToolTipRole)

    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: "不是可读取的模型文件" in reason(), timeout=2000)
        assert reason().startswith(f"{broken}：")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: "truncated or corrupt" in reason(), timeout=2000)
