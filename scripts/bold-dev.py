"""DEVELOPMENT ONLY: bold, printed and outlined digits (``mnist_desk/evaluation/bold_dev.py``)
read through ``Predictor.predict_sum`` in pairs, as the window reads its two boxes; each digit
tallied right, split (read as several digits), rejected (shown as ?) or misread, per style.

    .venv/bin/python scripts/bold-dev.py --models classifier-quick,classifier-convnet \
        [--seed 4100] [--pairs 300] [--data-dir ../shared/datasets] [--show 20] [--png DIR]

Never the evaluation sets (``hershey-printed``, ``truetype``): develop here, measure those once.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="bold", choices=("bold", "plotted"))
    parser.add_argument("--models", default="classifier-quick")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--data-dir", default=None, help="MNIST, for gone-over handwriting")
    parser.add_argument("--show", type=int, default=0, help="print this many misses per model")
    parser.add_argument("--png", default=None, help="save the first 40 drawings here")
    args = parser.parse_args()

    import torch

    from mnist_desk.evaluation import bold_dev, plotted_dev
    from mnist_desk.imaging.drawn import Strokes
    from mnist_desk.recognition.predictor import Predictor

    torch.set_num_threads(1)
    val = None
    if args.data_dir:
        from mnist_desk.data import mnist

        split = mnist.load_splits(args.data_dir).val
        val = (split.images, split.labels)
    if args.set == "plotted":
        seed = plotted_dev.SEED if args.seed is None else args.seed
        pairs = plotted_dev.plotted_pairs(args.pairs, seed)
    else:
        seed = bold_dev.SEED if args.seed is None else args.seed
        pairs = bold_dev.bold_pairs(args.pairs, seed, val)
    if args.png:
        _save(pairs, Path(args.png))
    for name in args.models.split(","):
        predictor = Predictor.from_model(name)
        kinds: Counter = Counter()
        per_style: dict[str, Counter] = {}
        shown = 0
        for a, b in pairs:
            result = predictor.predict_sum(
                Strokes.from_points(a.strokes, width=a.pen_width),
                Strokes.from_points(b.strokes, width=b.pen_width),
            )
            for digit, number in ((a, result.numbers[0]), (b, result.numbers[1])):
                read = [d.digit for d in number.digits]
                if read == [digit.label]:
                    kind = "right"
                elif len(read) != 1:
                    kind = "split" if read else "empty"
                else:
                    kind = "rejected" if read[0] is None else "misread"
                kinds[kind] += 1
                per_style.setdefault(digit.style.split(":")[0], Counter())[kind] += 1
                if kind != "right" and shown < args.show:
                    shown += 1
                    why = [d.doubt for d in number.digits]
                    print(f"  {kind} {digit.label} read {read} {why} {digit.style}", flush=True)
        total = sum(kinds.values())
        print(f"{name}: {kinds['right']}/{total} = {100 * kinds['right'] / total:.2f}%", end=" ")
        print({k: v for k, v in kinds.items() if k != "right"})
        for style, c in sorted(per_style.items()):
            n = sum(c.values())
            rest = {k: v for k, v in c.items() if k != "right"}
            print(f"  {style:8s} {c['right']}/{n} = {100 * c['right'] / n:.1f}% {rest}")


def _save(pairs, folder: Path) -> None:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for i, digit in enumerate(d for p in pairs[:20] for d in p):
        img = Image.new("L", (280, 280), 255)
        draw = ImageDraw.Draw(img)
        for s in digit.strokes:
            pts = [(x * 280, y * 280) for x, y in s]
            if len(pts) > 1:
                draw.line(pts, fill=0, width=max(1, int(digit.pen_width * 280 / 3)))
        img.save(folder / f"{i:02d}-{digit.label}-{digit.style.replace(':', '_')}.png")


if __name__ == "__main__":
    main()
