"""The drawn non-digit evaluation sets: letters, symbols, scribbles and crossed-out messes.

Each is drawn the way the drawn-digit set is (``drawn_set.place_glyph``: slant, aspect, size
40-90% of the canvas, place, pen width 4-12%, a hand's wobble) with its own seed:

- **letters**: a-z and A-Z of the four Hershey fonts the drawn digits use
  (``resources/evaluation/hershey-letters.json``). Letters a reader could take for a digit
  are drawn too but flagged ``like_digit`` and reported apart, decided by their shape before
  any model saw them: O and o (0), I and l (1), Z and z (2), S and s (5), b (6), g and q (9).
- **symbols**: ``+ - = * % # @ & ? ! < > [ ] { } $ ~ ^`` and ``/ \\ | ( )`` of the same fonts
  (``hershey-symbols.json``); the last five are one nearly straight stroke, the way many write
  a 1, so they are flagged ``like_digit``.
- **scribbles**: shapes of this module's own, none of them the training generator's families
  (``mnist_desk/data/negatives.py``): Lissajous knots, spirograph roses, a wandering tangle,
  a patch shaded back and forth, a hedgehog; and crossed-out Hershey digits (an X over it,
  struck through, or scribbled over with loops).

EVALUATION ONLY: nothing that trains a model imports this module (an import-linter contract and
tests/test_nondigit_sets.py check it). Different code, seeds and shapes from the training
negatives, so the figures measured on these sets are out of distribution for the digit gate.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from mnist_desk.evaluation.drawn_set import FONTS, Stroke, digit_styles, place_glyph
from mnist_desk.support.config import resources_dir

LETTER_SEED, SYMBOL_SEED, SCRIBBLE_SEED = 1201, 1202, 1203
# Letters whose shape is a digit's, and the digit (reported apart, never counted either way).
LIKE_DIGIT_LETTERS = {"O": 0, "o": 0, "I": 1, "l": 1, "Z": 2, "z": 2, "S": 5, "s": 5, "b": 6}
LIKE_DIGIT_LETTERS |= {"g": 9, "q": 9}
SYMBOLS = "+-=*%#@&?!<>[]{}$~^"
LIKE_DIGIT_SYMBOLS = {"/": 1, "\\": 1, "|": 1, "(": 1, ")": 1}


@dataclass(frozen=True)
class DrawnNonDigit:
    """One drawing that is not a digit: strokes in canvas coordinates (0..1, y down)."""

    kind: str  # "letter", "symbol", "scribble" or "crossed-out"
    style: str  # e.g. "font:scripts A", "lissajous 3:2", "x-over font:futural 7"
    strokes: tuple[tuple[tuple[float, float], ...], ...]
    pen_width: float  # of the canvas side
    like_digit: int | None = None  # the digit a reader could take it for (reported apart)


@cache
def _glyphs(file: str) -> dict[str, dict[str, list[Stroke]]]:
    fonts = json.loads((resources_dir() / "evaluation" / file).read_text())["fonts"]
    return {
        name: {c: [[(x, -y) for x, y in s] for s in strokes] for c, strokes in fonts[name].items()}
        for name in FONTS
    }


def _drawn(kind: str, style: str, strokes: list[Stroke], rng, like: int | None = None):
    placed, pen = place_glyph(strokes, rng)
    path = tuple(tuple((float(x), float(y)) for x, y in p) for p in placed)
    return DrawnNonDigit(kind, style, path, float(pen), like)


def _font_set(kind: str, file: str, chars: str, like: dict[str, int], count: int, seed: int):
    """``count`` glyphs: every character of every font in turn, each placed at random."""
    rng = np.random.default_rng(seed)
    glyphs = _glyphs(file)
    order = [(c, f) for f in FONTS for c in chars]
    out = []
    for i in range(count):
        char, font = order[i % len(order)]
        out.append(_drawn(kind, f"font:{font} {char}", glyphs[font][char], rng, like.get(char)))
    return out


def drawn_letters(count: int = 416, seed: int = LETTER_SEED) -> list[DrawnNonDigit]:
    """Letters a-z, A-Z of four Hershey fonts; the default count draws each one twice."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return _font_set("letter", "hershey-letters.json", letters, LIKE_DIGIT_LETTERS, count, seed)


def drawn_symbols(count: int = 384, seed: int = SYMBOL_SEED) -> list[DrawnNonDigit]:
    """Symbols of four Hershey fonts; the default count draws each one about four times."""
    chars = SYMBOLS + "".join(LIKE_DIGIT_SYMBOLS)
    return _font_set("symbol", "hershey-symbols.json", chars, LIKE_DIGIT_SYMBOLS, count, seed)


# ---- scribbles: shapes of this module's own, in a unit box, y down --------------------------


def _curve(x: np.ndarray, y: np.ndarray) -> Stroke:
    return list(zip(x.tolist(), y.tolist(), strict=True))


def _lissajous(rng) -> tuple[str, list[Stroke]]:
    a, b = [(3, 2), (2, 3), (3, 4), (4, 3), (5, 4), (3, 5), (5, 2)][rng.integers(7)]
    t = np.linspace(0, 2 * math.pi, 240)
    phase = rng.uniform(0.2, 1.3)
    return f"lissajous {a}:{b}", [_curve(np.sin(a * t + phase), np.sin(b * t))]


