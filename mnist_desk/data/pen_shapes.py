"""Letter-like and symbol-like shapes built from pen parts, for the digit gate's negatives.

A letter is a few parts a pen draws, put together the way letters are: an upright stem (tall,
or the height of a small letter, or with a descender), bowls hung on a stem's side, open curves
(the bow of a c or a bracket), two strokes meeting at a point, bars across, hooks and tails,
dots, a small loop with a stem beside it. A symbol is a bracket, a brace, an angle, a dash or
two, a wave, a bar with marks, a stem with a dot, or a curl over a dot. Every part's size,
place, bend and count is drawn at random in a unit box, and a part is often drawn in one pen
movement with the next, as handwriting does.

Nothing here copies a glyph of any font: the parts are this module's own, and where they are
joined is random, so many shapes are letters of no alphabet. The evaluation sets (Hershey fonts,
``mnist_desk/evaluation/``) are never read.
"""

from __future__ import annotations

import math

import numpy as np

Stroke = list[tuple[float, float]]
Rng = np.random.Generator


def _arc(cx, cy, rx, ry, a0, a1, n=14) -> np.ndarray:
    """Points of an ellipse's arc from angle a0 to a1 (degrees; y down, so 90 is below)."""
    t = np.radians(np.linspace(a0, a1, n))
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def _line(a, b, n=2) -> np.ndarray:
    return np.linspace(np.asarray(a, float), np.asarray(b, float), n)


