"""What a training session tells its views, as typed events, and the states it moves through.

Every run (an ordinary one, a personal fine-tune, each contender of a comparison) reports, in order:

    RunStarted -> PhaseChanged (loading, training) -> StepsDone / Evaluated / FiltersSnapshot ...
               -> PhaseChanged (testing, analysing) -> RunEnded (one event, whatever the ending)

A comparison wraps its contenders' runs in ``ComparisonStarted`` ... ``ComparisonEnded``, and
the session says ``StateChanged`` whenever the controls a person may use change. Events carry
plain data (numbers, dataclasses, numpy arrays): the views import no torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # core types; the events carry them as plain data
    from mnist_desk.training import EvalEvent, Mistake, StepEvent, TrainingResult, TrainingSettings


class RunState(Enum):
    """Where the session's run is: the buttons a user may press follow from it."""

    IDLE = "idle"  # no run: the form can be edited, Start and Compare adders pressed
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"  # Stop pressed: the best model so far is being tested and saved


@dataclass(frozen=True)
class Controls:
    """Which controls are enabled in a state, and what the pause button offers."""

    start: bool  # Start, Compare adders and the settings form
    pause: bool  # the pause/resume button
    stop: bool
    resume: bool  # the pause button says Resume rather than Pause


def controls_for(state: RunState) -> Controls:
    idle = state is RunState.IDLE
    live = state in (RunState.RUNNING, RunState.PAUSED)
    return Controls(start=idle, pause=live, stop=live, resume=state is RunState.PAUSED)


class Phase(Enum):
    """What a run is doing, for the line under the progress bar (the view words it)."""

    LOADING = "loading"  # MNIST, the first time it takes seconds
    TRAINING = "training"
    TESTING = "testing"  # the last step is done: the best model is being tested
    ANALYSING = "analysing"  # finding the worst mistakes


class RunKind(Enum):
    ORDINARY = "ordinary"  # the form's settings
    PERSONAL = "personal"  # the classifier in use, fine-tuned on the user's digits
    CONTENDER = "contender"  # one run of a comparison


class StartProblem(Enum):
    """Why a request cannot start (the view words it in the user's language)."""

    BUSY = "busy"  # a run is in progress
    NO_CLASSIFIER_FOR_TRANSFER = "no-classifier-for-transfer"
    NO_TEACHER = "no-teacher"
    NO_CLASSIFIER_FOR_COMPARISON = "no-classifier-for-comparison"
    INVALID = "invalid"  # the core refused the settings or a folder: ``detail`` says why
    NOT_ENOUGH_DIGITS = "not-enough-digits"  # My digits holds too few: ``detail`` says how many


@dataclass(frozen=True)
class Refused:
    """A request the session did not start, and why."""

    problem: StartProblem
    detail: str = ""  # the core's own message, where there is one


@dataclass
class RunOutcome:
    """What a run kept: the core's result plus the analysis done after it."""

    name: str
    result: TrainingResult
    mistakes: list[Mistake] = field(default_factory=list)  # most confident first
    analysis_error: str = ""  # why the mistakes could not be computed, if they could not


# ---- the events ----


@dataclass(frozen=True)
class RunStarted:
    run_id: int
    name: str
    kind: RunKind
    total_steps: int
    settings: TrainingSettings | None = None  # an ordinary run's or a contender's settings
    contender: int | None = None  # its place in the comparison in progress


@dataclass(frozen=True)
class PhaseChanged:
    run_id: int
    phase: Phase


@dataclass(frozen=True)
class StepsDone:
    """The steps since the last report, oldest first (batched: at most ~10 reports a second)."""

    run_id: int
    steps: tuple[StepEvent, ...]


@dataclass(frozen=True)
class Evaluated:
    run_id: int
    point: EvalEvent


@dataclass(frozen=True, eq=False)
class FiltersSnapshot:
    """The first layer's weights now, a copy (``(out, in, h, w)`` for a convolution, ``(out, in)``
    for a linear layer); sent at most every ``TrainingRun.snapshot_interval_s`` when asked for."""

    run_id: int
    step: int
    weights: np.ndarray


@dataclass(frozen=True)
class RunEnded:
    """How a run ended, whatever the ending: completed, stopped, stopped early, diverged, failed."""

    run_id: int
    name: str
    status: str  # the core's status word, or "failed" (it could not run to an end)
    outcome: RunOutcome | None = None  # what was kept (a tested model, maybe saved)
    problem: str = ""  # what went wrong, for the user ("" when nothing did)


@dataclass(frozen=True)
class ComparisonStarted:
    kind: str  # e.g. "adders"
    steps: int  # each contender's step budget
    names: tuple[str, ...]  # the contenders, in the order they run


@dataclass(frozen=True)
class ComparisonEnded:
    outcome: Any  # comparison.ComparisonOutcome


@dataclass(frozen=True)
class StateChanged:
    state: RunState
    controls: Controls


TrainingEvent = (
    RunStarted
    | PhaseChanged
    | StepsDone
    | Evaluated
    | FiltersSnapshot
    | RunEnded
    | ComparisonStarted
    | ComparisonEnded
    | StateChanged
)
