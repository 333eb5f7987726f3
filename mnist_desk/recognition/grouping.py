"""Pieces of ink (strokes, or connected blobs of a picture) -> digits, the way a reader groups them.

A number is written left to right, so what decides first is where the pieces lie along x:
a piece whose middle lies well inside another's span belongs to it (a 4's stem inside its first
stroke, a 7's cross bar, a 5's flag, a 1's base). How the two lie in height decides the rest:
the digits of a line stand side by side at about the same height, while a digit's own pieces
seldom span the same rows (the 9's stem starts halfway down its loop, the 5's flag is a line at
the top). ``togetherness`` weighs both; above ``SAME`` two pieces are one digit, below ``APART``
two, and in between the reading decides: ``candidate_groupings`` offers both ways, the likeliest
by geometry first, and ``mnist_desk.recognition.numbers`` keeps the one the model reads best.
Specks (a stray click, a pen's dab: far smaller than the digits around them) join the nearest
digit rather than stand for one.

Strokes become pieces in ``mnist_desk.recognition.stroke_grouping`` (set upright, with the
strokes that meet or go over each other).

Pieces are boxes with their ink's centre, in any one unit (paper coordinates for strokes, pixels
for pictures), y down. Numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

SAME = 0.3  # togetherness from here up: one digit
MERGE_AT = 0.05  # below SAME, the geometry leans to one digit from here up, to two below
LEVEL_WEIGHT = 0.5  # how much pieces at one height (rows in common) count against one digit
LEVEL_NEUTRAL = 0.7  # rows in common (of their union) that say neither
NEAR = 0.25  # of the height: pieces this far apart are beside each other, whatever their heights
FLAT = 0.25  # a piece less tall than this share of the other is a bar (its rows say nothing)
APART = -0.07  # a link below this: two neighbouring atoms are never read as one digit ...
# ... unless one is a part of a digit drawn apart (``Layout.parts``: a flag, a foot or a bar) and
# the two lie within PART_GAP of the line's height of each other (their boxes): the reading decides
PART_GAP = 0.15
MAX_RUN = 6  # a digit is made of at most this many atoms
MAX_RUN_WIDTH = 2.0  # of the line's height: a run of atoms wider than this is never one digit
# Log-odds (nats) of one digit against the togetherness of two neighbouring atoms (interpolated).
LINK_ODDS = ((-0.05, 0.0, 0.05, 0.1, 0.25, 0.3), (-4.0, -1.0, 1.0, 1.8, 2.2, 3.0))
SHORT = 0.7  # a digit less tall than this share of the number's tallest is likely a part of one
SHORT_CONVICTION = 10.0  # nats per unit of height short of SHORT
WIDEST = 1.1  # a digit wider than this share of its height is likely two
WIDE_CONVICTION = 10.0  # nats per unit of width (of the height) past WIDEST


@dataclass(frozen=True)
class Box:
    """A piece's extent: left, top, right, bottom (y down), and its ink's centre in x."""

    x0: float
    y0: float
    x1: float
    y1: float
    cx: float | None = None  # the ink's centre in x (the box's middle if not given)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2 if self.cx is None else self.cx

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    @classmethod
    def around(cls, path: np.ndarray) -> Box:
        """The box of a path of (N, 2) points, its centre the path's length-weighted middle."""
        low, high = path.min(0), path.max(0)
        centre = float((low[0] + high[0]) / 2)
        if len(path) > 1:
            step = path[1:] - path[:-1]
            length = np.hypot(step[:, 0], step[:, 1])
            total = length.sum()
            if total > 0:
                middles = (path[1:, 0] + path[:-1, 0]) / 2
                centre = float((middles * length).sum() / total)
        return cls(float(low[0]), float(low[1]), float(high[0]), float(high[1]), centre)


def togetherness(a: Box, b: Box) -> float:
    """How much two pieces look like one digit (> SAME) or two (< APART).

    How deep the narrower piece's ink centre lies inside the wider one's span (negative outside),
    of the taller one's height; less ``LEVEL_WEIGHT`` times how far the rows they share pass
    ``LEVEL_NEUTRAL`` of the rows either spans, counted less as the pieces lie farther apart
    (and not for a flat piece, a bar or a base)."""
    narrow, wide = (a, b) if a.width <= b.width else (b, a)
    scale = max(a.height, b.height, a.width, b.width, 1e-12)
    depth = min(narrow.centre_x - wide.x0, wide.x1 - narrow.centre_x) / scale
    if min(a.height, b.height) <= FLAT * max(a.height, b.height):
        return depth  # a bar or a base (or two, one drawn again on one row): only where it lies
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    spanned = max(a.y1, b.y1) - min(a.y0, b.y0)
    level = max(0.0, shared) / spanned if spanned > 0 else 1.0  # two flat pieces: one height
    near = min(1.0, max(0.0, 1 + depth / NEAR))  # the heights count less the farther apart
    return depth - LEVEL_WEIGHT * (level - LEVEL_NEUTRAL) * near


