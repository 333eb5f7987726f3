"""Strokes -> the pieces ``mnist_desk.recognition.grouping`` groups into digits: their boxes with
the writing set upright, and what their paths say of pairs of them.

Handwriting leans: the boxes of a right-leaning 1 and the 2 after it overlap in x although the
digits do not. So strokes are set upright first (``writing_slant``: the commonest lean of their
near-vertical stretches) and compared upright. Strokes that meet end to end are a glyph drawn in
pieces (``joined_strokes``). A digit made bold is drawn again over itself, or as strokes side by
side (as multi-stroke fonts draw one): boxes cannot tell a bold 1 from an 11, so strokes whose
inks lie along each other, each way (``repeated_strokes``), are at least that together, one
digit where they are surely so. A printed digit's serif, foot, flag or bar drawn apart from it,
too short to be a digit, goes with the nearest atom (``separate_pieces``). What lies wholly
inside a loop of strokes is part of its digit (``loops.enclosed_strokes``: an outlined 0's inner
contour).

Paper coordinates (the square paper's side is 1), y down. Numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from mnist_desk.recognition.grouping import SAME, Box, Layout, geometry_groups, layout
from mnist_desk.recognition.loops import closed, enclosed_strokes

ENDS_MEET = 0.3  # togetherness added when two strokes meet end to end (a glyph drawn in pieces)
END_ON_LINE = 0.08  # ... when one starts or ends on the other's line (also where digits touch)
JOIN_REACH = 0.06  # of the taller stroke's height: an end this close to another stroke is on it
# How close (of the pair's largest side) REPEAT_SHARE of each stroke's points lie to the other
# stroke: from REPEAT_SURE down, it goes over the other again (one digit, SAME); up to
# REPEAT_FAR, the pair is at least this together (interpolated down to 0, the reading decides).
REPEAT_SHARE = 0.8
REPEAT_SURE = 0.07
REPEAT_FAR = 0.15
REPEAT_BOX = 2 * REPEAT_FAR  # ... and their boxes' edges this close
REPEAT_PEN = 1.0  # ... and at most this many pen widths apart: their inks touch or overlap
# Or a short stroke (its side under REPEAT_SHORT of the drawing's tallest stroke: a serif, a
# foot, a flag drawn again beside itself, or a part of a longer stroke drawn again to thicken it,
# for which a share of its own side is a hair) whose REPEAT_SHARE of points lie this many pen
# widths from the other stroke or nearer: their inks overlap by more than half, one thick line
# (SAME), falling to 0 at REPEAT_PEN. Only one way, the short one along the other; not for long
# strokes: two 1s written touching are as near as a bold 1's two strokes (the reading decides).
# Long strokes whose inks overlap by more than half each way (REPEAT_SHARE of each one's points
# within REPEAT_PEN_SURE of the other) are one thick line too: no hand writes two digits so.
REPEAT_PEN_SURE = 0.5
REPEAT_SHORT = 0.5
# ... and, whatever the pen, within PART_SURE of the tallest stroke's height (SAME), falling to 0
# at PART_FAR: with a pen as wide as a third of small digits, a neighbour's bar lies within a pen
# of a digit that it merely touches.
PART_SURE = 0.06
PART_FAR = 0.1
# An atom too short to be a digit of the number (its larger side under PIECE_SHORT of the line's
# height: a serif, a foot, a flag, a bar of a printed digit drawn on its own) that stops short
# of the digit it belongs to, as a plotter or a hand leaves a gap, goes with the nearest atom:
# SAME up to PIECE_SURE of the height between their inks, falling to PIECE_LEAST at PIECE_FAR
# (the reading decides); unless two atoms of a digit's size lie about as near (the second within
# PIECE_CLEAR of the first: a bar across two touching digits), where the reading decides as
# before. Not a dot (no stroke longer than its pen: an i's dot stays apart), nor a loop (a
# small ring, a %'s circles, a g's bowl: serifs, feet, flags and bars are open lines;
# ``loops.closed``).
PIECE_SHORT = 0.5
PIECE_SURE = 0.06
PIECE_FAR = 0.15
PIECE_LEAST = 0.05
PIECE_CLEAR = 0.03
# An atom less tall than PART_SIZE of the line's height (too short to be a digit, as the judge's
# heights rule has it) that is an open line longer than its pen is a digit's part drawn apart (a
# flag, a foot, a bar): it may be read with its neighbour across any gap the boxes leave
# (``Layout.parts``). Not a dot (an i's, a j's, a !'s dot stays apart), nor a loop.
PART_SIZE = 0.5
MAX_SLANT = 0.7  # |x shift per unit of height| a writing is ever set upright by
NEAR_VERTICAL = 1.0  # a stretch leaning less than 45 degrees tells the writing's slant
SLANT_BANDWIDTH = 0.08  # leans this close count as one


def writing_slant(paths: Sequence[np.ndarray]) -> float:
    """How far the writing leans right: x moves ``slant`` left per unit down (0 upright). It is
    the commonest lean of its near-vertical stretches, weighted by length (the peak of a smoothed
    histogram: the stems of a slanted hand share one lean, a 7's diagonal or a 2's base do not)."""
    paths = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths if len(p) >= 2]
    if not paths:
        return 0.0
    # Every path's steps at once (those from one path to the next left out), in path order.
    every = np.concatenate(paths) if len(paths) > 1 else paths[0]
    step = every[1:] - every[:-1]
    if len(paths) > 1:
        within = np.ones(len(step), dtype=bool)
        within[np.cumsum([len(p) for p in paths[:-1]]) - 1] = False
        step = step[within]
    dx, dy = step[:, 0], step[:, 1]
    steep = np.abs(dx) < NEAR_VERTICAL * np.abs(dy)
    if not steep.any():
        return 0.0
    dx, dy = dx[steep], dy[steep]
    lean, weight = -dx / dy, np.hypot(dx, dy)
    grid = np.linspace(-MAX_SLANT, MAX_SLANT, 141)
    # weight * exp(-((grid - lean) / bandwidth)^2 / 2), in place: one (141, N) array, not six
    density = np.subtract(grid[:, None], lean)
    density /= SLANT_BANDWIDTH
    np.square(density, out=density)
    density *= -0.5
    np.exp(density, out=density)
    density *= weight
    return float(grid[int(density.sum(1).argmax())])


def upright(points: np.ndarray, slant: float) -> np.ndarray:
    """(N, 2+) points with the writing's lean taken out: x += slant * y."""
    out = np.array(points[:, :2], dtype=np.float64)
    out[:, 0] += slant * out[:, 1]
    return out


