"""The app's training, without Qt: every run starts, pauses, stops and ends here.

A ``TrainingSession`` owns the state of the run in progress (``RunState``; the one place it
lives) and takes requests from the views: ``start`` (the form's settings), ``start_personal``
(the classifier in use fine-tuned on the user's digits), ``compare_adders``,
``compare_architectures`` (or any ``Comparison``), ``pause``, ``resume``, ``stop``, ``close``. A request either starts a job on the
session's ``Worker`` (``app.jobs``; in the window a worker thread) or is
``Refused`` at once, saying why. The job's events (``app.training_events``) come back through
``receive`` in the session's thread and go to every listener (``on_event``), with
``StateChanged`` whenever the controls change. The views render them; they hold no run state.

    Start pressed -> session.start(settings) -> worker runs TrainingRun.run(emit) -> Trainer
      -> StepEvent... -> TrainingRun batches them -> emit(StepsDone) -> session.receive -> views
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from mnist_desk.app.arch_plan import ARCHITECTURES, plan_architectures
from mnist_desk.app.comparison import ADDERS, Comparison, ComparisonRun, contender_run, plan_adders
from mnist_desk.app.curve_names import run_name
from mnist_desk.app.jobs import InlineWorker, Job, Worker, WorkFailed
from mnist_desk.app.model_catalog import read_catalog
from mnist_desk.app.training_events import (
    Controls,
    Refused,
    RunEnded,
    RunOutcome,
    RunStarted,
    RunState,
    StartProblem,
    StateChanged,
    TrainingEvent,
    controls_for,
)
from mnist_desk.app.training_run import PERSONALISED_RUN, TrainingRun
from mnist_desk.errors import UserError
from mnist_desk.models import TRANSFER
from mnist_desk.support.config import resolve_data_dir, resolve_models_dir
from mnist_desk.training import TrainingSettings
from mnist_desk.training.adder_comparison import default_budget
from mnist_desk.training.preflight import check_training_can_start


def start_problem(settings: TrainingSettings) -> StartProblem | None:
    """What keeps ``settings`` from starting that the Trainer would only find later (None: ok).
    The Trainer still validates everything else when the run is built."""
    if settings.task == TRANSFER and not settings.init_from:
        return StartProblem.NO_CLASSIFIER_FOR_TRANSFER
    if settings.distill != "none" and not settings.teacher:
        return StartProblem.NO_TEACHER
    return None


def checkpoint_path_for(settings: TrainingSettings, models_dir: str | Path | None = None) -> Path:
    """A fresh file name in the user's models folder: ``{task}-{arch}-{YYYYmmdd-HHMMSS}.pt``."""
    folder = resolve_models_dir(models_dir)
    stem = f"{settings.task}-{settings.arch}-{datetime.now():%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}.pt", 2
    while path.exists():  # two runs in the same second must not overwrite each other
        path, n = folder / f"{stem}-{n}.pt", n + 1
    return path


@dataclass
class TrainChoices:
    """What the form offers that takes disk and torch to find (read in a worker thread)."""

    classifiers: list[Any] = field(default_factory=list)  # catalog.ModelEntry, task classifier
    default_classifier: str = ""  # the shipped classifier's path, preferred when present
    devices: list[Any] = field(default_factory=list)  # devices.DeviceInfo, CPU first
    cuda_reason: str = ""  # why CUDA is unavailable ("" when a CUDA device exists)


def read_train_choices(models_dir: str | Path | None = None) -> TrainChoices:
    """The form's share of the catalog (``app.model_catalog.read_catalog``, the one reader): the
    trained classifiers (shipped and the user's) and the devices. Slow: it reads checkpoints and
    asks torch about CUDA, so views call it off the GUI thread."""
    from mnist_desk.models import CLASSIFIER
    from mnist_desk.support.acceleration import training_threads

    # A run uses the training threads, not the count of the thread that lists the devices (one,
    # in the window's background jobs).
    catalog = read_catalog(models_dir, cpu_threads=training_threads(interactive=True))
    return TrainChoices(
        classifiers=[e for e in catalog.models if e.task == CLASSIFIER],
        default_classifier=catalog.default_path,
        devices=catalog.devices,
        cuda_reason=catalog.cuda_reason,
    )


class ModelsInUse(Protocol):
    """The model session, as far as a personal fine-tune needs it."""

    predictor: Any
    device: str


