"""The one way the app runs slow work off the GUI thread: ``BackgroundJob``.

A job runs ``work(emit)`` (a plain callable from the app layer: a training run, loading MNIST,
loading a model) in a worker ``QThread`` with Qt's worker-object pattern (the Mandelbrot example),
and re-emits in the GUI thread, as queued signals, everything the work reports:

- ``event(obj)``: each object the work passed to ``emit``, in order;
- ``finished(value)``: what ``work`` returned; or ``failed(JobError)`` if it raised;
- ``ended(job)``: always last, once the thread has finished.

``cancel``, ``pause`` and ``resume`` are passed straight (not queued: the worker thread is busy in
``work``) to the ``controls`` object the job was given, which must make them thread-safe.

``BackgroundWorker`` is the app sessions' ``Worker`` in the window (``app.jobs``):
each job a ``BackgroundJob``, its events and end handed to the session in the GUI thread.

Two threading guarantees hold for every job:

1. No Python-backed QObject is destroyed in the worker thread: the worker object moves itself to
   the GUI thread before it reports ``done``, and ``deleteLater`` runs there. (Python's cycle
   collector runs on a GUI-thread timer: ``mnist_desk.ui.gui_gc``.)
2. No running QThread is ever destroyed: a job is never parented to a widget; a module-level set
   keeps every started job alive until its thread has finished, so a view closed mid-run (its
   job still loading or stopping) takes nothing down with it; ``wait_for_background_jobs`` runs at
   ``aboutToQuit`` so the interpreter never exits over a running thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QMetaMethod, QObject, Qt, QThread, Signal, Slot

from mnist_desk.app.jobs import WorkFailed, describe_error
from mnist_desk.errors import is_user_error

Emit = Callable[[object], None]
Work = Callable[[Emit], Any]

# Every job whose thread was started and has not finished yet: see guarantee 2 above.
_live_jobs: set[BackgroundJob] = set()


@dataclass(frozen=True)
class JobError:
    """Why a job's work failed, as the user should read it."""

    message: str  # a user error's own message; for a bug, where its traceback was logged
    error_type: str  # the exception's class name
    user_error: bool  # True: the user can act on it; False: a bug (logged with its traceback)


@dataclass(frozen=True)
class _Carried:
    """A value crossing threads in a queued Signal(object): PySide6 miscounts a bare None's
    references there, so every value travels in a box."""

    value: object


def job_error(error: BaseException, where: str = "") -> JobError:
    """What a job that raised reports (``app.jobs.describe_error`` words it)."""
    return JobError(describe_error(error, where), type(error).__name__, is_user_error(error))


class _Worker(QObject):
    """Lives in the job's thread while ``work`` runs; every signal is queued to the job."""

    event = Signal(object)  # _Carried
    result = Signal(object)  # _Carried
    failed = Signal(object)  # JobError
    done = Signal()

    def __init__(self, work: Work, where: str):
        super().__init__()
        self.work = work
        self.where = where

    @Slot()
    def run(self) -> None:
        try:
            value = self.work(lambda obj: self.event.emit(_Carried(obj)))
        except Exception as e:  # reported, and the thread still ends
            self.failed.emit(job_error(e, self.where))
        else:
            self.result.emit(_Carried(value))
        finally:
            self.work = None  # whatever the work holds is released here, not in the worker
            # Hand this object to the GUI thread so that its deleteLater runs there (guarantee 1):
            # destroyed here, its ~QObject holds one of Qt's connection locks while PySide waits
            # for the GIL, and a GUI thread holding the GIL while it connects anything deadlocks.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.done.emit()


