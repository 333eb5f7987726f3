"""The drawing session without Qt: strokes, undo/redo across canvases, recognition requests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from mnist_desk.app.drawing_session import (
    MIN_STEP,
    DigitSelected,
    Drawing,
    DrawingSession,
    Recognised,
    RecognitionFailed,
)
from mnist_desk.imaging.drawn import Blank, Picture, Strokes
from mnist_desk.recognition.results import DigitResult, NumberResult

REPO = Path(__file__).resolve().parents[1]
LINE = [(0.5, 0.2), (0.5, 0.8)]


class Keep:
    """A step done elsewhere (keeping a digit), as the corrections push it."""

    def __init__(self, still_there=True):
        self.still_there, self.undone = still_there, 0

    def undo(self) -> bool:
        self.undone += 1
        return self.still_there


def strokes(session, index):
    return len(session.drawings[index].strokes)


def test_undo_and_redo_follow_the_order_of_changes_across_canvases():
    session, heard = DrawingSession(), []
    session.on_change(heard.append)
    session.add_stroke(0, LINE, 0.05)
    session.add_stroke(1, LINE, 0.05)
    session.add_stroke(0, LINE, 0.05)
    assert [strokes(session, i) for i in (0, 1)] == [2, 1] and heard == [0, 1, 0]
    assert session.undo() and [strokes(session, i) for i in (0, 1)] == [1, 1]
    assert session.undo() and [strokes(session, i) for i in (0, 1)] == [1, 0]
    assert session.redo() and [strokes(session, i) for i in (0, 1)] == [1, 1]
    assert session.undo() and session.undo() and session.is_empty(0) and session.is_empty(1)
    assert not session.undo()  # nothing left
    assert session.redo() and strokes(session, 0) == 1
    session.add_stroke(1, LINE, 0.05)  # a new change drops what could be redone
    assert not session.redo()


def test_undo_while_the_pen_is_down_takes_back_only_the_stroke_being_drawn():
    session = DrawingSession()
    session.add_stroke(0, LINE, 0.05)
    session.begin_stroke(0, 0.2, 0.2)
    session.extend_stroke(0, 0.8, 0.8)
    assert session.undo() and strokes(session, 0) == 1 and session.in_progress[0] is None
    session.extend_stroke(0, 0.9, 0.9)  # the rest of the drag draws nothing
    session.end_stroke(0)
    assert strokes(session, 0) == 1 and session.undo() and session.is_empty(0)


def test_clear_all_is_one_step_and_a_clear_of_nothing_is_none():
    session = DrawingSession()
    session.add_stroke(0, LINE, 0.05)
    session.set_picture(1, np.zeros((40, 30), np.uint8))
    before = list(session.drawings)
    session.clear_all()
    assert session.is_empty(0) and session.is_empty(1)
    session.clear(0)  # already empty: no step
    assert session.undo()
    assert session.drawings == before  # both back at once, the very same drawings
    assert (
        session.drawings[1].picture.grey.shape == (40, 30) and session.drawings[1].background == 0
    )


def test_a_keep_is_undone_in_turn_skipped_when_gone_and_never_redone():
    session = DrawingSession()
    session.add_stroke(0, LINE, 0.05)
    gone, kept = Keep(still_there=False), Keep()
    session.push_step(gone)
    session.push_step(kept)
    assert session.undo() and kept.undone == 1 and strokes(session, 0) == 1
    assert session.undo() and gone.undone == 1 and session.is_empty(0)  # skipped to the stroke
    assert session.redo() and strokes(session, 0) == 1
    assert not session.redo() and kept.undone == 1  # the keeps left the history


def test_a_stroke_in_progress_counts_for_recognition_and_becomes_one_step():
    session, moved = DrawingSession(), []
    session.on_stroke_moved(moved.append)
    session.begin_stroke(1, 0.5, 0.2)
    session.extend_stroke(1, 0.5 + MIN_STEP / 2, 0.2)  # too close: not a new point
    session.extend_stroke(1, 0.5, 0.5, 0.7)
    assert moved == [1, 1] and not session.is_empty(1)
    assert session.stroke_points(1) == [[(0.5, 0.2, 1.0), (0.5, 0.5, 0.7)]]
    session.end_stroke(1, 0.04)
    assert session.in_progress[1] is None
    assert (
        session.drawings[1].strokes[0].width == 0.04 and not session.drawings[1].strokes[0].uniform
    )
    session.begin_stroke(0, 0.1, 0.1)
    session.cancel_stroke(0)
    assert session.is_empty(0)
    assert session.undo() and session.is_empty(1)


def test_what_each_canvas_hands_the_recognition_is_a_typed_value():
    session = DrawingSession()
    assert session.drawn(0) == Blank()
    session.add_stroke(0, LINE, 0.2)
    session.begin_stroke(0, 0.2, 0.5, width=0.1)
    drawn = session.drawn(0)  # the stroke in progress counts
    assert isinstance(drawn, Strokes) and [len(s.points) for s in drawn.strokes] == [2, 1]
    assert drawn.strokes[0].width == 0.2 and drawn.strokes[1].width == 0.1
    session.set_picture(1, np.full((20, 10, 3), 250, np.uint8))  # RGB: analysed once, here
    session.add_stroke(1, LINE, 0.1)
    picture = session.drawn(1)
    assert isinstance(picture, Picture) and picture.background == 250
    assert picture.grey.shape == (20, 10) and picture.strokes == session.drawings[1].strokes
    assert session.stroke_points(1) is None
    # the strokes are drawn on the picture, centred on the square paper, in dark ink
    pixels = picture.pixels()
    assert pixels.shape == (20, 20) and pixels[10, 10] == 0 and pixels[10, 2] == 250


class FakePredictor:
    def __init__(self, fail=False):
        self.seen, self.fail = [], fail
        self.result = SimpleNamespace(numbers=(NumberResult(), NumberResult()))

    def predict_sum(self, a, b):
        if self.fail:
            raise RuntimeError("CUDA error: out of memory")
        self.seen.append((a, b))
        return self.result


def test_the_session_reads_both_canvases_when_a_drawing_changes_and_says_so():
    session, predictor, heard = DrawingSession(), FakePredictor(), []
    session.on_reading(heard.append)
    session.add_stroke(1, LINE, 0.05)  # no model yet: nothing read
    assert session.recognise() is None and heard == []
    session.use_predictor(predictor)  # a model arrives: read at once
    assert heard == [Recognised(predictor.result)] and predictor.seen[0][0] == Blank()
    assert isinstance(predictor.seen[0][1], Strokes)
    session.add_stroke(0, LINE, 0.05)
    session.undo()
    session.clear_all()  # one reading for a change of both canvases
    assert len(heard) == 4 and predictor.seen[-1] == (Blank(), Blank())
    session.begin_stroke(0, 0.1, 0.1)
    session.extend_stroke(0, 0.2, 0.2)  # strokes in progress are read on request (throttled)
    assert len(heard) == 4 and session.recognise() is predictor.result and len(heard) == 5
    session.use_predictor(FakePredictor(fail=True))
    assert isinstance(heard[-1], RecognitionFailed) and "out of memory" in heard[-1].message


def test_drawings_compare_by_identity():
    assert Drawing() != Drawing() and Drawing().empty


def test_the_session_imports_neither_qt_nor_torch():
    code = (
        "import sys, mnist_desk.app.drawing_session; "
        "print(sorted(m for m in ('torch', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert out.stdout.strip() == "[]", out.stderr


def test_the_digit_drawn_last_is_selected_and_a_click_selects_another():
    session, predictor, heard = DrawingSession(), FakePredictor(), []
    digits = tuple(DigitResult(d, [0.1] * 10) for d in (1, 2, 8))
    predictor.result = SimpleNamespace(
        numbers=(NumberResult(digits, ((0,), (2,), (1,))), NumberResult())
    )
    session.use_predictor(predictor)
    session.on_reading(heard.append)
    for x in (0.1, 0.5, 0.3):  # the third stroke (index 2) is the middle digit's, as read
        session.add_stroke(0, [(x, 0.2), (x, 0.8)], 0.05)
    assert heard[-1].selected == (1, 0) and session.selected_digit(0) is digits[1]
    session.select_digit(0, 0)
    assert heard[-1] == DigitSelected(0, 0) and session.selected_digit(0) is digits[0]
    session.select_digit(0, 5)  # no such digit: nothing changes
    assert session.selected == [0, 0] and session.selected_digit(1) is None
