"""The Inside dock's choice of heatmap method: the user's choice (remembered) and, for the
network in use, the methods that apply (the others greyed out) and the one its heatmaps used."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox

from mnist_desk.inspection.methods import DEFAULT_METHOD, METHODS

# the deletion test's winner first (the default), then the others
METHOD_KEYS = (DEFAULT_METHOD, *(m for m in METHODS if m != DEFAULT_METHOD))


class MethodBox(QComboBox):
    """``chosen`` when the user picks a method; ``choice`` is it (what the dock asks for)."""

    chosen = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        for key in METHOD_KEYS:
            self.addItem(key, key)
        saved = str(settings.value("inside/method", METHOD_KEYS[0]))
        self.choice = saved if saved in METHOD_KEYS else METHOD_KEYS[0]
        self.setCurrentIndex(self.findData(self.choice))
        self.currentIndexChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        self.choice = str(self.itemData(index))
        self.settings.setValue("inside/method", self.choice)
        self.chosen.emit()

    def show_used(self, used: str, applicable: tuple[str, ...]) -> None:
        """Grey out the methods that do not apply to the network in use and show ``used``; the
        user's choice stays, for the next network it applies to (rollout for a ViT)."""
        if not applicable:  # a blank digit: nothing was computed
            return
        self.blockSignals(True)
        for i in range(self.count()):
            applies = self.itemData(i) in applicable
            self.model().item(i).setEnabled(applies)
            why = None if applies else self.tr("Does not apply to this network")
            self.setItemData(i, why, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(self.findData(used))
        self.blockSignals(False)
