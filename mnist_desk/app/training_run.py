"""One training run as a view's background job runs it, without Qt.

``TrainingRun`` wraps the core ``Trainer`` (or a prepared run with the same controls and events,
such as My digits' ``PersonalTrainer``). Its ``run(emit)`` is the work a ``ui.background`` job
runs in a worker thread; what it passes to ``emit`` reaches the view in the GUI thread:

- ``Phase``: what is happening now (loading MNIST, training, testing, finding the worst mistakes);
- ``list[StepEvent]``: the steps since the last report, oldest first. Steps come hundreds of
  times a second, so they are batched and passed on at most every ``min_interval_s`` (10 Hz: a
  redraw of the plots costs the GUI thread ~20 ms of CPU, and the machine may have two cores);
- ``EvalEvent`` and ``EpochEvent``, at once.

It returns a ``RunOutcome`` or a ``RunFailure`` (None when the run was discarded: cancelled
without keeping anything, as when the app closes). ``pause``, ``resume`` and ``cancel`` are
thread-safe: the view calls them from the GUI thread while ``run`` is busy in the worker.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from mnist_desk.app.training_session import RunFailure, RunOutcome
from mnist_desk.data import mnist as mdata
from mnist_desk.errors import is_user_error
from mnist_desk.support.acceleration import intra_op_threads, single_threaded_here
from mnist_desk.support.logs import report_unexpected
from mnist_desk.training import (
    EpochEvent,
    EvalEvent,
    Event,
    FailedEvent,
    FinishedEvent,
    StepEvent,
    Trainer,
    TrainingSettings,
    worst_mistakes,
)


class Phase(Enum):
    """What a run is doing, for the line under the progress bar (the view words it)."""

    LOADING = "loading"  # MNIST, the first time it takes seconds
    TRAINING = "training"
    TESTING = "testing"  # the last step is done: the best model is being tested
    ANALYSING = "analysing"  # finding the worst mistakes


def lower_this_threads_priority(niceness: int = 5) -> None:
    """Let the GUI thread win the CPU when both want it (Linux: per-thread nice, inherited by
    threads started from here); training still gets every cycle the GUI leaves idle."""
    # Linux only: elsewhere setpriority takes a process id, and a thread id could name another.
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


class TrainingRun:
    """One run: build it in the GUI thread (bad settings raise ValueError/UserError at once, and
    the controls work before it starts), then ``run(emit)`` it in a worker thread."""

    def __init__(
        self,
        settings: TrainingSettings,
        *,
        name: str = "",
        data_dir: str | Path | None = None,
        download: bool = False,
        output: str | Path | None = None,
        min_interval_s: float = 0.1,
        analyse: bool = True,
        trainer: Any = None,
    ):
        """``trainer``: a ready run with the Trainer's controls and events (e.g. a personal
        fine-tune, ``mnist_desk.personal.fine_tune.PersonalTrainer``) instead of one built here."""
        # The thread building the run (the GUI's) runs torch on one core: only the run's own
        # thread may own an OpenMP team (acceleration.single_threaded_here says why).
        single_threaded_here()
        if trainer is not None:
            trainer.callback = self._on_event
            self.trainer = trainer
        else:
            self.trainer = Trainer(
                settings, self._on_event, data_dir=data_dir, download=download, output=output
            )
        self.settings = settings
        self.name = name or f"{settings.task}-{settings.arch}"
        self.min_interval_s = min_interval_s
        self.analyse = analyse
        self._emit: Callable[[object], None] = lambda event: None
        self._pending: list[StepEvent] = []
        self._last_report = 0.0
        self._cancelled = threading.Event()
        self._discarded = False
        self._end: FinishedEvent | FailedEvent | None = None

    # ---- thread-safe controls, called from the GUI thread ----
    def pause(self) -> None:
        self.trainer.pause()

    def resume(self) -> None:
        self.trainer.resume()

    @property
    def paused(self) -> bool:
        return self.trainer.paused

    def cancel(self, keep: bool = True) -> None:
        """Stop after the current step; ``keep`` tests and saves the best model so far."""
        self._discarded = not keep
        self._cancelled.set()
        self.trainer.cancel(keep=keep)

    # ---- the worker thread ----
    def run(self, emit: Callable[[object], None]) -> RunOutcome | RunFailure | None:
        """Train, passing events to ``emit``; returns how the run ended (None: discarded)."""
        self._emit = emit
        lower_this_threads_priority()
        try:
            if not self._load_data():
                return None
            emit(Phase.TRAINING)
            with intra_op_threads(self.settings.num_threads):  # this thread's, not the GUI's
                self.trainer.run()
            if self._discarded:  # a discarded run (the app closing) reports nothing more
                return None
            self._flush_steps()
            return self._end_report()
        except Exception as e:  # a bug: logged with its traceback, and the run still ends
            return RunFailure(report_unexpected(e, "training"))

    def _load_data(self) -> bool:
        """Load MNIST in a helper thread so that a cancel (e.g. the app closing) is not held up by
        the first, slow load. Returns False if cancelled meanwhile. Errors are left for the
        Trainer, which reports them (with how to fix them) as a FailedEvent."""
        self._emit(Phase.LOADING)

        def load() -> None:
            with contextlib.suppress(Exception):
                mdata.load_splits(self.trainer.data_dir, download=self.trainer.download)

        # Not a daemon: with a daemon thread still inside torch at exit, the app was seen to abort
        # ("terminate called without an active exception"); exit waits for the load instead.
        loader = threading.Thread(target=load, name="mnist-loader", daemon=False)
        loader.start()
        while loader.is_alive():
            loader.join(0.05)
            if self._cancelled.is_set():
                return False
        return True

    def _on_event(self, event: Event) -> None:
        """The Trainer's callback, in the worker thread: batch steps, pass the rest on at once."""
        if isinstance(event, StepEvent):
            self._pending.append(event)
            if time.monotonic() - self._last_report >= self.min_interval_s:
                self._flush_steps()
            if event.step == event.total_steps:
                self._emit(Phase.TESTING)
        elif isinstance(event, EvalEvent):
            self._flush_steps()
            self._emit(event)
        elif isinstance(event, EpochEvent):
            self._emit(event)
        else:  # Finished or Failed: reported after the run returns, with the analysis
            self._end = event

    def _flush_steps(self) -> None:
        if self._pending:
            self._emit(self._pending)
            self._pending = []
        self._last_report = time.monotonic()

    def _end_report(self) -> RunOutcome | RunFailure | None:
        end = self._end
        if end is None:  # cancelled with keep=False: nothing was kept, nothing to report
            return None
        outcome = None
        if end.result is not None:
            outcome = RunOutcome(self.name, end.result)
            if self.analyse and end.result.checkpoint:
                self._emit(Phase.ANALYSING)
                try:
                    splits = mdata.load_splits(self.trainer.data_dir)  # cached: no second load
                    outcome.mistakes = worst_mistakes(end.result, splits)
                except Exception as e:  # the run itself succeeded; say why this part did not
                    outcome.analysis_error = (
                        str(e) if is_user_error(e) else report_unexpected(e, "worst mistakes")
                    )
        if isinstance(end, FinishedEvent) and outcome is not None:
            return outcome
        return RunFailure(end.message, outcome)
