"""A spin box for values spanning decades, such as learning rates."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class ScientificSpinBox(QDoubleSpinBox):
    """Shown as 3e-3 (``%g``), stepped x2 or /2 by the arrows instead of by a fixed amount."""

    def __init__(self, minimum: float, maximum: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(12)
        self.setRange(minimum, maximum)

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if value == 0:
            value = max(self.minimum(), 1e-5) if steps > 0 else 0.0
        else:
            value *= 2.0**steps
        self.setValue(min(self.maximum(), max(self.minimum(), value)))
