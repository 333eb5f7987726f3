"""Row 8: drawn digits and drawn sums through the real window, every shipped model, every set.

The drawn-digit evaluation set (``mnist_desk/evaluation/drawn_set.py``: Hershey font strokes and hand-written
paths, randomised slant, aspect, size 40-90%, place, pen width 4-12%, seed 12) is replayed pair by
pair into the window's two canvases with mouse events (``benchmarks/drawn_replay.py``); the digit
each panel shows and the sum the window shows are scored. The same drawings saved as PNG files are
scored through ``mnist-desk predict``. MNIST test accuracy (from each model's metrics file) is
beside them, so a recipe that buys one with the other shows. The printed and bold sets the
drawn-digit recipe was not tuned on (``mnist_desk/evaluation/printed_set.py``: Hershey multi-stroke
fonts; TrueType centre lines and outlines) are replayed the same way, in the window only.
"""

from __future__ import annotations

from benchmarks.common import Line, Options, log
from benchmarks.drawn_replay import score_models
from mnist_desk.evaluation.sets import DRAWN, EVAL_SETS

PAIRS = 300
QUICK_PAIRS = 10
DIGIT_GOAL = 0.993  # the default classifier, of drawn digits
ZOO_DIGIT_GOAL = 0.985  # every other shipped classifier, of drawn digits
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
    for eval_set in EVAL_SETS:
        scores = score_models(
            models,
            pairs,
            files=eval_set == DRAWN,
            log=lambda m: log(f"row 8: {m}"),
            eval_set=eval_set,
        )
        lines += [_line(score) for score in scores]
    return lines


def _line(score) -> Line:
    adder = not score.model.startswith("classifier-")
    default = score.model == DEFAULT
    digit_goal = DIGIT_GOAL if default else ZOO_DIGIT_GOAL
    goals, met = [], []
    if not adder:
        goals.append(f"digits ≥ {digit_goal:.1%}")
        met.append(score.window_digit_accuracy >= digit_goal)
    if default or adder:
        goals.append(f"sums ≥ {SUM_GOAL:.1%}")
        met.append(score.window_sum_accuracy >= SUM_GOAL)
    mnist = score.mnist_test_accuracy
    measured = f"digits {score.window_digit_accuracy:.2%}, sums {score.window_sum_accuracy:.2%}"
    if mnist is not None:
        measured += f" (MNIST test {mnist:.2%})"
    the_set = EVAL_SETS[score.eval_set]
    detail = f"{score.digits} digits, {score.pairs} pairs, seed {the_set.seed}"
    if score.file_digit_accuracy is not None:
        detail += (
            f"; as PNG files via `mnist-desk predict`: digits {score.file_digit_accuracy:.2%}, "
            f"sums {score.file_sum_accuracy:.2%}"
        )
    tuned = "" if the_set.tuned_on else ", not tuned on"
    return Line(
        "8",
        f"Drawn digits / sums in the window, {score.eval_set} set{tuned}, {score.model}",
        measured,
        ", ".join(goals),
        all(met) if met else None,
        f"{detail}; {score.seconds:.0f} s",
        data=score.to_dict(),
    )
