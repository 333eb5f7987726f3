"""Synthetic drawn digits for training, in the styles people draw but MNIST's writers rarely did.

MNIST's American writers drew a 1 as a bare stroke, a 7 without a bar, a 4 open: a 1 with a flag
(and a base), a crossed 7, a closed 4 or a 9 with a straight stem, as many people draw them, are
rare there, so a model trained on MNIST alone reads a flagged 1 as a 7. These templates are the
project's own stroke paths with random proportions, rendered by the same renderer the canvas uses
(``mnist_desk.imaging.strokes``), and mixed into the training set.

``styles="all"`` (the drawn-digit recipe, ``TrainingSettings.drawn``) draws every digit, most of
them in the printed and bold styles of ``mnist_desk.data.printed`` (balls, feet, overstrokes),
the rest from the handwritten templates here, each with a hand's wobble.

(The drawn-digit evaluation set, ``mnist_desk/evaluation/drawn_set.py``, has its own sources; it is never
used here.)
"""

from __future__ import annotations

import math

import numpy as np
import torch

from mnist_desk.data import printed
from mnist_desk.imaging.strokes import render_strokes

Path = list[tuple[float, float]]


def _flag_one(rng: np.random.Generator) -> list[Path]:
    top = (0.5 + rng.uniform(-0.05, 0.05), 0.0)
    flag = rng.uniform(0.15, 0.4)  # the flag's length, of the height
    drop = rng.uniform(0.08, 0.3)  # how far down the flag reaches: short and steep, never a 7's bar
    strokes = [[(top[0] - flag, drop), top, (top[0] + rng.uniform(-0.04, 0.04), 1.0)]]
    if rng.random() < 0.45:  # a base
        half = rng.uniform(0.15, 0.35)
        strokes.append([(top[0] - half, 1.0), (top[0] + half, 1.0)])
    return strokes


def _crossed_seven(rng: np.random.Generator) -> list[Path]:
    width = rng.uniform(0.5, 0.9)
    foot = rng.uniform(0.25, 0.55) * width
    bar_y = rng.uniform(0.4, 0.6)
    # Where the stem crosses the bar's height, and a bar across it.
    stem_x = width + (foot - width) * bar_y
    half = rng.uniform(0.15, 0.3)
    body = [(0.0, rng.uniform(0.0, 0.08)), (width, 0.0), (foot, 1.0)]
    return [body, [(stem_x - half, bar_y), (stem_x + half, bar_y + rng.uniform(-0.04, 0.04))]]


def _closed_four(rng: np.random.Generator) -> list[Path]:
    stem = rng.uniform(0.55, 0.8)
    bar_y = rng.uniform(0.55, 0.75)
    right = stem + rng.uniform(0.1, 0.3)
    return [[(stem, 1.0), (stem, 0.0), (0.0, bar_y), (right, bar_y)]]


def _open_four(rng: np.random.Generator) -> list[Path]:
    stem = rng.uniform(0.55, 0.8)
    bar_y = rng.uniform(0.5, 0.7)
    left = rng.uniform(0.0, 0.15)
    return [
        [
            (left + rng.uniform(0.0, 0.15), 0.0),
            (left, bar_y),
            (stem + rng.uniform(0.1, 0.3), bar_y),
        ],
        [(stem, rng.uniform(0.0, 0.25)), (stem, 1.0)],
    ]


def _stem_nine(rng: np.random.Generator) -> list[Path]:
    r = rng.uniform(0.25, 0.4)
    height = rng.uniform(0.3, 0.45)
    cx, cy = 0.5, height / 2 + 0.02
    start = rng.uniform(-30, 10)
    loop = [
        (cx + r * math.cos(math.radians(a)), cy + height / 2 * math.sin(math.radians(a)))
        for a in np.linspace(start, start + 360, 28)
    ]
    stem_x = cx + r * rng.uniform(0.85, 1.0)
    return (
        [loop + [(stem_x, 1.0)]] if rng.random() < 0.6 else [loop, [(stem_x, 0.05), (stem_x, 1.0)]]
    )


TEMPLATES = {
    1: _flag_one,
    7: _crossed_seven,
    4: _closed_four,
    9: _stem_nine,
}
EXTRA = {4: _open_four}  # a second style for a digit


def _slanted(strokes: list, rng: np.random.Generator) -> list[np.ndarray]:
    shear, aspect = rng.uniform(-0.15, 0.3), rng.uniform(0.8, 1.2)
    out = []
    for stroke in strokes:
        points = np.asarray(stroke, dtype=np.float64)
        out.append(
            np.stack([(points[:, 0] + shear * (0.5 - points[:, 1])) * aspect, points[:, 1]], 1)
        )
    return out


HAND, ALL = "hand", "all"
STYLES = (HAND, ALL)
PRINTED_SHARE = 0.75  # "all": of a digit that also has a handwritten template


def _any_style(label: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One digit in any style: printed (balls, feet) or handwritten, perhaps gone over again."""
    hand = [m for d, m in (*TEMPLATES.items(), *EXTRA.items()) if d == label]
    if hand and rng.random() >= PRINTED_SHARE:
        shape = hand[rng.integers(len(hand))](rng)
    else:
        shape = printed.TEMPLATES[label](rng)
    return printed.decorate(shape, rng)


def synthetic_digits(
    count: int, seed: int, styles: str = HAND
) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` template digits, normalised like training: images (N, 1, 28, 28), labels (N,).

    ``styles``: "hand", the handwritten templates above (1, 4, 7, 9); "all", every digit in
    turn, in printed, bold and handwritten styles."""
    if styles not in STYLES:
        raise ValueError(f"unknown template styles {styles!r}; choose one of {', '.join(STYLES)}")
    rng = np.random.default_rng(seed)
    makers = [(d, m) for d, m in TEMPLATES.items()] + [(d, m) for d, m in EXTRA.items()]
    images, labels = [], []
    for i in range(count):
        if styles == ALL:
            label = i % 10
            strokes = _any_style(label, rng)
        else:
            label, make = makers[i % len(makers)]
            strokes = make(rng)
        images.append(render_strokes(_slanted(strokes, rng)).tensor)
        labels.append(label)
    if not images:
        return torch.zeros(0, 1, 28, 28), torch.zeros(0, dtype=torch.long)
    return torch.stack(images), torch.tensor(labels, dtype=torch.long)
