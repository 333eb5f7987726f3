"""Correcting a misread digit in place on the drawing pad, and keeping it in My digits.

Under each canvas's answer: a "Keep" button (the model read it right: keep it as an example) and a
hint. Clicking the right digit's probability bar, or pressing a digit key while the canvas is
selected, keeps the drawing with that label. The digit is on disk before the click returns
(``MyDigitsStore.add`` writes atomically), so killing the app right after loses nothing. Each
keep or correction is one step of the window's undo (Ctrl+Z).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from mnist_desk.personal.store import MyDigitsError, MyDigitsStore, PersonalDigit

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


@dataclass
class KeptDrawing:
    """What one canvas's current drawing was kept as (so a second label relabels, not duplicates)."""

    state: object  # the canvas's CanvasState when it was kept
    item_id: str


class UndoKeep:
    """One step of the window's undo stack: take a keep (or a relabel) back."""

    def __init__(self, controller: CorrectionController, index: int, item: PersonalDigit, previous):
        self.controller, self.index, self.item, self.previous = controller, index, item, previous

    def undo(self) -> bool:
        return self.controller.take_back(self)


class KeepBar(QWidget):
    """Under a canvas's answer: the Keep button, and what became of this drawing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.keep_button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_button)
        row.addWidget(self.note, 1)
        self._note_text: tuple | None = None
        self.retranslate()

    def show_kept(self, label: int, predicted: int | None) -> None:
        self._note_text = (label, predicted)
        self.retranslate()

    def clear_note(self) -> None:
        self._note_text = None
        self.retranslate()

    @property
    def note_text(self) -> str:
        return self.note.text()

    def retranslate(self) -> None:
        self.keep_button.setText(self.tr("Keep"))
        self.keep_button.setToolTip(
            self.tr("Keep this drawing in My digits with the digit the model read")
        )
        if self._note_text is None:
            self.note.setText(self.tr("Misread? Click the right digit's bar or press its key."))
        else:
            label, predicted = self._note_text
            if predicted is not None and predicted != label:
                text = self.tr("Kept in My digits as {0} (read as {1}). Ctrl+Z takes it back.")
                self.note.setText(text.format(label, predicted))
            else:
                self.note.setText(self.tr("Kept in My digits as {0}.").format(label))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CorrectionController(QObject):
    """Wires the drawing pad's canvases, bars and keys to the user's My digits store."""

    changed = Signal()  # My digits changed (a keep, a correction, an undo)

    def __init__(self, window, store: MyDigitsStore | None = None):
        super().__init__(window)
        self.window = window
        self.store = store or MyDigitsStore()
        self.kept: dict[int, KeptDrawing] = {}
        self.bars: list[KeepBar] = []
        for panel in window.panels:
            bar = KeepBar()
            panel.layout().addWidget(bar)
            self.bars.append(bar)
            i = panel.index
            bar.keep_button.clicked.connect(lambda _=False, i=i: self.keep(i))
            panel.result_view.bars.bar_clicked.connect(lambda digit, i=i: self.correct(i, digit))
            panel.result_view.bars.setCursor(Qt.CursorShape.PointingHandCursor)
            panel.canvas.changed.connect(lambda i=i: self._on_canvas_changed(i))
            panel.canvas.installEventFilter(self)

    # ---- input ----

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in DIGIT_KEYS:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier:
                for i, canvas in enumerate(self.window.canvases):
                    if canvas is watched:
                        self.correct(i, DIGIT_KEYS[event.key()])
                        return True
        return super().eventFilter(watched, event)

    def _on_canvas_changed(self, index: int) -> None:
        kept = self.kept.get(index)
        state = self.window.canvases[index].state
        if kept is not None and kept.state is not state:
            self.bars[index].clear_note()
        elif kept is not None and kept.item_id in self.store:
            item = self.store.get(kept.item_id)
            self.bars[index].show_kept(item.label, item.predicted)

    # ---- keeping ----

    def keep(self, index: int) -> PersonalDigit | None:
        """Keep the drawing with the digit the model read (it read it right)."""
        digit = self._digit_result(index)
        return None if digit is None else self.correct(index, digit.digit)

    def correct(self, index: int, label: int) -> PersonalDigit | None:
        """Keep canvas ``index``'s drawing as ``label``; a second label for the same drawing
        relabels what was kept. Returns the kept digit (None if there is nothing to keep)."""
        digit = self._digit_result(index)
        if digit is None:
            self.window.statusBar().showMessage(
                self.tr("Draw a digit first, then click the right digit to keep it."), 4000
            )
            return None
        canvas = self.window.canvases[index]
        state = canvas.state
        kept = self.kept.get(index)
        try:
            if kept is not None and kept.state is state and kept.item_id in self.store:
                previous = self.store.get(kept.item_id)
                if previous.label == label:
                    return previous
                item = self.store.relabel(kept.item_id, label)
            else:
                previous = None
                item = self.store.add(
                    digit.image28,
                    label,
                    predicted=digit.digit,
                    model=self._model_name(),
                    strokes=state.strokes if state.picture is None else None,
                    source="drawn" if state.picture is None else "image",
                )
        except (OSError, MyDigitsError) as e:
            self.window.show_error(self.tr("Cannot keep this digit"), str(e))
            return None
        self.kept[index] = KeptDrawing(state, item.id)
        self.window.push_undo_step(UndoKeep(self, index, item, previous))
        self.bars[index].show_kept(item.label, item.predicted)
        self.window.statusBar().showMessage(self._kept_message(item), 6000)
        self.changed.emit()
        return item

    def take_back(self, step: UndoKeep) -> bool:
        """Undo a keep (the digit leaves My digits) or a relabel (the old label returns)."""
        if step.item.id not in self.store:
            return False  # deleted meanwhile in the browser: nothing left to undo here
        if step.previous is None:
            self.store.delete(step.item.id)
            if self.kept.get(step.index) and self.kept[step.index].item_id == step.item.id:
                del self.kept[step.index]
            self.bars[step.index].clear_note()
            message = self.tr("Took back the digit kept in My digits")
        else:
            item = self.store.relabel(step.item.id, step.previous.label)
            self.bars[step.index].show_kept(item.label, item.predicted)
            message = self.tr("My digits: back to {0}").format(item.label)
        self.window.statusBar().showMessage(message, 4000)
        self.changed.emit()
        return True

    # ---- helpers ----

    def _digit_result(self, index: int):
        result = self.window.last_result
        if result is None or self.window.canvases[index].is_empty():
            return None
        digit = result.digits[index]
        return None if digit.blank or digit.image28 is None else digit

    def _model_name(self) -> str:
        predictor = self.window.predictor
        path = predictor.digit_checkpoint.path if predictor is not None else None
        return Path(path).stem if path else ""

    def _kept_message(self, item: PersonalDigit) -> str:
        counts = self.store.counts()
        if item.misread:
            text = self.tr("Kept as {0} in My digits (the model read {1}); you have {2} of {0}.")
            return text.format(item.label, item.predicted, counts[item.label])
        text = self.tr("Kept as {0} in My digits; you have {1} of {0}.")
        return text.format(item.label, counts[item.label])
