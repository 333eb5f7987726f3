"""The number reader's development sets: printed and bold digits and numbers from the project's
own templates (``mnist_desk/data/printed.py``), read through the Predictor as the window reads
its strokes. What the stroke grouping was tuned on, beside the drawn numbers of dev seeds.

    python scripts/grouping-dev.py [--models classifier-convnet,classifier-cnn] [--count 600]
        [--seed 2000] [--show 20]

Sets (each its own seed; never the evaluation sets' fonts, seeds or glyphs):
- ``bold-digits``: single printed digits, every one made bold (gone over again, or strokes drawn
  two or three side by side: ``printed.decorate(bold=1)``), placed as the drawn-digit set places
  a glyph (slant, size, position);
- ``bold-numbers``: numbers of 1-3 such digits (bold as often as the recipe draws them), laid out
  as the drawn-number set lays out its numbers (touching and slightly overlapping digits
  included);
- ``drawn-numbers``: the drawn-number set's layout and sources on a development seed (never the
  benchmark's 23 and 24).
A digit or number counts as right when the value read is the value written (a ``?`` is wrong).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

BOLD_SHARE = 0.45  # how often a digit of a number is bold: the recipe's own share


def printed_styles(rng: np.random.Generator, bold: float):
    """A ``number_set`` styles function: each call draws a fresh decorated printed template."""
    from mnist_desk.data import printed

    def styles(label: int):
        shape = printed.TEMPLATES[label](rng)
        strokes = [p.tolist() for p in printed.decorate(shape, rng, bold=bold)]
        return [(f"printed:{label}", strokes)]

    return styles


def bold_digits(count: int, seed: int) -> list[tuple[int, list, float]]:
    from mnist_desk.evaluation.drawn_set import place_glyph

    rng = np.random.default_rng(seed)
    styles = printed_styles(rng, bold=1.0)
    out = []
    for i in range(count):
        label = i % 10
        placed, pen = place_glyph(styles(label)[0][1], rng)
        out.append((label, [p.tolist() for p in placed], pen))
    return out


def numbers(count: int, seed: int, styles=None) -> list[tuple[int, list, float]]:
    from mnist_desk.evaluation.number_set import drawn_number, random_digits

    rng = np.random.default_rng(seed)
    kwargs = {} if styles is None else {"styles": styles(rng)}
    out = []
    for _ in range(count):
        digits = random_digits(rng, int(rng.choice((1, 2, 3))))
        n = drawn_number(digits, rng, **kwargs)
        out.append((n.value, [list(s) for s in n.strokes], n.pen_width))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="classifier-convnet")
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2000)
    parser.add_argument("--sets", default="bold-digits,bold-numbers,drawn-numbers")
    parser.add_argument("--show", type=int, default=0, help="print this many misses a set")
    args = parser.parse_args()
    if args.seed in (12, 21, 23, 24, 31):
        parser.error("that seed is an evaluation set's: develop on another")

    import torch

    from mnist_desk.imaging.drawn import Strokes
    from mnist_desk.recognition.predictor import Predictor
    from mnist_desk.support.config import shipped_weights_dir

    torch.set_num_threads(1)
    makers = {
        "bold-digits": lambda: bold_digits(args.count, args.seed),
        "bold-numbers": lambda: numbers(
            args.count, args.seed + 1, lambda rng: printed_styles(rng, BOLD_SHARE)
        ),
        "drawn-numbers": lambda: numbers(args.count, args.seed + 2),
    }
    sets = {name: makers[name]() for name in args.sets.split(",")}
    for model in args.models.split(","):
        predictor = Predictor.from_model(shipped_weights_dir() / f"{model}.pt")
        for name, items in sets.items():
            right, shown, start = 0, 0, time.perf_counter()
            for value, strokes, pen in items:
                read = predictor.predict_numbers([Strokes.from_points(strokes, pen)])[0]
                if read.value == value:
                    right += 1
                elif shown < args.show:
                    shown += 1
                    print(f"  {name} {value} -> {read.text} groups={list(read.pieces)}")
            seconds = time.perf_counter() - start
            print(
                f"{model} {name}: {right}/{len(items)} right ({right / len(items):.2%}), "
                f"{1000 * seconds / len(items):.1f} ms each",
                flush=True,
            )


if __name__ == "__main__":
    main()
