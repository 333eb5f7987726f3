"""The Draw tab: the model picker, two canvases with what the model reads from each, the pen and
undo tools, and the sum. A view of a ``DrawingSession`` (``mnist_desk.app.drawing_session``): it
shows each reading the session reports (``Recognised``, ``RecognitionFailed``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.drawing_session import (
    DigitSelected,
    DrawingSession,
    ReadingEvent,
    Recognised,
    RecognitionFailed,
)
from mnist_desk.ui.draw.canvas import DigitCanvas
from mnist_desk.ui.draw.model_picker import ModelPicker
from mnist_desk.ui.draw.number_view import NumberStrip
from mnist_desk.ui.draw.prediction_view import DigitResultView, SumView
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, text_of
from mnist_desk.ui.settings import MAX_PEN_WIDTH, MIN_PEN_WIDTH


class DigitPanel(QFrame):
    """One canvas with its title, buttons, and what the model reads from it."""

    def __init__(self, index: int, session: DrawingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.canvas = DigitCanvas(session, index)
        self.number_view = NumberStrip()  # the number, digit by digit (two digits or more)
        self.number_view.digit_clicked.connect(lambda k: session.select_digit(index, k))
        self.result_view = DigitResultView()  # the digit shown in detail
        self.open_button = QPushButton()
        self.clear_button = QPushButton()
        self.clear_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogResetButton)
        )
        self.open_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton)
        )
        self.clear_button.clicked.connect(self.canvas.clear)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.open_button)
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.number_view)
        layout.addWidget(self.result_view)
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("First number") if self.index == 0 else self.tr("Second number"))
        self.open_button.setText(self.tr("Open image…"))
        self.open_button.setToolTip(
            self.tr("Read a number from an image file (or drop one on the box)")
        )
        self.clear_button.setText(self.tr("Clear"))
        self.canvas.set_placeholder(self.tr("Write a number here\nor drop an image"))
        self.canvas.setToolTip(
            self.tr("Write a number, left to right, with the mouse, a pen or a finger")
        )

    def show_number(self, number, selected: int, adder_number=None) -> None:
        """A box's ``NumberResult``: the number digit by digit, and digit ``selected`` in
        detail (with what a scratch adder that reads digits made of it)."""
        self.number_view.show_number(number, selected)
        digits = number.digits
        digit = digits[selected] if digits else number.single
        own = None
        if adder_number is not None and selected < len(adder_number.digits):
            own = adder_number.digits[selected]
        self.result_view.show_result(digit, own)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)


class DrawingTab(QWidget):
    """The model picker, the two digit panels with a "+" between, pen and undo tools, the sum."""

    pen_width_chosen = Signal(float)  # the user moved the pen slider (the window remembers it)

    def __init__(self, session: DrawingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.picker = ModelPicker()
        self.panels = [DigitPanel(i, session) for i in range(len(session.drawings))]
        self.canvases = [p.canvas for p in self.panels]
        self.plus_label = QLabel("+")
        font = self.plus_label.font()
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.plus_label.setFont(font)
        self.plus_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sum_view = SumView()

        self.pen_label = QLabel()
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(round(MIN_PEN_WIDTH * 100), round(MAX_PEN_WIDTH * 100))
        self.pen_slider.setFixedWidth(160)
        self.pen_slider.valueChanged.connect(
            lambda v: self.pen_width_chosen.emit(self.set_pen_width(v / 100))
        )
        self.undo_button = QPushButton()
        self.redo_button = QPushButton()
        self.clear_all_button = QPushButton()

        canvases_row = QHBoxLayout()
        canvases_row.addWidget(self.panels[0], 1)
        canvases_row.addWidget(self.plus_label)
        canvases_row.addWidget(self.panels[1], 1)
        tools_row = QHBoxLayout()
        tools_row.addWidget(self.pen_label)
        tools_row.addWidget(self.pen_slider)
        tools_row.addStretch(1)
        tools_row.addWidget(self.undo_button)
        tools_row.addWidget(self.redo_button)
        tools_row.addWidget(self.clear_all_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)  # every pixel of height goes to the canvases
        layout.addWidget(self.picker)
        layout.addLayout(canvases_row, 1)
        layout.addLayout(tools_row)
        layout.addWidget(line)
        layout.addWidget(self.sum_view)
        self._active = 0
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self.retranslate)
        session.on_reading(self._on_reading)

    # ---- the pen and the selected canvas ----

    @property
    def pen_width(self) -> float:
        return self.canvases[0].pen_width

    def set_pen_width(self, fraction: float) -> float:
        """Both canvases' pen (a share of the box side, clamped); returns the width set."""
        fraction = round(min(MAX_PEN_WIDTH, max(MIN_PEN_WIDTH, fraction)), 3)
        for canvas in self.canvases:
            canvas.set_pen_width(fraction)
        self.pen_slider.blockSignals(True)
        self.pen_slider.setValue(round(fraction * 100))
        self.pen_slider.blockSignals(False)
        self._update_pen_label()
        return fraction

    @property
    def active_index(self) -> int:
        return self._active

    def set_active(self, index: int) -> None:
        self._active = index
        for i, canvas in enumerate(self.canvases):
            canvas.set_active(i == index)

    # ---- what the model reads ----

    def _on_reading(self, event: ReadingEvent) -> None:
        if isinstance(event, Recognised):
            self.show_result(event.result, event.selected)
        elif isinstance(event, DigitSelected):
            result = self.session.result
            own = result.adder_numbers[event.index] if result.adder_numbers else None
            self.panels[event.index].show_number(result.numbers[event.index], event.digit, own)
        elif isinstance(event, RecognitionFailed):  # no earlier reading stays shown as if current
            self.show_error(
                lambda: self.tr("Recognition failed: {0}").format(text_of(event.message)),
                sum_message=lambda: self.tr("No sum: recognition failed"),
            )

    def show_loading(self) -> None:
        for panel in self.panels:
            panel.result_view.show_loading()
        self.sum_view.show_loading()

    def show_error(self, message: Text, *, sum_message: Text | None = None) -> None:
        """``message`` in place of each box's reading; ``sum_message`` (default: the same) in
        place of the sum (callables word them again after a language switch)."""
        for panel in self.panels:
            panel.number_view.show_number(None, 0)
            panel.result_view.show_error(message)
        self.sum_view.show_error(message if sum_message is None else sum_message)

    def show_result(self, result, selected=(0, 0)) -> None:
        """A SumResult: each box's number under it, one digit in detail (with what an adder
        itself reads), the sum."""
        own = result.adder_numbers or (None, None)
        for panel, number, k, adder in zip(self.panels, result.numbers, selected, own, strict=True):
            panel.show_number(number, k, adder)
        self.sum_view.show_result(result)

    # ---- language ----

    def retranslate(self) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.redo_button.setText(self.tr("Redo"))
        redo_keys = QKeySequence(QKeySequence.StandardKey.Redo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.redo_button.setToolTip(self.tr("Redo what was undone ({0})").format(redo_keys))
        self.clear_all_button.setText(self.tr("Clear all"))
        self.clear_all_button.setToolTip(self.tr("Clear both boxes (Esc)"))
        self.pen_slider.setToolTip(self.tr("Pen width, as a share of the box size ([ and ])"))
        self._update_pen_label()

    def _update_pen_label(self) -> None:
        self.pen_label.setText(self.tr("Pen width: {0}%").format(round(self.pen_width * 100)))

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
