"""The model picker lists unreadable checkpoints greyed out, with the reason as the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_an_unreadable_checkpoint_is_greyed_out_with_its_reason(make_window, tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    broken = folder / "classifier-convnet-broken.pt"
    broken.write_bytes(b"\x00" * 300)
    window = make_window(models_dir=str(folder))
    combo = window.picker.checkpoint_combo
    index = combo.findData(str(broken))
    assert index >= 0, "the broken checkpoint vanished from the picker"
    assert "unreadable" in combo.itemText(index)
    assert not combo.model().item(index).isEnabled()
    tooltip = combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert str(broken) in tooltip and "truncated or corrupt" in tooltip
    assert window.predictor.checkpoint.path != broken
