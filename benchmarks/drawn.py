"""Row 8: drawn digits and drawn sums through the real window, every shipped model.

The drawn-digit evaluation set (``mnist_desk/evaluation/drawn_set.py``: Hershey font strokes and hand-written
paths, randomised slant, aspect, size 40-90%, place, pen width 4-12%, seed 12) is replayed pair by
pair into the window's two canvases with mouse events (``benchmarks/drawn_replay.py``); the digit
each panel shows and the sum the window shows are scored. The same drawings saved as PNG files are
scored through ``mnist-desk predict``. MNIST test accuracy (from each model's metrics file) is
beside them, so a recipe that buys one with the other shows.
"""

from __future__ import annotations

from benchmarks.common import Line, Options, log
from benchmarks.drawn_replay import score_models

PAIRS = 300
QUICK_PAIRS = 10
DIGIT_GOAL = 0.993  # the default classifier, of drawn digits
SUM_GOAL = 0.985  # the default classifier and the adders, of drawn sums
DEFAULT = "classifier-convnet"


def run(opts: Options) -> list[Line]:
    from mnist_desk.support.config import shipped_weights_dir

    models = sorted(shipped_weights_dir().glob("*.pt"))
    if not models:
        return [Line("8", "Drawn digits", f"not available: no weights in {shipped_weights_dir()}")]
    # The default first: its pass also saves the drawings that every model then reads as files.
    models.sort(key=lambda p: p.stem != DEFAULT)
    pairs = QUICK_PAIRS if opts.quick else PAIRS
    lines = []
    for score in score_models(models, pairs, log=lambda m: log(f"row 8: {m}")):
        adder = not score.model.startswith("classifier-")
        default = score.model == DEFAULT
        goals, met = [], []
        if default:
            goals.append(f"digits ≥ {DIGIT_GOAL:.1%}")
            met.append(score.window_digit_accuracy >= DIGIT_GOAL)
        if default or adder:
            goals.append(f"sums ≥ {SUM_GOAL:.1%}")
            met.append(score.window_sum_accuracy >= SUM_GOAL)
        mnist = score.mnist_test_accuracy
        lines.append(
            Line(
                "8",
                f"Drawn digits / sums in the window, {score.model}",
                f"digits {score.window_digit_accuracy:.2%}, sums {score.window_sum_accuracy:.2%}"
                f" (MNIST test {mnist:.2%})"
                if mnist is not None
                else f"digits {score.window_digit_accuracy:.2%}, sums {score.window_sum_accuracy:.2%}",
                ", ".join(goals),
                all(met) if met else None,
                f"{score.digits} digits, {score.pairs} pairs, seed 12; as PNG files via "
                f"`mnist-desk predict`: digits {score.file_digit_accuracy:.2%}, sums "
                f"{score.file_sum_accuracy:.2%}; {score.seconds:.0f} s",
                data=score.to_dict(),
            )
        )
    return lines
