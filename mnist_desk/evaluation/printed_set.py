"""Printed and bold digits for evaluation: sets the drawn-digit recipe was never tuned on.

Their glyphs (``resources/evaluation/printed-digits.json``, made once by
``scripts/extract-eval-glyphs.py``) come from fonts, none of which training ever sees:
- "hershey-printed": Hershey's multi-stroke fonts (duplex sans, triplex and complex serif, roman
  and italic), which draw a bold or serif digit as several strokes side by side, balls and feet
  included;
- "truetype": TrueType/OpenType digits (DejaVu, Liberation, TeX Gyre: serif, slab, sans, italic,
  bold) as a person would draw them: their centre lines, serifs and ball terminals included, or
  the outline of a regular-weight glyph, a doubled line like a digit gone over twice.
Each digit is then slanted, stretched, sized, placed, wobbled and given a pen width exactly as the
drawn-digit set does (``drawn_set.placed_digit``), with its own seed.

"dev-fonts" is made the same way from other font families (``dev-digits.json``: Linux
Libertine, Caladea, Comic Neue, Lato, Cantarell): the development set the drawn-digit recipe's
generator was tuned against, so the two sets above stay untouched.

EVALUATION ONLY, like the drawn-digit set.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from mnist_desk.evaluation.drawn_set import DrawnDigit, paired, placed_digit
from mnist_desk.support.config import resources_dir

SEED = 21
DEV_SEED = 31
PRINTED, DEV = "printed-digits.json", "dev-digits.json"
SETS = {  # name: (glyph file, font kinds)
    "hershey-printed": (PRINTED, ("hershey:",)),
    "truetype": (PRINTED, ("skeleton:", "outline:")),
    "dev-fonts": (DEV, ("skeleton:", "outline:")),
}


def glyphs_path(file: str = PRINTED) -> Path:
    return resources_dir() / "evaluation" / file


@cache
def _fonts(file: str = PRINTED) -> dict[str, dict[str, list]]:
    return json.loads(glyphs_path(file).read_text())["fonts"]


def fonts_of(name: str) -> list[str]:
    """The fonts (``kind:name``) that set ``name`` draws its digits from."""
    if name not in SETS:
        raise ValueError(f"unknown printed set {name!r}; choose one of {', '.join(SETS)}")
    file, kinds = SETS[name]
    return sorted(f for f in _fonts(file) if f.startswith(kinds))


def printed_digits(name: str, count: int = 600, seed: int = SEED) -> list[DrawnDigit]:
    """``count`` digits of set ``name``, labels cycling 0..9, each from a random font of it."""
    fonts, glyphs = fonts_of(name), _fonts(SETS[name][0])
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        label = i % 10
        font = fonts[rng.integers(len(fonts))]
        strokes = [[(x, y) for x, y in s] for s in glyphs[font][str(label)]]
        out.append(placed_digit(label, font, strokes, rng))
    return out


def printed_pairs(name: str, count: int = 300, seed: int = SEED) -> list[tuple[DrawnDigit, ...]]:
    """``count`` pairs for the two canvases, from ``2 * count`` digits shuffled by seed."""
    digits = printed_digits(name, 2 * count, seed)
    return paired(digits, seed)
