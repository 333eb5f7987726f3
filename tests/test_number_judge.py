"""A drawn number judged whole: its digits' gate scores together, its strokes' shapes, its
digits' heights (``DigitJudge.judge_number``, ``recognition.scribble``), and what the window's
path reads of real strokes: a scribble and a row of dots are ``?``, an h is not read as 17, a
17 is still 17. The letters and scribbles are written here (never an evaluation set's)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mnist_desk.imaging.drawn import Strokes
from mnist_desk.models.gate import DigitGate
from mnist_desk.recognition.doubt import REASONS, DigitJudge, Verdict
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.recognition.scribble import (
    REVERSALS,
    SELF_CROSSINGS,
    StrokeShape,
    stroke_shape,
    strokes_touch,
)
from tests.number_glyphs import GLYPHS, arc, glyph, write

LETTER = REASONS["letter"]


def accepted(score: float) -> Verdict:
    return Verdict(True, None, score, LETTER)


def judge(number_threshold: float = 0.01) -> DigitJudge:
    return DigitJudge(DigitGate(), gate_threshold=0.01, number_threshold=number_threshold)


def test_digits_that_pass_together_are_kept_as_they_are():
    said = [accepted(0.99), accepted(0.2)]
    assert judge().judge_number(said) == said


def test_digits_that_fail_together_show_the_doubtful_ones_as_not_digits():
    # each passes the gate alone (0.01), together 0.98 * 0.3 * 0.02 = 0.006 do not
    said = judge().judge_number([accepted(0.98), accepted(0.3), accepted(0.02)])
    assert [v.is_digit for v in said] == [True, False, False]
    assert said[1].reason == said[2].reason == LETTER
    # the least digit-like is doubted even when none is under 0.5
    said = judge(0.5).judge_number([accepted(0.8), accepted(0.6)])
    assert [v.is_digit for v in said] == [True, False]


def test_a_number_already_doubted_or_without_a_gate_is_left_alone():
    doubted = [Verdict(False, LETTER, 0.001, LETTER), accepted(0.02)]
    assert judge().judge_number(doubted) == doubted
    plain = [accepted(0.02), accepted(0.02)]
    assert DigitJudge(None).judge_number(plain) == plain


def test_a_scribbled_stroke_or_a_digit_much_shorter_than_its_neighbours_is_no_digit(monkeypatch):
    from mnist_desk.recognition import doubt

    scribbled = StrokeShape(SELF_CROSSINGS, 0)
    said = judge(0.0).judge_number([accepted(0.99)], [scribbled])
    assert not said[0].is_digit and said[0].reason == REASONS["scribble"]
    monkeypatch.setattr(doubt, "MIN_HEIGHT_SHARE", 0.5)
    said = judge(0.0).judge_number([accepted(0.99), accepted(0.99)], heights=[1.0, 0.4])
    assert [v.is_digit for v in said] == [True, False]
    alone = judge(0.0).judge_number([accepted(0.99)], heights=[0.4])
    assert alone[0].is_digit


def test_touching_neighbours_the_gate_finds_a_letter_together_are_no_digits():
    letter = Verdict(False, LETTER, 0.01, LETTER, 0.9)  # the two read as one: a letter
    said = judge(0.0).judge_number([accepted(0.99)] * 3, joined=[letter, None])
    assert [v.is_digit for v in said] == [False, False, True]
    assert said[0].reason == said[1].reason == LETTER
    unsure = Verdict(False, LETTER, 0.01, LETTER, 0.3)  # not likely enough a letter
    assert all(v.is_digit for v in judge(0.0).judge_number([accepted(0.99)] * 2, joined=[unsure]))


def test_strokes_touch_where_one_comes_within_reach_of_the_other():
    stem = [np.array([(0.0, 0.0), (0.0, 1.0)])]
    arch = [np.array([(0.0, 0.5), (0.3, 0.3), (0.6, 0.5), (0.6, 1.0)])]  # from the stem
    apart = [a + [0.1, 0.0] for a in arch]
    assert strokes_touch(stem, arch, 0.02)
    assert not strokes_touch(stem, apart, 0.02)
    assert not strokes_touch(stem, arch, 0.0) and not strokes_touch([], arch, 0.02)


def cord(loops: int = 8) -> list[np.ndarray]:
    """A row of loops, as one scribbles over a word: one stroke."""
    t = np.linspace(0, 2 * math.pi * loops, 40 * loops)
    return [np.c_[t / t[-1] + 0.12 * np.cos(t), 0.5 + 0.35 * np.sin(t)]]


def shading(lines: int = 9) -> list[np.ndarray]:
    """A patch shaded back and forth in one stroke."""
    y = np.linspace(0, 1, lines)
    x = np.where(np.arange(lines) % 2 == 0, 0.0, 1.0)
    return [np.repeat(np.c_[x, y], 2, axis=0)[1:] * [1, 1] + [[0, 0]]]


def test_a_scribbles_strokes_are_not_a_digits_and_no_test_digits_are():
    assert stroke_shape(cord(), 1.0).self_crossings >= SELF_CROSSINGS
    zigzag = [np.array([(i % 2, i / 10) for i in range(11)], dtype=float)]
    assert stroke_shape(zigzag, 1.0).reversals >= REVERSALS
    for name in GLYPHS:
        assert not stroke_shape(glyph(name), 1.0).scribbled, name


def crossings_one_by_one(path: np.ndarray) -> int:
    """Proper crossings of a path's segments that are not neighbours, pair by pair."""

    def turn(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for i in range(len(path) - 1):
        for j in range(i + 2, len(path) - 1):
            a, b, c, d = path[i], path[i + 1], path[j], path[j + 1]
            if turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0:
                count += 1
    return count


def test_each_stroke_is_counted_alone_although_all_are_counted_at_once():
    rng = np.random.default_rng(3)
    # Strokes of 0-30 points sampled more coarsely than the resampling: it keeps every corner.
    paths = [np.cumsum(rng.normal(size=(n, 2)), axis=0) for n in (30, 1, 2, 25, 4, 30)]
    height = 1e-6  # resampled every 8e-8: the paths' own corners, and points along their lines
    alone = [stroke_shape([p], height) for p in paths]
    together = stroke_shape(paths, height)
    assert together.self_crossings == max(s.self_crossings for s in alone) > 0
    assert together.reversals == max(s.reversals for s in alone) > 0
    # Strokes that cross each other but not themselves: nothing to count.
    assert stroke_shape(
        [np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])], 1.0
    ) == StrokeShape(0, 0)
    # The count itself, against one written out pair by pair.
    assert alone[0].self_crossings == crossings_one_by_one(paths[0])


