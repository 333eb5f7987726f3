"""Keeping drawings in My digits, and correcting them, without Qt.

The rules, in one place:

- **keep**: a drawing the model read is kept in the store (on disk before the call returns) with
  a label: the digit the model read ("Keep"), or the right one (a correction);
- **relabel**: a second label for the *same* drawing relabels what was kept, never a duplicate
  (the same label again changes nothing); once the drawing changes, the next label keeps anew;
- **undo**: every keep or relabel is one step of the drawing session's undo history (Ctrl+Z):
  undoing a keep deletes the digit, undoing a relabel puts the old label back, and a digit deleted
  meanwhile in My digits leaves nothing to undo (the history goes on to the step before);
- **undo in My digits**: a delete or a relabel there can be undone, the last first (the tab's
  own history: the drawing pad's steps are not the tab's).

``Corrections`` reports each change to its listeners as an event (``DigitKept``,
``KeepTakenBack``, ``DigitsChanged``), whoever caused it: a click, a key, the undo stack, the
My digits tab. The views (``ui.draw.corrections``, ``ui.library.my_digits_view``) render them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mnist_desk.app.drawing_session import Drawing, DrawingSession
from mnist_desk.personal.store import MyDigitsStore, PersonalDigit


@dataclass(frozen=True)
class DigitKept:
    """Canvas ``index``'s drawing is in My digits as ``digit`` (kept, or relabelled)."""

    index: int
    digit: PersonalDigit
    count: int  # how many digits of its label the user has now


@dataclass(frozen=True)
class KeepTakenBack:
    """Undo took a keep back (``digit`` None: the digit left My digits) or a relabel (``digit``
    holds the label it has again)."""

    index: int
    digit: PersonalDigit | None


@dataclass(frozen=True)
class DigitsChanged:
    """Digits were relabelled, deleted or imported in My digits (``count`` of them)."""

    action: str  # "relabelled", "deleted", "restored", "imported"
    count: int


CorrectionEvent = DigitKept | KeepTakenBack | DigitsChanged


@dataclass(frozen=True)
class _Kept:
    drawing: Drawing  # the drawing when it was kept (compared by identity: Drawing is immutable)
    item_id: str


class KeepStep:
    """One step of the undo history: take a keep (``previous`` None) or a relabel back."""

    def __init__(
        self,
        corrections: Corrections,
        index: int,
        item: PersonalDigit,
        previous: PersonalDigit | None,
    ):
        self.corrections, self.index, self.item, self.previous = corrections, index, item, previous

    def undo(self) -> bool:
        return self.corrections.take_back(self)


def model_name(predictor: Any) -> str:
    """How a kept digit names the model that read it: its digit checkpoint's file stem."""
    path = predictor.digit_checkpoint.path if predictor is not None else None
    return Path(path).stem if path else ""


