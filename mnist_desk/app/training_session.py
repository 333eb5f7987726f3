"""The Train tab's logic without Qt: can these settings start, the run's lifecycle, its results
and their exports, and the adder comparison (``app.comparison``).

A view (``ui.training_panel``) shows a ``TrainingSession``: it asks ``start_problem`` before a run,
moves the session through its ``RunState`` as the user presses Start, Pause, Resume and Stop and
as the run ends, and reads ``controls`` to enable its buttons. The run itself happens in a worker
thread (``ui.background``); what it hands back is a ``RunOutcome`` or a ``RunFailure``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from mnist_desk.app.comparison import AdderComparison
from mnist_desk.models import TRANSFER
from mnist_desk.store import history as store_history
from mnist_desk.support.config import resolve_models_dir
from mnist_desk.training import Mistake, TrainingResult, TrainingSettings


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


class StartProblem(Enum):
    """Why settings cannot start (the view words it in the user's language)."""

    NO_CLASSIFIER_FOR_TRANSFER = "no-classifier-for-transfer"
    NO_TEACHER = "no-teacher"
    NO_CLASSIFIER_FOR_COMPARISON = "no-classifier-for-comparison"


def start_problem(settings: TrainingSettings) -> StartProblem | None:
    """What keeps ``settings`` from starting that the Trainer would only find later (None: ok).
    The Trainer still validates everything else when the run is built."""
    if settings.task == TRANSFER and not settings.init_from:
        return StartProblem.NO_CLASSIFIER_FOR_TRANSFER
    if settings.distill != "none" and not settings.teacher:
        return StartProblem.NO_TEACHER
    return None


@dataclass
class RunOutcome:
    """What a finished run hands the view: the core's result plus the analysis done after it."""

    name: str
    result: TrainingResult
    mistakes: list[Mistake] = field(default_factory=list)  # most confident first
    analysis_error: str = ""  # why the mistakes could not be computed, if they could not


@dataclass
class RunFailure:
    """A run that failed: the message says what to do; ``outcome`` holds what was kept, if any."""

    message: str
    outcome: RunOutcome | None = None


def checkpoint_path_for(settings: TrainingSettings, models_dir: str | Path | None = None) -> Path:
    """A fresh file name in the user's models folder: ``{task}-{arch}-{YYYYmmdd-HHMMSS}.pt``."""
    folder = resolve_models_dir(models_dir)
    stem = f"{settings.task}-{settings.arch}-{datetime.now():%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}.pt", 2
    while path.exists():  # two runs in the same second must not overwrite each other
        path, n = folder / f"{stem}-{n}.pt", n + 1
    return path


def format_duration(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour on."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def history_csv(result: TrainingResult) -> str:
    """One row per logged point: the training batches, then the validation evaluations (the
    text of the history file saved beside the checkpoint, ``store.history``)."""
    return store_history.history_csv(result.history)


def run_report(result: TrainingResult) -> dict[str, Any]:
    """The run's settings and metrics as plain values, for a JSON file."""
    return {
        "status": result.status,
        "message": result.message,
        "settings": result.settings,
        "steps": result.steps,
        "elapsed_s": round(result.elapsed, 3),
        "best_val_error": result.best_val_error,
        "test": result.test,
        "checkpoint": result.checkpoint,
        "stopped": result.history.get("stopped"),
    }


@dataclass
class TrainChoices:
    """What the form offers that takes disk and torch to find (read in a worker thread)."""

    classifiers: list[Any] = field(default_factory=list)  # catalog.ModelEntry, task classifier
    default_classifier: str = ""  # the shipped classifier's path, preferred when present
    devices: list[Any] = field(default_factory=list)  # devices.DeviceInfo, CPU first
    cuda_reason: str = ""  # why CUDA is unavailable ("" when a CUDA device exists)


def read_train_choices(models_dir: str | Path | None = None) -> TrainChoices:
    """List the trained classifiers (shipped and the user's) and the devices. Slow: it reads
    checkpoints and asks torch about CUDA, so views call it off the GUI thread."""
    from mnist_desk.models import CLASSIFIER
    from mnist_desk.store import catalog
    from mnist_desk.support.acceleration import training_threads
    from mnist_desk.support.devices import cuda_unavailable_reason, list_devices

    # A run uses the training threads, not the count of the thread that lists the devices (one,
    # in the window's background jobs).
    devices = list_devices(cpu_threads=training_threads(interactive=True))
    has_cuda = any(d.name.startswith("cuda") for d in devices)
    return TrainChoices(
        classifiers=[e for e in catalog.list_models(models_dir) if e.task == CLASSIFIER],
        default_classifier=str(catalog.default_classifier_path()),
        devices=devices,
        cuda_reason="" if has_cuda else cuda_unavailable_reason(),
    )


class TrainingSession:
    """The Train tab's state: the run's lifecycle, how many runs there were, the last outcome,
    and the adder comparison in progress (if any). Its methods are called in one thread (the
    GUI's); the run itself reports through the view, which calls ``ended`` when it is over."""

    def __init__(self) -> None:
        self.state = RunState.IDLE
        self.run_count = 0
        self.last_outcome: RunOutcome | None = None
        self.comparison: AdderComparison | None = None

    @property
    def controls(self) -> Controls:
        return controls_for(self.state)

    @property
    def is_running(self) -> bool:
        """A run exists (running, paused or stopping)."""
        return self.state is not RunState.IDLE

    def begin(self, settings: TrainingSettings, name: str | None = None) -> str:
        """A run starts: count it and return its name (``#N task-arch`` unless given)."""
        if self.is_running:
            raise RuntimeError("a run is already in progress")
        self.run_count += 1
        self.state = RunState.RUNNING
        return name or f"#{self.run_count} {settings.task}-{settings.arch}"

    def not_started(self) -> None:
        """The run ``begin`` announced could not be built after all."""
        self.state = RunState.IDLE

    def pause(self) -> None:
        if self.state is RunState.RUNNING:
            self.state = RunState.PAUSED

    def resume(self) -> None:
        if self.state is RunState.PAUSED:
            self.state = RunState.RUNNING

    def stop(self) -> None:
        """Stop pressed: no further comparison run; the current run keeps its best model."""
        if self.comparison is not None:
            self.comparison.stop()
        if self.state in (RunState.RUNNING, RunState.PAUSED):
            self.state = RunState.STOPPING

    def record(self, outcome: RunOutcome) -> None:
        """A run's outcome (finished, or failed with something kept)."""
        self.last_outcome = outcome
        if self.comparison is not None:
            self.comparison.record(outcome.result.settings["task"], outcome.result)

    def ended(self) -> None:
        """The run's thread is over, whatever happened."""
        self.state = RunState.IDLE

    def abandon(self) -> None:
        """Closing: the run ends unsaved and any comparison with it."""
        self.comparison = None
        self.state = RunState.IDLE