def stroke_boxes(paths: Sequence[np.ndarray]) -> list[Box]:
    """Each stroke's box, the writing set upright."""
    slant = writing_slant(paths)
    if not len(paths):
        return []
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    every = upright(np.concatenate(points), slant)  # all at once: the same numbers
    # Box.around of each stroke, its steps taken at once; each sum over the stroke's own steps
    starts = _starts(points)
    low, high = _extents(every, starts)
    step = every[1:] - every[:-1]
    length = np.hypot(step[:, 0], step[:, 1])
    weighted = (every[1:, 0] + every[:-1, 0]) / 2 * length
    boxes = []
    for (x0, y0), (x1, y1), a, n in zip(
        low.tolist(), high.tolist(), starts.tolist(), (len(p) for p in points), strict=True
    ):
        centre = (x0 + x1) / 2
        total = length[a : a + n - 1].sum() if n > 1 else 0.0
        if total > 0:
            centre = float(weighted[a : a + n - 1].sum() / total)
        boxes.append(Box(x0, y0, x1, y1, centre))
    return boxes


def joined_strokes(
    paths: Sequence[np.ndarray], boxes: Sequence[Box]
) -> dict[tuple[int, int], float]:
    """Togetherness to add for pairs (i < j) of strokes that meet (within JOIN_REACH of the taller
    one's height): ENDS_MEET end to end (a glyph drawn in pieces: an outline in arcs, a 5's
    flag from the top of its stem), END_ON_LINE where an end lies on the other's line (a 4's
    bar drawn to its stem, but also digits that touch)."""
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    n = len(points)
    if n < 2:
        return {}
    every = np.concatenate(points)
    starts = np.cumsum([0] + [len(p) for p in points[:-1]])
    firsts_lasts = np.stack([starts, starts + [len(p) - 1 for p in points]], 1).ravel()
    ends = every[firsts_lasts]  # stroke i's two ends at 2i, 2i + 1
    # Every pair's question at once, from every stroke end's distance to every point.
    distance = np.hypot(ends[:, None, 0] - every[None, :, 0], ends[:, None, 1] - every[None, :, 1])
    ends_apart = distance[:, firsts_lasts].reshape(n, 2, n, 2).min(axis=(1, 3))
    end_to_line = np.minimum.reduceat(distance, starts, axis=1).reshape(n, 2, n).min(1)
    end_to_line = np.minimum(end_to_line, end_to_line.T)  # an end of either on the other
    heights = np.array([b.height for b in boxes])
    reach = JOIN_REACH * np.maximum(np.maximum.outer(heights, heights), 1e-9)
    low, high = _extents(every, starts)
    beyond = (low[:, None, :] > high[None, :, :] + reach[:, :, None]).any(-1)
    near = ~(beyond | beyond.T)  # not too far apart to meet
    ends_meet = near & (ends_apart <= reach)
    on_line = near & ~ends_meet & (end_to_line <= reach)
    joined = dict.fromkeys(_upper_pairs(ends_meet), ENDS_MEET)
    joined.update(dict.fromkeys(_upper_pairs(on_line), END_ON_LINE))
    return {(int(i), int(j)): v for (i, j), v in sorted(joined.items())}


