"""A drop-down whose current text, when it does not fit, ends in "…" and shows whole in its
tooltip: a plain QComboBox squeezed by its layout cuts the text off mid-word, with nothing to
say what was lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QToolTip

LABEL_INSET = 2  # QCommonStyle draws the label 1 px in from each side of its field


class ElidingComboBox(QComboBox):
    """A QComboBox (not editable) that elides its current text to the room it has; its tooltip
    is the whole text (before the box's own tooltip, if it has one) while the text is elided.
    ``whole``: never narrower than its longest item (a short choice that must stay readable)."""

    def __init__(self, parent=None, *, whole: bool = False):
        super().__init__(parent)
        self.whole = whole

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # the style insets the text by a pixel each side, which QComboBox's hint leaves out:
        # without them a text as wide as its room ("CPU（1 个线程）") would end in "…"
        return super().sizeHint() + QSize(LABEL_INSET, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint() if self.whole else super().minimumSizeHint()

    def _label_width(self, option: QStyleOptionComboBox) -> int:
        """The room the style gives the current text (QCommonStyle's CE_ComboBoxLabel)."""
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        width = field.width() - LABEL_INSET
        if not option.currentIcon.isNull():
            width -= option.iconSize.width() + 4
        return max(0, width)

    def shown_text(self) -> str:
        """The current text as the box draws it: whole, or elided to fit."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        if self.isEditable():
            return option.currentText
        width = self._label_width(option)
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, width)

    def tip(self) -> str:
        """What the tooltip says now."""
        own = self.toolTip()
        if self.shown_text() == self.currentText():
            return own
        return self.currentText() + (f"\n\n{own}" if own else "")

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if not self.isEditable():
            option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tip()
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
