"""Comparisons: several contenders trained one after another on one budget, then judged.

A ``Comparison`` is a plan (its contenders' settings, the step budget, and how to judge them);
``ComparisonRun.run(emit)`` is the background job that trains every contender in turn, one
``TrainingRun`` each, with one set of controls (a pause or a stop reaches whichever contender
runs now; a stop also cancels the rest), then hands the ``ComparisonOutcome``: a
``ContenderResult`` per contender (test accuracy, time, images per second, parameters, history)
and the verdict, as data (the view words it).

"Compare adders" is the comparison of two contenders (``plan_adders``: the transfer adder, then
the scratch adder, on ``training.adder_comparison``'s budget) judged by ``AdderVerdict``; another
comparison needs only another plan and judge.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mnist_desk.app.jobs import Emit
from mnist_desk.app.training_events import ComparisonEnded, ComparisonStarted, RunKind
from mnist_desk.app.training_run import SwitchedJob, TrainingRun
from mnist_desk.errors import Phrase, is_user_error
from mnist_desk.models import SCRATCH, TASK_TITLES, TRANSFER, Title
from mnist_desk.training import TrainingResult, TrainingSettings
from mnist_desk.training.adder_comparison import comparison_settings
from mnist_desk.training.controls import RunSwitches

ADDERS = "adders"
# A contender's name: its title (words the window translates) and the architecture it starts from
TITLE_AND_ARCH = Phrase("{title} ({arch})")


@dataclass(frozen=True)
class Contender:
    """One run of a comparison: what it stands for in the verdict, its name, its settings."""

    key: str  # e.g. a task ("transfer", "scratch") or an architecture
    name: str  # its curves' name (Words: the window says it in its language)
    settings: TrainingSettings


@dataclass
class ContenderResult:
    """How one contender did (``result`` None: it could not start, or kept no model)."""

    contender: Contender
    result: TrainingResult | None = None
    status: str = "not run"  # the run's status word; "not run" when the comparison stopped first
    problem: str = ""

    @property
    def tested(self) -> bool:
        return self.result is not None and bool(self.result.test)

    @property
    def test_accuracy(self) -> float | None:
        return self.result.test["accuracy"] if self.tested else None  # type: ignore[index,union-attr]

    @property
    def seconds(self) -> float | None:
        """Training time, pauses excluded."""
        return self.result.elapsed if self.result is not None else None

    @property
    def images_per_second(self) -> float | None:
        r = self.result
        return r.images_seen / r.elapsed if r is not None and r.elapsed > 0 else None

    @property
    def parameters(self) -> int | None:
        return self.result.parameters or None if self.result is not None else None

    @property
    def history(self) -> dict[str, list[dict[str, float]]]:
        return self.result.history if self.result is not None else {}


@dataclass
class Comparison:
    """The plan: contenders in the order they run, each on ``steps`` steps, and the judge that
    turns their results into a verdict."""

    kind: str
    steps: int
    contenders: list[Contender]
    judge: Callable[[Comparison, list[ContenderResult]], Any]


@dataclass
class ComparisonOutcome:
    kind: str
    steps: int
    results: list[ContenderResult]
    verdict: Any  # the judge's verdict (``AdderVerdict`` for the adders); None: no plan
    stopped: bool = False  # Stop ended it before every contender had run
    problem: str = ""  # why it could not be planned (a classifier that cannot be read...), or
    # why no contender could train (MNIST missing or damaged: the first one's failure)


class ComparisonRun(SwitchedJob):
    """A comparison as one background job: plan it (which may read checkpoints: in the worker),
    then train each contender in turn. ``make_run(contender, index, controls)`` makes a
    contender's ``TrainingRun``."""

    def __init__(
        self,
        kind: str,
        plan: Callable[[], Comparison],
        make_run: Callable[[Contender, int, RunSwitches], TrainingRun],
    ):
        self.kind = kind
        self.plan = plan
        self.make_run = make_run
        self.controls = RunSwitches()  # shared by every contender's run

    def run(self, emit: Emit) -> ComparisonOutcome | None:
        try:
            comparison = self.plan()
        except Exception as e:  # e.g. the starting classifier cannot be read: said, not raised
            if not is_user_error(e):
                raise
            outcome = ComparisonOutcome(self.kind, 0, [], None, problem=str(e))
            emit(ComparisonEnded(outcome))
            return outcome
        emit(
            ComparisonStarted(
                comparison.kind, comparison.steps, tuple(c.name for c in comparison.contenders)
            )
        )
        results = []
        data_problem = ""  # MNIST missing or damaged: every contender would fail on it in turn
        for index, contender in enumerate(comparison.contenders):
            result = ContenderResult(contender)
            results.append(result)
            if self.controls.cancelled or data_problem:
                continue
            run = self.make_run(contender, index, self.controls)
            ended = run.run(emit)
            if ended is None:  # discarded: the app is closing
                return None
            result.status, result.problem = ended.status, ended.problem
            result.result = ended.outcome.result if ended.outcome is not None else None
            if run.data_failed:
                data_problem = ended.problem
        stopped = self.controls.cancelled
        outcome = ComparisonOutcome(
            comparison.kind,
            comparison.steps,
            results,
            comparison.judge(comparison, results),
            stopped,
            problem=data_problem,
        )
        emit(ComparisonEnded(outcome))
        return outcome


def contender_run(
    contender: Contender, index: int, controls: RunSwitches, *, run_id: int, **options: Any
) -> TrainingRun:
    """A contender's run of the core Trainer (``options``: data, output, snapshots...)."""
    return TrainingRun.ordinary(
        contender.settings,
        run_id=run_id,
        name=contender.name,
        kind=RunKind.CONTENDER,
        contender=index,
        controls=controls,
        **options,
    )


# ---- Compare adders ----


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


def judge_adders(comparison: Comparison, results: list[ContenderResult]) -> AdderVerdict:
    by_task = {r.contender.key: r.result for r in results}
    return adder_verdict(by_task.get(TRANSFER), by_task.get(SCRATCH), comparison.steps)


def plan_adders(budget: TrainingSettings, init_from: str, arch: str | None = None) -> Comparison:
    """Both adders on ``budget`` (``adder_comparison.default_budget`` by default): the transfer
    adder starts from ``init_from``, a classifier of architecture ``arch`` (None: read from the
    checkpoint, which takes torch: call this in the worker)."""
    if arch is None:
        from mnist_desk.store.checkpoints import load_checkpoint

        arch = load_checkpoint(init_from).arch
    steps, transfer, scratch = comparison_settings(budget, init_from, arch)
    return Comparison(
        ADDERS,
        steps,
        [
            Contender(
                TRANSFER, TITLE_AND_ARCH(title=Title(TASK_TITLES[TRANSFER]), arch=arch), transfer
            ),
            Contender(SCRATCH, Title(TASK_TITLES[SCRATCH]), scratch),
        ],
        judge_adders,
    )