def _rose(rng) -> tuple[str, list[Stroke]]:
    """A spirograph (hypotrochoid): a small wheel rolling inside a big one."""
    big, small = rng.integers(5, 9), rng.integers(2, 4)
    while math.gcd(big, small) != 1:
        small += 1
    pen = rng.uniform(0.6, 1.4) * small
    t = np.linspace(0, 2 * math.pi * small, 60 * small * 3)
    x = (big - small) * np.cos(t) + pen * np.cos((big - small) / small * t)
    y = (big - small) * np.sin(t) - pen * np.sin((big - small) / small * t)
    return f"rose {big}/{small}", [_curve(x, y)]


def _tangle(rng) -> tuple[str, list[Stroke]]:
    """A pen wandering with momentum: a ball of yarn."""
    n = rng.integers(120, 220)
    heading = np.cumsum(rng.normal(0, 0.45, n))
    step = rng.uniform(0.5, 1.0, n)
    x, y = np.cumsum(step * np.cos(heading)), np.cumsum(step * np.sin(heading))
    x -= np.linspace(0, x[-1] - x[0], n) * rng.uniform(0.5, 1.0)  # keep it wound up
    return "tangle", [_curve(x, y)]


def _shaded(rng) -> tuple[str, list[Stroke]]:
    """A patch coloured in, back and forth, slanted."""
    rows = rng.integers(6, 12)
    slant = rng.uniform(-0.6, 0.6)
    path = []
    for r in range(rows):
        y = r / (rows - 1)
        left, right = rng.uniform(0, 0.25), rng.uniform(0.75, 1.0)
        ends = [(left, y), (right, y + slant * 0.1)]
        path += ends if r % 2 == 0 else ends[::-1]
    return "shaded", [path]


def _hedgehog(rng) -> tuple[str, list[Stroke]]:
    """A ring with spikes all round: a sun, a burr."""
    spikes = rng.integers(9, 16)
    t = np.linspace(0, 2 * math.pi, spikes * 2 + 1)
    r = np.where(np.arange(len(t)) % 2 == 0, 1.0, rng.uniform(0.35, 0.6))
    return f"hedgehog {spikes}", [_curve(r * np.cos(t), r * np.sin(t))]


def _digit_under(rng) -> tuple[str, list[Stroke], tuple[float, float, float, float]]:
    """A Hershey digit (the drawn-digit set's glyphs) and its bounding box."""
    label = int(rng.integers(10))
    styles = digit_styles(label)
    style, strokes = styles[rng.integers(len(styles))]
    every = np.concatenate([np.asarray(s) for s in strokes])
    (x0, y0), (x1, y1) = every.min(0), every.max(0)
    return f"{style} {label}", [list(map(tuple, s)) for s in strokes], (x0, y0, x1, y1)


def _x_over(rng) -> tuple[str, list[Stroke]]:
    style, strokes, (x0, y0, x1, y1) = _digit_under(rng)
    pad = 0.1 * max(x1 - x0, y1 - y0)
    return f"x-over {style}", strokes + [
        [(x0 - pad, y0 - pad), (x1 + pad, y1 + pad)],
        [(x1 + pad, y0 - pad), (x0 - pad, y1 + pad)],
    ]


def _struck_through(rng) -> tuple[str, list[Stroke]]:
    style, strokes, (x0, y0, x1, y1) = _digit_under(rng)
    lines = rng.integers(3, 6)
    tilt = rng.uniform(-0.2, 0.2) * (y1 - y0)
    extra = [
        [(x0 - 0.1 * (x1 - x0), y), (x1 + 0.1 * (x1 - x0), y + tilt)]
        for y in np.linspace(y0 + 0.15 * (y1 - y0), y1 - 0.15 * (y1 - y0), lines)
    ]
    return f"struck {style}", strokes + extra


def _looped_over(rng) -> tuple[str, list[Stroke]]:
    """Scribbled over with a row of loops (a telephone cord), as one crosses out a word."""
    style, strokes, (x0, y0, x1, y1) = _digit_under(rng)
    loops = rng.integers(5, 9)
    t = np.linspace(0, 2 * math.pi * loops, 40 * loops)
    w, h = x1 - x0, y1 - y0
    x = x0 - 0.05 * w + (1.1 * w) * t / t[-1] + 0.12 * w * np.cos(t)
    y = (y0 + y1) / 2 + 0.35 * h * np.sin(t) + rng.uniform(-0.1, 0.1) * h * t / t[-1]
    return f"looped-over {style}", strokes + [_curve(x, y)]


SCRIBBLES: tuple[Callable, ...] = (_lissajous, _rose, _tangle, _shaded, _hedgehog)
CROSSED_OUT: tuple[Callable, ...] = (_x_over, _struck_through, _looped_over)


def drawn_scribbles(count: int = 400, seed: int = SCRIBBLE_SEED) -> list[DrawnNonDigit]:
    """Scribbles and crossed-out digits, the families in turn (5 scribbles, then 3 crossed-out)."""
    rng = np.random.default_rng(seed)
    makers = [("scribble", m) for m in SCRIBBLES] + [("crossed-out", m) for m in CROSSED_OUT]
    out = []
    for i in range(count):
        kind, make = makers[i % len(makers)]
        style, strokes = make(rng)
        out.append(_drawn(kind, style, strokes, rng))
    return out


def nondigit_sets() -> dict[str, list[DrawnNonDigit]]:
    """Every set by name, at its default size and seed (benchmark row 12 draws these)."""
    return {"letters": drawn_letters(), "symbols": drawn_symbols(), "scribbles": drawn_scribbles()}
