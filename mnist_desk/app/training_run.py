"""One training run as a background job runs it, without Qt.

``TrainingRun.run(emit)`` is the work a worker thread runs (``TrainingSession`` hands it to its
worker). It builds the run's trainer there (the core ``Trainer``, or a ``PersonalTrainer``: both
read checkpoints, so never in the GUI thread), loads MNIST, trains, tests, finds the worst
mistakes, and passes the typed events of ``app.training_events`` to ``emit``:

- ``RunStarted`` first, ``RunEnded`` last (returned too); nothing at all for a discarded run
  (cancelled without keeping anything, as when the app closes);
- ``PhaseChanged``: loading MNIST, training, testing, finding the worst mistakes;
- ``StepsDone``: the steps since the last report. Steps come hundreds of times a second, so they
  are batched and passed on at most every ``min_interval_s`` (10 Hz: a redraw of the plots costs
  the GUI thread ~20 ms of CPU, and the machine may have two cores);
- ``Evaluated`` at once; ``FiltersSnapshot`` (when asked for) at most every ``snapshot_interval_s``.

Its ``controls`` (pause, resume, cancel) are thread-safe: the session calls them from the GUI
thread while ``run`` is busy in the worker.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from mnist_desk.app.jobs import Emit
from mnist_desk.app.training_events import (
    Evaluated,
    FiltersSnapshot,
    Phase,
    PhaseChanged,
    RunEnded,
    RunKind,
    RunOutcome,
    RunStarted,
    StepsDone,
)
from mnist_desk.data import mnist as mdata
from mnist_desk.errors import Phrase, is_user_error
from mnist_desk.models import first_layer_weights
from mnist_desk.support.acceleration import intra_op_threads, single_threaded_here
from mnist_desk.support.logs import report_unexpected
from mnist_desk.training import (
    EvalEvent,
    Event,
    FailedEvent,
    FinishedEvent,
    StepEvent,
    Trainer,
    TrainingSettings,
    total_steps,
    worst_mistakes,
)
from mnist_desk.training.controls import RunSwitches

# A fine-tune's name (Words: the window says it in its language; numbered by the session)
PERSONALISED = Phrase("classifier, personalised")
PERSONALISED_RUN = Phrase("#{number} classifier, personalised")


class Trainable(Protocol):
    """What a run trains with: the core ``Trainer`` or a ``PersonalTrainer``."""

    controls: RunSwitches
    model: Any  # the model being trained, once built (for the filter snapshots)

    def run(self) -> Any: ...


# Builds the run's trainer in the worker thread, with the run's controls and event callback.
TrainerFactory = Callable[[RunSwitches, Callable[[Event], None]], Trainable]


def lower_this_threads_priority(niceness: int = 5) -> None:
    """Let the GUI thread win the CPU when both want it (Linux: per-thread nice, inherited by
    threads started from here); training still gets every cycle the GUI leaves idle."""
    # Linux only: elsewhere setpriority takes a process id, and a thread id could name another.
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


def ordinary_trainer(
    settings: TrainingSettings,
    *,
    data_dir: str | Path | None,
    download: bool,
    output: str | Path | None,
) -> TrainerFactory:
    """A factory of the core ``Trainer`` for ``settings``, saving to ``output``."""

    def build(controls: RunSwitches, callback: Callable[[Event], None]) -> Trainable:
        return Trainer(
            settings,
            callback,
            data_dir=data_dir,
            download=download,
            output=output,
            controls=controls,
        )

    return build


class SwitchedJob:
    """A background job that holds ``controls`` (``RunSwitches``): pause, resume and cancel it
    from the session's thread while it runs in the worker's."""

    controls: RunSwitches

    def pause(self) -> None:
        self.controls.pause()

    def resume(self) -> None:
        self.controls.resume()

    @property
    def paused(self) -> bool:
        return self.controls.paused

    def cancel(self, keep: bool = True) -> None:
        """Stop after the current step; ``keep`` tests and saves the best model so far (a
        comparison's contenders still to come never start)."""
        self.controls.cancel(keep=keep)


class TrainingRun(SwitchedJob):
    """One run: made in the session's thread (cheap: nothing is read yet), then ``run(emit)`` in
    a worker thread."""

    snapshot_interval_s = 0.25  # the curves' redraw rate (ui.train.plots.REDRAW_INTERVAL_MS)

    def __init__(
        self,
        build: TrainerFactory,
        *,
        run_id: int,
        name: str,
        kind: RunKind,
        total_steps: int,
        threads: int | None,
        data_dir: str | Path | None = None,
        download: bool = False,
        settings: TrainingSettings | None = None,
        contender: int | None = None,
        controls: RunSwitches | None = None,
        min_interval_s: float = 0.1,
        analyse: bool = True,
        snapshots: bool = False,
    ):
        # The thread making the run (the GUI's) runs torch on one core: only the run's own
        # thread may own an OpenMP team (acceleration.single_threaded_here says why).
        single_threaded_here()
        self.build = build
        self.run_id, self.name, self.kind = run_id, name, kind
        self.started = RunStarted(run_id, name, kind, total_steps, settings, contender)
        self.threads = threads
        self.data_dir, self.download = data_dir, download
        self.controls = controls or RunSwitches()
        self.min_interval_s = min_interval_s
        self.analyse = analyse
        self.snapshots = snapshots
        self.trainer: Trainable | None = None
        self._emit: Emit = lambda event: None
        self._pending: list[StepEvent] = []
        self._last_report = self._last_snapshot = 0.0
        self._end: FinishedEvent | FailedEvent | None = None
        self._load_error: Exception | None = None  # what loading MNIST raised
        self.data_failed = False  # MNIST could not be read or downloaded: nothing was trained

    @classmethod
    def ordinary(
        cls,
        settings: TrainingSettings,
        *,
        run_id: int = 0,
        name: str = "",
        kind: RunKind = RunKind.ORDINARY,
        data_dir: str | Path | None = None,
        download: bool = False,
        output: str | Path | None = None,
        **options: Any,
    ) -> TrainingRun:
        """A run of the core Trainer on ``settings``, saving to ``output`` (if given)."""
        return cls(
            ordinary_trainer(settings, data_dir=data_dir, download=download, output=output),
            run_id=run_id,
            name=name or f"{settings.task}-{settings.arch}",
            kind=kind,
            total_steps=total_steps(settings),
            threads=settings.num_threads,
            data_dir=data_dir,
            download=download,
            settings=settings,
            **options,
        )

    @classmethod
    def personal(
        cls,
        settings: Any,
        digits: list,
        *,
        run_id: int = 0,
        name: str = "",  # the curves' name (default: PERSONALISED)
        data_dir: str | Path | None = None,
        download: bool = False,
        models_dir: str | Path | None = None,
        **options: Any,
    ) -> TrainingRun:
        """A fine-tune on the user's ``digits`` (``personal.fine_tune.PersonalSettings``
        ``settings``); the model is saved as ``classifier-ARCH-mine-DATE`` in ``models_dir``."""

        def build(controls: RunSwitches, callback: Callable[[Event], None]) -> Trainable:
            from mnist_desk.personal.fine_tune import PersonalTrainer

            return PersonalTrainer(
                settings,
                digits,
                callback,
                data_dir=data_dir,
                download=download,
                models_dir=models_dir,
                controls=controls,
            )

        return cls(
            build,
            run_id=run_id,
            name=name or PERSONALISED(),
            kind=RunKind.PERSONAL,
            total_steps=settings.steps,
            threads=settings.num_threads,
            data_dir=data_dir,
            download=download,
            **options,
        )

    # ---- the worker thread ----
    def run(self, emit: Emit) -> RunEnded | None:
        """Train, passing events to ``emit``; returns how the run ended (None: discarded)."""
        self._emit = emit
        lower_this_threads_priority()
        emit(self.started)
        try:
            with intra_op_threads(self.threads):  # this thread's, not the GUI's
                self.trainer = self.build(self.controls, self._on_event)
                if not self._load_data():
                    return self._ended("stopped")
                if self._load_error is not None:  # said now: the trainer would try it again
                    self.data_failed = is_user_error(self._load_error)
                    raise self._load_error
                emit(PhaseChanged(self.run_id, Phase.TRAINING))
                self.trainer.run()
            if self.controls.discarded:  # a discarded run (the app closing) reports nothing more
                return None
            self._flush_steps()
            return self._end_report()
        except Exception as e:  # a user's error while building it; else a bug, logged
            message = str(e) if is_user_error(e) else report_unexpected(e, "training")
            return self._ended("failed", problem=message)
        finally:
            self.trainer = None  # its model and data go now: the outcome holds what was kept

    def _ended(self, status: str, outcome: RunOutcome | None = None, problem: str = ""):
        if self.controls.discarded:
            return None
        ended = RunEnded(self.run_id, self.name, status, outcome, problem)
        self._emit(ended)
        return ended

    def _load_data(self) -> bool:
        """Load MNIST in a helper thread so that a cancel (e.g. the app closing) is not held up by
        the first, slow load. Returns False if cancelled meanwhile. An error is kept in
        ``_load_error`` for ``run`` to end the run with (not left for the trainer to meet again:
        offline, that was a second download tried)."""
        self._emit(PhaseChanged(self.run_id, Phase.LOADING))

        def load() -> None:
            try:
                mdata.load_splits(self.trainer.data_dir, download=self.trainer.download)
            except Exception as e:
                self._load_error = e

        # Not a daemon: with a daemon thread still inside torch at exit, the app was seen to abort
        # ("terminate called without an active exception"); exit waits for the load instead.
        loader = threading.Thread(target=load, name="mnist-loader", daemon=False)
        loader.start()
        while loader.is_alive():
            loader.join(0.05)
            if self.controls.cancelled:
                return False
        return True

    def _on_event(self, event: Event) -> None:
        """The trainer's callback, in the worker thread: batch steps, pass the rest on at once."""
        if isinstance(event, StepEvent):
            self._pending.append(event)
            if time.monotonic() - self._last_report >= self.min_interval_s:
                self._flush_steps()
            if event.step == event.total_steps:
                self._emit(PhaseChanged(self.run_id, Phase.TESTING))
        elif isinstance(event, EvalEvent):
            self._flush_steps()
            self._emit(Evaluated(self.run_id, event))
        elif isinstance(event, FinishedEvent | FailedEvent):  # reported with the analysis
            self._end = event

    def _flush_steps(self) -> None:
        if self._pending:
            self._emit(StepsDone(self.run_id, tuple(self._pending)))
            step = self._pending[-1].step
            self._pending = []
            self._snapshot(step)
        self._last_report = time.monotonic()

    def _snapshot(self, step: int) -> None:
        """The first layer's weights, when asked for and due (read between two steps)."""
        now = time.monotonic()
        model = self.trainer.model if self.trainer is not None else None
        if (
            not self.snapshots
            or model is None
            or now - self._last_snapshot < self.snapshot_interval_s
        ):
            return
        weights = first_layer_weights(model)
        if weights is not None:
            self._last_snapshot = now
            self._emit(FiltersSnapshot(self.run_id, step, weights))

    def _end_report(self) -> RunEnded | None:
        end = self._end
        if end is None:  # cancelled before the trainer reported anything
            return self._ended("stopped")
        outcome = None
        if end.result is not None:
            outcome = RunOutcome(self.name, end.result)
            if self.analyse and end.result.checkpoint:
                self._emit(PhaseChanged(self.run_id, Phase.ANALYSING))
                try:
                    splits = mdata.load_splits(self.trainer.data_dir)  # cached: no second load
                    outcome.mistakes = worst_mistakes(end.result, splits)
                except Exception as e:  # the run itself succeeded; say why this part did not
                    outcome.analysis_error = (
                        str(e) if is_user_error(e) else report_unexpected(e, "worst mistakes")
                    )
        if isinstance(end, FinishedEvent):
            return self._ended(end.result.status, outcome)
        status = end.result.status if end.result is not None else "failed"
        return self._ended(status, outcome, problem=end.message)
