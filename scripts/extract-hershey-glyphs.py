"""Extract letters and symbols of four Hershey fonts into resources/evaluation/ (run once).

The non-digit evaluation sets (``mnist_desk/evaluation/nondigit_set.py``) draw these glyphs.
They are kept as JSON rather than as a dependency, as the digits were
(``resources/evaluation/hershey-digits.json``): the PyPI package ``hershey-fonts`` installs a
top-level ``tests`` package into site-packages that shadows this project's ``tests/``. So
install it into a folder of its own and point PYTHONPATH there:

    .venv/bin/pip install --target /tmp/hershey hershey-fonts==2.1.0
    PYTHONPATH=/tmp/hershey .venv/bin/python scripts/extract-hershey-glyphs.py

EVALUATION ONLY: nothing that trains a model may read these files (tests/test_nondigit_sets.py).
"""

from __future__ import annotations

import json
import string
from pathlib import Path

from HersheyFonts import HersheyFonts

FONTS = ("futural", "rowmans", "scripts", "cursive")  # the drawn-digit set's fonts
# Tiny punctuation (. , ' : ;) is left out: scaled to the digit box, as every drawing is, it
# becomes a ring (0), two rings (8) or a bar (1), and nobody writes it alone in a digit box.
SYMBOLS = "+-=*/\\|%#@&?!<>()[]{}$~^"
OUT = Path(__file__).resolve().parents[1] / "resources" / "evaluation"
CREDIT = (
    "The Hershey Fonts were originally created by Dr. A. V. Hershey while working at the "
    "U. S. National Bureau of Standards."
)


def glyphs(chars: str) -> dict[str, dict[str, list]]:
    out = {}
    for name in FONTS:
        font = HersheyFonts()
        font.load_default_font(name)
        font.normalize_rendering(100)
        out[name] = {
            c: [
                [[round(x, 3), round(y, 3)] for x, y in stroke]
                for stroke in font.strokes_for_text(c)
            ]
            for c in chars
        }
    return out


def write(file: str, what: str, chars: str) -> None:
    data = {
        "source": f"{what} of four Hershey vector fonts, extracted once from the PyPI package "
        "hershey-fonts 2.1.0 by scripts/extract-hershey-glyphs.py (HersheyFonts()."
        "load_default_font(name); normalize_rendering(100); strokes_for_text(char)), y up as in "
        "the fonts. Kept here rather than as a dependency: that package installs a top-level "
        "'tests' package into site-packages, which shadows this project's tests/.",
        "credit": CREDIT,
        "fonts": glyphs(chars),
    }
    (OUT / file).write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT / file}")


if __name__ == "__main__":
    write("hershey-letters.json", "Letters a-z and A-Z", string.ascii_letters)
    write("hershey-symbols.json", "Symbols", SYMBOLS)
