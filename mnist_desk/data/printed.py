"""Printed and bold digits as people draw them, for training: the project's own stroke templates.

A user who draws in a printed style gives a 6 or a 9 a round ball at the end of its stroke, a 1
a flag and a foot, a 4 a foot, a 7 a drop at the left of its bar; one who wants a bold digit goes
over it again, two or three times, each pass a little off the last. MNIST has hardly any of these,
and a model trained on it reads a ball-ended 6 as a 0 or an 8. Each ``TEMPLATES[d]`` draws one
digit's printed shape with random proportions (a unit box, y down); ``decorate`` adds what a hand
adds on top: balls, overstrokes, a pen lifted mid-stroke, a slight wobble.

None of this comes from a font: the paths are written here (the evaluation sets' fonts and paths,
``mnist_desk/evaluation/``, never enter training).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

Path = list[tuple[float, float]]
Rng = np.random.Generator


def arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 0) -> Path:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down, y down)."""
    n = n or max(6, int(abs(a1 - a0) / 10))
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in np.linspace(a0, a1, n)
    ]


def ball(end: tuple[float, float], before: tuple[float, float], rng: Rng) -> Path:
    """A small filled ball at a stroke's ``end``, drawn as a tight spiral going on from the
    stroke's last direction (``before`` -> ``end``), as a hand fills a round terminal."""
    r = rng.uniform(0.04, 0.14)  # type's terminals run from a dot to a fat teardrop
    dx, dy = end[0] - before[0], end[1] - before[1]
    norm = math.hypot(dx, dy) or 1.0
    side = 1 if rng.random() < 0.5 else -1
    # The ball's centre: beside the stroke's end, so the ball hangs off the stroke as in type.
    cx, cy = end[0] - side * dy / norm * r, end[1] + side * dx / norm * r
    start = math.degrees(math.atan2(end[1] - cy, end[0] - cx))
    turns = rng.uniform(1.2, 2.2)
    angles = start + side * np.linspace(0, 360 * turns, int(24 * turns))
    radii = np.linspace(r, r * 0.2, len(angles))
    return [
        (cx + q * math.cos(math.radians(a)), cy + q * math.sin(math.radians(a)))
        for a, q in zip(angles, radii, strict=True)
    ]


def foot(x: float, y: float, rng: Rng) -> Path:
    """A serif foot: a short bar across a stem's end."""
    half = rng.uniform(0.1, 0.25)
    skew = rng.uniform(-0.03, 0.03)
    return [(x - half, y + skew), (x + half, y - skew)]


def _maybe_ball(stroke: Path, at_start: bool, rng: Rng, chance: float = 0.5) -> list[Path]:
    """``stroke`` with a ball at its start or end, with this chance."""
    if rng.random() >= chance:
        return [stroke]
    if at_start:
        return [ball(stroke[0], stroke[1], rng)[::-1] + stroke]
    return [stroke + ball(stroke[-1], stroke[-2], rng)]


def _zero(rng: Rng) -> list[Path]:
    rx = rng.uniform(0.22, 0.45)
    start = rng.uniform(-130, -50)
    return [arc(0.5, 0.5, rx, 0.5, start, start + 360 + rng.uniform(0, 25), 40)]


def _one(rng: Rng) -> list[Path]:
    x = 0.5 + rng.uniform(-0.05, 0.05)
    flag = rng.uniform(0.1, 0.45)  # some hands draw a flag nearly half as long as the stem
    drop = rng.uniform(0.05, 0.35)
    strokes = [[(x - flag, drop), (x, 0.0), (x + rng.uniform(-0.03, 0.03), 1.0)]]
    if rng.random() < 0.6:
        strokes.append(foot(x, 1.0, rng))
    return strokes


def _two(rng: Rng) -> list[Path]:
    r, h = rng.uniform(0.3, 0.45), rng.uniform(0.22, 0.32)
    top = arc(0.5, h, r, h, rng.uniform(170, 210), rng.uniform(375, 400))
    corner = (rng.uniform(0.0, 0.1), 1.0)
    if rng.random() < 0.5:  # a printed 2's neck curves into the corner
        mid = (0.5 + rng.uniform(-0.1, 0.1), 0.65)
        body = [*top, mid, corner, (rng.uniform(0.8, 1.0), 1.0)]
    else:
        body = [*top, corner, (rng.uniform(0.8, 1.0), 1.0)]
    if rng.random() < 0.3:  # an upturned serif at the base's end
        body.append((body[-1][0] + 0.02, 1.0 - rng.uniform(0.08, 0.18)))
    return _maybe_ball(body, at_start=True, rng=rng)


