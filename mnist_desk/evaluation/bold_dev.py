"""DEVELOPMENT ONLY: bold, printed and outlined digits as people draw them, the set the number
reader's grouping of bold strokes and its judge were developed on (``scripts/bold-dev.py``).

Never an evaluation set and never training data: its sources are the development fonts
(``dev-digits.json``: Linux Libertine, Caladea, Comic Neue, Lato, Cantarell; none of the
evaluation fonts) and, given MNIST, MNIST *validation* digits' traced centre lines (real
handwriting, never MNIST test). It draws none of ``mnist_desk/data/printed.py``'s templates (what
training draws). Each digit is drawn in one of these styles, then placed as the drawn-digit set
places a glyph (``drawn_set.placed_digit``: slant, stretch, size, wobble, pen):

- ``side``: a printed glyph's strokes each drawn two or three times side by side, a little apart
  and the copies a little shorter or longer than each other (as a hand makes a stroke bold, or as
  multi-stroke fonts draw one), serifs and feet included as separate strokes;
- ``over``: the whole digit gone over again, two or three passes, each a little off the last
  (shifted, turned and scaled slightly), pass after pass or stroke by stroke;
- ``outline``: the digit drawn as its outline, a doubled line: the development fonts' outlines,
  or the outline of a printed glyph's strokes drawn thick (a hollow bold digit), traced here, in
  one stroke per contour or with the pen lifted once midway;
- ``plain``: a printed glyph as it is (its serifs separate strokes), for comparison.

Hershey's gothic (blackletter) digits were tried and left out: a plotter fills their broad-nib
strokes with zig-zag hatching, which no hand draws with a mouse (the digit gate calls 85 of the
210 "crossed out or overdrawn", and rightly so by look).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from mnist_desk.evaluation import printed_set
from mnist_desk.evaluation.drawn_set import DrawnDigit, paired, placed_digit

SEED = 4100  # the development seed; any other works the same
STYLES = ("side", "over", "outline", "plain")
WEIGHTS = (0.35, 0.3, 0.25, 0.1)
Glyph = list[np.ndarray]  # strokes, y down, in units of the glyph's height


def _dev_glyphs(kind: str) -> dict[str, dict[int, Glyph]]:
    fonts = printed_set._fonts(printed_set.DEV)
    return {
        name: {int(d): [np.asarray(s, dtype=np.float64) for s in g] for d, g in glyphs.items()}
        for name, glyphs in fonts.items()
        if name.startswith(kind + ":")
    }


def _normals(path: np.ndarray) -> np.ndarray:
    """Unit normals along ``path``, from its direction over a few points (a pixel skeleton's
    steps would swing them about)."""
    d = np.gradient(path, axis=0) if len(path) > 1 else np.zeros_like(path)
    if len(path) > 5:
        kernel = np.ones(5) / 5
        d = np.stack(
            [np.convolve(np.pad(d[:, i], 2, mode="edge"), kernel, "valid") for i in (0, 1)], 1
        )
    n = np.stack([-d[:, 1], d[:, 0]], 1)
    return n / (np.linalg.norm(n, axis=1, keepdims=True) + 1e-9)


def _trimmed(path: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``path`` with up to 12% of its length cut off or run on at each end."""
    if len(path) < 3:
        return path
    out = path
    for end in (0, 1):
        share = rng.uniform(-0.08, 0.12)
        k = int(abs(share) * len(out))
        if k == 0 or len(out) - k < 2:
            continue
        if share > 0:  # shorter
            out = out[k:] if end == 0 else out[:-k]
        else:  # run on along the end's direction
            a, b = (out[0], out[1]) if end == 0 else (out[-1], out[-2])
            step = (a - b) / (np.linalg.norm(a - b) + 1e-9) * abs(share) * _length(path)
            extra = a + np.linspace(0, 1, 3)[1:, None] * step
            out = np.vstack([extra[::-1], out]) if end == 0 else np.vstack([out, extra])
    return out


def _length(path: np.ndarray) -> float:
    return float(np.hypot(*np.diff(path, axis=0).T).sum()) if len(path) > 1 else 0.0


def side_by_side(glyph: Glyph, rng: np.random.Generator) -> Glyph:
    """Each stroke drawn 2-3 times side by side, 0.02-0.05 of the height apart; in half the
    digits, the copies only along a part of the stroke (40-80% of it), as a hand thickens the
    downstrokes of a serif digit, or a curve where it is thick."""
    copies, gap = int(rng.integers(2, 4)), rng.uniform(0.02, 0.05)
    partial = rng.random() < 0.5
    out = []
    for stroke in glyph:
        if len(stroke) < 2 or _length(stroke) < 0.08:  # a dot or a tiny serif: drawn once
            out.append(stroke)
            continue
        n = _normals(stroke)
        first = int(rng.integers(copies))  # the copy drawn whole
        for k in range(copies):
            copy = stroke + (k - (copies - 1) / 2) * gap * n
            if partial and k != first and len(copy) >= 6:
                share = rng.uniform(0.4, 0.8)
                size = max(3, int(share * len(copy)))
                at = int(rng.integers(0, len(copy) - size + 1))
                copy = copy[at : at + size]
            out.append(_trimmed(copy, rng))
    return out