class BackgroundJob(QObject):
    """One piece of slow work in its own thread, seen from the GUI thread.

    Create, connect, then ``start()``; a job runs once. ``ended`` carries the job itself, so a late
    signal from an earlier job is never mistaken for the current one's. ``discard()`` drops what a
    job still has to report (e.g. its view is closing); ``ended`` is still emitted.
    """

    event = Signal(object)  # each object the work emitted
    finished = Signal(object)  # what the work returned (None included)
    failed = Signal(object)  # JobError
    ended = Signal(object)  # this job, after its thread has finished

    def __init__(self, work: Work, *, name: str = "background work", controls: Any = None):
        super().__init__()  # never a parent: a widget's destruction must not take the thread
        self.name = name
        self.controls = controls
        self.discarded = False
        self.worker = _Worker(work, name)
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Direct: quit as soon as the worker is done, even while the GUI thread waits in stop_now.
        self.worker.done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.event.connect(self._on_event)
        self.worker.result.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.finished.connect(self._on_thread_finished)

    def start(self) -> BackgroundJob:
        """Start the work in its thread; returns the job, for chaining."""
        _watch_application_exit()
        _live_jobs.add(self)
        self.thread.start()
        return self

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    # ---- controls, passed through to the work (thread-safe there) ----
    def pause(self) -> None:
        if self.running and self.controls is not None:
            self.controls.pause()

    def resume(self) -> None:
        if self.running and self.controls is not None:
            self.controls.resume()

    @property
    def paused(self) -> bool:
        return self.running and self.controls is not None and bool(self.controls.paused)

    def cancel(self, **options: Any) -> None:
        """Ask the work to stop (``options`` go to ``controls.cancel``, e.g. ``keep=False``)."""
        if self.running and self.controls is not None:
            self.controls.cancel(**options)

    def discard(self) -> None:
        """Report nothing more but ``ended`` (the view that started the job is going away)."""
        self.discarded = True

    def stop_now(self, timeout_ms: int = 2000, **cancel_options: Any) -> bool:
        """Cancel, discard what is left to report, and wait for the thread up to ``timeout_ms``;
        True if it has finished. If not, the job lives on (unparented) until it has."""
        if not self.thread.isRunning():
            return True
        self.discard()
        self.cancel(**cancel_options)
        return self.thread.wait(timeout_ms)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the thread has finished (tests, exit); True if it has."""
        return not self.thread.isRunning() or self.thread.wait(timeout_ms)

    # ---- the worker's signals, queued to the GUI thread ----
    @Slot(object)
    def _on_event(self, carried: _Carried) -> None:
        if not self.discarded:
            self.event.emit(carried.value)

    @Slot(object)
    def _on_result(self, carried: _Carried) -> None:
        if not self.discarded:
            self.finished.emit(carried.value)

    @Slot(object)
    def _on_failed(self, error: JobError) -> None:
        if not self.discarded:
            self.failed.emit(error)

    @Slot()
    def _on_thread_finished(self) -> None:
        self.ended.emit(self)
        # The job reports nothing more: its connections go, and with them whatever the callables
        # connected to it hold (a finished run's model, its results), however long it lives on.
        for signal in (self.event, self.finished, self.failed, self.ended):
            if self.isSignalConnected(QMetaMethod.fromSignal(signal)):
                signal.disconnect()
        # Dropped here, in the GUI thread; the job (and its QThread) goes when its last Python
        # reference does, never while its thread runs.
        _live_jobs.discard(self)


class BackgroundWorker:
    """Runs an app session's jobs (``app.jobs.Worker``): ``work(emit)`` in a
    ``BackgroundJob``; ``deliver`` gets each event and ``done`` what the work returned (or a
    ``WorkFailed``), in the GUI thread, once the job's thread has finished."""

    def start(
        self,
        work: Work,
        name: str,
        deliver: Callable[[object], None],
        done: Callable[[object], None],
    ) -> BackgroundJob:
        job = BackgroundJob(work, name=name)
        answer: list[object] = []
        job.event.connect(deliver)
        job.finished.connect(answer.append)
        job.failed.connect(lambda error: answer.append(WorkFailed(error.message)))
        job.ended.connect(lambda _job: done(answer[0] if answer else None))
        return job.start()


def live_jobs() -> list[BackgroundJob]:
    """Jobs started and not yet finished (their threads are running or about to end)."""
    return list(_live_jobs)


def wait_for_background_jobs(timeout_ms: int = 10_000) -> bool:
    """At exit: wait for every job still running, so no running QThread is ever destroyed."""
    return all(job.wait(timeout_ms) for job in list(_live_jobs))


_exit_watched = False


def _watch_application_exit() -> None:
    global _exit_watched
    app = QCoreApplication.instance()
    if app is not None and not _exit_watched:
        app.aboutToQuit.connect(wait_for_background_jobs)
        _exit_watched = True
