"""The verdict of "Compare architectures", as data and in words.

``architecture_verdict`` turns the contenders' results into an ``ArchitectureVerdict``: one row
per architecture (test accuracy, drawn-digit accuracy, parameters, training time, images per
second, final validation error) and which one wins on what. ``verdict_lines`` words it, in
English or, given the views' ``translate``, in the user's language (the sentences are marked for
Qt's lupdate here, as the models' titles are in ``mnist_desk.models``): the window and
``mnist-desk compare`` say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

VERDICT_CONTEXT = "ArchitectureVerdict"  # lupdate reads the literal in each call below


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


def fewer_mistakes(ratio: float, translate: Callable[[str], str] = lambda text: text) -> str:
    """How many fewer test mistakes the winner makes, ``ratio`` being the other's mistakes over
    the winner's: "2.0× fewer" from twice as few, a share below that (a 1.04 ratio read "1.0×
    fewer mistakes", as if there were none fewer), and no "inf×" where the winner made none."""
    if math.isinf(ratio):
        return translate(QT_TRANSLATE_NOOP("ArchitectureVerdict", "no mistakes at all"))
    if ratio < 2:
        share = QT_TRANSLATE_NOOP("ArchitectureVerdict", "{0:.1%} fewer mistakes")
        return translate(share).format(1 - 1 / ratio)
    return translate(QT_TRANSLATE_NOOP("ArchitectureVerdict", "{0:.1f}× fewer mistakes")).format(
        ratio
    )


@dataclass(frozen=True)
class ArchitectureRow:
    """How one architecture did on the budget (None: not measured, or it did not run)."""

    arch: str
    name: str
    status: str  # the run's status word ("completed", "stopped", "failed", "not run")
    test_accuracy: float | None = None
    drawn_digits: float | None = None  # the drawn-digit set through the window's renderer
    parameters: int | None = None
    seconds: float | None = None  # training time, pauses excluded
    images_per_second: float | None = None
    final_val_error: float | None = None
    checkpoint: str = ""
    problem: str = ""

    @property
    def tested(self) -> bool:
        return self.test_accuracy is not None


@dataclass(frozen=True)
class ArchitectureVerdict:
    steps: int  # each architecture's step budget
    rows: tuple[ArchitectureRow, ...]  # in the order they ran
    stopped: bool = False  # stopped before every architecture had run

    @property
    def ranking(self) -> tuple[ArchitectureRow, ...]:
        """The tested architectures, best test accuracy first (ties: the smaller one first)."""
        tested = [r for r in self.rows if r.tested]
        return tuple(sorted(tested, key=lambda r: (-r.test_accuracy, r.parameters or 0)))

    @property
    def decided(self) -> bool:
        return len(self.ranking) >= 2

    def best(self, key: Callable[[ArchitectureRow], float | None]) -> ArchitectureRow | None:
        """The row with the largest ``key`` (None where no row has one)."""
        known = [r for r in self.rows if key(r) is not None]
        return max(known, key=key) if known else None  # type: ignore[arg-type,return-value]

    def to_dict(self) -> dict[str, Any]:
        ranking = [r.arch for r in self.ranking]
        return {
            "steps": self.steps,
            "stopped": self.stopped,
            "winner": ranking[0] if self.decided else None,
            "ranking": ranking,
            "rows": [asdict(r) for r in self.rows],
        }


def verdict_lines(
    verdict: ArchitectureVerdict, translate: Callable[[str], str] = lambda text: text
) -> list[str]:
    """The verdict in a few sentences (``translate``: the views' translation of the marked
    sentences in VERDICT_CONTEXT; English by default)."""
    t = translate
    rows = verdict.ranking
    if not verdict.decided:
        missing = [r.name for r in verdict.rows if not r.tested]
        return [
            t(
                QT_TRANSLATE_NOOP(
                    "ArchitectureVerdict",
                    "No verdict: fewer than two architectures were tested (not tested: {0}).",
                )
            ).format(t(QT_TRANSLATE_NOOP("ArchitectureVerdict", ", ")).join(missing))
        ]
    winner, second = rows[0], rows[1]
    lines = []
    if winner.test_accuracy == second.test_accuracy:
        tie = (  # "after 1 step each", not "1 steps"
            QT_TRANSLATE_NOOP(
                "ArchitectureVerdict",
                "{0} and {1} tie after {2:,} step each: {3:.2%} test accuracy.",
            )
            if verdict.steps == 1
            else QT_TRANSLATE_NOOP(
                "ArchitectureVerdict",
                "{0} and {1} tie after {2:,} steps each: {3:.2%} test accuracy.",
            )
        )
        lines.append(t(tie).format(winner.name, second.name, verdict.steps, winner.test_accuracy))
    else:
        errors = (1 - winner.test_accuracy, 1 - second.test_accuracy)
        fewer = errors[1] / errors[0] if errors[0] > 0 else float("inf")
        wins = (
            QT_TRANSLATE_NOOP(
                "ArchitectureVerdict",
                "{0} wins after {1:,} step each: {2:.2%} test accuracy, against {3:.2%} for "
                "{4}, the next best ({5}).",
            )
            if verdict.steps == 1
            else QT_TRANSLATE_NOOP(
                "ArchitectureVerdict",
                "{0} wins after {1:,} steps each: {2:.2%} test accuracy, against {3:.2%} for "
                "{4}, the next best ({5}).",
            )
        )
        lines.append(
            t(wins).format(
                winner.name,
                verdict.steps,
                winner.test_accuracy,
                second.test_accuracy,
                second.name,
                fewer_mistakes(fewer, t),
            )
        )
    drawn = verdict.best(lambda r: r.drawn_digits)
    if drawn is not None:
        lines.append(
            t(
                QT_TRANSLATE_NOOP("ArchitectureVerdict", "{0} reads drawn digits best: {1:.1%}.")
            ).format(drawn.name, drawn.drawn_digits)
        )
    fastest = verdict.best(lambda r: r.images_per_second)
    if fastest is not None:
        lines.append(
            t(
                QT_TRANSLATE_NOOP(
                    "ArchitectureVerdict", "{0} trains fastest: {1:,.0f} images a second."
                )
            ).format(fastest.name, fastest.images_per_second)
        )
    smallest = verdict.best(lambda r: -r.parameters if r.parameters else None)
    if smallest is not None and smallest is not winner:
        lines.append(
            t(
                QT_TRANSLATE_NOOP(
                    "ArchitectureVerdict", "{0} is the smallest: {1:,} parameters ({2:.2%} test)."
                )
            ).format(smallest.name, smallest.parameters, smallest.test_accuracy or 0.0)
        )
    if verdict.stopped:
        lines.append(
            t(
                QT_TRANSLATE_NOOP(
                    "ArchitectureVerdict", "Stopped before every architecture had run."
                )
            )
        )
    return lines
