"""Keeping and correcting drawings in My digits without Qt: keep, relabel, undo, and the events."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from mnist_desk.app.corrections import Corrections, DigitKept, DigitsChanged, KeepTakenBack
from mnist_desk.app.drawing_session import DrawingSession
from mnist_desk.personal.store import MyDigitsError, MyDigitsStore

LINE = [(0.5, 0.2), (0.5, 0.8)]


@dataclass
class Reading:
    """What the model read on a canvas (the fields of recognition's DigitResult used here)."""

    digit: int
    blank: bool = False
    image28: np.ndarray | None = None

    def __post_init__(self):
        if self.image28 is None and not self.blank:
            self.image28 = np.full((28, 28), 7 * self.digit, np.uint8)


@pytest.fixture
def pad(tmp_path):
    drawings = DrawingSession()
    corrections = Corrections(MyDigitsStore(tmp_path / "mine"), drawings)
    heard = []
    corrections.on_change(heard.append)
    return drawings, corrections, heard


def labels(corrections) -> list[tuple[int, int | None]]:
    """(label, predicted) of every digit, as a fresh start of the app would find them."""
    return sorted((d.label, d.predicted) for d in MyDigitsStore(corrections.store.folder).items())


def test_a_correction_keeps_the_drawing_and_a_second_label_relabels_it(pad):
    drawings, corrections, heard = pad
    drawings.add_stroke(0, LINE, 0.05)
    kept = corrections.correct(0, 7, Reading(1), model="classifier-convnet")
    assert labels(corrections) == [(7, 1)]
    assert (kept.source, kept.model, len(kept.strokes)) == ("drawn", "classifier-convnet", 1)
    assert heard == [DigitKept(0, kept, 1)] and kept.misread
    again = corrections.correct(0, 9, Reading(1))  # the same drawing: relabelled, not duplicated
    assert labels(corrections) == [(9, 1)] and again.id == kept.id
    assert corrections.correct(0, 9, Reading(1)).id == kept.id  # the same label: nothing new
    assert len(heard) == 2 and corrections.kept_digit(0).label == 9

    drawings.add_stroke(0, LINE, 0.05)  # a new drawing: the next label keeps anew
    assert corrections.kept_digit(0) is None
    corrections.keep(0, Reading(4))
    assert labels(corrections) == [(4, 4), (9, 1)]
    assert heard[-1].count == 1 and not heard[-1].digit.misread


def test_nothing_is_kept_from_an_empty_canvas_or_a_blank_reading(pad):
    drawings, corrections, heard = pad
    assert corrections.correct(0, 3, Reading(3)) is None  # nothing drawn
    drawings.add_stroke(1, LINE, 0.05)
    assert corrections.correct(1, 3, Reading(0, blank=True)) is None
    assert corrections.correct(1, 3, None) is None
    assert labels(corrections) == [] and heard == []


def test_undo_takes_a_relabel_then_the_keep_back_and_leaves_the_drawing(pad):
    drawings, corrections, heard = pad
    drawings.add_stroke(0, LINE, 0.05)
    corrections.correct(0, 7, Reading(1))
    corrections.correct(0, 2, Reading(1))
    assert drawings.undo() and labels(corrections) == [(7, 1)]
    assert isinstance(heard[-1], KeepTakenBack) and heard[-1].digit.label == 7
    assert drawings.undo() and labels(corrections) == []
    assert heard[-1] == KeepTakenBack(0, None) and corrections.kept_digit(0) is None
    assert len(drawings.drawings[0].strokes) == 1  # the drawing stays...
    assert drawings.undo() and drawings.is_empty(0)  # ...until its own step is undone


def test_a_digit_deleted_in_my_digits_leaves_nothing_to_undo(pad):
    drawings, corrections, heard = pad
    drawings.add_stroke(0, LINE, 0.05)
    kept = corrections.correct(0, 5, Reading(5))
    assert corrections.delete([kept.id]) == 1 and heard[-1] == DigitsChanged("deleted", 1)
    assert drawings.undo()  # the keep has nothing left to undo: the stroke goes instead
    assert drawings.is_empty(0) and not isinstance(heard[-1], KeepTakenBack)


def test_relabelling_in_my_digits_is_reported(pad):
    drawings, corrections, heard = pad
    drawings.add_stroke(0, LINE, 0.05)
    kept = corrections.correct(0, 5, Reading(5))
    assert corrections.relabel([kept.id], 6) == 1
    assert heard[-1] == DigitsChanged("relabelled", 1) and labels(corrections) == [(6, 5)]
    assert corrections.relabel([], 6) == 0 and heard[-1] == DigitsChanged("relabelled", 1)


def test_a_store_that_cannot_write_changes_nothing(pad, monkeypatch):
    drawings, corrections, heard = pad
    drawings.add_stroke(0, LINE, 0.05)

    def full(*args, **kwargs):
        raise MyDigitsError("no space left")

    monkeypatch.setattr(corrections.store, "add", full)
    with pytest.raises(MyDigitsError):
        corrections.correct(0, 3, Reading(3))
    assert heard == [] and corrections.kept_digit(0) is None
    assert drawings.undo() and drawings.is_empty(0)  # no keep step was pushed


def test_a_picture_is_kept_as_an_image_without_strokes(pad):
    drawings, corrections, _ = pad
    drawings.set_picture(1, np.full((40, 40), 200, np.uint8))
    kept = corrections.correct(1, 8, Reading(3))
    assert (kept.source, kept.strokes) == ("image", None)


def test_deletes_and_relabels_in_my_digits_are_undone_the_last_first(pad):
    drawings, corrections, heard = pad
    for i, digit in enumerate((3, 5)):
        drawings.add_stroke(i, LINE, 0.05)
        corrections.keep(i, Reading(digit))
    three, five = sorted(corrections.store.items(), key=lambda d: d.label)
    assert not corrections.can_undo_edit and corrections.undo_edit() == 0
    corrections.relabel([three.id, five.id], 8)
    corrections.delete([three.id])
    corrections.delete([five.id])
    assert labels(corrections) == [] and corrections.can_undo_edit
    assert corrections.undo_edit() == 1 and labels(corrections) == [(8, 5)]
    assert heard[-1] == DigitsChanged("restored", 1)
    assert corrections.undo_edit() == 1 and labels(corrections) == [(8, 3), (8, 5)]
    assert corrections.undo_edit() == 2 and labels(corrections) == [(3, 3), (5, 5)]
    assert corrections.kept_digit(0).id == three.id  # the drawing's keep is whole again
    assert not corrections.can_undo_edit
