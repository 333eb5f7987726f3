"""How a scribble's strokes differ from a digit's: what the digit gate, reading a 28x28 picture,
cannot see. A digit's strokes are smooth: one crosses itself once or twice at most (an 8, a 4
drawn closed) and seldom turns back on itself (a 1's flag); a scribble's (a knot, a tangle, a
patch shaded back and forth, a row of loops) crosses itself over and over or turns back again
and again. Pure numpy; strokes are point lists in any one unit, y down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

STEP = 0.08  # strokes are resampled every this share of the group's height
MAX_SEGMENTS = 800  # ... or coarser, for a very long scribble (crossings are counted pairwise)
REVERSAL = np.radians(150)  # a turn this sharp, over two steps, turns back
# A digit's strokes, one at a time, cross themselves fewer times and turn back fewer times than
# this. On development drawings (scripts/judge-dev.py) no digit came near: MNIST validation
# digits written as numbers crossed themselves at most 2 times and turned back once; the
# training templates, balls and overstrokes included, 7 and 3 times.
SELF_CROSSINGS = 10
REVERSALS = 5


@dataclass(frozen=True)
class StrokeShape:
    """What the strokes of one candidate digit do, the most of any one of them: how often it
    crosses itself, and how often it turns back on itself."""

    self_crossings: int
    reversals: int

    @property
    def scribbled(self) -> bool:
        """Whether a stroke crosses itself or turns back more often than a digit's does."""
        return self.self_crossings >= SELF_CROSSINGS or self.reversals >= REVERSALS


def _resampled(path: np.ndarray, step: float) -> np.ndarray:
    """Points every ``step`` along ``path``."""
    if len(path) < 2:
        return path
    lengths = np.hypot(*np.diff(path, axis=0).T)
    total = float(lengths.sum())
    if total <= step:
        return path[[0, -1]]
    at = np.concatenate([[0.0], np.cumsum(lengths)])
    t = np.linspace(0.0, total, int(total / step) + 1)
    return np.column_stack([np.interp(t, at, path[:, 0]), np.interp(t, at, path[:, 1])])


def _reversals(path: np.ndarray) -> int:
    """Turns sharper than REVERSAL over two steps (a hand's tight turn is rounded); a run of
    them is one."""
    if len(path) < 4:
        return 0
    d = np.diff(path, axis=0)
    angle = np.arctan2(d[:, 1], d[:, 0])
    sharp = np.abs((angle[2:] - angle[:-2] + np.pi) % (2 * np.pi) - np.pi) > REVERSAL
    return int(np.count_nonzero(sharp[1:] & ~sharp[:-1]) + bool(sharp[0]))


def _self_crossings(path: np.ndarray) -> int:
    """Proper crossings between the segments of one path that are not neighbours."""
    if len(path) < 4:
        return 0
    a, b = path[:-1], path[1:]

    def side(p, q, r):  # the sign of (q - p) x (r - p): each segment i against each point j
        return np.sign(
            (q[:, None, 0] - p[:, None, 0]) * (r[None, :, 1] - p[:, None, 1])
            - (q[:, None, 1] - p[:, None, 1]) * (r[None, :, 0] - p[:, None, 0])
        )

    straddles = side(a, b, a) * side(a, b, b) < 0  # segment j's ends on either side of line i
    cross = straddles & straddles.T
    return int(np.count_nonzero(np.triu(cross, 2)))


def stroke_shape(paths: Sequence[np.ndarray], height: float) -> StrokeShape:
    """How the strokes ``paths`` of one candidate digit, ``height`` tall, cross and turn."""
    paths = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths if len(p)]
    length = sum(float(np.hypot(*np.diff(p, axis=0).T).sum()) for p in paths)
    step = max(STEP * max(float(height), 1e-9), length / MAX_SEGMENTS)
    sampled = [_resampled(p, step) for p in paths]
    return StrokeShape(
        max((_self_crossings(q) for q in sampled), default=0),
        max((_reversals(q) for q in sampled), default=0),
    )


def strokes_touch(first: Sequence[np.ndarray], second: Sequence[np.ndarray], reach: float) -> bool:
    """Whether a stroke of ``first`` comes within ``reach`` of a stroke of ``second``, their
    points taken every ``reach`` along them (or coarser, for very long strokes): an h's arch
    drawn from its stem touches it."""
    first, second = (
        [np.asarray(p, dtype=np.float64)[:, :2] for p in g if len(p)] for g in (first, second)
    )
    if reach <= 0 or not first or not second:
        return False
    length = sum(float(np.hypot(*np.diff(p, axis=0).T).sum()) for p in (*first, *second))
    step = max(float(reach), length / MAX_SEGMENTS)
    a, b = (np.concatenate([_resampled(p, step) for p in g]) for g in (first, second))
    return bool(
        (np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1]) < reach).any()
    )