def _bent(a, b, rng: Rng, bend: float = 0.12, n: int = 8) -> np.ndarray:
    """A stroke from a to b that bows a little to one side, as a hand's lines do."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    normal = np.array([a[1] - b[1], b[0] - a[0]])
    mid = (a + b) / 2 + normal * rng.uniform(-bend, bend)
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t) ** 2 * a + 2 * t * (1 - t) * mid + t**2 * b


def _strokes(*parts: np.ndarray) -> list[Stroke]:
    return [[(float(x), float(y)) for x, y in p] for p in parts if len(p)]


def _joined(parts: list[np.ndarray], rng: Rng, p_join: float = 0.5) -> list[np.ndarray]:
    """Parts that follow each other are sometimes drawn without lifting the pen."""
    out = [parts[0]]
    for part in parts[1:]:
        end = out[-1][-1]
        if rng.random() < p_join and np.hypot(*(part[0] - end)) < 0.35:
            out[-1] = np.concatenate([out[-1], part])
        else:
            out.append(part)
    return out


# ---- letter-like ----------------------------------------------------------------------------


def _stem_span(rng: Rng) -> tuple[float, float]:
    """Top and foot of an upright stroke: tall (an ascender), small-letter height, or with a
    descender below the line."""
    kind = rng.integers(3)
    if kind == 0:
        return 0.0, 1.0
    if kind == 1:
        return 0.4, 1.0
    return 0.4, 1.4


def _stem_and_bowls(rng: Rng) -> list[Stroke]:
    """A stem with one or two bowls hung on it, on one side or both: a b, d, p, B, D, P, R, h..."""
    x = rng.uniform(0.1, 0.35)
    top, foot = _stem_span(rng)
    stem = _bent((x, top), (x, foot), rng, 0.05)
    side = 1 if rng.random() < 0.6 else -1
    if side < 0:
        x = 1 - x
        stem[:, 0] = 1 - stem[:, 0]
    parts = [stem]
    spots = [(top, (top + foot) / 2), ((top + foot) / 2, foot), (top, foot)]
    # One bowl: at the top on the right (a p, a P) or at the foot on the left (a d), or the
    # stem's full height; not at the foot on the right (a b: a 6) nor at the top on the left
    # (a q: a 9).
    chosen = [spots[2 if rng.random() < 0.3 else (0 if side > 0 else 1)]]
    if rng.random() < 0.35 and top == 0.0:  # two bowls on a tall straight stem (a B: short, an 8)
        stem = _line((x, top), (x, foot), 4)
        parts, chosen = [stem], [spots[0], spots[1]]
    for ya, yb in chosen:
        width = rng.uniform(0.35, 0.75)
        r = (yb - ya) / 2
        sweep = rng.choice([180, 200]) if rng.random() < 0.7 else rng.uniform(120, 170)
        if rng.random() < 0.25:  # an arch over the stem's foot (an n, an h) instead of a bowl
            parts.append(_arc(x + side * width / 2, yb, width / 2, r, 180, 360)[:: side or 1])
            parts[-1] = np.concatenate([parts[-1], [[x + side * width, foot]]])
            continue
        a0 = -90 if side > 0 else 270
        parts.append(_arc(x, (ya + yb) / 2, width, r, a0, a0 + side * sweep))
    if rng.random() < 0.25:  # a leg (an R, a k)
        ya = chosen[0][1]
        parts.append(_line((x + side * 0.2, ya), (x + side * rng.uniform(0.5, 0.8), foot)))
    return _strokes(*_joined(parts, rng))


def _open_curve(rng: Rng) -> list[Stroke]:
    """A curve open on one side, alone or with a bar, a tail, a stem or a hook: c, C, e, G, (..."""
    cx, cy = 0.5, rng.uniform(0.45, 0.6)
    rx, ry = rng.uniform(0.25, 0.5), rng.uniform(0.3, 0.5)
    opening = rng.choice([0, 0, 90, 180, 270])  # where the curve is open: mostly the right
    extra = rng.integers(5)
    if extra == 0:  # alone, open a little at the top or bottom, it is a 0
        opening = rng.choice([0, 180])
    gap = rng.uniform(80, 150)
    curve = _arc(cx, cy, rx, ry, opening + gap / 2, opening + 360 - gap / 2, 18)
    if rng.random() < 0.5:
        curve = curve[::-1]
    parts = [curve]
    if extra == 1:  # a bar through the middle (an e, an euro's bar)
        parts.insert(0, _line((cx - rx, cy), (cx + rx, cy)))
    elif extra == 2:  # a bar at one end (a G)
        end = curve[-1] if curve[-1][1] > cy else curve[0]
        parts.append(_line(end, (end[0] - rng.uniform(0.15, 0.35), end[1])))
    elif extra == 3:  # a stem on the open side (an a, a d, a q)
        x = cx + rx * rng.uniform(0.8, 1.05)
        top = cy - ry if rng.random() < 0.5 else cy - ry - rng.uniform(0.2, 0.5)
        parts.append(_line((x, top), (x, cy + ry + rng.uniform(0.0, 0.1))))
    elif extra == 4:  # a second curve beside it (an m's humps, a w's)
        parts.append(curve + [rx * 1.6, rng.uniform(-0.1, 0.1)])
    return _strokes(*_joined(parts, rng))


def _angles(rng: Rng) -> list[Stroke]:
    """Straight strokes meeting at points: V, W, N, K, A, X, Y, M, Z-like, arrows..."""
    points, wanted = [rng.uniform(0, 1, 2)], rng.integers(4, 6)
    # Three strokes at least, none a short flick: two meeting at a corner are how many write a
    # 7 (or a 1, an L).
    for _ in range(20):
        if len(points) == wanted:
            break
        a = rng.uniform(0, 2 * math.pi)
        step = rng.uniform(0.45, 1.0) * np.array([math.cos(a), math.sin(a) * rng.uniform(0.6, 1.2)])
        point = np.clip(points[-1] + step, -0.2, 1.2)
        if np.hypot(*(point - points[-1])) >= 0.35:
            points.append(point)
    parts = [np.asarray(points)]
    for _ in range(rng.integers(0, 3)):  # a bar or a diagonal across
        a, b = rng.uniform(0, 1, 2), rng.uniform(0, 1, 2)
        if np.hypot(*(a - b)) > 0.4:
            parts.append(_line(a, b))
    return _strokes(*parts)


def _hooked(rng: Rng) -> list[Stroke]:
    """A stem that ends in a hook or tail, with a bar or a dot: f, j, J, t, y, r..."""
    x = rng.uniform(0.3, 0.7)
    top, foot = _stem_span(rng)
    r = rng.uniform(0.15, 0.3)
    at_foot = rng.random() < 0.6
    turn = rng.choice([-1, 1]) if at_foot else 1  # hooked left at the top, it is a 7 or a 9
    if at_foot:  # down the stem, then round the hook (through the bottom of its circle)
        stem = _line((x, top), (x, foot - r), 4)
        hook = _arc(x + turn * r, foot - r, r, r, 90 - turn * 90, 90 + turn * 90)[::-1]
    else:  # up the stem, then over the top of the hook, ending before it turns down (a 7)
        stem = _line((x, foot), (x, top + r), 4)
        hook = _arc(x + turn * r, top + r, r, r, 270 - turn * 90, 270 + turn * rng.uniform(20, 50))
    parts = [np.concatenate([stem, hook])]
    # A stem hooked at its foot alone is an l (a 1) unless it turns left (a J); hooked at its
    # top alone, a 1 with a flag: a bar or an arm makes it an f, a t, a y.
    extra = (
        rng.integers(4) if at_foot and turn < 0 else rng.choice([1, 2, 3] if at_foot else [1, 3])
    )
    if extra == 1:
        y = rng.uniform(top, top + 0.4)
        parts.append(_line((x - rng.uniform(0.2, 0.4), y), (x + rng.uniform(0.2, 0.4), y)))
    elif extra == 2:
        parts.append(np.asarray([[x, top - rng.uniform(0.15, 0.3)]]))
    elif extra == 3:  # a short arm (a y's, an r's)
        parts.append(_line((x, (top + foot) / 2), (x + turn * rng.uniform(0.3, 0.5), top)))
    return _strokes(*parts)


def _loop_and_stem(rng: Rng) -> list[Stroke]:
    """A small loop with a stem beside it (a, d) or a curl around it (@-like)."""
    r = rng.uniform(0.2, 0.35)
    cx, cy = rng.uniform(0.3, 0.5), rng.uniform(0.5, 0.75)
    start = rng.uniform(0, 360)
    loop = _arc(cx, cy, r, r * rng.uniform(0.7, 1.3), start, start + rng.uniform(330, 420), 18)
    kind = rng.integers(3) % 2  # two in three: a stem (a tail out of a loop is a 6 or a 9)
    if kind == 0:  # a stem on its right, short or tall
        x = cx + r
        parts = [loop, _bent((x, cy - r - rng.uniform(0, 0.6)), (x, cy + r), rng, 0.05)]
        if rng.random() < 0.5:
            parts[-1] = np.concatenate([parts[-1], [[x + 0.12, cy + r - 0.05]]])
    else:  # a curl around it (an @)
        parts = [loop, _arc(cx, cy, 2.2 * r, 2.2 * r, 20, rng.uniform(300, 360), 20)]
    return _strokes(*_joined(parts, rng))


def _pen_path(rng: Rng) -> list[Stroke]:
    """A curve and a line or two drawn in one go: a pen's path with corners and bows."""
    parts = []
    for _ in range(rng.integers(2, 5)):
        start = parts[-1][-1] if parts else rng.uniform(0, 1, 2)
        end = np.clip(start + rng.normal(0, 0.5, 2), 0, 1)
        if np.hypot(*(end - start)) < 0.25:
            end = np.clip(start + rng.choice([-0.5, 0.5], 2), 0, 1)
        parts.append(_bent(start, end, rng, 0.6 if rng.random() < 0.5 else 0.05, 10))
    return _strokes(np.concatenate(parts))


LETTER_BUILDERS = (_stem_and_bowls, _open_curve, _angles, _hooked, _loop_and_stem, _pen_path)


def _broad(make, rng: Rng, tries: int = 10) -> list[Stroke]:
    """A shape from ``make`` that is not one thin stroke (thin, it is how many write a 1)."""
    for _ in range(tries):
        strokes = make(rng)
        every = np.concatenate([np.asarray(s, float).reshape(-1, 2) for s in strokes])
        side = every.max(0) - every.min(0)
        if side.min() >= 0.3 * side.max():
            break
    return strokes


def built_letter(rng: Rng) -> list[Stroke]:
    """One letter-like shape (unit box, y down), from a builder drawn at random."""
    return _broad(LETTER_BUILDERS[rng.integers(len(LETTER_BUILDERS))], rng)


def made_up_letter(rng: Rng) -> list[Stroke]:
    """A made-up letter: two to four strokes (lines, arcs, hooks, small loops) between points
    of a 3x3 grid, the way letters are built. Some of these happen to look like digits; they
    are few next to the digits the gate sees, so they only soften its answer there."""

    def point():
        return tuple((rng.integers(3, size=2) / 2 + rng.normal(0, 0.06, 2)).tolist())

    strokes = []
    for _ in range(rng.integers(2, 5)):
        kind = rng.integers(4)
        a, b = np.asarray(point()), np.asarray(point())
        if kind == 0 or np.allclose(a, b, atol=0.2):  # a line (from a point to another)
            b = b if not np.allclose(a, b, atol=0.2) else a + rng.choice([-1, 1], 2) * 0.5
            strokes.append([tuple(a), tuple(b)])
        elif kind == 1:  # an arc bulging to one side
            mid, normal = (a + b) / 2, np.array([a[1] - b[1], b[0] - a[0]])
            bend = mid + normal * rng.uniform(-0.7, 0.7)
            t = np.linspace(0, 1, 12)[:, None]
            strokes.append(
                [tuple(q) for q in ((1 - t) ** 2 * a + 2 * t * (1 - t) * bend + t**2 * b).tolist()]
            )
        elif kind == 2:  # a hook: a line ending in a small curl
            r = rng.uniform(0.12, 0.25)
            start = rng.uniform(0, 360)
            sweep = 180 + start + rng.choice([-200, 200])
            curl = _arc(b[0] + r, b[1], r, r, 180 + start, sweep, 10).tolist()
            strokes.append([tuple(a), tuple(b), *map(tuple, curl)])
        else:  # a small loop
            r = rng.uniform(0.12, 0.3)
            loop = _arc(a[0], a[1], r, r * rng.uniform(0.6, 1.4), 0, 360, 16)
            strokes.append([tuple(q) for q in loop.tolist()])
    return strokes


# ---- symbol-like ----------------------------------------------------------------------------


def _bracket(rng: Rng) -> list[Stroke]:
    """A square bracket, a brace or a curved one, either way round, maybe in a pair."""
    w, h = rng.uniform(0.15, 0.35), rng.uniform(0.8, 1.0)
    kind = rng.integers(3)
    if kind == 0:
        shape = np.array([[w, 0], [0, 0], [0, h], [w, h]])
    elif kind == 1:  # a brace: two bows meeting at a nub
        upper = _arc(w, h / 4, w / 2, h / 4, 270, 180, 8)
        upper = np.concatenate([[[w, 0]], upper[1:], [[w / 2, h / 2 - 0.05], [0, h / 2]]])
        shape = np.concatenate([upper, upper[::-1][1:] * [1, -1] + [0, h]])
    else:  # a round one: alone it is how many write a 1, so only ever in a pair
        shape = _arc(w, h / 2, w, h / 2, 250, 110, 12)
    if rng.random() < 0.5:
        shape = shape * [-1, 1] + [w, 0]
    parts = [shape]
    if kind == 2 or rng.random() < 0.3:  # its partner, facing it
        parts.append(shape * [-1, 1] + [shape[:, 0].max() * 2 + rng.uniform(0.3, 0.6), 0])
    return _strokes(*parts)


def _dashes(rng: Rng) -> list[Stroke]:
    """One to three dashes or waves, level or tilted: -, =, ~, a wave over a bar..."""
    tilt, out = rng.uniform(-0.3, 0.3), []
    for k in range(rng.integers(1, 4)):
        x = np.linspace(0, 1, 12)
        wave = 0.12 * np.sin(x * 2 * math.pi * rng.uniform(0.8, 1.5)) if rng.random() < 0.4 else 0
        out.append(np.column_stack([x, 0.35 * k + tilt * x + wave]))
    return _strokes(*out)


def _mark_over_dot(rng: Rng) -> list[Stroke]:
    """A stroke or a curl with a dot below it: !, ?, ; and the like, or a dot above (i, j)."""
    if rng.random() < 0.5:
        r = rng.uniform(0.2, 0.35)
        curl = _arc(0.5, r, r, r, 180 + rng.uniform(-30, 20), 450, 14)
        mark = np.concatenate([curl, _line(curl[-1], (0.5 + rng.normal(0, 0.05), 0.7), 3)[1:]])
    else:
        mark = _bent((0.5, 0.0), (0.5 + rng.normal(0, 0.05), 0.7), rng, 0.05)
    dot = np.asarray([[0.5 + rng.normal(0, 0.04), rng.uniform(0.88, 1.0)]])
    if rng.random() < 0.3:  # a dot above instead, then a tail (an i, a j)
        mark = mark[::-1] * [1, -1] + [0, 1]
        dot = np.asarray([[dot[0, 0], 1 - dot[0, 1]]])
    return _strokes(mark, dot)


def _marked_bar(rng: Rng) -> list[Stroke]:
    """A stroke with short marks on it or about it: $, a plus with dots, a starburst, a bar
    with ticks."""
    kind = rng.integers(3)
    if kind == 0:  # an s-curve with a line through it
        t = np.linspace(0, 1, 16)
        s = np.column_stack([0.5 + 0.3 * np.cos(t * 1.6 * math.pi + 0.3 * math.pi), t])
        return _strokes(s, _line((0.5, -0.1), (0.5, 1.1)))
    if kind == 1:  # lines through one point: a star of 3 to 5 strokes
        out = []
        for a in np.linspace(0, math.pi, rng.integers(3, 6), endpoint=False) + rng.uniform(0, 1):
            d = np.array([math.cos(a), math.sin(a)]) * 0.5
            out.append(_line(0.5 - d, 0.5 + d))
        return _strokes(*out)
    bar = _line((0, 0.5), (1, 0.5))  # a bar with ticks or dots
    marks = [
        _line((x, 0.35), (x, 0.65)) if rng.random() < 0.5 else np.asarray([[x, 0.25]])
        for x in rng.uniform(0.1, 0.9, rng.integers(2, 4))
    ]
    return _strokes(bar, *marks)


SYMBOL_BUILDERS = (_bracket, _dashes, _mark_over_dot, _marked_bar, _angles)


def built_symbol(rng: Rng) -> list[Stroke]:
    """One symbol-like shape (unit box, y down), from a builder drawn at random (a dash is
    thin the other way: only upright thin shapes are turned down)."""
    make = SYMBOL_BUILDERS[rng.integers(len(SYMBOL_BUILDERS))]
    return make(rng) if make in (_dashes, _bracket, _mark_over_dot) else _broad(make, rng)
