"""How a scribble's strokes differ from a digit's: what the digit gate, reading a 28x28 picture,
cannot see. A digit's strokes are smooth: one crosses itself once or twice at most (an 8, a 4
drawn closed) and seldom turns back on itself (a 1's flag); a scribble's (a knot, a tangle, a
patch shaded back and forth, a row of loops) crosses itself over and over or turns back again
and again. Pure numpy; strokes are point lists in any one unit, y down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

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


# A digit drawn as its outline (a doubled line: a hollow bold digit, or a font's glyph traced
# round) is closed contours: each stroke's end comes back within CLOSED of the height to its own
# start, or to another stroke's (the pen lifted midway round), or at most OVERSHOOT past it; and
# its two sides run side by side: DOUBLED_SHARE of its points have, within THIN of the height
# and THIN_OWN of their contour's larger side, a point of the other side (another stroke's, or
# one OVERSHOOT and FOLD times as far along the contour as straight across: round the end of a
# line, where a loop's points are about as far along it as across). A 0 drawn as one loop is
# closed but not thin; a spiral is thin but not closed; a small ring is not thin for its size;
# two loops that touch (a g, an 8 crossed out) are near only about where they touch.
CLOSED = 0.1
OVERSHOOT = 0.3
THIN = 0.22
THIN_OWN = 0.35
FOLD = 2.0
DOUBLED_SHARE = 0.75


@dataclass(frozen=True)
class StrokeShape:
    """What the strokes of one candidate digit do, the most of any one of them: how often it
    crosses itself, and how often it turns back on itself; and whether they are a doubled line
    (the outline of a digit)."""

    self_crossings: int
    reversals: int
    # Whether they are a doubled line, or how to tell (asked only where it decides something:
    # the judge's product failing, or a stroke turning back often).
    outline: bool | Callable[[], bool] = field(default=False, compare=False, repr=False)

    @cached_property
    def doubled(self) -> bool:
        """Whether the strokes are a doubled line: the outline of a digit."""
        return self.outline() if callable(self.outline) else bool(self.outline)

    @property
    def scribbled(self) -> bool:
        """Whether a stroke crosses itself or turns back more often than a digit's does (an
        outline turns back round every end of the digit's strokes: its turns do not count)."""
        if self.self_crossings >= SELF_CROSSINGS:
            return True
        return self.reversals >= REVERSALS and not self.doubled


def _resampled(paths: Sequence[np.ndarray], step: float) -> list[np.ndarray]:
    """Points every ``step`` along each path (its ends kept; a path no longer than ``step``: its
    two ends). The same numbers as ``np.interp`` over ``np.linspace`` path by path, with the
    per-path work that costs more than the arithmetic for a few short strokes done once."""
    out = []
    for path in paths:
        if len(path) < 2:
            out.append(path)
            continue
        step_xy = path[1:] - path[:-1]
        at = np.empty(len(path))
        at[0] = 0.0
        np.cumsum(np.hypot(step_xy[:, 0], step_xy[:, 1]), out=at[1:])
        total = float(at[-1])
        if total <= step:
            out.append(path[[0, -1]])
            continue
        count = int(total / step) + 1
        t = np.arange(count, dtype=np.float64)  # np.linspace(0, total, count), as it computes it
        t *= total / (count - 1)
        t[-1] = total
        points = np.empty((count, 2))
        points[:, 0] = np.interp(t, at, path[:, 0])
        points[:, 1] = np.interp(t, at, path[:, 1])
        out.append(points)
    return out


