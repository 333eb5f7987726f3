"""Every drawn-digit evaluation set by name: the project's own drawn set and the development set,
which the drawn-digit recipe was tuned on, and the printed and bold sets it was not tuned on.
``EVAL_SETS`` holds the sets every shipped model is scored on; ``DEV_SET`` is scored on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mnist_desk.evaluation import drawn_set, printed_set
from mnist_desk.evaluation.drawn_set import DrawnDigit

Pair = tuple[DrawnDigit, DrawnDigit]


@dataclass(frozen=True)
class EvalSet:
    """A named set of drawn digits, replayed in pairs into the window's two canvases."""

    name: str
    title: str  # what it holds, in a few words
    seed: int
    tuned_on: bool  # the drawn-digit recipe was tuned on it (the drawn set and the dev set)
    make_pairs: Callable[[int], list[Pair]]

    def pairs(self, count: int = 300) -> list[Pair]:
        return self.make_pairs(count)


DRAWN = "drawn"
EVAL_SETS = {
    DRAWN: EvalSet(
        DRAWN,
        "Hershey single-stroke fonts and hand-written paths",
        drawn_set.SEED,
        True,
        drawn_set.drawn_pairs,
    ),
    "hershey-printed": EvalSet(
        "hershey-printed",
        "Hershey multi-stroke serif and bold fonts",
        printed_set.SEED,
        False,
        lambda count: printed_set.printed_pairs("hershey-printed", count),
    ),
    "truetype": EvalSet(
        "truetype",
        "TrueType centre lines and outlines (serif, slab, sans, bold, italic)",
        printed_set.SEED,
        False,
        lambda count: printed_set.printed_pairs("truetype", count),
    ),
}
DEV_SET = EvalSet(
    "dev-fonts",
    "other font families' centre lines and outlines (the recipe's development set)",
    printed_set.DEV_SEED,
    True,
    lambda count: printed_set.printed_pairs("dev-fonts", count, printed_set.DEV_SEED),
)
