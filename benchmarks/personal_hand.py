"""A synthetic personal hand for the "teach it your handwriting" benchmark and tests.

One person's unusual, ornate way of writing digits (a slashed 0, a 1 with a long flag, a Z-like
2 with a bar, a flat-topped 3, a closed 4, a crossed 7, an 8 of two separate rings, a 9 written
like an "a" ...), slanted to the right, generated as strokes from a fixed seed and
rendered into the 28x28 model input by the app's stroke renderer. Every example gets its own
small wobble, rotation, aspect and pen width, the way one hand varies from digit to digit.

The set is made of two disjoint halves per digit: the digits to learn from and the held-out ones,
drawn from different seeds. It is neither MNIST nor any of the project's training templates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SEED = 1515
# The hand's right lean (x shifts by SLANT x height). Calibrated so that the shipped default
# classifier misreads about 1 digit in 5, as the benchmark asks: 0.42 did that for the MNIST-only
# convnet (82% read right), but the convnet fine-tuned for drawn digits reads 95% of that hand;
# at 0.75 it reads 82% (held-out half, seed 1516).
SLANT = 0.75
Path = list[tuple[float, float]]


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 20) -> Path:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in np.linspace(a0, a1, n)
    ]


def templates() -> dict[int, list[Path]]:
    """The hand's digits in a unit box, y down: list of strokes per digit."""
    return {
        0: [_arc(0.5, 0.5, 0.34, 0.48, -90, 275), [(0.93, -0.03), (0.07, 1.03)]],  # slashed
        1: [[(0.1, 0.33), (0.6, 0.0), (0.6, 1.0)]],  # a long flag, no base
        2: [[(0.05, 0.0), (0.95, 0.0), (0.05, 1.0), (0.95, 1.0)], [(0.25, 0.5), (0.75, 0.5)]],
        3: [[(0.1, 0.0), (0.85, 0.0), (0.4, 0.4)] + _arc(0.5, 0.68, 0.38, 0.3, -110, 150)],
        4: [[(0.7, 1.0), (0.7, 0.0), (0.0, 0.65), (1.0, 0.65)], [(0.5, 0.85), (0.9, 0.85)]],
        5: [
            [(0.95, -0.05), (0.8, 0.05), (0.2, 0.02)],
            [(0.2, 0.02), (0.15, 0.45)] + _arc(0.48, 0.68, 0.38, 0.3, -135, 160),
        ],
        6: [[(0.75, 0.0), (0.25, 0.55)] + _arc(0.5, 0.72, 0.3, 0.27, 200, 560)],
        7: [
            [(0.0, 0.1), (0.5, 0.0), (0.95, 0.05), (0.5, 0.5), (0.3, 1.0)],
            [(0.1, 0.55), (0.8, 0.45)],
        ],  # crossed
        8: [_arc(0.5, 0.25, 0.28, 0.25, 0, 365), _arc(0.5, 0.73, 0.36, 0.27, 0, 365)],
        9: [_arc(0.45, 0.45, 0.33, 0.3, -10, 350), [(0.78, 0.2), (0.78, 0.75), (0.95, 0.8)]],
    }


@dataclass(frozen=True)
class HandDigit:
    label: int
    strokes: tuple[tuple[tuple[float, float, float], ...], ...]  # canvas coordinates 0..1
    pen_width: float  # of the canvas side
    image28: np.ndarray  # the model input


def _styled(strokes: list[Path], rng: np.random.Generator) -> tuple[list[np.ndarray], float]:
    """The hand's slant plus this example's own variation, placed on a canvas (0..1)."""
    slant = SLANT + rng.normal(0, 0.06)  # a strong right lean
    angle = math.radians(rng.normal(0, 5))
    aspect = math.exp(rng.normal(0, 0.1))
    size = rng.uniform(0.5, 0.8)
    cx, cy = rng.uniform(0.4, 0.6, 2)
    cos, sin = math.cos(angle), math.sin(angle)
    out = []
    for stroke in strokes:
        p = np.asarray(stroke, np.float64) - 0.5
        p[:, 0] = p[:, 0] * aspect * 0.7 - slant * p[:, 1]
        p += rng.normal(0, 0.012, p.shape)
        p = p @ np.array([[cos, sin], [-sin, cos]])
        out.append(p * size + (cx, cy))
    return out, float(rng.uniform(0.05, 0.1))


def render(strokes: list[np.ndarray], pen_width: float) -> np.ndarray:
    """Strokes on a canvas -> the 28x28 model input, through the app's own stroke renderer (the
    path a drawing on the canvas takes; it draws with an MNIST-like pen whatever ``pen_width``)."""
    from mnist_desk.imaging.strokes import render_strokes

    return render_strokes([[(float(x), float(y)) for x, y in path] for path in strokes]).image28


def hand_digits(per_digit: int, seed: int = SEED) -> list[HandDigit]:
    """``per_digit`` examples of each digit 0..9 in this hand, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    shapes = templates()
    out = []
    for _ in range(per_digit):
        for label in range(10):
            strokes, pen = _styled(shapes[label], rng)
            image = render(strokes, pen)
            points = tuple(tuple((float(x), float(y), 1.0) for x, y in s) for s in strokes)
            out.append(HandDigit(label, points, pen, image))
    return out


def learn_and_held_out(
    per_digit: int = 18, seed: int = SEED
) -> tuple[list[HandDigit], list[HandDigit]]:
    """Two disjoint sets of the same hand: to learn from, and held out (seeds ``seed`` and
    ``seed + 1``). Another ``seed`` is another person writing the same style."""
    return hand_digits(per_digit, seed), hand_digits(per_digit, seed + 1)