def _segments(paths: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every path's segments one after another: their starts, their ends, and whose they are."""
    a = np.concatenate([p[:-1] for p in paths])
    b = np.concatenate([p[1:] for p in paths])
    owner = np.repeat(np.arange(len(paths)), [max(len(p) - 1, 0) for p in paths])
    return a, b, owner


def _reversals(a: np.ndarray, b: np.ndarray, owner: np.ndarray, paths: int) -> list[int]:
    """Each path's turns sharper than REVERSAL over two steps (a hand's tight turn is rounded);
    a run of them is one."""
    d = b - a
    angle = np.arctan2(d[:, 1], d[:, 0])
    within = owner[2:] == owner[:-2]  # segments k and k + 2 of one path
    sharp = within & (np.abs((angle[2:] - angle[:-2] + np.pi) % (2 * np.pi) - np.pi) > REVERSAL)
    # A run starts where the turn before is not sharp (across two paths it never is).
    starts = sharp.copy()
    starts[1:] &= ~sharp[:-1]
    return np.bincount(owner[2:][starts], minlength=paths).tolist()


def _self_crossings(a: np.ndarray, b: np.ndarray, owner: np.ndarray, paths: int) -> list[int]:
    """Each path's proper crossings between its segments that are not neighbours: every path's
    segments against every other's at once (one matrix costs less than one per path), counted
    within each path."""

    def side(p, q, r):  # the sign of (q - p) x (r - p): each segment i against each point j
        return np.sign(
            (q[:, None, 0] - p[:, None, 0]) * (r[None, :, 1] - p[:, None, 1])
            - (q[:, None, 1] - p[:, None, 1]) * (r[None, :, 0] - p[:, None, 0])
        )

    straddles = side(a, b, a) * side(a, b, b) < 0  # segment j's ends on either side of line i
    i, j = np.nonzero(straddles & straddles.T)
    apart = j - i >= 2  # not itself, not its neighbour (np.triu's order: the same pairs)
    i, j = i[apart], j[apart]
    same = owner[i] == owner[j]  # a path's segments are consecutive: j - i >= 2 within it
    return np.bincount(owner[i[same]], minlength=paths).tolist()


def stroke_shape(paths: Sequence[np.ndarray], height: float) -> StrokeShape:
    """How the strokes ``paths`` of one candidate digit, ``height`` tall, cross and turn."""
    paths = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths if len(p)]
    if not paths:
        return StrokeShape(0, 0)
    every = np.concatenate(paths)
    step_xy = every[1:] - every[:-1]
    step_xy[np.cumsum([len(p) for p in paths])[:-1] - 1] = 0.0  # from one path to the next
    length = float(np.hypot(step_xy[:, 0], step_xy[:, 1]).sum())
    step = max(STEP * max(float(height), 1e-9), length / MAX_SEGMENTS)
    resampled = _resampled(paths, step)
    segments = _segments(resampled)
    crossings = max(_self_crossings(*segments, len(paths)))
    return StrokeShape(
        crossings,
        max(_reversals(*segments, len(paths))),
        lambda: crossings <= 1 and _doubled_line(resampled, step, max(float(height), 1e-9)),
    )


def _doubled_line(paths: Sequence[np.ndarray], step: float, height: float) -> bool:
    """Whether ``paths`` (resampled every ``step``) are closed contours whose sides run side by
    side (CLOSED, OVERSHOOT, THIN): a digit drawn as its outline."""
    if any(len(p) < 3 for p in paths):
        return False
    along = [np.arange(len(p)) * step for p in paths]  # each point's distance along its path
    lengths = [a[-1] for a in along]
    every = np.concatenate(paths)
    place = np.concatenate(along)
    # Each stroke's end back at a start (its own, or another stroke's), or at most OVERSHOOT past.
    ends = np.stack([p[-1] for p in paths])
    heads = every[place <= OVERSHOOT * height]
    gaps = np.hypot(ends[:, None, 0] - heads[None, :, 0], ends[:, None, 1] - heads[None, :, 1])
    if not (gaps <= CLOSED * height).any(1).all():
        return False
    owner = np.repeat(np.arange(len(paths)), [len(p) for p in paths])
    apart = np.hypot(every[:, None, 0] - every[None, :, 0], every[:, None, 1] - every[None, :, 1])
    # The other side: on another stroke, or along this one (both ways round) OVERSHOOT or more
    # and FOLD times as far as straight across: round the end of a line, not round a loop.
    gap = np.abs(place[:, None] - place[None, :])
    total = np.array(lengths)[owner][:, None]
    same = owner[:, None] == owner[None, :]
    round_about = np.minimum(gap, total - gap)
    near_along = same & ((round_about < OVERSHOOT * height) | (round_about < FOLD * apart))
    across = np.where(near_along, 2.0 * height + apart.max(), apart).min(1)  # none: far
    # ... and near of its own contour's size too: a small loop (an o, a ring for a dot) is all
    # sides, its points as near each other as a doubled line's
    sides = np.array([float((p.max(0) - p.min(0)).max()) for p in paths])[owner]
    share = DOUBLED_SHARE
    return bool(
        np.quantile(across, share) <= THIN * height
        and np.quantile(across / sides, share) <= THIN_OWN
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
    a, b = (np.concatenate(_resampled(g, step)) for g in (first, second))
    return bool(
        (np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1]) < reach).any()
    )
