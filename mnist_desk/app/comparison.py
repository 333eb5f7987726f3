""" "Compare adders" as a plain state machine, and its verdict as data (the view words it).

The budget and both adders' settings come from the core (``mnist_desk.training.adder_comparison``); this
module holds what happens over the session: the runs still to go, the results as they arrive, and
once both have run (or could not), which adder wins and by how much.

    comparison = AdderComparison.plan(budget, init_from, arch)
    while (run := comparison.next_run()) is not None:
        name, settings = run
        ... train; comparison.record(settings.task, result)   # or record(task, None)
    verdict = comparison.verdict()
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from mnist_desk.models import SCRATCH, TASK_TITLES, TRANSFER
from mnist_desk.training import TrainingResult, TrainingSettings
from mnist_desk.training.adder_comparison import comparison_settings


def final_val_error(result: TrainingResult) -> float | None:
    """The run's last validation error, or None if it never validated."""
    points = result.history.get("val") or []
    return points[-1]["error"] if points else None


@dataclass(frozen=True)
class DigitsReading:
    """How well a scratch adder that learned digits from sums reads the test digits."""

    accuracy: float  # its digit outputs taken as they are
    matched_accuracy: float  # after matching its outputs to the digits they stand for
    outputs_are_digits: bool  # the matching is the identity: output k means digit k


@dataclass(frozen=True)
class AdderVerdict:
    """Which adder won on the same step budget, and by how much (all errors are fractions)."""

    steps: int
    missing: tuple[str, ...] = ()  # tasks that produced no tested model: then no verdict
    winner: str = ""
    loser: str = ""
    test_error: dict[str, float] = field(default_factory=dict)
    final_val_error: dict[str, float | None] = field(default_factory=dict)
    elapsed: dict[str, float] = field(default_factory=dict)  # training seconds
    scratch_digits: DigitsReading | None = None

    @property
    def decided(self) -> bool:
        return not self.missing

    @property
    def tie(self) -> bool:
        return self.decided and self.gap == 0

    @property
    def gap(self) -> float:
        """The loser's test error minus the winner's."""
        return self.test_error[self.loser] - self.test_error[self.winner]

    @property
    def ratio(self) -> float:
        """How many times fewer mistakes the winner makes (inf: the winner made none)."""
        best = self.test_error[self.winner]
        return self.test_error[self.loser] / best if best > 0 else math.inf


def scratch_digits_reading(scratch: TrainingResult) -> DigitsReading | None:
    """For a scratch adder that learned digits from sums: how well it reads them (else None)."""
    test = scratch.test or {}
    if "digit_test_accuracy_matched" not in test:
        return None
    return DigitsReading(
        test["digit_test_accuracy"],
        test["digit_test_accuracy_matched"],
        test.get("digit_matching") == list(range(10)),
    )


def adder_verdict(
    transfer: TrainingResult | None, scratch: TrainingResult | None, steps: int
) -> AdderVerdict:
    """Compare the two adders' test sum errors (ties go to the transfer adder's name first)."""
    results = {TRANSFER: transfer, SCRATCH: scratch}
    missing = tuple(task for task, r in results.items() if not r or not r.test)
    if missing:
        return AdderVerdict(steps, missing)
    assert transfer and scratch and transfer.test and scratch.test
    errors = {task: 1 - r.test["accuracy"] for task, r in results.items()}  # type: ignore[index,union-attr]
    winner = min(errors, key=errors.get)
    return AdderVerdict(
        steps,
        winner=winner,
        loser=SCRATCH if winner == TRANSFER else TRANSFER,
        test_error=errors,
        final_val_error={task: final_val_error(r) for task, r in results.items()},  # type: ignore[arg-type]
        elapsed={task: r.elapsed for task, r in results.items()},  # type: ignore[union-attr]
        scratch_digits=scratch_digits_reading(scratch),
    )


@dataclass
class AdderComparison:
    """One "Compare adders" session: the runs still to go and those done, in order."""

    steps: int
    pending: list[tuple[str, TrainingSettings]]  # (run name, settings), transfer first
    results: dict[str, TrainingResult | None] = field(default_factory=dict)  # task -> result

    @classmethod
    def plan(cls, budget: TrainingSettings, init_from: str, arch: str) -> AdderComparison:
        """Both adders on ``budget`` (``adder_comparison.default_budget`` by default); the
        transfer adder starts from ``init_from``, a classifier of architecture ``arch``."""
        steps, transfer, scratch = comparison_settings(budget, init_from, arch)
        return cls(
            steps,
            [(f"{TASK_TITLES[TRANSFER]} ({arch})", transfer), (TASK_TITLES[SCRATCH], scratch)],
        )

    def next_run(self) -> tuple[str, TrainingSettings] | None:
        """The next run to start, taken off the list; None when none is left."""
        return self.pending.pop(0) if self.pending else None

    def record(self, task: str, result: TrainingResult | None) -> None:
        """A run's result (None: it could not start or kept nothing)."""
        self.results[task] = result

    def stop(self) -> None:
        """Start no further run (the one in progress still reports its result)."""
        self.pending.clear()

    @property
    def finished(self) -> bool:
        return not self.pending

    def verdict(self) -> AdderVerdict:
        return adder_verdict(self.results.get(TRANSFER), self.results.get(SCRATCH), self.steps)
