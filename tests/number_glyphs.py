"""Digits written for the tests of number reading: the tuning set of the grouping, never the
evaluation sets' sources (Hershey fonts, drawn_set's hand paths) nor the training templates.

Each glyph is a list of strokes in a unit-high box (y down); widths vary as real digits' do.
``dev_styles`` serves them the way ``evaluation.drawn_set`` serves its own, so the number layout
(``evaluation.number_set.drawn_number``) can write numbers with them.
"""

from __future__ import annotations

import math

import numpy as np


def arc(cx, cy, rx, ry, a0, a1, n=20):
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    t = np.radians(np.linspace(a0, a1, n))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in t]


GLYPHS: dict[str, tuple[int, list]] = {
    "0": (0, [arc(0.3, 0.5, 0.3, 0.5, -90, 270)]),
    "0-narrow": (0, [arc(0.2, 0.5, 0.2, 0.5, -100, 265)]),
    "1": (1, [[(0.05, 0.0), (0.05, 1.0)]]),
    "1-flag": (1, [[(0.0, 0.25), (0.25, 0.0), (0.25, 1.0)]]),
    "1-flag-base": (1, [[(0.0, 0.25), (0.25, 0.0), (0.25, 1.0)], [(0.0, 1.0), (0.5, 1.0)]]),
    "2": (2, [arc(0.3, 0.28, 0.3, 0.28, 200, 390) + [(0.0, 1.0), (0.62, 1.0)]]),
    "2-angular": (2, [[(0.0, 0.15), (0.3, 0.0), (0.6, 0.2), (0.0, 1.0), (0.65, 1.0)]]),
    "3": (3, [arc(0.3, 0.25, 0.3, 0.25, 200, 450) + arc(0.3, 0.75, 0.33, 0.25, 270, 520)]),
    "3-flat": (3, [[(0.0, 0.0), (0.6, 0.0), (0.25, 0.4)] + arc(0.3, 0.7, 0.32, 0.3, 270, 510)]),
    "4-two-strokes": (4, [[(0.15, 0.0), (0.0, 0.65), (0.62, 0.65)], [(0.45, 0.2), (0.45, 1.0)]]),
    "4-closed": (4, [[(0.5, 1.0), (0.5, 0.0), (0.0, 0.65), (0.65, 0.65)]]),
    "4-stem-at-end": (4, [[(0.1, 0.0), (0.0, 0.6), (0.55, 0.6)], [(0.55, 0.0), (0.55, 1.0)]]),
    "5-two-strokes": (
        5,
        [
            [(0.08, 0.0), (0.05, 0.45)] + arc(0.3, 0.7, 0.3, 0.3, 230, 500),
            [(0.08, 0.0), (0.6, 0.0)],
        ],
    ),
    "5-one-stroke": (
        5,
        [[(0.6, 0.0), (0.08, 0.0), (0.05, 0.45)] + arc(0.3, 0.7, 0.3, 0.3, 230, 500)],
    ),
    "6": (6, [arc(0.4, 0.5, 0.35, 0.5, 290, 180) + arc(0.35, 0.72, 0.32, 0.28, 180, -180)]),
    "7": (7, [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)]]),
    "7-two-strokes": (7, [[(0.0, 0.0), (0.6, 0.0)], [(0.6, 0.0), (0.2, 1.0)]]),
    "7-crossed": (7, [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)], [(0.12, 0.5), (0.55, 0.5)]]),
    "8": (8, [arc(0.3, 0.25, 0.22, 0.25, 90, -270) + arc(0.3, 0.74, 0.3, 0.26, -90, 270)]),
    "8-two-loops": (8, [arc(0.3, 0.25, 0.22, 0.25, 0, 360), arc(0.3, 0.74, 0.3, 0.26, -90, 270)]),
    "9": (9, [arc(0.3, 0.28, 0.3, 0.28, -10, 350) + [(0.6, 0.22), (0.58, 1.0)]]),
    "9-two-strokes": (9, [arc(0.3, 0.28, 0.3, 0.28, 0, 360), [(0.6, 0.2), (0.58, 1.0)]]),
}


def glyph(name: str) -> list[np.ndarray]:
    return [np.asarray(s, dtype=float) for s in GLYPHS[name][1]]


def dev_styles(label: int) -> list[tuple[str, list]]:
    """This file's glyphs of ``label``, as ``evaluation.drawn_set`` serves its own."""
    return [(f"test:{n}", strokes) for n, (d, strokes) in GLYPHS.items() if d == label]


def write(names, gap=0.25, slant=0.0, height=0.3, at=(0.05, 0.3)):
    """Glyphs left to right, ``gap`` (of the height) between their boxes, leaning by ``slant``
    (x += slant * (middle - y)); returns the strokes (canvas coordinates) and each digit's
    stroke count."""
    strokes, x = [], 0.0
    for i, name in enumerate(names):
        paths = glyph(name)
        low = min(s[:, 0].min() for s in paths)
        width = max(s[:, 0].max() for s in paths) - low
        if i:
            x += gap
        strokes.extend(s + [x - low, 0.0] for s in paths)
        x += width
    placed = []
    for s in strokes:
        s = s * height + at
        s[:, 0] += slant * (at[1] + height / 2 - s[:, 1])
        placed.append(s)
    return placed, [len(GLYPHS[n][1]) for n in names]


def expected_groups(counts):
    """The stroke indices of each digit, for strokes written digit after digit."""
    groups, start = [], 0
    for n in counts:
        groups.append(list(range(start, start + n)))
        start += n
    return groups


def side_by_side(strokes, offsets):
    """Each stroke drawn as several strokes side by side, ``offsets`` (canvas units) along its
    normal: a digit made bold with a thin pen, as multi-stroke fonts draw one."""
    out = []
    for s in map(pointer_samples, strokes):
        step = np.gradient(s, axis=0)
        normal = np.stack([-step[:, 1], step[:, 0]], 1)
        normal /= np.maximum(np.hypot(*normal.T), 1e-12)[:, None]
        out.extend(s + normal * o for o in offsets)
    return out


def gone_over(strokes, shift):
    """The strokes, then each drawn again ``shift`` (canvas units, x and y) off: a digit gone over
    to make it bold."""
    strokes = [pointer_samples(s) for s in strokes]
    return strokes + [s + np.asarray(shift) for s in strokes]


def pointer_samples(stroke, spacing=0.012):
    """A stroke as a mouse reports it: points about ``spacing`` (canvas units) apart."""
    out = [stroke[:1]]
    for a, b in zip(stroke[:-1], stroke[1:], strict=True):
        n = max(1, int(np.ceil(np.hypot(*(b - a)) / spacing)))
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)