def repeated_strokes(
    paths: Sequence[np.ndarray], widths: Sequence[float]
) -> dict[tuple[int, int], float]:
    """The least togetherness of pairs (i < j) of strokes that go over each other, as when a
    digit is gone over again to make it bold, or drawn as strokes side by side as multi-stroke
    fonts draw a bold digit: SAME where REPEAT_SHARE of each one's points lie within REPEAT_SURE
    of the pair's largest side of the other, falling to 0 at REPEAT_FAR (however their boxes
    lie: the two strokes of a bold 1 side by side look like the 1s of an 11). Each way, so that
    a 1 drawn along a side of a 0 is not taken for a part of it; and only where their inks touch
    or overlap (REPEAT_PEN of the wider pen's ``widths``): lines a clear gap apart are two.
    Within REPEAT_PEN_SURE of the wider pen each way (their inks more than half over each
    other), SAME whatever their side."""
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    if len(points) < 2:
        return {}
    box = np.concatenate(_extents(np.concatenate(points), _starts(points)), 1)  # x0, y0, x1, y1
    own = np.maximum(box[:, 2] - box[:, 0], box[:, 3] - box[:, 1])  # each one's larger side
    tallest = float((box[:, 3] - box[:, 1]).max())
    side = np.maximum.outer(own, own)  # the pair's largest side
    pens = np.maximum.outer(np.asarray(widths, dtype=np.float64), np.asarray(widths))
    # Boxes alike (each edge within twice the reach; the ends of a repeat may stray): strokes
    # that go over each other have them, and most pairs are passed over cheaply.
    alike = np.abs(box[:, None, :] - box[None, :, :]).max(-1) <= REPEAT_BOX * side
    # A short stroke (a serif, a flag, a thickened part of a curve) lying along another: its box
    # within the other's, give or take a pen (or PART_FAR of the height, if less).
    margin = np.minimum(pens, PART_FAR * tallest)
    low = (box[:, None, :2] >= box[None, :, :2] - margin[..., None]).all(-1)
    high = (box[:, None, 2:] <= box[None, :, 2:] + margin[..., None]).all(-1)
    inside = low & high  # [i, j]: i's box within j's
    short = own < REPEAT_SHORT * tallest
    smaller = own[:, None] <= own[None, :]
    part = short[:, None] & smaller & inside
    part = part | part.T
    pairs = [
        (i, j, float(side[i, j]), bool(part[i, j]))
        for i, j in _upper_pairs((side > 0) & (alike | part))
    ]
    if not pairs:
        return {}
    # Squared distances between the points of every two strokes in a pair, at once.
    used = sorted({k for i, j, _, _ in pairs for k in (i, j)})
    every = np.concatenate([points[k] for k in used])
    start = dict(zip(used, np.cumsum([0] + [len(points[k]) for k in used]).tolist(), strict=False))
    dx = every[:, 0, None] - every[None, :, 0]
    dy = every[:, 1, None] - every[None, :, 1]
    apart = dx * dx + dy * dy
    out = {}
    for i, j, side, part in pairs:
        block = apart[start[i] : start[i] + len(points[i]), start[j] : start[j] + len(points[j])]
        near_i, near_j = _quantile(block.min(1)), _quantile(block.min(0))  # i's to j, j's to i
        close = math.sqrt(max(near_i, near_j))
        pen = max(widths[i], widths[j])
        together = 0.0
        if close <= REPEAT_PEN_SURE * pen:
            together = SAME  # each one's ink more than half under the other's: one thick line
        elif close <= REPEAT_PEN * pen:
            together = float(np.interp(close / side, (REPEAT_SURE, REPEAT_FAR), (SAME, 0.0)))
        if part:  # only the short one's points need lie along the other
            along = math.sqrt(near_i if own[i] <= own[j] else near_j)
            by_pen = float(np.interp(along / pen, (REPEAT_PEN_SURE, REPEAT_PEN), (SAME, 0.0)))
            by_height = float(np.interp(along / tallest, (PART_SURE, PART_FAR), (SAME, 0.0)))
            together = max(together, min(by_pen, by_height))
        if together > 0:
            out[(i, j)] = together
    return out


