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
