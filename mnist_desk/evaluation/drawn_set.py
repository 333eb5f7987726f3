"""The drawn-digit evaluation set: digits as strokes, the way people draw them with a mouse.

Its source is neither MNIST nor the training templates (``mnist_desk/data/synthetic.py``):
the Hershey vector fonts (single-stroke sans, script and cursive digits, in
``resources/evaluation/hershey-digits.json``, extracted from the PyPI package ``hershey-fonts``) plus a few stroke paths written here for styles the fonts lack (a plain 1, a
crossed 7, an open 4, a straight-stem 9...). Each digit is randomised with a fixed seed: slant,
aspect, size (40-90% of the canvas), position, pen width (4-12% of the canvas) and a hand's wobble.

EVALUATION ONLY: nothing under ``mnist_desk/`` imports this module (tests/test_drawn_eval.py checks
that training never sees it).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from mnist_desk.support.config import resources_dir

SEED = 12
FONTS = ("futural", "rowmans", "scripts", "cursive")
SIZE = (0.40, 0.90)  # the digit's larger side, as a fraction of the canvas side
PEN = (0.04, 0.12)  # pen width, as a fraction of the canvas side
SLANT = (-0.20, 0.35)  # horizontal shear (x += slant * (centre - y)): right-leaning more often
ASPECT = (0.75, 1.25)  # width stretch
WOBBLE = 0.012  # of the digit's size: a hand is not a plotter
SPACING = 0.012  # of the canvas side between replayed pointer samples (~4 px on a 320 px canvas)

Stroke = list[tuple[float, float]]


def glyphs_path() -> Path:
    """The Hershey fonts' digit paths (shipped in resources/, so the app can score drawn digits)."""
    return resources_dir() / "evaluation" / "hershey-digits.json"


@dataclass(frozen=True)
class DrawnDigit:
    """One digit as a person would draw it: strokes in canvas coordinates (0..1, y down)."""

    label: int
    style: str  # "font:futural" or "hand:crossed-7"
    strokes: tuple[tuple[tuple[float, float], ...], ...]
    pen_width: float  # of the canvas side


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 24) -> Stroke:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in np.linspace(a0, a1, n)
    ]


def _hand_styles() -> dict[str, tuple[int, list[Stroke]]]:
    """Stroke paths in a unit box (y down) for styles the fonts lack. Not the training templates'."""
    return {
        "plain-1": (1, [[(0.52, 0.0), (0.48, 1.0)]]),
        "flag-1": (1, [[(0.22, 0.22), (0.58, 0.0), (0.58, 1.0)]]),
        "flag-base-1": (1, [[(0.25, 0.18), (0.55, 0.0), (0.55, 1.0)], [(0.2, 1.0), (0.9, 1.0)]]),
        "crossed-7": (7, [[(0.05, 0.05), (0.95, 0.0), (0.4, 1.0)], [(0.3, 0.52), (0.85, 0.5)]]),
        "hooked-7": (7, [[(0.0, 0.15), (0.1, 0.0), (0.95, 0.02), (0.5, 0.55), (0.38, 1.0)]]),
        "open-4": (4, [[(0.25, 0.0), (0.08, 0.62), (0.95, 0.62)], [(0.72, 0.15), (0.72, 1.0)]]),
        "closed-4": (4, [[(0.75, 1.0), (0.75, 0.0), (0.0, 0.68), (1.0, 0.68)]]),
        "stem-9": (9, [_arc(0.45, 0.27, 0.42, 0.27, -10, 350), [(0.87, 0.22), (0.85, 1.0)]]),
        "hook-9": (
            9,
            [_arc(0.5, 0.28, 0.4, 0.28, 0, 360) + [(0.88, 0.6), (0.7, 0.95), (0.3, 1.0)]],
        ),
        "oval-0": (0, [_arc(0.5, 0.5, 0.48, 0.5, -100, 275, 36)]),
        "loop-2": (
            2,
            [
                _arc(0.5, 0.28, 0.4, 0.28, 200, 370)
                + [(0.1, 1.0), (0.35, 0.85), (0.6, 1.0), (1.0, 0.95)]
            ],
        ),
        "bumps-3": (
            3,
            [_arc(0.45, 0.25, 0.42, 0.25, 210, 450) + _arc(0.45, 0.75, 0.48, 0.25, 270, 520)],
        ),
        "bar-5": (
            5,
            [
                [(0.15, 0.0), (0.1, 0.45)] + _arc(0.45, 0.68, 0.45, 0.32, 220, 510),
                [(0.15, 0.0), (0.9, 0.0)],
            ],
        ),
        "curl-6": (
            6,
            [_arc(0.55, 0.5, 0.45, 0.5, 290, 180) + _arc(0.5, 0.72, 0.42, 0.28, 180, -180)],
        ),
        "loops-8": (
            8,
            [_arc(0.5, 0.25, 0.35, 0.25, 90, -270, 30) + _arc(0.5, 0.74, 0.45, 0.26, -90, 270, 30)],
        ),
    }