def test_counting_a_very_long_scribble_stays_bounded():
    t = np.linspace(0, 2 * math.pi * 200, 40_000)  # 200 loops
    shape = stroke_shape([np.c_[t / t[-1] + 0.01 * np.cos(t), np.sin(t)]], 2.0)
    assert shape.scribbled


@pytest.fixture(scope="module")
def classifier():
    return Predictor.from_model("classifier-convnet")


def placed(strokes, at=(0.3, 0.3), size=0.4) -> Strokes:
    return Strokes.from_points(
        [[(at[0] + size * x, at[1] + size * y) for x, y in s] for s in strokes]
    )


# An h written in two strokes: a stem, and an arch from it less than half as tall. (Its whole
# reads as a 6 when the arch is lower: one drawing the gate accepts, which this does not judge.)
H = [
    [(0.1, -0.1), (0.1, 1.0)],
    [(0.1, 0.55)] + arc(0.35, 0.65, 0.25, 0.15, 180, 360) + [(0.6, 1.0)],
]


def test_a_scribble_and_a_row_of_dots_are_not_numbers(classifier):
    dots = placed([[(0.15 * i, 0.5)] for i in range(6)])  # one height: no division by zero
    loops = placed(cord())
    for drawn in (dots, loops):
        [number] = classifier.predict_numbers([drawn])
        assert number.value is None and number.doubt, number.text


# Letters whose pieces each read as a digit and are as tall as each other: an h whose arch is
# over half its stem's height (read as 17 before its pieces' touching was looked at), an H (14).
TALL_H = [
    [(0.1, 0.0), (0.1, 1.0)],
    [(0.1, 0.55)] + arc(0.4, 0.6, 0.3, 0.25, 180, 360) + [(0.7, 1.0)],
]
CAPITAL_H = [[(0.1, 0.0), (0.1, 1.0)], [(0.7, 0.0), (0.7, 1.0)], [(0.1, 0.5), (0.7, 0.5)]]