def _togetherness_of_pairs(boxes: Sequence[Box]) -> np.ndarray:
    """``togetherness(boxes[i], boxes[j])`` at [i, j] for every pair at once: the same steps on
    arrays, so the same numbers (only a zero's sign may differ, which no comparison sees)."""
    x0, y0, x1, y1, cx = np.array([(b.x0, b.y0, b.x1, b.y1, b.centre_x) for b in boxes]).T
    w, h = x1 - x0, y1 - y0
    a_narrow = w[:, None] <= w[None, :]  # a = boxes[i] (rows), b = boxes[j] (columns)
    narrow_cx = np.where(a_narrow, cx[:, None], cx[None, :])
    wide_x0 = np.where(a_narrow, x0[None, :], x0[:, None])
    wide_x1 = np.where(a_narrow, x1[None, :], x1[:, None])
    high = np.maximum(h[:, None], h[None, :])
    scale = np.maximum(np.maximum(high, np.maximum(w[:, None], w[None, :])), 1e-12)
    depth = np.minimum(narrow_cx - wide_x0, wide_x1 - narrow_cx) / scale
    flat = np.minimum(h[:, None], h[None, :]) <= FLAT * high
    shared = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    spanned = np.maximum(y1[:, None], y1[None, :]) - np.minimum(y0[:, None], y0[None, :])
    level = np.maximum(0.0, shared) / np.where(spanned > 0, spanned, 1.0)
    level = np.where(spanned > 0, level, 1.0)
    near = np.minimum(1.0, np.maximum(0.0, 1 + depth / NEAR))
    return np.where(flat, depth, depth - LEVEL_WEIGHT * (level - LEVEL_NEUTRAL) * near)


class _Sets:
    """Union-find over piece indices."""

    def __init__(self, parent: list[int]):
        self.parent = list(parent)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return list(found.values())


@dataclass(frozen=True)
class Layout:
    """Pieces made into atoms (pieces that are surely parts of one digit), the atoms left to
    right by their ink's centre, and what the geometry says about digits made of consecutive
    atoms: a digit is a run of consecutive atoms (a number is written left to right)."""

    atoms: list[list[int]]  # piece indices of each atom (ascending)
    boxes: list[Box]  # each atom's box
    links: list[float]  # togetherness of atom k and k + 1 (the closest pair of their pieces)
    height: float  # the line's height: its tallest atom's
    # Which atoms are a digit's part drawn apart, too short to be a digit (strokes only:
    # ``stroke_grouping.part_atoms``); none known, none
    parts: tuple[bool, ...] = ()

    def run_box(self, start: int, end: int) -> Box:
        return group_box(self.boxes, range(start, end))

    def run_prior(self, start: int, end: int) -> float:
        """What the geometry says of atoms start..end-1 being one digit, in nats: how together
        its neighbours are, less what an unlikely digit's shape costs."""
        together = sum(self._link_priors[0][start : end - 1])
        return together - shape_cost(self.run_box(start, end), self.height)

    def cut_prior(self, k: int) -> float:
        """What the geometry says of a digit ending before atom k, in nats."""
        return self._link_priors[1][k - 1]

    @cached_property
    def _link_priors(self) -> tuple[list[float], list[float]]:
        """Each link's log-odds made into nats once: of one digit across it, of a cut there."""
        evidence = [_evidence(link) for link in self.links]
        return [_log_sigmoid(e) for e in evidence], [_log_sigmoid(-e) for e in evidence]

    def runs(self) -> list[tuple[int, int]]:
        """The runs worth reading: every atom, and runs of up to MAX_RUN atoms no wider than two
        digits whose neighbours are not clearly apart (a link below APART, where two atoms were
        measured to be one digit less than once in a hundred)."""
        out = []
        for start in range(len(self.atoms)):
            out.append((start, start + 1))
            for end in range(start + 2, min(len(self.atoms), start + MAX_RUN) + 1):
                if self.links[end - 2] < APART and not self._part_beside(end - 2):
                    break
                if self.run_box(start, end).width > MAX_RUN_WIDTH * max(self.height, 1e-12):
                    break
                out.append((start, end))
        return out

    def _part_beside(self, k: int) -> bool:
        """Whether atom k or k + 1 is a digit's part drawn apart (``parts``) and the two lie
        close (PART_GAP)."""
        if not any(self.parts[k : k + 2]):
            return False
        left, right = self.boxes[k : k + 2]
        gap = max(right.x0 - left.x1, left.x0 - right.x1, 0.0)
        return gap <= PART_GAP * self.height


