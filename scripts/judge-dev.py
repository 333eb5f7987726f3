"""How "not a digit" judges whole drawn numbers, on development drawings only: the tuning set
of ``DigitJudge.judge_number`` (docs/recognition.md, "Numbers judged whole").

Never the evaluation sets (rows 11 and 12: Hershey glyphs, their scribble families, seeds 12,
23, 24, 1201-1203). Development drawings, seed ``--seed`` (5100 unless told):

- non-digits of the training generators (``data.negatives``: letters, symbols, scribbles,
  crossed-out digits, with pen-part letters and symbols at 45%), on a seed training never drew;
- numbers of 2-4 digits and single digits written with the training templates
  (``data.printed``, ``data.synthetic``), laid out by the number set's layout;
- numbers of 2-3 digits and single digits written with MNIST *validation* digits' centre lines
  (``data.redrawn.trace``): real handwriting, never MNIST test.

Each drawing is read through the Predictor (the window's path, shipped convnet and gate), for
every number threshold asked for:

    .venv/bin/python scripts/judge-dev.py --data-dir ../shared/datasets --thresholds 0.00895 0.02

``--joined-letter 1 0.5`` compares the touching-letters rule off (1: no probability is over it)
and at 0.5 (``recognition/joined.py``). ``--pictures 280`` reads each drawing instead as a
picture of that many pixels a side, drawn with its own pen (as ``predict`` reads a saved
drawing), with each digit judged alone and then with the shipped rules.

A digit counts as lost when its number was read right with each digit alone and is not now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mnist_desk.data import mnist as mdata  # noqa: E402
from mnist_desk.data import negatives, printed, synthetic  # noqa: E402
from mnist_desk.data.redrawn import centre_lines, trace  # noqa: E402
from mnist_desk.evaluation.drawn_set import place_glyph  # noqa: E402 (placement, no glyphs)
from mnist_desk.evaluation.number_set import drawn_number  # noqa: E402 (layout, no glyphs)
from mnist_desk.imaging.drawn import Picture, Strokes, picture_from_image  # noqa: E402
from mnist_desk.recognition import doubt, joined  # noqa: E402
from mnist_desk.recognition.predictor import Predictor  # noqa: E402
from mnist_desk.support.config import shipped_weights_dir  # noqa: E402

KINDS = ("letter", "symbol", "scribble", "crossed-out")


def template_styles(rng: np.random.Generator):
    def styles(label: int) -> list[tuple[str, list]]:
        hand = [
            m for d, m in (*synthetic.TEMPLATES.items(), *synthetic.EXTRA.items()) if d == label
        ]
        shape = printed.TEMPLATES[label](rng)
        out = [("printed", shape), ("decorated", printed.decorate(shape, rng, bold=0.2))]
        out += [("hand", make(rng)) for make in hand]
        return [(name, [np.asarray(s, dtype=float) for s in st]) for name, st in out]

    return styles


def mnist_styles(images: torch.Tensor, labels: torch.Tensor, rng: np.random.Generator):
    by_label = {d: np.nonzero(labels.numpy() == d)[0] for d in range(10)}

    def styles(label: int) -> list[tuple[str, list]]:
        i = int(rng.choice(by_label[label]))
        line = centre_lines(images[i : i + 1]).numpy()[0]
        return [(f"mnist-val {i}", [np.asarray(s, dtype=float) / 20.0 for s in trace(line)])]

    return styles


def numbers(count: int, lengths: tuple[int, ...], styles, rng) -> list[tuple[tuple, list]]:
    out = []
    for _ in range(count):
        n = int(rng.choice(lengths))
        first = int(rng.integers(1, 10)) if n > 1 else int(rng.integers(0, 10))
        digits = (first, *(int(x) for x in rng.integers(0, 10, n - 1)))
        number = drawn_number(digits, rng, styles)
        out.append((digits, list(number.strokes), number.pen_width))
    return out


def non_digits(count: int, rng: np.random.Generator) -> list[tuple[str, list]]:
    crossed = [
        [[(20 * x, 20 * y) for x, y in s] for s in printed.TEMPLATES[i % 10](rng)]
        for i in range(200)
    ]  # what crossed-out drawings start from, in the pixel units the generator expects
    out = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        make = negatives.MAKERS[kind]
        strokes = make(rng, crossed, 0.45) if kind in ("letter", "symbol") else make(rng, crossed)
        strokes = [s for s in negatives._handled(strokes, rng) if len(s)]
        out.append((kind, *place_glyph(strokes, rng)))
    return out


def drawing(strokes: list, pen: float, side: int | None) -> Strokes | Picture:
    """The strokes as the window holds them, or (``side``) as a picture of them."""
    if side is None:
        return Strokes.from_points([[tuple(q) for q in s] for s in strokes])
    pen_strokes = Strokes.from_points([[tuple(q) for q in s] for s in strokes], pen).strokes
    paper = Picture(np.full((side, side), 255, np.uint8), 255, pen_strokes)
    return picture_from_image(paper.pixels())


def read(predictor: Predictor, items: list, side: int | None = None) -> list:
    drawings = [drawing(strokes, pen, side) for _, strokes, pen in items]
    out = []
    for i in range(0, len(drawings), 50):
        out += predictor.predict_numbers(drawings[i : i + 50])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default="../shared/datasets")
    parser.add_argument("--seed", type=int, default=5100)
    parser.add_argument("--count", type=int, default=400, help="drawings of each kind")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.00895])
    parser.add_argument(
        "--min-height-share", type=float, nargs="+", default=[0.0], help="each with each threshold"
    )
    parser.add_argument(
        "--joined-letter",
        type=float,
        nargs="+",
        default=[1.0],
        help="touching neighbours' letter probability over which they are no digits (1: off)",
    )
    parser.add_argument("--gate", help="a digit gate to judge with (default: the shipped one)")
    parser.add_argument("--pictures", type=int, help="read pictures this many pixels a side")
    args = parser.parse_args()
    torch.set_num_threads(1)
    rng = np.random.default_rng(args.seed)
    val = mdata.load_splits(args.data_dir).val
    written = mnist_styles(val.images, val.labels, rng)
    templates = template_styles(rng)
    digit_sets = {
        "mnist-val numbers (2-3)": numbers(2 * args.count, (2, 3), written, rng),
        "mnist-val single digits": numbers(2 * args.count, (1,), written, rng),
        "template numbers (2-4)": numbers(args.count, (2, 3, 4), templates, rng),
        "template single digits": numbers(args.count, (1,), templates, rng),
    }
    drawn = non_digits(4 * args.count, rng)
    predictor = Predictor.from_model(shipped_weights_dir() / "classifier-convnet.pt")
    if args.gate:
        predictor.judge = doubt.DigitJudge.load(path=args.gate)
    judge = predictor.judge
    if args.pictures:
        judged_whole = judge.judge_number
        judge.judge_number = lambda said, *_, **__: list(said)  # each digit alone: the baseline
        alone = {name: read(predictor, items, args.pictures) for name, items in digit_sets.items()}
        print(f"pictures {args.pictures} px a side, each digit alone")
        report(predictor, digit_sets, drawn, alone, args.pictures)
        judge.judge_number = judged_whole
        print("the shipped rules")
        report(predictor, digit_sets, drawn, alone, args.pictures)
        return
    judge.number_threshold = 0.0  # each digit alone (shapes still judged): the baseline
    doubt.MIN_HEIGHT_SHARE = 0.0
    doubt.JOINED_LETTER = joined.JOINED_LETTER = 1.0
    alone = {name: read(predictor, items) for name, items in digit_sets.items()}
    rules = [(0.0, 0.0, 1.0)] + [
        (t, h, j)
        for t in args.thresholds
        for h in args.min_height_share
        for j in args.joined_letter
    ]
    for threshold, share, letter in rules:
        judge.number_threshold = threshold
        doubt.MIN_HEIGHT_SHARE = share
        doubt.JOINED_LETTER = joined.JOINED_LETTER = letter
        print(
            f"number threshold {threshold:g}, min height share {share:g}, joined letter {letter:g}"
        )
        report(predictor, digit_sets, drawn, alone)


def report(predictor, digit_sets: dict, drawn: list, alone: dict, side: int | None = None):
    """Each digit set's numbers read right, rejected and lost against ``alone``; the share of
    each non-digit kind shown as not a digit."""
    for name, items in digit_sets.items():
        now = read(predictor, items, side)
        right_alone = [
            n.value is not None and n.text == "".join(map(str, d))
            for n, (d, *_) in zip(alone[name], items, strict=True)
        ]
        right = [
            n.value is not None and n.text == "".join(map(str, d))
            for n, (d, *_) in zip(now, items, strict=True)
        ]
        lost = sum(a and not b for a, b in zip(right_alone, right, strict=True))
        print(
            f"  {name}: read right {np.mean(right):.2%}, rejected "
            f"{np.mean([n.value is None for n in now]):.2%}, right ones lost {lost} of "
            f"{sum(right_alone)} ({lost / max(1, sum(right_alone)):.2%})"
        )
    now = read(predictor, drawn, side)
    kinds = [kind for kind, *_ in drawn]
    shares = {
        k: np.mean([n.value is None for n, kk in zip(now, kinds, strict=True) if kk == k])
        for k in KINDS
    }
    print(
        "  non-digits shown as not a digit: " + ", ".join(f"{k} {v:.1%}" for k, v in shares.items())
    )


if __name__ == "__main__":
    main()
