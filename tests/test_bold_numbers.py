"""Bold digits drawn as several strokes (gone over again, or strokes side by side) are one digit,
while digits that merely touch stay two: the number reader's grouping of strokes that go over
each other (``stroke_grouping.repeated_strokes``). Glyphs: tests/number_glyphs.py."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_desk.imaging.drawn import Strokes
from mnist_desk.recognition.grouping import SAME, Box, togetherness
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.recognition.stroke_grouping import repeated_strokes, stroke_layout
from tests.number_glyphs import gone_over, side_by_side, write

PEN = 0.03  # of the canvas side; the digits written here are 0.3 tall


@pytest.fixture(scope="module")
def classifier():
    return Predictor.from_model("classifier-convnet")


def read(classifier, strokes, pen=PEN) -> str:
    (number,) = classifier.predict_numbers([Strokes.from_points(strokes, pen)])
    return number.text


@pytest.mark.parametrize(
    "name, offsets",
    [
        ("1", (-0.012, 0.012)),  # a bold 1: two lines side by side, their inks overlapping
        ("1", (-0.02, 0.0, 0.02)),  # three
        ("1-flag", (-0.012, 0.012)),
        ("1-flag-base", (-0.012, 0.012)),  # a 1 with a flag and a base, every stroke doubled
        ("7", (-0.02, 0.0, 0.02)),
        ("9-two-strokes", (-0.012, 0.012)),
    ],
)
def test_a_digit_drawn_as_strokes_side_by_side_is_one_digit(classifier, name, offsets):
    assert read(classifier, side_by_side(write([name])[0], offsets)) == name[0]


@pytest.mark.parametrize(
    "name, shift",
    [
        ("1", (0.02, 0.0)),
        ("1-flag", (0.025, 0.01)),
        ("9-two-strokes", (0.02, 0.0)),
        ("0", (0.02, 0.01)),
    ],
)
def test_a_digit_gone_over_again_is_one_digit(classifier, name, shift):
    assert read(classifier, gone_over(write([name])[0], shift)) == name[0]


def test_a_base_drawn_twice_on_one_row_is_read():
    """Two flat strokes on the same row (a mouse draws a level line on one pixel row) are bars:
    their rows in common say nothing (this divided by zero)."""
    strokes = gone_over(write(["1-flag-base"])[0], (0.02, 0.0))
    assert togetherness(Box.around(strokes[1]), Box.around(strokes[3])) > 0
    assert [1, 3] in stroke_layout(strokes, [PEN] * 4).atoms  # the base and the base again


@pytest.mark.parametrize(
    "names, gap",
    [
        (["1", "1"], 0.12),  # the inks a little apart: 11, not a bold 1
        (["1", "0"], 0.05),  # a 1 along a 0's side is not a stroke of it
        (["1", "0-narrow"], 0.0),
        (["0", "1"], 0.0),
        (["1-flag-base", "1"], 0.1),
        (["7", "1"], 0.1),
    ],
)
def test_digits_that_touch_stay_two(classifier, names, gap):
    strokes, _ = write(names, gap=gap)
    assert read(classifier, strokes) == "".join(n[0] for n in names)


def test_only_strokes_whose_inks_touch_go_over_each_other():
    strokes, _ = write(["1", "1"], gap=0.1)  # 0.03 apart: within a 0.05 pen, not a 0.02 one
    assert repeated_strokes(strokes, [0.05, 0.05]) == {(0, 1): pytest.approx(SAME * 0.625)}
    assert repeated_strokes(strokes, [0.02, 0.02]) == {}
    close = side_by_side(write(["1"])[0], (-0.005, 0.005))
    assert repeated_strokes(close, [PEN, PEN]) == {(0, 1): SAME}


def test_long_strokes_whose_inks_lie_more_than_half_under_each_other_are_one_line():
    """Two copies of a 4's diagonal, as long as the digit, 0.4 of a wide pen apart each way: one
    thick line, whatever their length (0.03 apart is 0.1 of their side: the reading decided)."""
    diagonal = np.c_[np.linspace(0.3, 0.1, 30), np.linspace(0.2, 0.5, 30)]
    copy = diagonal + [-0.025, -0.017]  # 0.03 apart, across the line
    assert repeated_strokes([diagonal, copy], [0.075, 0.075]) == {(0, 1): SAME}
    # with a pen of 0.05 their inks overlap by less than half: not surely one line
    assert repeated_strokes([diagonal, copy], [0.05, 0.05])[(0, 1)] < SAME


def test_a_short_stroke_drawn_again_beside_itself_goes_with_it():
    """A serif base drawn twice, 0.012 apart with a 0.03 pen (their inks overlap by 60%): a
    hair for the stroke's own length (0.12), one thick line for the pen."""
    stem, base = side_by_side(write(["1-flag-base"])[0], (0.0,))
    base = base[base[:, 0] <= base[0, 0] + 0.12]
    strokes = [stem, base, base + [0.0, 0.012]]
    assert repeated_strokes(strokes, [PEN] * 3)[(1, 2)] == SAME
    # the same bases a clear gap apart (over a pen) are two lines
    assert (1, 2) not in repeated_strokes([stem, base, base + [0.0, 0.04]], [PEN] * 3)


def test_a_part_of_a_stroke_drawn_again_to_thicken_it_goes_with_it(classifier):
    """A 1's stem thickened along its middle, the copy a third of it, a little to the side."""
    (stem,) = side_by_side(write(["1"])[0], (0.0,))
    part = stem[len(stem) // 3 : 2 * len(stem) // 3] + [0.012, 0.0]
    assert repeated_strokes([stem, part], [PEN, PEN]) == {(0, 1): SAME}
    assert read(classifier, [stem, part, part + [0.012, 0.0]]) == "1"


def test_a_short_stroke_within_a_wide_pen_of_a_neighbour_is_not_surely_a_part_of_it():
    """With a pen a third of the digits' height, a short bar lies within a pen of the digit it
    merely touches: near for the pen, not for the height (at most the reading decides)."""
    (stem,) = side_by_side(write(["1"])[0], (0.0,))
    bar = np.array([(0.075, 0.45), (0.075, 0.5)])  # 0.025 beside the stem, a twelfth of it
    assert repeated_strokes([stem, bar], [0.1, 0.1]).get((0, 1), 0.0) < SAME