def separate_pieces(
    paths: Sequence[np.ndarray], widths: Sequence[float], lay: Layout
) -> dict[tuple[int, int], float]:
    """The least togetherness of pairs of strokes (i < j) that joins an atom of ``lay`` too
    short to be a digit, drawn apart from the digit it belongs to (a serif, a foot, a flag or a
    bar of a printed digit, with a gap as a plotter or a hand leaves), to the nearest atom: one
    pair per short atom, its stroke nearest that atom's (PIECE_SHORT, PIECE_SURE, PIECE_FAR,
    PIECE_CLEAR). Ink gaps are centre lines' distances less the wider pen (``widths``)."""
    if len(lay.atoms) < 2 or lay.height <= 0:
        return {}
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    pens = np.asarray(widths, dtype=np.float64)
    short = [
        k
        for k, (atom, box) in enumerate(zip(lay.atoms, lay.boxes, strict=True))
        if max(box.width, box.height) < PIECE_SHORT * lay.height and _open_line(atom, points, pens)
    ]
    if not short:
        return {}
    large = np.ones(len(lay.atoms), dtype=bool)
    large[short] = False
    every = np.concatenate(points)
    owner = np.repeat(np.arange(len(points)), [len(p) for p in points])
    atom_of = np.empty(len(points), dtype=int)
    for k, atom in enumerate(lay.atoms):
        atom_of[atom] = k
    out: dict[tuple[int, int], float] = {}
    for k in short:
        mine = lay.atoms[k]
        d = np.hypot(
            *(np.concatenate([points[i] for i in mine])[:, None, :] - every[None, :, :]).T
        ).T  # (points of this atom, every point)
        pen = max(pens[i] for i in mine)
        gap = np.full(len(points), np.inf)  # each stroke's ink gap to this atom, of the height
        np.minimum.at(gap, owner, d.min(0))
        gap = (gap - np.maximum(pens, pen)) / lay.height
        gap[mine] = np.inf
        by_atom = np.full(len(lay.atoms), np.inf)
        np.minimum.at(by_atom, atom_of, gap)
        nearest = by_atom.min()
        first, second = np.partition(np.where(large, by_atom, np.inf), 1)[:2]
        if nearest > PIECE_FAR or second - first < PIECE_CLEAR:
            continue
        j = int(gap.argmin())
        i = min(
            mine, key=lambda i: float(np.hypot(*(points[i][:, None] - points[j][None]).T).min())
        )
        together = float(np.interp(nearest, (PIECE_SURE, PIECE_FAR), (SAME, PIECE_LEAST)))
        out[(min(i, j), max(i, j))] = together
    return out