def _log_sigmoid(x: float) -> float:
    return -math.log1p(math.exp(-x)) if x > -30 else x


def _evidence(link: float) -> float:
    """The log-odds (nats) that two neighbouring atoms are one digit, given their link: measured
    on the test glyphs' numbers (tests/number_glyphs.py; docs/recognition.md)."""
    return float(np.interp(link, *LINK_ODDS))


def layout(
    boxes: Sequence[Box],
    joined: Mapping[tuple[int, int], float] | None = None,
    known: Mapping[tuple[int, int], float] | None = None,
    at_least: Mapping[tuple[int, int], float] | None = None,
) -> Layout:
    """The pieces' atoms (joined where ``togetherness`` plus ``joined``, for pairs (i < j) of
    pieces that meet, reaches SAME), left to right, and the links between neighbours.
    ``known``: the togetherness of pairs known otherwise (slices of one blob of ink);
    ``at_least``: the least togetherness of pairs (strokes that go over each other)."""
    n = len(boxes)
    joined, known, at_least = joined or {}, known or {}, at_least or {}
    pair = {}
    sets = _Sets(list(range(n)))
    together = _togetherness_of_pairs(boxes).tolist() if n > 1 else []
    for i in range(n):
        row = together[i] if n > 1 else ()
        for j in range(i + 1, n):
            if (i, j) in known:
                value = known[(i, j)]
            else:
                value = max(row[j] + joined.get((i, j), 0.0), at_least.get((i, j), -math.inf))
            pair[(i, j)] = value
            if value >= SAME:
                sets.join(i, j)
    atoms = [sorted(g) for g in sets.groups()]
    atom_boxes = [group_box(boxes, g) for g in atoms]
    centre = [_ink_centre(boxes, g) for g in atoms]
    order = sorted(range(len(atoms)), key=lambda k: centre[k])
    atoms = [atoms[k] for k in order]
    atom_boxes = [atom_boxes[k] for k in order]
    links = [
        max(pair[(min(p, q), max(p, q))] for p in atoms[k] for q in atoms[k + 1])
        for k in range(len(atoms) - 1)
    ]
    height = max((b.height for b in atom_boxes), default=0.0)
    return Layout(atoms, atom_boxes, links, height)


def _ink_centre(boxes: Sequence[Box], group: Sequence[int]) -> float:
    weights = [max(boxes[i].width + boxes[i].height, 1e-9) for i in group]
    return sum(boxes[i].centre_x * w for i, w in zip(group, weights, strict=True)) / sum(weights)


def shape_cost(box: Box, height: float) -> float:
    """What an unlikely digit costs, in nats: much shorter than the line (the digits of a number
    stand about as tall as each other; a 9's loop alone does not), or much wider than tall
    (two digits taken for one)."""
    if height <= 0:
        return 0.0
    short = SHORT_CONVICTION * max(0.0, SHORT - box.height / height)
    wide = WIDE_CONVICTION * max(0.0, box.width / max(box.height, 0.2 * height) - WIDEST)
    return short + wide


def best_runs(lay: Layout, reading: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The split of the atoms into digits (runs) that scores best: each run's ``reading`` (the
    model's log-probability of its answer) and ``run_prior``, and each cut's ``cut_prior``; by
    dynamic programming over the atoms, left to right."""
    n = len(lay.atoms)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(end):
            if (start, end) not in reading:
                continue
            score = best[start] + reading[(start, end)] + lay.run_prior(start, end)
            if start > 0:
                score += lay.cut_prior(start)
            if score > best[end]:
                best[end], back[end] = score, start
    if best[n] == -math.inf:  # a run of one atom always reads: only if the caller dropped some
        return [(k, k + 1) for k in range(n)]
    runs, end = [], n
    while end > 0:
        runs.append((back[end], end))
        end = back[end]
    return runs[::-1]


def group_pieces(boxes: Sequence[Box]) -> list[list[int]]:
    """The likeliest grouping by geometry alone: each digit's pieces, left to right."""
    return geometry_groups(layout(boxes)) if len(boxes) else []


def geometry_groups(lay: Layout) -> list[list[int]]:
    """The split the geometry alone prefers (every run read equally well): each digit's pieces."""
    runs = best_runs(lay, dict.fromkeys(lay.runs(), 0.0))
    return [sorted(i for k in range(a, b) for i in lay.atoms[k]) for a, b in runs]


def group_box(boxes: Sequence[Box], group: Sequence[int]) -> Box:
    box = boxes[group[0]]
    for i in group[1:]:
        box = box.union(boxes[i])
    return box
