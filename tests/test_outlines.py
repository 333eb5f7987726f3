"""A digit drawn as its outline (a doubled line) is read as drawn and filled, and the reading that
scores higher is kept: the models read a filled outline as a bold digit."""

import numpy as np
import pytest

from mnist_desk.evaluation import bold_dev
from mnist_desk.imaging.drawn import Strokes
from mnist_desk.imaging.outlines import filled_outline
from mnist_desk.recognition.predictor import Predictor


def _ellipse(rx: float, ry: float) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, 60)
    return np.c_[rx * np.cos(t), ry * np.sin(t)]


def test_filling_an_outline_leaves_its_counter_open():
    ring = filled_outline([_ellipse(1.0, 1.5), _ellipse(0.5, 1.0)]).image28
    assert ring[14, 14] == 0  # the 0's counter
    assert (ring > 128).sum() > 100  # the band between the contours is ink


def test_nothing_to_fill_is_blank():
    assert filled_outline([]).blank
    assert filled_outline([np.zeros((5, 2))]).blank


@pytest.fixture(scope="module")
def outlined():
    """Hollow bold digits of the development set (its fonts are no evaluation set's)."""
    return bold_dev.bold_digits(600, bold_dev.SEED, None)


@pytest.fixture(scope="module")
def convnet():
    return Predictor.from_model("classifier-convnet")


def _read(predictor, digit):
    (number,) = predictor.predict_numbers(
        [Strokes.from_points(digit.strokes, width=digit.pen_width)]
    )
    return number


@pytest.mark.parametrize("index", [24, 363, 524, 571])
def test_an_outlined_digit_the_lines_misread_is_read_filled(outlined, convnet, index, monkeypatch):
    digit = outlined[index]
    assert digit.style.startswith("outline:")
    number = _read(convnet, digit)
    assert [d.digit for d in number.digits] == [digit.label]
    paths = [np.asarray(s) for s in digit.strokes]
    assert np.array_equal(number.digits[0].image28, filled_outline(paths).image28)
    monkeypatch.setattr(Predictor, "_outlines_filled", lambda self, *args: None)
    assert [d.digit for d in _read(convnet, digit).digits] != [digit.label]


def test_a_digit_drawn_with_one_line_is_read_as_drawn(outlined, convnet):
    from mnist_desk.imaging.strokes import render_strokes

    plain = next(d for d in outlined if d.style.startswith("plain"))
    number = _read(convnet, plain)
    paths = [np.asarray(s) for s in plain.strokes]
    assert np.array_equal(number.digits[0].image28, render_strokes(paths).image28)


def _oval(rx: float, ry: float) -> np.ndarray:
    """An upright oval from its top, clockwise, closed (paper units, centred at 0.5)."""
    t = np.linspace(0, 2 * np.pi, 80)
    return np.c_[0.5 + rx * np.sin(t), 0.5 - ry * np.cos(t)]


@pytest.mark.parametrize("inner_width", [0.08, 0.13])
@pytest.mark.parametrize("pen", [0.02, 0.04])
def test_an_outlined_0_drawn_with_the_pen_lifted_is_one_digit(convnet, inner_width, pen):
    """The outer contour in two strokes, then the inner one: what lies inside a loop is part of
    its digit (``loops.enclosed_strokes``); before, the pieces read as 603 or 60."""
    outer = _oval(0.25, 0.38)
    strokes = [outer[:45], outer[44:], _oval(inner_width, 0.25)]
    (number,) = convnet.predict_numbers(
        [Strokes.from_points([s.tolist() for s in strokes], width=pen)]
    )
    assert number.text == "0"
    assert number.pieces == ((0, 1, 2),)


def test_only_a_stroke_inside_a_loop_is_enclosed():
    from mnist_desk.recognition.loops import enclosed_strokes

    outer, inner = _oval(0.25, 0.38), _oval(0.1, 0.25)
    assert enclosed_strokes([outer, inner]) == [(0, 1)]
    assert enclosed_strokes([outer[:45], outer[44:], inner]) == [(0, 2), (1, 2)]
    # a line gone over and back encloses nothing, nor do two digits side by side
    there_and_back = np.r_[np.c_[np.full(20, 0.5), np.linspace(0.1, 0.9, 20)], [[0.51, 0.1]]]
    assert enclosed_strokes([there_and_back, np.array([[0.5, 0.5], [0.5, 0.6]])]) == []
    beside = outer + [0.6, 0.0]
    assert enclosed_strokes([outer, beside]) == []
