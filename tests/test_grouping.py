"""Strokes grouped into digits as a reader groups them: multi-stroke digits stay whole, neighbours
that touch, overlap a little or lean are split. The glyphs here are written for this test (not
the evaluation sets' sources)."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_desk.recognition.grouping import Box, _togetherness_of_pairs, group_pieces, togetherness
from mnist_desk.recognition.stroke_grouping import (
    group_strokes,
    stroke_boxes,
    upright,
    writing_slant,
)
from tests.number_glyphs import GLYPHS, expected_groups, write


@pytest.mark.parametrize("name", sorted(GLYPHS))
def test_every_digit_is_one_group_however_many_strokes(name):
    strokes, counts = write([name])
    assert group_strokes(strokes) == expected_groups(counts)


NUMBERS = [
    ["1", "2"],
    ["4-two-strokes", "5-two-strokes", "7-crossed"],
    ["1-flag-base", "1", "7-two-strokes", "0"],
    ["7-crossed", "1"],
    ["1", "1", "1"],
    ["8", "0", "4-two-strokes", "2"],
]


@pytest.mark.parametrize("names", NUMBERS)
@pytest.mark.parametrize("gap", [0.3, 0.1])  # clear, close
@pytest.mark.parametrize("slant", [0.0, 0.3, -0.15])
def test_numbers_split_by_their_geometry_where_it_is_clear(names, gap, slant):
    strokes, counts = write(names, gap=gap, slant=slant)
    assert group_strokes(strokes) == expected_groups(counts)


def test_strokes_drawn_in_any_order_are_grouped_by_place():
    strokes, _ = write(["1", "4-two-strokes", "2"])
    order = [3, 0, 2, 1]  # the 2 first, then the 1, then the 4's stem, then its first stroke
    groups = group_strokes([strokes[i] for i in order])
    assert groups == [[1], [2, 3], [0]]


def test_the_writing_slant_is_measured_on_its_steep_stretches():
    strokes, _ = write(["1", "7-crossed", "4-two-strokes"], slant=0.3)
    assert writing_slant(strokes) == pytest.approx(0.3, abs=0.03)
    assert writing_slant([np.array([[0.0, 0.5], [1.0, 0.5]])]) == 0.0  # a dash says nothing


def test_a_speck_joins_the_nearest_digit():
    boxes = [Box(0, 0, 0.2, 0.3), Box(0.4, 0, 0.6, 0.3), Box(0.61, 0.1, 0.62, 0.11)]
    assert group_pieces(boxes) == [[0], [1, 2]]
    assert group_pieces([]) == []


def test_togetherness_of_every_pair_at_once_is_togetherness_of_each():
    rng = np.random.default_rng(5)
    for _ in range(50):
        n = int(rng.integers(2, 12))
        boxes = []
        for _ in range(n):
            x0, y0 = rng.uniform(0, 1, 2)
            w, h = rng.choice([0.0, 0.02, 0.3]), rng.choice([0.0, 0.05, 0.4])  # ties, flat
            w, h = w + rng.uniform(0, 0.1), h + rng.uniform(0, 0.1) * rng.integers(0, 2)
            cx = None if rng.random() < 0.5 else float(x0 + rng.uniform(0, w))
            boxes.append(Box(float(x0), float(y0), float(x0 + w), float(y0 + h), cx))
        boxes.append(boxes[0])  # equal widths: the first given is the narrow one
        pairs = _togetherness_of_pairs(boxes)
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                assert pairs[i, j] == togetherness(boxes[i], boxes[j])


def test_stroke_boxes_are_each_strokes_own_box_set_upright():
    rng = np.random.default_rng(2)
    for _ in range(30):
        paths = [
            np.cumsum(rng.normal(0, 0.03, (int(rng.integers(1, 30)), 2)), 0) + rng.uniform(0, 1, 2)
            for _ in range(int(rng.integers(1, 8)))
        ]
        slant = writing_slant(paths)
        assert stroke_boxes(paths) == [Box.around(upright(p, slant)) for p in paths]


def test_upper_pairs_and_extents_are_numpys_own():
    from mnist_desk.recognition.stroke_grouping import _extents, _starts, _upper_pairs

    rng = np.random.default_rng(4)
    for n in (1, 2, 7):
        flags = rng.random((n, n)) < 0.5
        expected = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(flags, 1)), strict=True)]
        assert _upper_pairs(flags) == expected
        paths = [rng.random((int(rng.integers(1, 9)), 2)) for _ in range(n)]
        low, high = _extents(np.concatenate(paths), _starts(paths))
        assert np.array_equal(low, [p.min(0) for p in paths])
        assert np.array_equal(high, [p.max(0) for p in paths])
