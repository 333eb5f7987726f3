"""Digits drawn as people draw them, with real mouse events, are read right by the shipped default."""

from __future__ import annotations

import math

import numpy as np
import pytest


def arc(cx, cy, rx, ry, a0, a1, n=16):
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in np.linspace(a0, a1, n)
    ]


# In paper coordinates (0..1, y down): each as a person might draw it on the canvas.
FLAG_ONE = [[(0.38, 0.3), (0.55, 0.15), (0.55, 0.85)]]
CROSSED_SEVEN = [[(0.25, 0.18), (0.75, 0.17), (0.45, 0.85)], [(0.38, 0.5), (0.72, 0.49)]]
CLOSED_FOUR = [[(0.62, 0.85), (0.62, 0.15), (0.22, 0.6), (0.8, 0.6)]]
# A small 6 (about 40% of the canvas) in its lower-left corner: with a thick pen it used to blob.
SMALL_SIX = [[(0.38, 0.5), (0.25, 0.65)] + arc(0.3, 0.75, 0.1, 0.12, 180, 540)]


@pytest.mark.parametrize(
    ("strokes", "pen_width", "digit"),
    [
        (FLAG_ONE, 0.08, "1"),
        (CROSSED_SEVEN, 0.06, "7"),
        (CLOSED_FOUR, 0.08, "4"),
        (SMALL_SIX, 0.12, "6"),
    ],
    ids=["flag-1", "crossed-7", "closed-4", "thick-pen-small-6"],
)
def test_drawn_styles_are_read_right(window, pen, strokes, pen_width, digit):
    window.set_pen_width(pen_width)
    for stroke in strokes:
        pen(window.canvases[0], stroke)
    assert window.panels[0].result_view.digit_text == digit


def test_the_preview_shows_what_the_model_saw_drawn_from_the_strokes(window, pen):
    from mnist_desk.imaging.strokes import render_strokes

    window.set_pen_width(0.12)
    pen(window.canvases[0], SMALL_SIX[0])
    shown = window.panels[0].result_view.preview.image
    expected = render_strokes(window.canvases[0].stroke_points()).image28
    assert np.array_equal(shown, expected)
    assert np.array_equal(window.last_result.digits[0].image28, expected)
    # The model's pen, not the user's: a 3% pen gives the same input.
    window.clear_all()
    window.set_pen_width(0.03)
    pen(window.canvases[0], SMALL_SIX[0])
    assert np.abs(window.panels[0].result_view.preview.image.astype(int) - expected).max() <= 64


def test_strokes_over_an_opened_picture_are_read_from_the_pixels(window, pen, tmp_path):
    from PIL import Image

    picture = np.full((100, 100), 255, np.uint8)
    picture[20:80, 45:55] = 0  # a dark "1" on white paper
    path = tmp_path / "one.png"
    Image.fromarray(picture).save(path)
    assert window.open_image(path, 0)
    assert window.canvases[0].stroke_points() is None
    assert window.panels[0].result_view.digit_text == "1"