def _three(rng: Rng) -> list[Path]:
    if rng.random() < 0.5:  # a flat-topped 3
        bowl_r = rng.uniform(0.3, 0.4)
        top = [(rng.uniform(0.05, 0.2), 0.0), (0.85, 0.0), (0.4, rng.uniform(0.35, 0.45))]
        bowl = arc(0.5, 1 - bowl_r * 1.05, 0.42, bowl_r * 1.05, -100, rng.uniform(140, 165))
        return _maybe_ball(top + bowl, at_start=False, rng=rng)
    split = rng.uniform(0.42, 0.5)
    upper = arc(0.48, split / 2, 0.38, split / 2, rng.uniform(190, 220), 450)
    lower = arc(0.5, (1 + split) / 2, 0.44, (1 - split) / 2, 270, rng.uniform(485, 520))
    strokes = _maybe_ball(upper + lower, at_start=True, rng=rng)
    return [s for part in strokes for s in _maybe_ball(part, at_start=False, rng=rng)]


def _four(rng: Rng) -> list[Path]:
    stem, bar = rng.uniform(0.6, 0.75), rng.uniform(0.6, 0.72)
    right = stem + rng.uniform(0.15, 0.3)
    if rng.random() < 0.6:  # closed, as in type
        strokes = [[(stem, 1.0), (stem, 0.0), (0.0, bar), (right, bar)]]
    else:
        strokes = [[(stem - 0.05, 0.02), (0.0, bar), (right, bar)], [(stem, 0.0), (stem, 1.0)]]
    if rng.random() < 0.5:
        strokes.append(foot(stem, 1.0, rng))
    return strokes


def _five(rng: Rng) -> list[Path]:
    left = rng.uniform(0.12, 0.25)
    waist = rng.uniform(0.38, 0.48)
    ry = (1 - waist) / 2
    bowl = arc(0.47, 1 - ry, 0.42, ry, rng.uniform(200, 225), rng.uniform(485, 510))
    bar_end = (rng.uniform(0.8, 0.95), 0.0)
    flag = [(bar_end[0] + 0.02, rng.uniform(0.08, 0.15))] if rng.random() < 0.3 else []
    body = [(left, 0.0), (left - 0.04, waist), *bowl]
    if rng.random() < 0.5:  # the bar drawn last, as a second stroke
        return [*_maybe_ball(body, at_start=False, rng=rng), [(left, 0.0), bar_end, *flag]]
    return _maybe_ball([*flag[::-1], bar_end, *body], at_start=False, rng=rng)


def _six(rng: Rng) -> list[Path]:
    loop_ry = rng.uniform(0.22, 0.32)
    loop_rx = rng.uniform(0.3, 0.45)
    cy = 1 - loop_ry
    if rng.random() < 0.3:  # a straight back, as in a sans 6
        hook = [(rng.uniform(0.6, 0.85), 0.0), (0.5 - loop_rx, cy)]
    else:
        hook = arc(
            0.5 + rng.uniform(0.0, 0.15),
            rng.uniform(0.5, 0.65),
            rng.uniform(0.38, 0.5),
            rng.uniform(0.5, 0.65),
            rng.uniform(-80, -40),
            -180,
        )
    loop = arc(0.5, cy, loop_rx, loop_ry, 180, -180 + rng.uniform(-20, 10), 36)
    return _maybe_ball(hook + loop, at_start=True, rng=rng, chance=0.6)


def _seven(rng: Rng) -> list[Path]:
    foot_x = rng.uniform(0.25, 0.5)
    start = [(0.0, rng.uniform(0.1, 0.2))] if rng.random() < 0.4 else []  # the bar's drop
    if rng.random() < 0.5:
        stem = [(0.95, 0.0), (foot_x + 0.15, 0.55), (foot_x, 1.0)]  # a printed, curved stem
    else:
        stem = [(0.95, 0.0), (foot_x, 1.0)]
    strokes = [[*start, (0.0, 0.0), *stem]]
    if rng.random() < 0.25:
        strokes.append([(foot_x + 0.05, 0.5), (foot_x + 0.55, 0.5)])
    return strokes


def _eight(rng: Rng) -> list[Path]:
    split = rng.uniform(0.42, 0.5)
    top_rx, bottom_rx = rng.uniform(0.25, 0.38), rng.uniform(0.32, 0.48)
    upper = (0.5, split / 2, top_rx, split / 2)
    lower = (0.5, (1 + split) / 2, bottom_rx, (1 - split) / 2)
    if rng.random() < 0.35:  # two stacked circles, as a snowman
        return [arc(*upper, -90, 270, 30), arc(*lower, -90, 270, 30)]
    return [arc(*upper, 90, -270, 30) + arc(*lower, -90, 270, 30)]


def _nine(rng: Rng) -> list[Path]:
    ry, rx = rng.uniform(0.2, 0.3), rng.uniform(0.28, 0.42)
    cy = ry
    start = rng.uniform(-20, 20)
    loop = arc(0.5, cy, rx, ry, start, start - 360, 32)
    x = 0.5 + rx * rng.uniform(0.9, 1.0)
    kind = rng.random()
    if kind < 0.4:  # a tail curling left to a ball, as in type
        tail = arc(x - 0.3, cy, 0.3, 1 - cy, 0, rng.uniform(95, 130))
        return [loop, *_maybe_ball(tail, at_start=False, rng=rng, chance=0.8)]
    if kind < 0.7:
        return [loop + [(x, cy), (x - rng.uniform(0.0, 0.1), 1.0)]]
    return [loop, [(x, cy - 0.05), (x - rng.uniform(0.0, 0.1), 1.0)]]


