"""Every drawn number read wrong, and why: strokes grouped wrong, a digit misread, or a digit
the gate rejected; through the real window, and from the PNG the window saves (as ``predict``
reads it).

Develop on a seed of your own (never the benchmark's 23 and 24):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/number-misses.py --seed 1000 --pairs 300

Prints one line a miss and a tally per kind. A window miss is "split" (a true digit's strokes
went to several groups), "merge" (one group holds strokes of several digits), "mixed" (both),
"rejected" (grouped right, a digit shown as ?) or "misread" (grouped right, a digit wrong).
A PNG has blobs, not strokes: its misses are "split" / "merge" (more / fewer digits than
written), "rejected", or "misread" (as many digits as written).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def stroke_truth(number) -> list[tuple[int, ...]]:
    """Each written digit's stroke indices."""
    out, start = [], 0
    for count in number.strokes_per_digit:
        out.append(tuple(range(start, start + count)))
        start += count
    return out


def window_kind(number, read) -> str:
    truth = stroke_truth(number)
    groups = [tuple(sorted(g)) for g in read.pieces]
    if groups == truth:
        if any(d.digit is None for d in read.digits):
            return "rejected"
        return "misread"
    owner = {s: k for k, g in enumerate(truth) for s in g}
    merged = any(len({owner[s] for s in g}) > 1 for g in groups)
    split = any(sum(1 for g in groups if set(g) & set(t)) > 1 for t in truth)
    return {(True, True): "mixed", (True, False): "merge", (False, True): "split"}.get(
        (merged, split), "other"
    )


def picture_kind(number, read) -> str:
    if len(read.digits) > len(number.digits):
        return "split"
    if len(read.digits) < len(number.digits):
        return "merge"
    return "rejected" if any(d.digit is None for d in read.digits) else "misread"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--lengths", default="1,2,3")
    parser.add_argument("--no-png", action="store_true")
    args = parser.parse_args()
    if args.seed in (23, 24):
        parser.error("seeds 23 and 24 are the benchmark's: develop on another")

    from benchmarks.drawn_replay import draw, make_window, use_model
    from mnist_desk.evaluation.number_set import drawn_number_pairs
    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.imaging.image_files import load_image
    from mnist_desk.support.config import shipped_weights_dir

    lengths = tuple(int(n) for n in args.lengths.split(","))
    pairs = drawn_number_pairs(args.pairs, args.seed, lengths=lengths)
    window_tally, png_tally = Counter(), Counter()
    window_eq = png_eq = 0
    with tempfile.TemporaryDirectory(prefix="number-misses-") as tmp:
        window = make_window(Path(tmp))
        try:
            use_model(window, shipped_weights_dir() / "classifier-convnet.pt")
            predictor = window.predictor
            for i, pair in enumerate(pairs):
                window.clear_all()
                for index, number in enumerate(pair):
                    window.set_pen_width(number.pen_width)
                    draw(window.canvases[index], number)
                result = window.last_result
                window_eq += all(
                    r.value == n.value for r, n in zip(result.numbers, pair, strict=True)
                )
                for index, (number, read) in enumerate(zip(pair, result.numbers, strict=True)):
                    if read.value != number.value:
                        kind = window_kind(number, read)
                        window_tally[kind] += 1
                        print(
                            f"window pair {i} box {index}: {number.value} -> {read.text} "
                            f"[{kind}] spacing={','.join(number.spacing) or '-'} "
                            f"pen={number.pen_width:.3f} styles={','.join(number.styles)} "
                            f"truth={stroke_truth(number)} groups={list(read.pieces)} "
                            f"p={[round(max(d.probabilities or [0]), 3) for d in read.digits]}"
                        )
                if args.no_png:
                    continue
                pictures = []
                for index in range(2):
                    path = Path(tmp) / f"pair{i:04d}-{index}.png"
                    window.save_drawing(path, index)
                    pictures.append(picture_from_image(load_image(path)))
                summed = predictor.predict_sum(*pictures)
                png_eq += summed.total == pair[0].value + pair[1].value and all(
                    r.value == n.value for r, n in zip(summed.numbers, pair, strict=True)
                )
                for index, (number, read) in enumerate(zip(pair, summed.numbers, strict=True)):
                    if read.value != number.value:
                        kind = picture_kind(number, read)
                        png_tally[kind] += 1
                        print(
                            f"png pair {i} box {index}: {number.value} -> {read.text} [{kind}] "
                            f"spacing={','.join(number.spacing) or '-'} "
                            f"pen={number.pen_width:.3f} styles={','.join(number.styles)} "
                            f"pieces={list(read.pieces)}"
                        )
        finally:
            window.close()
    n = len(pairs)
    print(f"window: equations {window_eq}/{n} ({window_eq / n:.2%}); misses {dict(window_tally)}")
    if not args.no_png:
        print(f"png: equations {png_eq}/{n} ({png_eq / n:.2%}); misses {dict(png_tally)}")


if __name__ == "__main__":
    main()
