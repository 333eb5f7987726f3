"""Things that are not digits, drawn procedurally: what the digit gate learns to turn away.

Every shape here is this project's own: letters and symbols built from pen parts
(``pen_shapes``), letters written as stroke lists (``written_letters``: no O, I, l, S, Z, b, q,
which a reader would take for a digit; a, d, g, C, D, B, G, J only when asked for), symbols and shapes,
scribbles, zig-zags, spirals, hatching, dashed strokes, dots, and MNIST training digits crossed
out, scribbled over or drawn over each other. Each is rendered by the
canvas's renderer (``imaging.strokes.render_strokes``), so it looks exactly like a drawing.

No font or glyph source enters here: the evaluation sets draw Hershey fonts, and their own
scribble families (in ``mnist_desk/evaluation/``) are different code and shapes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import torch

from mnist_desk.data.pen_shapes import built_letter, built_symbol, made_up_letter
from mnist_desk.data.written_letters import CLOSE_LETTERS, LETTERS, arc
from mnist_desk.imaging.strokes import render_strokes

Stroke = list[tuple[float, float]]
Rng = np.random.Generator

# ---- letters (written ones: data.written_letters) ----------------------------------------


def _letter(
    rng: Rng, digits: Sequence[list[Stroke]], pen_shapes: float = 0.0, close_letters: float = 0.0
) -> list[Stroke]:
    """A letter built from pen parts (``pen_shapes`` of them), a made-up one, a digit with a dot
    (an i, a j), or a letter written here (``close_letters`` of those from ``CLOSE_LETTERS``),
    its points moved a little."""
    pick = rng.random()
    if pick < pen_shapes:
        return built_letter(rng)
    pick = (pick - pen_shapes) / (1 - pen_shapes)  # the rest as before pen parts were added
    if pick < 0.35:
        return made_up_letter(rng)
    if pick < 0.6:
        return _marked(rng, digits)
    # No draw at all when close_letters is 0: a seed then draws what it drew before.
    letters = CLOSE_LETTERS if close_letters and rng.random() < close_letters else LETTERS
    name = list(letters)[rng.integers(len(letters))]
    jitter = rng.uniform(0.0, 0.06)
    return [
        [(x + rng.normal(0, jitter), y + rng.normal(0, jitter)) for x, y in s]
        for s in letters[name]
    ]


# ---- symbols and shapes ---------------------------------------------------------------------


def _polygon(rng: Rng, corners: int, step: int = 1) -> Stroke:
    turn = rng.uniform(0, 2 * math.pi)
    t = turn + 2 * math.pi * step * np.arange(corners + 1) / corners
    return list(zip(np.cos(t).tolist(), np.sin(t).tolist(), strict=True))


def _shape(rng: Rng, digits: Sequence[list[Stroke]] = (), pen_shapes: float = 0.0) -> list[Stroke]:
    if pen_shapes and rng.random() < pen_shapes:  # brackets, braces, dashes... (pen parts)
        return built_symbol(rng)
    kind = rng.integers(10)
    if kind == 0:  # a triangle
        return [_polygon(rng, 3)]
    if kind == 1:  # a star, drawn in one go
        return [_polygon(rng, 5, 2)]
    if kind == 2:  # a box with a cross in it, or a box with its diagonals
        box = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
        inside = (
            [[(0, 0), (1, 1)], [(1, 0), (0, 1)]]
            if rng.random() < 0.5
            else [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]]
        )
        return [box, *inside]
    if kind == 3:  # an arrow
        return [[(0, 0.5), (1, 0.5)], [(0.65, 0.2), (1, 0.5), (0.65, 0.8)]]
    if kind == 4:  # plus, times or equals
        pick = rng.integers(3)
        if pick == 0:
            return [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]]
        if pick == 1:
            return [[(0, 0), (1, 1)], [(1, 0), (0, 1)], [(0.5, 0), (0.5, 1)]]
        return [[(0, 0.35), (1, 0.35)], [(0, 0.65), (1, 0.65)]]
    if kind == 5:  # a hash
        return [
            [(0.3, 0), (0.25, 1)],
            [(0.7, 0), (0.65, 1)],
            [(0, 0.35), (1, 0.35)],
            [(0, 0.65), (1, 0.65)],
        ]
    if kind == 6:  # a check mark or a caret
        return (
            [[(0, 0.6), (0.35, 1), (1, 0)]] if rng.random() < 0.5 else [[(0, 1), (0.5, 0), (1, 1)]]
        )
    if kind == 7:  # a heart
        return [
            arc(0.28, 0.3, 0.25, 0.22, 150, 360)
            + arc(0.72, 0.3, 0.25, 0.22, 180, 390)
            + [(0.5, 1.0)]
            + arc(0.28, 0.3, 0.25, 0.22, 150, 151, 2)
        ]
    if kind == 8:  # a percent sign
        return [
            arc(0.2, 0.2, 0.16, 0.16, 0, 360),
            [(0.9, 0), (0.1, 1)],
            arc(0.8, 0.8, 0.16, 0.16, 0, 360),
        ]
    # a wave or two
    t = np.linspace(0, 2 * math.pi * rng.uniform(1.0, 2.0), 40)
    waves = [list(zip((t / t[-1]).tolist(), (0.3 * np.sin(t)).tolist(), strict=True))]
    if rng.random() < 0.5:
        waves.append([(x, y + 0.6) for x, y in waves[0]])
    return waves


# ---- scribbles ------------------------------------------------------------------------------


def _smooth(points: np.ndarray, per_segment: int = 8) -> Stroke:
    """A Catmull-Rom curve through ``points``."""
    p = np.concatenate([points[:1], points, points[-1:]])
    out = []
    for i in range(1, len(p) - 2):
        t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
        a, b, c, d = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5
            * (
                2 * b
                + (-a + c) * t
                + (2 * a - 5 * b + 4 * c - d) * t**2
                + (-a + 3 * b - 3 * c + d) * t**3
            )
        )
    out.append(p[-2:-1])
    return [tuple(q) for q in np.concatenate(out).tolist()]


def _scribble(rng: Rng, digits: Sequence[list[Stroke]] = ()) -> list[Stroke]:
    kind = rng.integers(8)
    if kind == 6:  # a closed smooth loop through many points: a knot
        points = rng.uniform(0, 1, (rng.integers(8, 15), 2))
        return [_smooth(np.concatenate([points, points[:1]]))]
    if kind == 7:  # an angular scribble: a long random polyline
        return [[tuple(q) for q in rng.uniform(0, 1, (rng.integers(10, 30), 2)).tolist()]]
    if kind == 0:  # a smooth random scribble
        return [_smooth(rng.uniform(0, 1, (rng.integers(7, 15), 2)))]
    if kind == 1:  # a zig-zag
        n = rng.integers(5, 12)
        xs = np.linspace(0, 1, n) + rng.normal(0, 0.03, n)
        ys = np.where(np.arange(n) % 2 == 0, 0.0, 1.0) * rng.uniform(0.3, 1.0)
        stroke = list(zip(xs.tolist(), ys.tolist(), strict=True))
        return [stroke if rng.random() < 0.5 else [(y, x) for x, y in stroke]]
    if kind == 2:  # a spiral, round or square
        turns = rng.uniform(1.7, 4.0)
        t = np.linspace(0, 2 * math.pi * turns, int(40 * turns))
        if rng.random() < 0.3:
            t = t[:: max(1, len(t) // int(4 * turns))]  # a quarter turn a step: a square spiral
        r = 0.1 + t / t[-1]
        return [list(zip((r * np.cos(t)).tolist(), (r * np.sin(t)).tolist(), strict=True))]
    if kind == 3:  # hatching, maybe crossed
        lines = rng.integers(4, 9)
        angle = rng.uniform(0, math.pi)
        out = []
        for a in [angle] + ([angle + rng.uniform(0.8, 2.3)] if rng.random() < 0.5 else []):
            d, n = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
            for k in np.linspace(-0.5, 0.5, lines):
                out.append([tuple(n * k - d * 0.5), tuple(n * k + d * 0.5)])
        return out
    if kind == 4:  # a scribble drawn in broken pieces
        curve = np.asarray(_smooth(rng.uniform(0, 1, (rng.integers(6, 12), 2))))
        pieces = np.array_split(curve, rng.integers(4, 9))
        return [[tuple(q) for q in piece.tolist()] for piece in pieces[::2] if len(piece)]
    # dots scattered about
    return [[tuple(rng.uniform(0, 1, 2).tolist())] for _ in range(rng.integers(3, 9))]


# ---- crossed out: MNIST training digits' centre lines (pixels), written over -----------------


def _crossed_out(rng: Rng, digits: Sequence[list[Stroke]]) -> list[Stroke]:
    first = digits[rng.integers(len(digits))]
    every = np.concatenate([np.asarray(s, dtype=float) for s in first])
    (x0, y0), (x1, y1) = every.min(0), every.max(0)
    h = max(y1 - y0, 4.0)
    # What crosses out a narrow digit (a 1) is as wide as a wide one's: never a thick bar.
    w = max(x1 - x0, 0.7 * h)
    x0, x1 = (x0 + x1 - w) / 2, (x0 + x1 + w) / 2
    kind = rng.integers(5)
    if kind == 0:  # another digit drawn over it, or two more
        out = list(first)
        for _ in range(1 + (rng.random() < 0.3)):
            other = digits[rng.integers(len(digits))]
            shift = rng.uniform(0.25, 0.6) * w * rng.choice([-1, 1]), rng.uniform(-0.3, 0.3) * h
            out += [[(x + shift[0], y + shift[1]) for x, y in s] for s in other]
        return out
    if kind == 1:  # an X over it
        return [*first, [(x0, y0), (x1, y1)], [(x1, y0), (x0, y1)]]
    if kind == 2:  # struck through three to six times (once or twice is a crossed 7 or Z)
        ys = np.sort(rng.uniform(y0, y1, rng.integers(3, 7)))
        return [
            *first,
            *[[(x0 - 0.2 * w, y), (x1 + 0.2 * w, y + rng.normal(0, 0.1 * h))] for y in ys],
        ]
    if kind == 3:  # a zig-zag over it
        n = rng.integers(6, 14)
        xs = np.linspace(x0, x1, n)
        ys = np.where(np.arange(n) % 2 == 0, y0, y1) + rng.normal(0, 0.05 * h, n)
        return [*first, list(zip(xs.tolist(), ys.tolist(), strict=True))]
    # a scribble over it
    points = np.column_stack([rng.uniform(x0, x1, 10), rng.uniform(y0, y1, 10)])
    return [*first, _smooth(points)]


def _marked(rng: Rng, digits: Sequence[list[Stroke]]) -> list[Stroke]:
    """A digit with a dot or two beside it, above or below (no digit has a dot: an i, a j, a !
    or a ? has), or with a small ring hung on it."""
    first = digits[rng.integers(len(digits))]
    every = np.concatenate([np.asarray(s, dtype=float) for s in first])
    (x0, y0), (x1, y1) = every.min(0), every.max(0)
    h = max(y1 - y0, 4.0)
    cx = (x0 + x1) / 2
    marks = []
    for _ in range(1 + (rng.random() < 0.3)):
        side = rng.integers(4)
        gap = rng.uniform(0.12, 0.3) * h
        if side == 0:
            marks.append([(cx + rng.normal(0, 0.1 * h), y0 - gap)])
        elif side == 1:
            marks.append([(cx + rng.normal(0, 0.1 * h), y1 + gap)])
        else:
            x = x1 + gap if side == 2 else x0 - gap
            marks.append([(x, rng.uniform(y0, y1))])
    if rng.random() < 0.2:  # a small ring instead of the dots
        r = rng.uniform(0.1, 0.18) * h
        marks = [arc(x1 + r, rng.uniform(y0, y1), r, r, 0, 360, 12)]
    return [*first, *marks]


# ---- rendering ------------------------------------------------------------------------------

# The kinds of non-digit the gate names (models.gate.NON_DIGIT_KINDS) -> how each is made.
MAKERS: dict[str, Callable[..., list[Stroke]]] = {
    "letter": _letter,
    "symbol": _shape,
    "scribble": _scribble,
    "crossed-out": _crossed_out,
}


def _handled(strokes: list[Stroke], rng: Rng) -> list[Stroke]:
    """A random rotation (+-15 degrees), slant and stretch, as a hand would draw it."""
    angle, slant, aspect = rng.uniform(-0.26, 0.26), rng.uniform(-0.3, 0.3), rng.uniform(0.7, 1.3)
    c, s = math.cos(angle), math.sin(angle)
    out = []
    for stroke in strokes:
        p = np.asarray(stroke, dtype=float).reshape(-1, 2)
        p = p @ np.array([[c, -s], [s, c]]).T
        p[:, 0] = (p[:, 0] + slant * p[:, 1]) * aspect
        out.append([tuple(q) for q in p.tolist()])
    return out


def non_digits(
    count: int,
    seed: int,
    digit_strokes: Sequence[list[Stroke]],
    kinds: Sequence[str],
    pen_shapes: float = 0.0,
    close_letters: float = 0.0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` non-digits, the ``kinds`` in turn, normalised like training: images
    (N, 1, 28, 28) and each one's index in ``kinds``. ``digit_strokes`` are the digits that
    crossed-out and dotted drawings start from (MNIST training digits' centre lines,
    ``redrawn.trace``); ``pen_shapes`` is the share of letters and of symbols built from pen
    parts (``data.pen_shapes``; 0: none, the draw as it was before they were added);
    ``close_letters`` the share of letters written here taken from ``CLOSE_LETTERS``."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        make = MAKERS[kind]
        if kind == "letter":
            strokes = make(rng, digit_strokes, pen_shapes, close_letters)
        elif kind == "symbol":
            strokes = make(rng, digit_strokes, pen_shapes)
        else:
            strokes = make(rng, digit_strokes)
        images.append(render_strokes(_handled(strokes, rng)).tensor)
        labels.append(i % len(kinds))
    if not images:
        return torch.zeros(0, 1, 28, 28), torch.zeros(0, dtype=torch.long)
    return torch.stack(images), torch.tensor(labels, dtype=torch.long)


# ---- digits turned over: the strokes of a digit, not a digit --------------------------------

# Which turns leave a digit a digit (0, 1 and 8 are symmetric; 6 and 9 swap; a mirrored 2 or
# 5 passes for the other): those are never made negatives.
TURNS = {
    "quarter": {1, 2, 3, 4, 5, 6, 7, 8, 9},  # a quarter turn either way
    "half": {2, 3, 4, 5, 7},
    "mirror": {3, 4, 6, 7, 9},  # left-right
    "upside-down": {2, 4, 6, 7, 9},
}


def turned_digits(
    images: torch.Tensor, labels: torch.Tensor, count: int, seed: int
) -> torch.Tensor:
    """``count`` digits from ``images`` (N, 1, 28, 28) turned a way that makes them no digit:
    a quarter turn, half a turn, mirrored or upside down (``TURNS`` says which digits may be)."""
    generator = torch.Generator().manual_seed(seed)
    ways = list(TURNS)
    out = []
    while len(out) < count:
        i = int(torch.randint(len(images), (1,), generator=generator))
        way = ways[int(torch.randint(len(ways), (1,), generator=generator))]
        if int(labels[i]) not in TURNS[way]:
            continue
        image = images[i]
        if way == "quarter":
            image = torch.rot90(
                image, 1 if torch.rand(1, generator=generator) < 0.5 else -1, (1, 2)
            )
        elif way == "half":
            image = torch.rot90(image, 2, (1, 2))
        elif way == "mirror":
            image = torch.flip(image, (2,))
        else:
            image = torch.flip(image, (1,))
        out.append(image)
    return torch.stack(out) if out else torch.zeros(0, 1, 28, 28)
