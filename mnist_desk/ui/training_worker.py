"""The worker that runs a core Trainer in a QThread and reports through signals only.

The shape is Qt's Mandelbrot example with the worker-object pattern: a ``TrainingWorker`` is moved
to a ``QThread``, ``thread.started`` runs it, and everything it learns reaches the GUI as queued
signals. Step events arrive hundreds of times a second, so they are batched and emitted at most
every ``min_interval_s`` (10 Hz: a redraw of the plots costs the GUI thread ~20 ms of CPU, and the
target machine may have two cores); evaluations, the end of a run and failures are emitted at once.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from mnist_desk import data as mdata
from mnist_desk.acceleration import intra_op_threads, single_threaded_here
from mnist_desk.app.training_session import RunFailure, RunOutcome
from mnist_desk.errors import is_user_error
from mnist_desk.logs import report_unexpected
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


def lower_this_threads_priority(niceness: int = 5) -> None:
    """Let the GUI thread win the CPU when both want it (Linux: per-thread nice, inherited by
    threads started from here); training still gets every cycle the GUI leaves idle."""
    # Linux only: elsewhere setpriority takes a process id, and a thread id could name another.
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


class TrainingWorker(QObject):
    """Runs one training run in the thread it is moved to. Control it from the GUI thread with
    ``pause``, ``resume`` and ``cancel``, which are thread-safe; never call ``run`` directly there."""

    phaseChanged = Signal(str)  # what is happening now, for the status line
    stepsReported = Signal(list)  # the StepEvents since the last report, oldest first
    evaluated = Signal(object)  # EvalEvent
    epochEnded = Signal(object)  # EpochEvent
    finished = Signal(object)  # RunOutcome
    # Never None through a queued Signal(object): PySide6 then miscounts None's references.
    failed = Signal(object)  # RunFailure
    done = Signal()  # always the last signal, whatever happened: quit the thread on it

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
        trainer=None,
    ):
        """``trainer``: a ready run with the Trainer's controls and events (e.g. a personal
        fine-tune, ``mnist_desk.personalise.PersonalTrainer``) instead of one built here."""
        super().__init__()
        # Built here, in the GUI thread, so cancel/pause work even before the run has started;
        # invalid settings raise ValueError to the caller at once.
        single_threaded_here()  # the GUI thread: only the run's thread may own an OpenMP team
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
    @Slot()
    def run(self) -> None:
        lower_this_threads_priority()
        try:
            if self._load_data():
                self.phaseChanged.emit(self.tr("Training…"))
                with intra_op_threads(self.settings.num_threads):  # this thread's, not the GUI's
                    self.trainer.run()
                if not self._discarded:  # a discarded run (the app closing) reports nothing more
                    self._flush_steps()
                    self._report_end()
        except Exception as e:  # a bug: logged with its traceback, and the thread still ends
            self.failed.emit(RunFailure(report_unexpected(e, "training")))
        finally:
            # Hand this object to the GUI thread so that its deleteLater runs there. Destroyed
            # here, its ~QObject holds one of Qt's connection locks while PySide waits for the
            # GIL, and a GUI thread holding the GIL while it connects anything deadlocks (seen
            # in CI after many start/stop cycles).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.done.emit()

    def _load_data(self) -> bool:
        """Load MNIST in a helper thread so that a cancel (e.g. the app closing) is not held up by
        the first, slow load. Returns False if cancelled meanwhile. Errors are left for the
        Trainer, which reports them (with how to fix them) as a FailedEvent."""
        self.phaseChanged.emit(self.tr("Loading MNIST…"))

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
        """The Trainer's callback, in this thread: batch steps, pass the rest on at once."""
        if isinstance(event, StepEvent):
            self._pending.append(event)
            if time.monotonic() - self._last_report >= self.min_interval_s:
                self._flush_steps()
            if event.step == event.total_steps:
                self.phaseChanged.emit(self.tr("Testing the best model…"))
        elif isinstance(event, EvalEvent):
            self._flush_steps()
            self.evaluated.emit(event)
        elif isinstance(event, EpochEvent):
            self.epochEnded.emit(event)
        else:  # Finished or Failed: reported after run() returns, with the analysis
            self._end = event

    def _flush_steps(self) -> None:
        if self._pending:
            self.stepsReported.emit(self._pending)
            self._pending = []
        self._last_report = time.monotonic()

    def _report_end(self) -> None:
        end = self._end
        if end is None:  # cancelled with keep=False: nothing was kept, nothing to report
            return
        outcome = None
        if end.result is not None:
            outcome = RunOutcome(self.name, end.result)
            if self.analyse and end.result.checkpoint:
                self.phaseChanged.emit(self.tr("Finding the worst mistakes…"))
                try:
                    splits = mdata.load_splits(self.trainer.data_dir)  # cached: no second load
                    outcome.mistakes = worst_mistakes(end.result, splits)
                except Exception as e:  # the run itself succeeded; say why this part did not
                    outcome.analysis_error = (
                        str(e) if is_user_error(e) else report_unexpected(e, "worst mistakes")
                    )
        if isinstance(end, FinishedEvent) and outcome is not None:
            self.finished.emit(outcome)
        else:
            self.failed.emit(RunFailure(end.message, outcome))


class TrainingJob(QObject):
    """One run as the GUI thread sees it: a TrainingWorker in its own QThread.

    ``ended`` carries the job itself, so a late signal from an earlier job can never be mistaken
    for the current one's.
    """

    ended = Signal(object)  # this job, once its thread has finished

    def __init__(self, worker: TrainingWorker, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.name = worker.name
        self.settings = worker.settings
        self.thread = QThread(self)
        self.thread.setObjectName(f"training: {worker.name}")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit as soon as the worker is done, even while the GUI thread waits in stop_now.
        worker.done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(worker.deleteLater)
        self.thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def pause(self) -> None:
        if self.running:
            self.worker.pause()

    def resume(self) -> None:
        if self.running:
            self.worker.resume()

    @property
    def paused(self) -> bool:
        return self.running and self.worker.paused

    def cancel(self, keep: bool = True) -> None:
        if self.running:
            self.worker.cancel(keep=keep)

    def stop_now(self, timeout_ms: int = 2000) -> bool:
        """End the run without saving and wait for the thread; True if it finished in time."""
        if self.thread.isFinished() or not self.thread.isRunning():
            return True
        self.worker.cancel(keep=False)
        self.thread.quit()
        return self.thread.wait(timeout_ms)

    @Slot()
    def _on_thread_finished(self) -> None:
        self.ended.emit(self)