class Corrections:
    """The user's kept and corrected digits: the store, which drawing was kept as what, undo."""

    def __init__(self, store: MyDigitsStore, drawings: DrawingSession):
        self.store = store
        self.drawings = drawings
        self._kept: dict[int, _Kept] = {}
        self._edits: list[list[PersonalDigit]] = []  # digits before each delete or relabel
        self._listeners: list[Callable[[CorrectionEvent], None]] = []

    def on_change(self, listener: Callable[[CorrectionEvent], None]) -> None:
        self._listeners.append(listener)

    def _tell(self, event: CorrectionEvent) -> None:
        for listener in self._listeners:
            listener(event)

    # ---- keeping drawings ----

    def keep(self, index: int, reading: Any, model: str = "") -> PersonalDigit | None:
        """Keep canvas ``index``'s drawing with the digit the model read (it read it right)."""
        if not self.can_keep(index, reading):
            return None
        return self.correct(index, reading.digit, reading, model)

    def can_keep(self, index: int, reading: Any) -> bool:
        """Whether there is a drawing to keep: something drawn, and read as a digit."""
        return (
            reading is not None
            and not self.drawings.is_empty(index)
            and not reading.blank
            and reading.image28 is not None
        )

    def correct(
        self, index: int, label: int, reading: Any, model: str = ""
    ) -> PersonalDigit | None:
        """Keep canvas ``index``'s drawing as ``label`` (``reading``: what the model read there,
        a recognition ``DigitResult``); a second label for the same drawing relabels what was
        kept. Returns the kept digit; None when there is nothing to keep. The store's errors
        (OSError, MyDigitsError) propagate, with nothing changed."""
        if not self.can_keep(index, reading):
            return None
        drawing = self.drawings.drawings[index]
        kept = self._kept.get(index)
        if kept is not None and kept.drawing is drawing and kept.item_id in self.store:
            previous = self.store.get(kept.item_id)
            if previous.label == label:
                return previous
            item = self.store.relabel(kept.item_id, label)
        else:
            previous = None
            picture = drawing.picture is not None
            item = self.store.add(
                reading.image28,
                label,
                predicted=reading.digit,
                model=model,
                strokes=None if picture else drawing.strokes,
                source="image" if picture else "drawn",
            )
        self._kept[index] = _Kept(drawing, item.id)
        self.drawings.push_step(KeepStep(self, index, item, previous))
        self._tell(DigitKept(index, item, self.store.counts()[item.label]))
        return item

    def kept_digit(self, index: int) -> PersonalDigit | None:
        """What canvas ``index``'s drawing is kept as now (None: not this drawing, or not kept)."""
        kept = self._kept.get(index)
        if kept is None or kept.drawing is not self.drawings.drawings[index]:
            return None
        return self.store.get(kept.item_id) if kept.item_id in self.store else None

    def take_back(self, step: KeepStep) -> bool:
        """Undo a keep (the digit leaves My digits) or a relabel (the old label returns)."""
        if step.item.id not in self.store:
            return False  # deleted meanwhile in My digits: nothing left to undo here
        if step.previous is None:
            self.store.delete(step.item.id)
            kept = self._kept.get(step.index)
            if kept is not None and kept.item_id == step.item.id:
                del self._kept[step.index]
            self._tell(KeepTakenBack(step.index, None))
        else:
            item = self.store.relabel(step.item.id, step.previous.label)
            self._tell(KeepTakenBack(step.index, item))
        return True

    # ---- My digits ----

    def relabel(self, item_ids: Sequence[str], label: int) -> int:
        """Give digits in My digits a new label; ``undo_edit`` gives them their old ones back."""
        before = [self.store.get(item_id) for item_id in item_ids]
        for item_id in item_ids:
            self.store.relabel(item_id, label)
        if before:
            self._edits.append(before)
            self._tell(DigitsChanged("relabelled", len(before)))
        return len(before)

    def delete(self, item_ids: Sequence[str]) -> int:
        """Delete digits from My digits; ``undo_edit`` puts them back."""
        deleted = [self.store.delete(item_id) for item_id in item_ids]
        if deleted:
            self._edits.append(deleted)
            self._tell(DigitsChanged("deleted", len(deleted)))
        return len(deleted)

    @property
    def can_undo_edit(self) -> bool:
        return bool(self._edits)

    def undo_edit(self) -> int:
        """Undo the last delete or relabel in My digits: its digits as they were (ids, labels);
        how many."""
        if not self._edits:
            return 0
        restored = self._edits.pop()
        for item in restored:
            self.store.restore(item)
        self._tell(DigitsChanged("restored", len(restored)))
        return len(restored)

    def import_folder(self, folder: str | Path) -> Any:
        """Add the digits of a folder with sub-folders 0 ... 9 (``personal.folders``); returns
        its ``ImportReport``. A folder that cannot be read raises MyDigitsError."""
        from mnist_desk.personal.folders import import_digits

        report = import_digits(self.store, folder)
        self._tell(DigitsChanged("imported", len(report.imported)))
        return report

    def export_folder(self, folder: str | Path) -> Any:
        """Write every digit to sub-folders 0 ... 9 of ``folder``; returns its ``ExportReport``."""
        from mnist_desk.personal.folders import export_digits

        return export_digits(self.store, folder)