def gone_over(glyph: Glyph, rng: np.random.Generator) -> Glyph:
    """The digit drawn again 1-2 more times, each pass shifted 0.015-0.05 of the height, turned
    up to 4 degrees and scaled up to 5%; pass after pass, or each stroke gone over at once."""
    passes = int(rng.integers(2, 4))
    every = np.concatenate(glyph)
    centre = (every.min(0) + every.max(0)) / 2
    drawn = [glyph]
    for _ in range(passes - 1):
        angle = math.radians(rng.uniform(-4, 4))
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        shift = rng.uniform(0.015, 0.05) * np.array(
            [math.cos(t := rng.uniform(0, 2 * math.pi)), math.sin(t)]
        )
        scale = rng.uniform(0.95, 1.05)
        drawn.append([(s - centre) @ rot.T * scale + centre + shift for s in glyph])
    if rng.random() < 0.5:
        return [s for one in drawn for s in one]
    return [one[i] for i in range(len(glyph)) for one in drawn]


def _thick(glyph: Glyph, width: float, res: int) -> np.ndarray:
    """The glyph's strokes drawn ``width`` wide (of its height) on a grid ``res`` rows tall."""
    every = np.concatenate(glyph)
    low = every.min(0) - width
    size = every.max(0) + width - low
    shape = (res, max(8, int(res * size[0] / size[1]) + 1))
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]]
    grid = np.stack([xs.ravel(), ys.ravel()], 1) * (size[1] / (res - 1)) + low
    near = np.full(len(grid), np.inf)
    for stroke in glyph:
        if len(stroke) == 1:
            stroke = np.vstack([stroke, stroke])
        a, b = stroke[:-1], stroke[1:]
        ab = b - a
        t = ((grid[:, None] - a[None]) * ab[None]).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12)
        t = np.clip(t, 0, 1)
        d = np.hypot(*(grid[:, None] - (a[None] + t[..., None] * ab[None])).transpose(2, 0, 1))
        near = np.minimum(near, d.min(1))
    ink = np.zeros((shape[0] + 2, shape[1] + 2), dtype=bool)  # a blank border for tracing
    ink[1:-1, 1:-1] = (near <= width / 2).reshape(shape)
    return ink


_AROUND = [(0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1)]  # clockwise


def _trace(region: np.ndarray) -> np.ndarray:
    """The boundary of one 8-connected region (bool, blank border), Moore-neighbour traced:
    (N, 2) pixel centres (x, y), once round."""
    ys, xs = np.nonzero(region)
    start = (int(ys[0]), int(xs[0]))
    cur, back = start, (start[0], start[1] - 1)
    path = [cur]
    for _ in range(4 * region.size):
        d = _AROUND.index((back[0] - cur[0], back[1] - cur[1]))
        for k in range(1, 9):
            step = _AROUND[(d + k) % 8]
            nxt = (cur[0] + step[0], cur[1] + step[1])
            if region[nxt]:
                break
            back = nxt
        else:
            break
        cur = nxt
        if cur == start:
            break
        path.append(cur)
    return np.array([(x, y) for y, x in path], dtype=np.float64)


def _components(mask: np.ndarray, eight: bool) -> list[np.ndarray]:
    """The connected parts of ``mask`` (8- or 4-connected), each as a mask, grown from a seed."""
    left, parts = mask.copy(), []
    while left.any():
        part = np.zeros_like(mask)
        part.flat[int(np.flatnonzero(left)[0])] = True
        while True:
            grown = part.copy()
            grown[1:] |= part[:-1]
            grown[:-1] |= part[1:]
            grown[:, 1:] |= part[:, :-1]
            grown[:, :-1] |= part[:, 1:]
            if eight:
                grown[1:, 1:] |= part[:-1, :-1]
                grown[1:, :-1] |= part[:-1, 1:]
                grown[:-1, 1:] |= part[1:, :-1]
                grown[:-1, :-1] |= part[1:, 1:]
            grown &= mask
            if (grown == part).all():
                break
            part = grown
        parts.append(part)
        left &= ~part
    return parts


