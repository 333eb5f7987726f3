"""The drawn-number evaluation set: whole numbers of 1 to 4 digits written left to right.

Its digits come from the drawn-digit set's sources (``drawn_set``: the Hershey fonts' single-
stroke digits and the hand-written paths for styles the fonts lack, such as a crossed 7, an open
4 in two strokes, a 1 with a flag and a base), never from the training templates or MNIST. A
number is written as a person writes one: a slant of their own over the whole line with a
little change from digit to digit, each digit a little larger or smaller and higher or lower,
and spacing that ranges from clear gaps to digits that touch or overlap a little in x (measured
between the digits' centre lines; with the pen's width, ink touches more often still). The pen
is 4-12% of the canvas side, as in the drawn-digit set.

EVALUATION ONLY: nothing that trains imports this module (an import-linter contract).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mnist_desk.evaluation.drawn_set import ASPECT, PEN, SLANT, SPACING, WOBBLE
from mnist_desk.evaluation.drawn_set import _densify as densify
from mnist_desk.evaluation.drawn_set import digit_styles as styles_for

SEED = 23
HEIGHT = (0.28, 0.55)  # the number's digit height, of the canvas side (before fitting)
SIZE_JITTER = (0.85, 1.15)  # each digit's height against the number's
SLANT_JITTER = 0.06  # each digit's slant around the number's
BASELINE_JITTER = 0.05  # of the digit height, up or down
# Spacing between neighbours' centre-line boxes (before the number's slant), of the digit height:
# a share overlap a little,
# a share leave less than the pen's width (the ink touches), the rest a clear gap.
OVERLAP = (-0.1, 0.0)
CLEAR = (0.0, 0.45)
SHARE_OVERLAPPING = 0.1
SHARE_TOUCHING = 0.2
MARGIN = 0.03  # of the canvas side, kept free around the number (plus half the pen)


@dataclass(frozen=True)
class DrawnNumber:
    """A number as a person would write it in one box: strokes in canvas coordinates (0..1)."""

    digits: tuple[int, ...]  # as written, left to right
    styles: tuple[str, ...]  # each digit's source, e.g. "font:futural" or "hand:open-4"
    strokes: tuple[tuple[tuple[float, float], ...], ...]  # every stroke, digit after digit
    pen_width: float  # of the canvas side
    strokes_per_digit: tuple[int, ...]
    spacing: tuple[str, ...] = ()  # between neighbours: "clear", "touching" or "overlapping"

    @property
    def value(self) -> int:
        return int("".join(map(str, self.digits)))


def _shaped(strokes: list, slant: float, aspect: float) -> list[np.ndarray]:
    """A glyph slanted (by its own jitter) and stretched, its height 1, its box's top-left at
    (0, 0)."""
    paths = [np.asarray(s, dtype=np.float64) for s in strokes]
    every = np.concatenate(paths)
    low, high = every.min(0), every.max(0)
    height = float(high[1] - low[1]) or float((high - low).max()) or 1.0
    centre = (low + high) / 2
    shaped = []
    for p in paths:
        q = (p - centre) / height
        q[:, 0] = (q[:, 0] + slant * -q[:, 1]) * aspect
        shaped.append(q)
    low = np.concatenate(shaped).min(0)
    return [q - low for q in shaped]


def _gap(rng: np.random.Generator, pen: float, height: float) -> tuple[float, str]:
    """The space between two neighbours' centre-line boxes, in canvas units, and its kind."""
    kind = rng.random()
    if kind < SHARE_OVERLAPPING:
        return rng.uniform(*OVERLAP) * height, "overlapping"
    if kind < SHARE_OVERLAPPING + SHARE_TOUCHING:
        return rng.uniform(0.0, pen), "touching"
    return max(pen, rng.uniform(*CLEAR) * height), "clear"


Styles = Callable[[int], list[tuple[str, list]]]  # digit -> its (style name, strokes) choices


def drawn_number(
    digits: tuple[int, ...], rng: np.random.Generator, styles: Styles = styles_for
) -> DrawnNumber:
    """``digits`` written in one box, in random styles, sizes, slant and spacing; ``styles``
    gives each digit's glyphs (the drawn-digit set's sources unless a test passes its own)."""
    slant, aspect = rng.uniform(*SLANT), rng.uniform(*ASPECT)
    pen = float(rng.uniform(*PEN))
    height = rng.uniform(*HEIGHT)
    glyphs, names = [], []
    for label in digits:
        choices = styles(label)
        style, strokes = choices[rng.integers(len(choices))]
        size = height * rng.uniform(*SIZE_JITTER)
        shape = _shaped(strokes, rng.normal(0, SLANT_JITTER), aspect)
        glyphs.append([q * size for q in shape])
        names.append(style)
    # Lay the digits out left to right, each on the common baseline with a little jitter.
    placed, x, spacing = [], 0.0, []
    for i, glyph in enumerate(glyphs):
        every = np.concatenate(glyph)
        width, tall = float(every[:, 0].max()), float(every[:, 1].max())
        if i:
            gap, kind = _gap(rng, pen, height)
            x += gap
            spacing.append(kind)
        dy = height - tall + rng.uniform(-1, 1) * BASELINE_JITTER * height  # bottoms aligned
        placed.append([q + np.array([x, dy]) for q in glyph])
        x += width
    # The writer's slant, over the whole line (x += slant * (middle - y), as drawn_set's).
    middle = height / 2
    placed = [[q + np.c_[slant * (middle - q[:, 1]), np.zeros(len(q))] for q in g] for g in placed]
    # Fit the whole number on the canvas (scaled down if too wide), anywhere it fits.
    every = np.concatenate([q for glyph in placed for q in glyph])
    low, high = every.min(0), every.max(0)
    room = 1 - 2 * (MARGIN + pen / 2)
    scale = min(1.0, room / float((high - low).max()))
    span = (high - low) * scale
    lowest = MARGIN + pen / 2
    origin = np.array([rng.uniform(lowest, max(lowest, 1 - lowest - span[i])) for i in range(2)])
    strokes, counts = [], []
    for glyph in placed:
        counts.append(len(glyph))
        for q in glyph:
            q = densify((q - low) * scale + origin, SPACING)
            phase, freq = rng.uniform(0, 2 * math.pi, 2), rng.uniform(2, 5, 2)
            t = np.linspace(0, 1, len(q))[:, None]
            q = q + WOBBLE * height * scale * np.sin(2 * math.pi * freq * t + phase)
            strokes.append(tuple((float(a), float(b)) for a, b in np.clip(q, 0.005, 0.995)))
    return DrawnNumber(
        tuple(digits), tuple(names), tuple(strokes), pen, tuple(counts), tuple(spacing)
    )


def random_digits(rng: np.random.Generator, length: int) -> tuple[int, ...]:
    """``length`` digits of a number as people write it: no leading zero (but 0 alone)."""
    first = int(rng.integers(0, 10)) if length == 1 else int(rng.integers(1, 10))
    return (first, *(int(d) for d in rng.integers(0, 10, length - 1)))


def drawn_number_pairs(
    count: int = 300,
    seed: int = SEED,
    lengths: tuple[int, ...] = (1, 2, 3),
    styles: Styles = styles_for,
) -> list[tuple[DrawnNumber, DrawnNumber]]:
    """``count`` pairs of numbers for the two boxes, each of a length drawn from ``lengths``."""
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(count):
        a, b = (random_digits(rng, int(rng.choice(lengths))) for _ in range(2))
        pairs.append((drawn_number(a, rng, styles), drawn_number(b, rng, styles)))
    return pairs
