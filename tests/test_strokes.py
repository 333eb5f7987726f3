"""Strokes -> model input: the user's pen width, the digit's size and place change nothing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mnist_desk.imaging.strokes import render_strokes

# A "2" as a person draws it: an arc, a diagonal and a base, in a unit box (y down).
TWO = [
    [(0.1 + 0.4 * (1 - math.cos(a)), 0.3 - 0.3 * math.sin(a)) for a in np.linspace(0, math.pi, 20)]
    + [(0.05, 1.0), (0.95, 1.0)]
]
SIX = [
    [(0.8, 0.0), (0.3, 0.3), (0.1, 0.7)]
    + [
        (0.5 + 0.4 * math.cos(a), 0.7 + 0.3 * math.sin(a))
        for a in np.linspace(math.pi, 3 * math.pi, 24)
    ]
]


def placed(strokes, size: float, x: float, y: float, pressure: float = 1.0):
    """The digit scaled to ``size`` of the canvas with its box's top-left corner at (x, y)."""
    return [[(x + px * size, y + py * size, pressure) for px, py in s] for s in strokes]


def ink(strokes) -> np.ndarray:
    return render_strokes(strokes).image28.astype(float) / 255


@pytest.mark.parametrize("digit", [TWO, SIX])
def test_size_and_position_do_not_change_the_input(digit):
    reference = ink(placed(digit, 0.9, 0.05, 0.05))
    for size, x, y in [(0.4, 0.0, 0.0), (0.4, 0.55, 0.6), (0.9, 0.08, 0.02), (0.6, 0.3, 0.1)]:
        other = ink(placed(digit, size, x, y))
        assert np.abs(other - reference).max() < 0.02, (size, x, y)


def test_the_canvas_pen_width_does_not_reach_the_model(qapp):
    from mnist_desk.ui.draw.canvas import DigitCanvas

    inputs = []
    for width in (0.04, 0.12):
        canvas = DigitCanvas()
        for stroke in placed(TWO, 0.5, 0.2, 0.3):
            canvas.add_stroke(stroke, width=width)
        inputs.append(ink(canvas.stroke_points()))
    assert np.array_equal(inputs[0], inputs[1])


def test_the_input_looks_like_mnist():
    image = ink(placed(SIX, 0.7, 0.1, 0.1))
    rows, cols = np.flatnonzero(image.any(1)), np.flatnonzero(image.any(0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 in (20, 21)  # the 20x20 box
    ys, xs = np.indices(image.shape)
    centre = (ys * image).sum() / image.sum(), (xs * image).sum() / image.sum()
    assert np.allclose(centre, (14, 14), atol=0.75)  # centred by mass, as MNIST
    assert 0.08 < image.mean() < 0.2  # MNIST's ink: 0.13 of the field on average
    line = ink([[(0.5, 0.1), (0.5, 0.9)]])
    assert 2.4 < line[8:20].sum(1).mean() < 3.6  # a "1" as wide as MNIST's (3.2 px)


def test_blank_and_dots():
    assert render_strokes([]).blank
    assert render_strokes([[]]).blank
    dot = render_strokes([[(0.3, 0.3)]])
    assert not dot.blank and dot.tensor.shape == (1, 28, 28)