class TrainingSession:
    """Every run of the app: requests in, typed events out, the run state in one place."""

    def __init__(
        self,
        worker: Worker | None = None,
        *,
        data_dir: str | Path | None = None,
        download: bool = False,
        models_dir: str | Path | None = None,
        my_digits: Any = None,  # personal.store.MyDigitsStore, for the personal fine-tune
        models: ModelsInUse | None = None,  # the classifier in use is the one to personalise
    ):
        self.worker: Worker = worker or InlineWorker()
        self.data_dir = resolve_data_dir(data_dir) if data_dir else None
        self.download = download
        self.models_dir = models_dir
        self.my_digits = my_digits
        self.models = models
        self.personal_settings: Any = (
            None  # PersonalSettings for the next fine-tune (None: defaults)
        )
        self.filter_snapshots = False  # runs send FiltersSnapshot events (a view shows them)
        self.state = RunState.IDLE
        self.run_count = 0  # runs started, for their names
        self.last_outcome: RunOutcome | None = None
        self.comparing = ""  # the kind of comparison in progress ("" when none)
        self._ids = itertools.count(1)  # run ids, unique in the session (taken in any thread)
        self._work: TrainingRun | ComparisonRun | None = None
        self._job: Job | None = None
        self._unfinished: RunStarted | None = None  # started, its RunEnded not seen yet
        self._listeners: list[Callable[[TrainingEvent], None]] = []

    def on_event(self, listener: Callable[[TrainingEvent], None]) -> None:
        self._listeners.append(listener)

    def _tell(self, event: TrainingEvent) -> None:
        for listener in self._listeners:
            listener(event)

    @property
    def controls(self) -> Controls:
        return controls_for(self.state)

    @property
    def is_running(self) -> bool:
        """A job exists (running, paused or stopping)."""
        return self.state is not RunState.IDLE

    def _set_state(self, state: RunState) -> None:
        if state is not self.state:
            self.state = state
            self._tell(StateChanged(state, self.controls))

    # ---- requests ----

    def start(self, settings: TrainingSettings) -> Refused | None:
        """Train ``settings``, saving the model to a fresh file in the models folder."""
        if self.is_running:
            return Refused(StartProblem.BUSY)
        problem = start_problem(settings)
        if problem is not None:
            return Refused(problem)
        output = checkpoint_path_for(settings, self.models_dir)
        try:  # refused now, not after the data has loaded: bad settings, a folder it cannot write
            settings.validate()
            check_training_can_start(output, resolve_data_dir(self.data_dir), self.download)
        except (ValueError, UserError) as e:
            return Refused(StartProblem.INVALID, str(e))
        name = run_name(self.run_count + 1, settings.task, settings.arch)
        run = TrainingRun.ordinary(
            settings, run_id=next(self._ids), name=name, output=output, **self._run_options()
        )
        self._launch(run, f"training: {name}")
        return None

    def start_personal(self) -> Refused | None:
        """Fine-tune the classifier in use on the user's digits (``personal.fine_tune``)."""
        from mnist_desk.personal.data import NotEnoughDigits, check_enough
        from mnist_desk.personal.models import classifier_behind
        from mnist_desk.personal.recipe import PersonalSettings
        from mnist_desk.support.acceleration import training_threads

        if self.is_running:
            return Refused(StartProblem.BUSY)
        digits = self.my_digits.items() if self.my_digits is not None else []
        try:
            check_enough([d.label for d in digits])
        except NotEnoughDigits as e:
            return Refused(StartProblem.NOT_ENOUGH_DIGITS, str(e))
        predictor = self.models.predictor if self.models is not None else None
        behind = classifier_behind(predictor.digit_checkpoint) if predictor is not None else None
        settings = PersonalSettings() if self.personal_settings is None else self.personal_settings
        settings = replace(
            settings,
            init_from=str(behind) if behind else None,  # None: the shipped classifier
            device=self.models.device if self.models is not None else settings.device,
            num_threads=settings.num_threads or training_threads(interactive=True),
        )
        name = PERSONALISED_RUN(number=self.run_count + 1)
        run = TrainingRun.personal(
            settings,
            digits,
            run_id=next(self._ids),
            name=name,
            models_dir=self.models_dir,
            **self._run_options(),
        )
        self._launch(run, f"training: {name}")
        return None

    def compare_adders(
        self,
        form: TrainingSettings,
        classifier: str | None = None,
        budget: TrainingSettings | None = None,
    ) -> Refused | None:
        """Train the transfer adder, then the scratch adder, on one budget, and judge them. The
        budget (``adder_comparison.default_budget`` of the form's settings unless given) keeps
        the form's device, seed and subsets; the transfer adder starts from its classifier, else
        the form's ``classifier``, else the shipped QuickNet."""
        budget = budget or default_budget(form)
        init_from = budget.init_from or classifier
        if not init_from:
            return Refused(StartProblem.NO_CLASSIFIER_FOR_COMPARISON)
        return self.compare(ADDERS, lambda: plan_adders(budget, init_from))

    def compare_architectures(
        self, archs: str | list[str], budget: TrainingSettings | None = None
    ) -> Refused | None:
        """Train each of ``archs`` in turn on one budget (``arch_comparison.default_budget()``
        unless given) and judge them; refused at once for an unknown architecture."""
        try:
            plan_architectures(archs, budget)  # checks the names and the budget; cheap
        except (ValueError, UserError) as e:
            return Refused(StartProblem.INVALID, str(e))
        return self.compare(ARCHITECTURES, lambda: plan_architectures(archs, budget))

    def compare(self, kind: str, plan: Callable[[], Comparison]) -> Refused | None:
        """Run a comparison: ``plan()`` (called in the worker) gives its contenders and judge."""
        if self.is_running:
            return Refused(StartProblem.BUSY)
        options = self._run_options()

        def make_run(contender, index, controls) -> TrainingRun:
            output = checkpoint_path_for(contender.settings, self.models_dir)
            return contender_run(
                contender, index, controls, run_id=next(self._ids), output=output, **options
            )

        self.comparing = kind
        self._launch(ComparisonRun(kind, plan, make_run), f"comparing {kind}")
        return None

    def _run_options(self) -> dict[str, Any]:
        return {
            "data_dir": self.data_dir,
            "download": self.download,
            "snapshots": self.filter_snapshots,
        }

    def _launch(self, work: TrainingRun | ComparisonRun, name: str) -> None:
        self._work = work
        self._set_state(RunState.RUNNING)
        job = self.worker.start(work.run, name, self.receive, lambda value: self._done(work, value))
        if self._work is work:  # still going (an InlineWorker has finished it already)
            self._job = job

    def pause(self) -> None:
        if self.state is RunState.RUNNING and self._work is not None:
            self._work.pause()
            self._set_state(RunState.PAUSED)

    def resume(self) -> None:
        if self.state is RunState.PAUSED and self._work is not None:
            self._work.resume()
            self._set_state(RunState.RUNNING)

    def toggle_pause(self) -> None:
        self.resume() if self.state is RunState.PAUSED else self.pause()

    def stop(self) -> None:
        """Stop the run (its best model so far is tested and saved) and any comparison."""
        if self.state in (RunState.RUNNING, RunState.PAUSED) and self._work is not None:
            self._work.cancel(keep=True)
            self._set_state(RunState.STOPPING)

    def close(self, timeout_ms: int = 2000) -> bool:
        """End the job at once without saving and wait for its thread up to ``timeout_ms``; True
        if none is left. Nothing more is reported (if its thread lives on, it ends on its own)."""
        work, job = self._work, self._job
        self._work = self._job = None
        self._unfinished = None
        self.comparing = ""
        finished = True
        if work is not None:
            work.cancel(keep=False)
        if job is not None:
            job.discard()
            finished = job.wait(timeout_ms)
        self._set_state(RunState.IDLE)
        return finished

    # ---- what the job reports, in the session's thread ----

    def receive(self, event: object) -> None:
        if isinstance(event, RunStarted):
            self.run_count += 1
            self._unfinished = event
        elif isinstance(event, RunEnded):
            self._unfinished = None
            if event.outcome is not None:
                self.last_outcome = event.outcome
        self._tell(event)  # type: ignore[arg-type]

    def _done(self, work: TrainingRun | ComparisonRun, value: object) -> None:
        if work is not self._work:  # closed meanwhile
            return
        unfinished, self._unfinished = self._unfinished, None
        if isinstance(value, WorkFailed) and unfinished is not None:  # a bug outside the run
            self._tell(
                RunEnded(unfinished.run_id, unfinished.name, "failed", problem=value.message)
            )
        self._work = self._job = None
        self.comparing = ""
        self._set_state(RunState.IDLE)
