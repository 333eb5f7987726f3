"""DEVELOPMENT ONLY: printed digits drawn in pieces, as a plotter draws a multi-stroke font or a
hand draws a printed digit stroke by stroke: the set the number reader's joining of a digit's
separate pieces was developed on (``scripts/bold-dev.py --set plotted``).

Never an evaluation set and never training data: its glyphs are the development fonts' centre
lines (``dev-digits.json``; none of the evaluation fonts), whose serifs, feet, flags and bars are
already strokes of their own. Each glyph is then drawn in pieces:

- a long stroke is cut, now and then, into two at one of its points (a plotter's pen lifts at a
  corner; a hand draws a 2's curve and its base apart);
- in a bold digit, the longer strokes are drawn two or three times side by side (as multi-stroke
  fonts draw a bold stroke), the copies a little shorter or longer than each other;
- where a stroke's end met another stroke, it often stops short of it, or runs a little past:
  a gap of up to 6% of the height, as a hand or a plotter leaves between a serif and its stem.

Then placed as the drawn-digit set places a glyph (``drawn_set.placed_digit``).
"""

from __future__ import annotations

import numpy as np

from mnist_desk.evaluation.bold_dev import Glyph, _dev_glyphs, _length, _normals, _trimmed
from mnist_desk.evaluation.drawn_set import DrawnDigit, paired, placed_digit

SEED = 4200  # the development seed; any other works the same
GAP = (0.01, 0.06)  # of the glyph's height: how short of a stroke it met a stroke's end stops
MEETS = 0.03  # of the height: a stroke's end this close to another stroke met it
CUT_LONG = 0.6  # of the height: a stroke at least this long may be cut in two
BOLD = 0.5  # the share of the digits drawn bold (long strokes doubled or tripled)


def _densified(path: np.ndarray, step: float) -> np.ndarray:
    """``path`` with points about ``step`` apart, its corners kept."""
    out = [path[:1]]
    for a, b in zip(path[:-1], path[1:], strict=True):
        n = max(1, int(np.ceil(float(np.hypot(*(b - a))) / step)))
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)


def _shortened(path: np.ndarray, at_start: bool, by: float) -> np.ndarray:
    """``path`` with ``by`` (a length) taken off one end; at least two points kept."""
    step = np.hypot(*np.diff(path, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(step)])
    total = along[-1]
    if total <= 2 * by or len(path) < 3:
        return path
    keep = along >= by if at_start else along <= total - by
    if keep.sum() < 2:
        return path
    return path[keep]


def in_pieces(glyph: Glyph, rng: np.random.Generator, bold: bool = False) -> Glyph:
    """``glyph``'s strokes drawn in pieces: cut, stopped short of the strokes they met (GAP),
    and, if ``bold``, its longer strokes drawn two or three times side by side."""
    every = np.concatenate([np.asarray(s, dtype=np.float64) for s in glyph if len(s)])
    height = float(np.ptp(every[:, 1])) or 1.0
    # points every 1% of the height (a centre line's corners only are too few to cut at)
    strokes = [_densified(np.asarray(s, dtype=np.float64), 0.01 * height) for s in glyph if len(s)]
    pieces: list[np.ndarray] = []
    for s in strokes:  # cut long strokes now and then
        if len(s) >= 8 and _length(s) >= CUT_LONG * height and rng.random() < 0.4:
            at = int(rng.integers(len(s) // 4, 3 * len(s) // 4))
            pieces += [s[: at + 1], s[at:]]
        else:
            pieces.append(s)
    # Whether each end met another piece, before any is moved.
    met = []
    for i, s in enumerate(pieces):
        others = [p for j, p in enumerate(pieces) if j != i]
        rest = np.concatenate(others) if others else np.zeros((0, 2))
        ends = []
        for end in (s[0], s[-1]):
            near = len(rest) and float(np.hypot(*(rest - end).T).min()) <= MEETS * height
            ends.append(bool(near))
        met.append(ends)
    gapped = []
    for s, (start, finish) in zip(pieces, met, strict=True):
        for at_start, meets in ((True, start), (False, finish)):
            if meets and rng.random() < 0.7:
                s = _shortened(s, at_start, rng.uniform(*GAP) * height)
        gapped.append(s)
    if not bold:
        return gapped
    copies, gap = int(rng.integers(2, 4)), rng.uniform(0.025, 0.06) * height
    out = []
    for s in gapped:
        if len(s) < 3 or _length(s) < 0.25 * height:  # serifs, feet, flags: drawn once
            out.append(s)
            continue
        n = _normals(s)
        out += [_trimmed(s + (k - (copies - 1) / 2) * gap * n, rng) for k in range(copies)]
    return out


def plotted_digits(count: int = 600, seed: int = SEED) -> list[DrawnDigit]:
    """``count`` development digits drawn in pieces, labels cycling 0..9, each from a random
    development font's centre lines."""
    skeletons = _dev_glyphs("skeleton")
    fonts = sorted(skeletons)
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        label = i % 10
        font = fonts[int(rng.integers(len(fonts)))]
        bold = bool(rng.random() < BOLD)
        strokes = in_pieces(skeletons[font][label], rng, bold)
        style = f"{'bold' if bold else 'pieces'}:{font}"
        out.append(placed_digit(label, style, [[tuple(p) for p in s] for s in strokes], rng))
    return out


def plotted_pairs(count: int = 300, seed: int = SEED) -> list[tuple[DrawnDigit, ...]]:
    """``count`` pairs for the two canvases, from ``2 * count`` digits shuffled by seed."""
    digits = plotted_digits(2 * count, seed)
    return paired(digits, seed)
