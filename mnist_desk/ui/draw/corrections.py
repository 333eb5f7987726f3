"""Correcting a misread digit in place on the drawing pad, and keeping it in My digits: the view.

Under each canvas's answer: a "Keep" button (the model read it right: keep it as an example) and a
note. Clicking the right digit's probability bar, or pressing a digit key while the canvas is
selected, keeps the drawing with that label. The rules (keep, relabel, undo) are the app layer's
``mnist_desk.app.corrections.Corrections``; this view turns clicks and keys into its requests and
shows what it reports.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mnist_desk.app.corrections import (
    CorrectionEvent,
    Corrections,
    DigitKept,
    DigitsChanged,
    KeepTakenBack,
    model_name,
)
from mnist_desk.personal.store import MyDigitsError, MyDigitsStore, PersonalDigit
from mnist_desk.ui.draw.result_parts import WrappingLabel
from mnist_desk.ui.i18n import LiveTexts, is_language_change

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


class KeepBar(QWidget):
    """Under a canvas's answer: the Keep button, and what became of this drawing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = LiveTexts()
        self.keep_button = QPushButton()
        self.texts.bind(self.keep_button.setText, lambda: self.tr("Keep"))
        self.texts.bind(
            self.keep_button.setToolTip,
            lambda: self.tr("Keep this drawing in My digits with the digit the model read"),
        )
        self.note = WrappingLabel()
        # a narrow window wraps the note: two lines stay whole at the window's least height too
        self.note.setMinimumHeight(2 * self.note.fontMetrics().lineSpacing())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_button)
        row.addWidget(self.note, 1)
        self._kept: PersonalDigit | None = None
        self._drawn = False
        self.texts.call(self._show_note)

    def show_kept(self, digit: PersonalDigit | None, drawn: bool = True) -> None:
        """What this drawing is kept as (None: not kept); ``drawn`` False: the box is empty, and
        there is nothing to keep or correct."""
        self._kept, self._drawn = digit, drawn or digit is not None
        self.keep_button.setEnabled(self._drawn)
        self._show_note()

    @property
    def note_text(self) -> str:
        return self.note.text()

    def _show_note(self) -> None:
        digit = self._kept
        if digit is None and not self._drawn:
            self.note.setText("")
        elif digit is None:
            self.note.setText(self.tr("Misread? Click the right digit's bar or press its key."))
        elif digit.misread:
            text = self.tr("Kept in My digits as {0} (read as {1}). Ctrl+Z takes it back.")
            self.note.setText(text.format(digit.label, digit.predicted))
        else:
            self.note.setText(self.tr("Kept in My digits as {0}.").format(digit.label))

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)


class CorrectionController(QObject):
    """Wires the drawing pad's bars, buttons and keys to the app's ``Corrections``."""

    changed = Signal()  # My digits changed (a keep, a correction, an undo, an edit in the tab)

    def __init__(self, window, store: MyDigitsStore | None = None):
        super().__init__(window)
        self.window = window
        self.session = Corrections(store or MyDigitsStore(), window.drawing)
        self.store = self.session.store
        self.bars: list[KeepBar] = []
        for panel in window.panels:
            bar = KeepBar()
            panel.layout().addWidget(bar)
            self.bars.append(bar)
            i = panel.index
            bar.keep_button.clicked.connect(lambda _=False, i=i: self.keep(i))
            panel.result_view.bars.bar_clicked.connect(lambda digit, i=i: self.correct(i, digit))
            panel.result_view.bars.setCursor(Qt.CursorShape.PointingHandCursor)
            panel.canvas.installEventFilter(self)
        window.drawing.on_change(self._show_box)
        for i in range(len(self.bars)):
            self._show_box(i)
        self.session.on_change(self._show)

    def _show_box(self, index: int) -> None:
        drawn = not self.window.drawing.is_empty(index)
        self.bars[index].show_kept(self.session.kept_digit(index), drawn)

    # ---- requests ----

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in DIGIT_KEYS:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier:
                for i, canvas in enumerate(self.window.canvases):
                    if canvas is watched:
                        self.correct(i, DIGIT_KEYS[event.key()])
                        return True
        return super().eventFilter(watched, event)

    def keep(self, index: int) -> PersonalDigit | None:
        """Keep the drawing with the digit the model read (it read it right)."""
        reading = self._reading(index)
        if reading is not None and not reading.blank and reading.digit is None:
            # "?": the model read no digit, so only the user can say which one it is
            self.window.show_status(
                lambda: self.tr(
                    "The model read no digit here: click the right digit's bar to keep it."
                ),
                6000,
            )
            return None
        return self.correct(index, reading.digit if reading is not None else 0)

    def correct(self, index: int, label: int) -> PersonalDigit | None:
        """Keep canvas ``index``'s drawing as ``label`` (None if there is nothing to keep)."""
        reading = self._reading(index)
        if not self.session.can_keep(index, reading):
            self.window.show_status(self._why_nothing_to_keep(index), 6000)
            return None
        try:
            return self.session.correct(index, label, reading, model_name(self.window.predictor))
        except (OSError, MyDigitsError) as e:
            self.window.show_error(lambda: self.tr("Cannot keep this digit"), str(e))
            return None

    def _reading(self, index: int):
        result = self.window.last_result
        return None if result is None else result.digits[index]

    def _why_nothing_to_keep(self, index: int) -> Callable[[], str]:
        result = self.window.last_result
        if result is not None and len(result.numbers[index].digits) > 1:
            return lambda: self.tr(
                "My digits keeps one digit per box; this box holds a number. "
                "Write one digit to keep it."
            )
        return lambda: self.tr("Draw a digit first, then click the right digit to keep it.")

    # ---- what the session reports ----

    def _show(self, event: CorrectionEvent) -> None:
        say = self.window.show_status  # worded again if the language switches while shown
        if isinstance(event, DigitKept):
            digit = event.digit
            self._show_box(event.index)
            if digit.misread:
                say(
                    lambda: self.tr(
                        "Kept as {0} in My digits (the model read {1}); {0}s kept so far: {2}."
                    ).format(digit.label, digit.predicted, event.count),
                    6000,
                )
            else:
                say(
                    lambda: self.tr("Kept as {0} in My digits; {0}s kept so far: {1}.").format(
                        digit.label, event.count
                    ),
                    6000,
                )
        elif isinstance(event, KeepTakenBack):
            self._show_box(event.index)
            if event.digit is None:
                say(lambda: self.tr("Took back the digit kept in My digits"), 4000)
            else:
                label = event.digit.label
                say(lambda: self.tr("My digits: back to {0}").format(label), 4000)
        elif isinstance(event, DigitsChanged):  # edited in My digits: say what each box is now
            for i in range(len(self.bars)):
                self._show_box(i)
        self.changed.emit()
