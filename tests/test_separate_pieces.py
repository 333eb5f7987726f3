"""A printed digit drawn in pieces, its serifs, feet, flags and bars apart from the strokes they
belong to (a gap as a plotter or a hand leaves), is one digit: ``stroke_grouping.separate_pieces``.
Synthetic strokes, in canvas units (y down)."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_desk.imaging.drawn import Strokes
from mnist_desk.recognition.grouping import APART, SAME, layout
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.recognition.stroke_grouping import (
    PIECE_LEAST,
    joined_strokes,
    repeated_strokes,
    stroke_boxes,
    stroke_layout,
)
from mnist_desk.recognition.stroke_grouping import separate_pieces as pieces_of
from tests.number_glyphs import pointer_samples

PEN = 0.01


def separate_pieces(paths, widths):
    """``separate_pieces`` given the atoms the other rules make, as ``stroke_layout`` gives it."""
    boxes = stroke_boxes(paths)
    lay = layout(boxes, joined_strokes(paths, boxes), at_least=repeated_strokes(paths, widths))
    return pieces_of(paths, widths, lay)


def line(*points) -> np.ndarray:
    return pointer_samples(np.asarray(points, dtype=float))


STEM = line((0.5, 0.2), (0.5, 0.8))  # 0.6 tall


@pytest.fixture(scope="module")
def classifier():
    return Predictor.from_model("classifier-convnet")


def test_a_foot_drawn_a_little_apart_from_its_stem_is_a_part_of_it():
    foot = line((0.42, 0.83), (0.58, 0.83))  # 0.03 under the stem: 0.02 of ink gap, a 30th
    assert separate_pieces([STEM, foot], [PEN, PEN]) == {(0, 1): SAME}
    assert stroke_layout([STEM, foot], [PEN, PEN]).atoms == [[0, 1]]


def test_a_piece_farther_apart_is_less_surely_a_part_and_far_apart_none():
    farther = separate_pieces([STEM, line((0.42, 0.87), (0.58, 0.87))], [PEN, PEN])
    assert PIECE_LEAST < farther[(0, 1)] < SAME  # 0.07 under it: the reading decides
    assert separate_pieces([STEM, line((0.42, 0.95), (0.58, 0.95))], [PEN, PEN]) == {}


def test_the_gap_is_counted_from_the_edges_of_the_inks():
    foot = line((0.42, 0.87), (0.58, 0.87))  # 0.07 under the stem: a wide pen nearly closes it
    assert separate_pieces([STEM, foot], [0.05, 0.05]) == {(0, 1): SAME}


def test_a_dot_and_long_strokes_are_not_pieces():
    dot = np.array([(0.5, 0.15), (0.502, 0.15)])  # an i's dot, no longer than its pen
    assert separate_pieces([STEM, dot], [0.03, 0.03]) == {}
    other = line((0.55, 0.2), (0.55, 0.8))  # two 1s side by side: neither is a piece
    assert separate_pieces([STEM, other], [PEN, PEN]) == {}


def test_a_piece_goes_with_the_nearest_longer_stroke_only():
    right = line((0.7, 0.2), (0.7, 0.8))
    flag = line((0.53, 0.3), (0.62, 0.22))  # nearer the first stem than the second
    assert list(separate_pieces([STEM, right, flag], [PEN] * 3)) == [(0, 2)]


def printed_one(dx: float = 0.0) -> list[np.ndarray]:
    """A serif 1 drawn in pieces: its stem, its flag and its two feet each apart from it (the
    previous code read it as 1? : the right foot alone)."""
    return [
        line((0.3 + dx, 0.25), (0.3 + dx, 0.75)),
        line((0.27 + dx, 0.23), (0.19 + dx, 0.3)),
        line((0.16 + dx, 0.79), (0.26 + dx, 0.79)),
        line((0.34 + dx, 0.79), (0.46 + dx, 0.79)),
    ]


def test_a_serif_one_drawn_in_pieces_is_read_as_one_digit(classifier):
    (number,) = classifier.predict_numbers([Strokes.from_points(printed_one(), 0.02)])
    assert number.text == "1"
    assert [sorted(p) for p in number.pieces] == [[0, 1, 2, 3]]


def test_two_serif_ones_drawn_in_pieces_stay_two(classifier):
    (number,) = classifier.predict_numbers(
        [Strokes.from_points(printed_one() + printed_one(0.4), 0.02)]
    )
    assert number.text == "11"
    assert [sorted(p) for p in number.pieces] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_a_bar_about_as_near_two_digits_is_left_to_the_reading():
    right = line((0.6, 0.2), (0.6, 0.8))
    bar = line((0.53, 0.5), (0.57, 0.5))  # 0.03 from either stem: whose is it?
    assert separate_pieces([STEM, right, bar], [PEN] * 3) == {}
    nearer = line((0.52, 0.5), (0.555, 0.5))  # 0.02 from the first, 0.045 from the second
    assert list(separate_pieces([STEM, right, nearer], [PEN] * 3)) == [(0, 2)]


def test_a_small_loop_is_not_a_piece():
    """A small ring beside a digit (a %'s circle, a g's bowl) is left to the reading: serifs,
    feet, flags and bars are open lines."""
    t = np.linspace(0, 2 * np.pi, 30)
    ring = np.c_[0.56 + 0.04 * np.cos(t), 0.5 + 0.04 * np.sin(t)]  # 0.01 of ink gap to the stem
    assert separate_pieces([STEM, ring], [PEN, PEN]) == {}
    hook = ring[:18]  # the same, open: a piece
    assert list(separate_pieces([STEM, hook], [PEN, PEN])) == [(0, 1)]


def test_a_flag_drawn_beside_its_stem_may_be_read_with_it_and_a_dot_stays_apart():
    """A 1's long flag drawn apart to the left of its stem (too long for ``separate_pieces``),
    its centre outside the stem's span (a link below APART): once never read with the stem, so
    the 1 read as "?1"; now the reading decides. A dot (an i's, a !'s) beside a stroke stays
    apart, and so does the flag farther away."""
    stem = line((0.5, 0.2), (0.5, 0.8))
    flag = line((0.1, 0.33), (0.44, 0.22))  # 0.11 tall, 0.34 long, 0.06 left of the stem
    lay = stroke_layout([stem, flag], [PEN, PEN])
    assert len(lay.atoms) == 2 and lay.links[0] < APART
    assert lay.parts == (True, False)  # the flag, left of the stem
    assert (0, 2) in lay.runs()
    dot = line((0.43, 0.3), (0.432, 0.3))  # no longer than its pen, 0.07 left of the stem
    lay = stroke_layout([stem, dot], [PEN, PEN])
    assert lay.parts == (False, False) and (0, 2) not in lay.runs()
    far = line((0.04, 0.33), (0.38, 0.22))  # the same flag, 0.12 left of the stem
    assert (0, 2) not in stroke_layout([stem, far], [PEN, PEN]).runs()