def part_atoms(
    paths: Sequence[np.ndarray], widths: Sequence[float], lay: Layout
) -> tuple[bool, ...]:
    """Which atoms of ``lay`` are a digit's part drawn apart (PART_SIZE): short, open, and no
    dot (a stroke of theirs longer than its pen, ``widths``)."""
    points = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths]
    return tuple(
        box.height < PART_SIZE * lay.height and _open_line(atom, points, widths)
        for atom, box in zip(lay.atoms, lay.boxes, strict=True)
    )


def _open_line(atom: Sequence[int], points: Sequence[np.ndarray], widths) -> bool:
    """Whether an atom's strokes make a serif, foot, flag or bar: not a dot (a stroke of theirs
    longer than its pen) nor a loop."""
    return max(_length(points[i]) - widths[i] for i in atom) > 0 and not any(
        closed(points[i]) for i in atom
    )


def _upper_pairs(flags: np.ndarray) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, where ``flags`` (n, n) is set, in row order (as np.nonzero of
    its upper triangle gives them)."""
    i, j = np.nonzero(flags)
    upper = i < j
    return list(zip(i[upper].tolist(), j[upper].tolist(), strict=True))


def _starts(points: Sequence[np.ndarray]) -> np.ndarray:
    """Where each of ``points`` starts among them all, one after the other."""
    return np.cumsum([0] + [len(p) for p in points[:-1]])


def _extents(every: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each stroke's lowest and highest x and y, (n, 2) each, from every stroke's points one
    after the other (``every``), each stroke starting at ``starts`` (none empty)."""
    return np.minimum.reduceat(every, starts), np.maximum.reduceat(every, starts)


def _length(path: np.ndarray) -> float:
    return float(np.hypot(*np.diff(path, axis=0).T).sum()) if len(path) > 1 else 0.0


def _quantile(values: np.ndarray) -> float:
    """The REPEAT_SHARE quantile of ``values`` (the k-th smallest: cheaper than np.quantile)."""
    k = min(len(values) - 1, int(math.ceil(REPEAT_SHARE * len(values))) - 1)
    return float(np.partition(values, max(k, 0))[max(k, 0)])


def stroke_layout(paths: Sequence[np.ndarray], widths: Sequence[float] | None = None) -> Layout:
    """Strokes ((N, 2+) points each, y down) as atoms (``layout`` of their upright boxes, with
    the strokes that meet and, given their pens' ``widths``, the strokes that go over each
    other and the short pieces drawn apart from their digit, which need the first atoms)."""
    boxes = stroke_boxes(paths)
    repeats = {} if widths is None else repeated_strokes(paths, widths)
    for pair in enclosed_strokes(paths):
        repeats[pair] = SAME
    joined = joined_strokes(paths, boxes)
    lay = layout(boxes, joined, at_least=repeats)
    if widths is None:
        return lay
    pieces = separate_pieces(paths, widths, lay)
    for pair, together in pieces.items():
        repeats[pair] = max(repeats.get(pair, together), together)
    if pieces:
        lay = layout(boxes, joined, at_least=repeats)
    return replace(lay, parts=part_atoms(paths, widths, lay))


def group_strokes(paths: Sequence[np.ndarray]) -> list[list[int]]:
    """Strokes -> the strokes of each digit, digits left to right (by geometry alone)."""
    return geometry_groups(stroke_layout(paths)) if len(paths) else []
