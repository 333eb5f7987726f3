"""Loops that strokes make, and what lies inside them.

A number's digits stand beside each other, however they overlap, never one inside another's
loop: what lies wholly inside a loop is part of its digit (an outlined 0's inner contour inside
its outer one, drawn in one stroke or with the pen lifted once). ``stroke_grouping`` joins such
strokes before it groups the rest.

Paper coordinates (the square paper's side is 1), y down. Numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

LOOP_ENDS = 0.3  # a stroke whose ends are nearer than this share of its larger side is a loop
LOOP_FILLS = 0.2  # a loop encloses this share of its larger side squared (a 0 about 0.45; a line
# gone over and back, or two strokes of a bar side by side, next to nothing)
LOOP_REACH = 0.08  # of the larger side: two strokes whose ends lie this near each other's lines


def closed(path: np.ndarray) -> bool:
    """Whether ``path`` comes back to where it started (a loop: a ring, an o, a g's bowl)."""
    side = float((path.max(0) - path.min(0)).max())
    return float(np.hypot(*(path[-1] - path[0]))) < LOOP_ENDS * side


def enclosed_strokes(paths: Sequence[np.ndarray]) -> list[tuple[int, int]]:
    """Pairs (i < j) of strokes one of which lies wholly inside a loop the other makes, alone or
    with one more stroke (a loop drawn with the pen lifted once): one digit, as an outlined 0's
    inner contour and its outer one. A number's digits stand beside each other, however they
    overlap, never one inside another's loop."""
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    if len(points) < 2:
        return []
    every, starts = np.concatenate(points), np.cumsum([0] + [len(p) for p in points[:-1]])
    box = np.concatenate(  # x0, y0, x1, y1
        (np.minimum.reduceat(every, starts), np.maximum.reduceat(every, starts)), 1
    )
    out = set()
    for members, loop in _loops(points, box):
        low, high = loop.min(0), loop.max(0)
        within = ((box[:, :2] >= low) & (box[:, 2:] <= high)).all(1)
        for i in np.flatnonzero(within).tolist():
            if i not in members and _inside_loop(points[i], loop).all():
                out.update((min(i, j), max(i, j)) for j in members)
    return sorted(out)


def _loops(points: list[np.ndarray], box: np.ndarray) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """The loops that have another stroke's box within theirs: each closed stroke, and two
    strokes each of whose ends lies on the other (within LOOP_REACH of their larger side: a
    loop drawn with the pen lifted once), joined into one path."""
    n = len(points)
    # [i, j]: stroke i's box within j's (a loop of j, with or without another, may enclose i)
    within = (box[:, None, :2] >= box[None, :, :2]).all(-1) & (
        box[:, None, 2:] <= box[None, :, 2:]
    ).all(-1)
    firsts = np.array([p[0] for p in points])
    lasts = np.array([p[-1] for p in points])
    sides = (box[:, 2:] - box[:, :2]).max(1)
    # what ``closed`` says of each, at once
    ends_meet = np.hypot(*(lasts - firsts).T) < LOOP_ENDS * sides
    looped = [len(p) >= 3 and bool(meet) for p, meet in zip(points, ends_meet, strict=True)]
    found = [((k,), points[k]) for k in range(n) if looped[k] and within[:, k].sum() > 1]
    open_ones = [k for k in range(n) if len(points[k]) >= 2 and not looped[k]]
    if len(open_ones) < 2 or n < 3:
        return _round(found)
    x0, y0, x1, y1 = box.T
    k = np.asarray(open_ones)
    low_x, low_y = np.minimum.outer(x0[k], x0[k]), np.minimum.outer(y0[k], y0[k])  # each pair's box
    high_x, high_y = np.maximum.outer(x1[k], x1[k]), np.maximum.outer(y1[k], y1[k])
    # [a, b]: how many strokes' boxes lie within the pair's (a third: something to enclose)
    inside = (x0 >= low_x[..., None]) & (y0 >= low_y[..., None])
    inside &= (x1 <= high_x[..., None]) & (y1 <= high_y[..., None])
    candidates = inside.sum(-1) >= 3
    if not candidates.any():
        return _round(found)
    side = np.maximum(high_x - low_x, high_y - low_y)
    reach = LOOP_REACH * side
    # Each end's distance to the other stroke's box: a bound on its distance to the line
    ends = np.stack([np.array([points[i][0], points[i][-1]]) for i in open_ones])  # (m, 2, 2)
    ex, ey = ends[..., 0][:, :, None], ends[..., 1][:, :, None]  # [a, end, b]
    off_x = np.maximum(np.maximum(x0[k] - ex, ex - x1[k]), 0)
    off_y = np.maximum(np.maximum(y0[k] - ey, ey - y1[k]), 0)
    near_box = (off_x * off_x + off_y * off_y).max(1)  # [a, b]: a's farther end from b's box
    maybe = candidates & (np.maximum(near_box, near_box.T) <= reach * reach)
    for x, y in zip(*np.nonzero(np.triu(maybe, 1)), strict=True):
        a, b = open_ones[x], open_ones[y]
        first, second = points[a], points[b]
        if not (_ends_on(first, second, reach[x, y]) and _ends_on(second, first, reach[x, y])):
            continue
        if np.hypot(*(first[-1] - second[0])) > np.hypot(*(first[-1] - second[-1])):
            second = second[::-1]
        found.append(((a, b), np.concatenate((first, second))))
    return _round(found)


def _round(found: list[tuple[tuple[int, ...], np.ndarray]]) -> list:
    """The loops among ``found`` that enclose an area (LOOP_FILLS), not a line gone over and back."""
    return [
        (members, loop)
        for members, loop in found
        if _area(loop) >= LOOP_FILLS * float((loop.max(0) - loop.min(0)).max()) ** 2
    ]


def _ends_on(path: np.ndarray, other: np.ndarray, reach: float) -> bool:
    """Whether both ends of ``path`` lie within ``reach`` of a point of ``other``."""
    gaps = ((path[[0, -1], None, :] - other[None, :, :]) ** 2).sum(-1).min(1)
    return bool((gaps <= reach * reach).all())


def _area(loop: np.ndarray) -> float:
    """The area a closed path encloses (the shoelace formula; a path crossing itself counts its
    lobes against each other)."""
    x, y = loop[:, 0], loop[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _inside_loop(points: np.ndarray, loop: np.ndarray) -> np.ndarray:
    """Which of ``points`` lie inside ``loop`` (closed from its last point to its first), by
    the even-odd rule: a ray to the right crosses its edges an odd number of times."""
    a, b = loop, np.roll(loop, -1, axis=0)
    x, y = points[:, None, 0], points[:, None, 1]
    spans = (a[None, :, 1] > y) != (b[None, :, 1] > y)
    dy = np.where(b[:, 1] == a[:, 1], 1.0, b[:, 1] - a[:, 1])
    crossing_x = a[None, :, 0] + (y - a[None, :, 1]) * ((b[:, 0] - a[:, 0]) / dy)[None, :]
    return ((spans & (x < crossing_x)).sum(1) % 2) == 1