def outline(glyph: Glyph, rng: np.random.Generator, res: int = 72) -> Glyph:
    """The contours (outer and of every hole) of ``glyph`` drawn 0.12-0.2 of its height wide."""
    width = rng.uniform(0.12, 0.2)
    ink = _thick(glyph, width, res)
    contours = [_trace(part) for part in _components(ink, eight=True)]
    for hole in _components(~ink, eight=False):
        if hole[0].any() or hole[-1].any() or hole[:, 0].any() or hole[:, -1].any():
            continue  # the background around the glyph
        if hole.sum() >= 4:
            contours.append(_trace(hole))
    return [_smooth(c) / res for c in contours if len(c) >= 4]


def _smooth(contour: np.ndarray, k: int = 2) -> np.ndarray:
    """A closed pixel contour averaged over 2k + 1 neighbours (its pixel steps rounded off)."""
    padded = np.vstack([contour[-k:], contour, contour[:k]])
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    return np.stack([np.convolve(padded[:, i], kernel, "valid") for i in (0, 1)], 1)


def _closed_strokes(contours: Glyph, rng: np.random.Generator) -> Glyph:
    """Each contour as a person draws it: from anywhere on it, once round and a little on (or
    short), sometimes with the pen lifted once midway."""
    out = []
    for c in contours:
        c = _dense(c)
        c = np.roll(c, -int(rng.integers(len(c))), axis=0)
        extra = int(rng.uniform(-0.02, 0.06) * len(c))
        c = (
            np.vstack([c, c[:extra]])
            if extra > 0
            else c[: len(c) + extra]
            if extra < 0
            else np.vstack([c, c[:1]])
        )
        if rng.random() < 0.3 and len(c) > 20:
            cut = int(rng.uniform(0.3, 0.7) * len(c))
            out += [c[: cut + 1], c[cut:]]
        else:
            out.append(c)
    return out


def _dense(contour: np.ndarray, step: float = 0.01) -> np.ndarray:
    """A closed polygon's points every ``step`` (of the glyph's height) along it, corners kept."""
    ring = np.vstack([contour, contour[:1]])
    out = [ring[0]]
    for a, b in zip(ring[:-1], ring[1:], strict=True):
        n = max(1, int(np.hypot(*(b - a)) / step))
        out.extend(a + (b - a) * t for t in np.arange(1, n + 1) / n)
    return np.array(out[:-1])


def bold_digits(count: int = 600, seed: int = SEED, mnist_val=None) -> list[DrawnDigit]:
    """``count`` development digits, labels cycling 0..9. ``mnist_val``: (images, labels) of
    MNIST's validation split, whose traced digits are then gone over too (``over:mnist-val``)."""
    skeletons, outlines_ = _dev_glyphs("skeleton"), _dev_glyphs("outline")
    rng = np.random.default_rng(seed)
    traced = _mnist_tracer(mnist_val, rng) if mnist_val is not None else None
    out = []
    for i in range(count):
        label = i % 10
        style = STYLES[int(rng.choice(len(STYLES), p=WEIGHTS))]
        font = sorted(skeletons)[int(rng.integers(len(skeletons)))]
        glyph = skeletons[font][label]
        if style == "side":
            strokes = side_by_side(glyph, rng)
        elif style == "over":
            if traced is not None and rng.random() < 0.5:
                font, glyph = "mnist-val", traced(label)
            strokes = gone_over(glyph, rng)
        elif style == "outline":
            if rng.random() < 0.5:
                font = sorted(outlines_)[int(rng.integers(len(outlines_)))]
                strokes = _closed_strokes(outlines_[font][label], rng)
            else:
                strokes = _closed_strokes(outline(glyph, rng), rng)
                font = "hollow:" + font
        else:
            strokes = glyph
        name = f"{style}:{font}"
        out.append(placed_digit(label, name, [[tuple(p) for p in s] for s in strokes], rng))
    return out


def _mnist_tracer(mnist_val, rng: np.random.Generator) -> Callable[[int], Glyph]:
    from mnist_desk.data.redrawn import centre_lines, trace

    images, labels = mnist_val
    by_label = {d: np.nonzero(labels.numpy() == d)[0] for d in range(10)}

    def traced(label: int) -> Glyph:
        i = int(rng.choice(by_label[label]))
        line = centre_lines(images[i : i + 1]).numpy()[0]
        return [np.asarray(s, dtype=np.float64) / 20.0 for s in trace(line) if len(s)]

    return traced


def bold_pairs(count: int = 300, seed: int = SEED, mnist_val=None) -> list[tuple[DrawnDigit, ...]]:
    """``count`` pairs for the two canvases, from ``2 * count`` digits shuffled by seed."""
    digits = bold_digits(2 * count, seed, mnist_val)
    return paired(digits, seed)