TEMPLATES: dict[int, Callable[[Rng], list[Path]]] = {
    0: _zero,
    1: _one,
    2: _two,
    3: _three,
    4: _four,
    5: _five,
    6: _six,
    7: _seven,
    8: _eight,
    9: _nine,
}


def _resampled(path: Path, spacing: float = 0.03) -> np.ndarray:
    """Points about ``spacing`` apart along ``path``, its vertices kept."""
    points = np.asarray(path, dtype=np.float64)
    if len(points) < 2:
        return points
    steps = np.diff(points, axis=0)
    counts = np.maximum(1, np.ceil(np.hypot(*steps.T) / spacing).astype(int))
    segment = np.repeat(np.arange(len(steps)), counts)
    # The fraction of its segment each new point sits at: 1/n, 2/n, ..., 1.
    within = np.arange(len(segment)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    fraction = (within / np.repeat(counts, counts))[:, None]
    return np.concatenate([points[:1], points[segment] + steps[segment] * fraction])


def _smooth_noise(n: int, scale: float, rng: Rng) -> np.ndarray:
    """(n, 2) offsets varying smoothly along a stroke: a few random knots, linearly joined."""
    knots = max(2, n // 12 + 2)
    at = np.linspace(0, n - 1, knots)
    values = rng.normal(0, scale, (knots, 2))
    idx = np.arange(n)
    return np.stack([np.interp(idx, at, values[:, k]) for k in range(2)], 1)


def _wobbled(path: np.ndarray, rng: Rng, amount: float) -> np.ndarray:
    return path + _smooth_noise(len(path), amount, rng)


def _overstroke(path: np.ndarray, rng: Rng) -> np.ndarray:
    """The same stroke drawn again, a little off: shifted, rotated, ends not quite matching.
    Off by up to a tenth of the digit: about a pen's width, for a digit drawn at 60% of the
    canvas with a pen 6% of it wide."""
    shift = rng.normal(0, 1, 2)
    shift *= rng.uniform(0.015, 0.1) / (np.hypot(*shift) or 1.0)
    angle = math.radians(rng.uniform(-4, 4))
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    centre = path.mean(0)
    again = (path - centre) @ rot.T + centre + shift
    n = len(again)
    cut = int(rng.uniform(0, 0.1) * n)
    end = n - int(rng.uniform(0, 0.1) * n)
    again = again[cut : max(end, cut + 2)]
    return _wobbled(again, rng, 0.008)[:: -1 if rng.random() < 0.4 else 1]


def _parallel(path: np.ndarray, rng: Rng) -> list[np.ndarray]:
    """A stroke made bold as a thin pen imitates a broad one: two or three strokes side by side,
    the centre line's offset curves (as multi-stroke plotter fonts draw their bold digits)."""
    if len(path) < 2:
        return [path]
    step = np.gradient(path, axis=0)
    normal = np.stack([-step[:, 1], step[:, 0]], 1)
    normal /= np.maximum(np.hypot(*normal.T), 1e-9)[:, None]
    gap = rng.uniform(0.02, 0.06)
    offsets = (-gap / 2, gap / 2) if rng.random() < 0.5 else (-gap, 0.0, gap)
    return [_wobbled(path + normal * o, rng, 0.004) for o in offsets]


def _split(path: np.ndarray, rng: Rng) -> list[np.ndarray]:
    """The pen lifted part-way along a stroke, and put down again about where it left."""
    if len(path) < 8:
        return [path]
    at = int(rng.uniform(0.3, 0.7) * len(path))
    overlap = int(rng.integers(-1, 3))
    return [path[: at + max(overlap, 0) + 1], path[at - max(-overlap, 0) :]]


def decorate(strokes: list[Path], rng: Rng, bold: float = 0.45) -> list[np.ndarray]:
    """A template's strokes as a hand draws them: a slight wobble, now and then the pen lifted
    mid-stroke, and with chance ``bold`` the digit made bold: gone over again once or twice, or
    (one time in three) some strokes drawn as two or three side by side."""
    paths = [_wobbled(_resampled(s), rng, 0.006) for s in strokes]
    if rng.random() < 0.2:
        k = int(rng.integers(len(paths)))
        paths = paths[:k] + _split(paths[k], rng) + paths[k + 1 :]
    if rng.random() >= bold:
        return paths
    if rng.random() < 1 / 3:
        chosen = rng.random(len(paths)) < rng.uniform(0.4, 1.0)
        return [
            q for p, c in zip(paths, chosen, strict=True) for q in (_parallel(p, rng) if c else [p])
        ]
    passes = 1 if rng.random() < 0.65 else 2
    every = rng.random() < 0.7  # all strokes again, or only some of them
    again = [
        _overstroke(p, rng) for _ in range(passes) for p in paths if every or rng.random() < 0.5
    ]
    return paths + again