def test_an_h_is_not_read_as_17_but_a_17_still_is(classifier):
    for letter in (H, TALL_H, CAPITAL_H):
        [h] = classifier.predict_numbers([placed(letter)])
        assert h.value is None and "?" in h.text, h.text
    seventeen = Strokes.from_points(write(["1", "7"])[0])
    flagged = Strokes.from_points(write(["1-flag", "7-crossed"], slant=0.15)[0])
    [a, b] = classifier.predict_numbers([seventeen, flagged])
    assert (a.value, b.value) == (17, 17)


def outline_of_a_one(width: float = 0.12, lifted: bool = False) -> list[np.ndarray]:
    """A serif 1 drawn as its outline, a doubled line round the stem, flag and foot: one closed
    contour with a turn back round every end (or two, the pen lifted midway round)."""
    w = width / 2
    ring = [
        (0.3 + w, 0.0), (0.3 + w, 1.0 - w), (0.6, 1.0 - w), (0.6, 1.0 + w), (0.0, 1.0 + w),
        (0.0, 1.0 - w), (0.3 - w, 1.0 - w), (0.3 - w, 0.2), (0.05, 0.32), (0.0, 0.25),
        (0.3 - w, 0.0), (0.3 + w, 0.0),
    ]  # fmt: skip
    points = np.concatenate(
        [np.linspace(a, b, 12, endpoint=False) for a, b in zip(ring[:-1], ring[1:], strict=True)]
    )
    closed = np.vstack([points, points[:3]])  # once round and a little on, as a hand draws it
    return [closed[:60], closed[59:]] if lifted else [closed]


def hollow_zero(thickness: float = 0.15) -> list[np.ndarray]:
    """A 0 drawn as its outline: the outer contour, then the inner one."""
    outer = np.array(arc(0.35, 0.5, 0.35, 0.5, -90, 275, 60))
    inner = np.array(arc(0.35, 0.5, 0.35 - thickness, 0.5 - thickness, -90, 275, 50))
    return [outer, inner]


def test_a_digit_drawn_as_its_outline_is_a_doubled_line():
    assert stroke_shape(hollow_zero(), 1.0).doubled
    assert stroke_shape(outline_of_a_one(), 1.0).doubled
    assert stroke_shape(outline_of_a_one(lifted=True), 1.0).doubled
    # a 0 drawn as one loop is closed but its sides are far apart; a spiral's sides are near
    # but it does not come back to its start; a 6's loop closes on its stem, its top is free
    assert not stroke_shape(glyph("0"), 1.0).doubled
    t = np.linspace(0, 6 * math.pi, 300)
    spiral = [np.c_[0.5 + t / 40 * np.cos(t), 0.5 + t / 40 * np.sin(t)]]
    assert not stroke_shape(spiral, 1.0).doubled
    assert not stroke_shape(glyph("6"), 1.0).doubled
    assert not stroke_shape(cord(), 1.0).doubled
    assert not stroke_shape(shading(), 1.0).doubled


def test_an_outline_turning_back_round_its_ends_is_not_a_scribble():
    shape = stroke_shape(outline_of_a_one(0.06), 1.0)
    assert shape.reversals >= 2 and shape.doubled and not shape.scribbled  # flag and foot
    # a serif digit's outline turns back round each of its ends: those turns do not count
    assert not StrokeShape(0, REVERSALS, outline=True).scribbled
    assert StrokeShape(0, REVERSALS).scribbled  # the same turns, not an outline: a scribble
    assert StrokeShape(SELF_CROSSINGS, 0, outline=True).scribbled  # a knot is one still


def test_a_digit_drawn_as_its_outline_is_not_held_against_its_number():
    # each passes the gate alone (0.01); an outline's score does not count in the product
    said = judge(0.05).judge_number([accepted(0.02)], [StrokeShape(0, 0, outline=True)])
    assert said[0].is_digit
    said = judge(0.05).judge_number([accepted(0.02)], [StrokeShape(0, 0)])
    assert not said[0].is_digit
    # nor does it shield a doubtful neighbour
    shapes = [StrokeShape(0, 0, outline=True), StrokeShape(0, 0)]
    said = judge(0.05).judge_number([accepted(0.02), accepted(0.03)], shapes)
    assert [v.is_digit for v in said] == [True, False]


