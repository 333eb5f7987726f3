"""A box's number, digit by digit: each digit's model input (small), its reading and how sure.

Shown above the digit in detail (``prediction_view.DigitResultView``) when a box holds more than
one digit; clicking a digit shows it in detail there (the drawing session keeps which one).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_desk.ui.draw.result_parts import Preview28, percent_text
from mnist_desk.ui.i18n import LiveTexts, is_language_change

CHIP_SCALE = 2  # a digit's 28x28 model input shown at 56 px
# A digit as a chip shows it (the fields of ``DigitResult`` it reads), to size the strip by.
_PLACEHOLDER = SimpleNamespace(image28=np.zeros((28, 28), np.uint8), digit=0, confidence=1.0)


def doubt_text(reason: str | None) -> str:
    """A "not a digit" reason in the user's language (the core's phrases, context "Doubt")."""
    return QCoreApplication.translate("Doubt", reason or "not a digit")


class DigitChip(QFrame):
    """One digit of a number: its model input, its reading (``?`` when not a digit), how sure."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.preview = Preview28(scale=CHIP_SCALE)
        self.digit_label = QLabel()
        font = self.digit_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence_label = QLabel()
        self.confidence_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        reading = QHBoxLayout()  # the digit and how sure, on one line: the strip stays low
        reading.setSpacing(4)
        reading.addStretch(1)
        reading.addWidget(self.digit_label)
        reading.addWidget(self.confidence_label)
        reading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(1)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(reading)

    def show_digit(self, digit, selected: bool) -> None:
        """A ``DigitResult``; the selected one is framed in the highlight colour."""
        self.preview.set_image(digit.image28)
        if digit.digit is None:
            self.digit_label.setText("?")
            self.confidence_label.setText("")
            self.setToolTip(doubt_text(digit.doubt))
        else:
            self.digit_label.setText(str(digit.digit))
            self.confidence_label.setText(percent_text(digit.confidence))
            self.setToolTip("")
        self.setFrameShadow(QFrame.Shadow.Sunken if selected else QFrame.Shadow.Raised)
        self.setLineWidth(2 if selected else 1)
        colour = self.palette().color(QPalette.ColorRole.Highlight).name()
        self.setStyleSheet(
            f"DigitChip {{ border: 2px solid {colour}; }}" if selected else "DigitChip {}"
        )

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class NumberStrip(QWidget):
    """The number read in one box, then one chip per digit, left to right. Hidden unless the
    box holds more than one digit (one digit is shown in detail below it already), its room
    kept so the canvas keeps its size."""

    digit_clicked = Signal(int)  # which digit (left to right) was clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.number_label = QLabel()
        font = self.number_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.number_label.setFont(font)
        self.chips: list[DigitChip] = []
        # The chips scroll sideways: a long number must not widen the window past the screen.
        chips_box = QWidget()
        self._row = QHBoxLayout(chips_box)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.chips_area = QScrollArea()
        self.chips_area.setWidget(chips_box)
        self.chips_area.setWidgetResizable(True)
        self.chips_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chips_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number_label)
        row.addWidget(self.chips_area, 1)
        self._number = None
        self._selected = 0
        self.texts = LiveTexts()
        self.texts.call(self._set_texts)
        # Its room is kept when hidden: the canvas above must not change size while one writes.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        chip = DigitChip()  # its room: a chip framed as selected (the frame is thicker)
        chip.show_digit(_PLACEHOLDER, selected=True)
        scroll_bar = self.chips_area.horizontalScrollBar().sizeHint().height()
        self.chips_area.setMinimumHeight(chip.sizeHint().height() + scroll_bar)
        self.setMinimumHeight(chip.sizeHint().height() + scroll_bar)
        self.hide()

    @property
    def number_text(self) -> str:
        return self.number_label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_number(self, number, selected: int) -> None:
        """A ``NumberResult`` and the digit shown in detail; hidden for none or one digit."""
        self._number, self._selected = number, selected
        digits = number.digits if number is not None else ()
        self.setVisible(len(digits) > 1)
        if len(digits) <= 1:
            return
        while len(self.chips) < len(digits):
            chip, k = DigitChip(), len(self.chips)
            chip.clicked.connect(lambda k=k: self.digit_clicked.emit(k))
            self._row.insertWidget(self._row.count() - 1, chip, 0, Qt.AlignmentFlag.AlignTop)
            self.chips.append(chip)
        for k, chip in enumerate(self.chips):
            chip.setVisible(k < len(digits))
            if k < len(digits):
                chip.show_digit(digits[k], k == selected)
        self._set_texts()
        # the digit shown in detail (the last drawn) is scrolled into view once laid out
        QTimer.singleShot(0, self, self._show_selected_chip)

    def _show_selected_chip(self) -> None:
        if self._number is not None and 0 <= self._selected < len(self._number.digits):
            self.chips_area.ensureWidgetVisible(self.chips[self._selected], 0, 0)

    def _set_texts(self) -> None:
        number = self._number
        if number is None or len(number.digits) <= 1:
            return
        text = number.text if number.value is not None else "?"
        self.number_label.setText(self.tr("Number: {0}").format(text))
        if number.value is None:
            self.number_label.setToolTip(
                self.tr("Not read as a number: {0}").format(doubt_text(number.doubt))
            )
        else:
            self.number_label.setToolTip(
                self.tr("{0} sure of the whole number").format(percent_text(number.confidence))
            )

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