@cache
def _font_glyphs() -> dict[str, dict[int, list[Stroke]]]:
    """Every digit of every font in FONTS as strokes, y down."""
    fonts = json.loads(glyphs_path().read_text())["fonts"]
    return {
        name: {d: [[(x, -y) for x, y in s] for s in fonts[name][str(d)]] for d in range(10)}
        for name in FONTS
    }


def digit_styles(label: int) -> list[tuple[str, list[Stroke]]]:
    """Every style of ``label`` in this set: each font's glyph and the hand-written paths."""
    fonts = [(f"font:{n}", g[label]) for n, g in _font_glyphs().items()]
    hand = [(f"hand:{n}", s) for n, (d, s) in _hand_styles().items() if d == label]
    return fonts + hand


def _densify(path: np.ndarray, spacing: float) -> np.ndarray:
    """Pointer samples about ``spacing`` apart along the path, its vertices kept."""
    out = [path[:1]]
    for a, b in zip(path[:-1], path[1:], strict=True):
        n = max(1, math.ceil(float(np.hypot(*(b - a))) / spacing))
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)


def place_glyph(strokes: list[Stroke], rng: np.random.Generator) -> tuple[list[np.ndarray], float]:
    """Slant, stretch, wobble, size and place a glyph on the canvas; returns strokes and pen."""
    paths = [np.asarray(s, dtype=np.float64) for s in strokes]
    every = np.concatenate(paths)
    low, high = every.min(0), every.max(0)
    size = float((high - low).max()) or 1.0
    slant, aspect = rng.uniform(*SLANT), rng.uniform(*ASPECT)
    centre = (low + high) / 2
    shaped = []
    for p in paths:
        q = (p - centre) / size
        q[:, 0] = (q[:, 0] + slant * -q[:, 1]) * aspect
        shaped.append(q)
    every = np.concatenate(shaped)
    low, high = every.min(0), every.max(0)
    extent = float((high - low).max()) or 1.0
    pen = rng.uniform(*PEN)
    target = rng.uniform(*SIZE)
    scale = target / extent
    span = (high - low) * scale
    # Anywhere on the canvas where the whole ink (centre line + pen) stays on it.
    margin = pen / 2 + 0.01
    origin = np.array([rng.uniform(margin, max(margin, 1 - margin - span[i])) for i in range(2)])
    placed = []
    for q in shaped:
        q = (q - low) * scale + origin
        q = _densify(q, SPACING)
        # A hand's wobble: a smooth random offset along the stroke.
        phase, freq = rng.uniform(0, 2 * math.pi, 2), rng.uniform(2, 5, 2)
        t = np.linspace(0, 1, len(q))[:, None]
        q = q + WOBBLE * target * np.sin(2 * math.pi * freq * t + phase)
        placed.append(np.clip(q, 0.005, 0.995))
    return placed, pen


def placed_digit(label: int, style: str, strokes, rng: np.random.Generator) -> DrawnDigit:
    """``strokes`` (a glyph in ``style``) placed on the canvas as a hand would draw ``label``."""
    placed, pen = place_glyph(strokes, rng)
    points = tuple(tuple((float(x), float(y)) for x, y in p) for p in placed)
    return DrawnDigit(label, style, points, float(pen))


def drawn_digits(count: int = 600, seed: int = SEED) -> list[DrawnDigit]:
    """``count`` drawn digits, labels cycling 0..9, each in a random style and placement."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        label = i % 10
        styles = digit_styles(label)
        style, strokes = styles[rng.integers(len(styles))]
        out.append(placed_digit(label, style, strokes, rng))
    return out


def drawn_pairs(count: int = 300, seed: int = SEED) -> list[tuple[DrawnDigit, DrawnDigit]]:
    """``count`` pairs for the two canvases, from ``2 * count`` drawn digits shuffled by seed."""
    digits = drawn_digits(2 * count, seed)
    return paired(digits, seed)


def paired(digits: list[DrawnDigit], seed: int) -> list[tuple[DrawnDigit, DrawnDigit]]:
    """``digits`` (an even number) as pairs for the two canvases, shuffled by ``seed + 1`` (the
    digits themselves were drawn with ``seed``): every set's pairs are made this one way."""
    order = np.random.default_rng(seed + 1).permutation(len(digits))
    return [(digits[order[2 * i]], digits[order[2 * i + 1]]) for i in range(len(digits) // 2)]