def test_small_loops_are_not_a_doubled_line():
    """Two small rings far apart (an i's dot and a letter's bowl, drawn round) are closed, and
    their sides are near for the height of the two; not for each one's own size."""
    ring = np.array(arc(0.1, 0.1, 0.08, 0.1, 0, 370, 30))
    assert not stroke_shape([ring, ring + [0.0, 0.45]], 0.65).doubled
    assert stroke_shape(hollow_zero(), 1.0).doubled


def test_loops_that_meet_are_not_a_doubled_line():
    """A d (a bowl closed on its stem, the stem's end free) and two loops touching in one
    stroke (a g, an 8 crossed out as loops): closed or near where they meet, not side by side."""
    bowl = np.array(arc(0.25, 0.7, 0.25, 0.25, 0, 365, 40))
    stem = np.array([(0.5, 0.0), (0.5, 1.0)])
    assert not stroke_shape([bowl, stem], 1.0).doubled
    loops = np.vstack(
        [arc(0.3, 0.25, 0.25, 0.25, 90, 450, 40), arc(0.3, 0.75, 0.3, 0.25, -90, 270, 40)]
    )
    assert not stroke_shape([loops], 1.0).doubled


def _sides(a: np.ndarray, b: np.ndarray, r: np.ndarray) -> np.ndarray:
    d = b - a  # segment i's direction; the sign of d x (r_j - a_i)
    return np.sign(
        d[:, None, 0] * (r[None, :, 1] - a[:, None, 1])
        - d[:, None, 1] * (r[None, :, 0] - a[:, None, 0])
    )


def test_self_crossings_count_the_pairs_np_triu_keeps():
    from mnist_desk.recognition.scribble import _segments, _self_crossings

    rng = np.random.default_rng(6)
    for _ in range(20):
        paths = [rng.random((int(rng.integers(2, 30)), 2)) for _ in range(int(rng.integers(1, 4)))]
        a, b, owner = _segments(paths)
        straddles = _sides(a, b, a) * _sides(a, b, b) < 0
        i, j = np.nonzero(np.triu(straddles & straddles.T, 2))
        same = owner[i] == owner[j]
        expected = np.bincount(owner[i[same]], minlength=len(paths)).tolist()
        assert _self_crossings(a, b, owner, len(paths)) == expected


class FixedScores(DigitJudge):
    """The shipped rules with a gate that finds every input ``score`` digit-like."""

    def __init__(self, score: float):
        super().__init__(DigitGate(), gate_threshold=0.01, number_threshold=0.5)
        self.score = score

    def judge(self, inputs, logits):
        return [accepted(self.score) for _ in range(len(inputs))]


def test_a_pictures_digits_are_judged_together_at_the_gates_own_threshold():
    from mnist_desk.imaging.drawn import picture_from_image
    from tests.test_numbers import picture

    eleven = picture_from_image(picture(["1", "1"], gap=0.3))
    seven = picture_from_image(picture(["7"]))
    classifier = Predictor.from_model("classifier-convnet")
    # each blob passes alone (0.05 >= 0.01); together 0.0025 does not: a letter in pieces
    classifier.judge = FixedScores(0.05)
    [pieces, one] = classifier.predict_numbers([eleven, seven])
    assert pieces.value is None and "?" in pieces.text, pieces.text
    assert one.value == 7  # one digit: the gate's threshold alone, as before
    # together 0.09 passes the gate's threshold, though not the 0.5 set for drawn strokes
    classifier.judge = FixedScores(0.3)
    assert [n.value for n in classifier.predict_numbers([eleven, seven])] == [11, 7]


def test_a_pictures_digit_less_than_half_as_tall_as_its_neighbour_is_no_digit():
    from PIL import Image, ImageDraw

    from mnist_desk.imaging.drawn import picture_from_image

    def drawn(mark_height: float):
        image = Image.new("L", (300, 300), 255)
        draw = ImageDraw.Draw(image)
        draw.line([(60, 80), (140, 80), (90, 220)], fill=0, width=10, joint="curve")  # a 7
        draw.line([(200, 220 - mark_height), (200, 220)], fill=0, width=10)  # a stroke beside
        return picture_from_image(np.asarray(image))

    classifier = Predictor.from_model("classifier-convnet")
    classifier.judge = FixedScores(0.9)  # every blob digit-like, together too
    [short, tall] = classifier.predict_numbers([drawn(40), drawn(130)])
    assert short.value is None and short.text.startswith("7"), short.text  # an arch, a mark
    assert tall.value == 71
