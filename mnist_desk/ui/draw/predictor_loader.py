"""The model session's worker in the window: its catalog reads and model loads run one at a time
as ``BackgroundJob``s (``mnist_desk.ui.background``, the app's one way to work off the GUI
thread), and what they return goes back to the ``ModelSession`` in the GUI thread.

Everything that imports torch happens in those jobs, after the window is shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from mnist_desk.app.model_session import LoadRequest, catalog_work, load_work
from mnist_desk.ui.background import BackgroundJob

STOP_WAIT_MS = 60_000  # closing waits this long for a model load under way (it cannot be cut)


def _on_one_core(work: Callable) -> Callable:
    """``work`` running torch on one core: a training run beside it keeps OpenMP's fast path
    (``acceleration.single_threaded_here`` says why)."""

    def on_one_core(emit: Callable[[object], None]) -> object:
        from mnist_desk.support.acceleration import (
            single_threaded_here,  # torch: in the job's thread
        )

        single_threaded_here()
        return work(emit)

    return on_one_core


class BackgroundModelWorker(QObject):
    """A ``ModelWorker``: queues the session's work and runs it in background jobs, in order."""

    def __init__(self, receive: Callable[[object], None], parent: QObject | None = None):
        super().__init__(parent)
        self._receive = receive  # called in the GUI thread with each job's result
        self._queue: deque[tuple[str, Callable]] = deque()
        self.job: BackgroundJob | None = None
        self._stopped = False

    def discover(self, models_dir: str) -> None:
        self._submit("reading the models", catalog_work(models_dir))

    def load(self, request: LoadRequest) -> None:
        self._submit(f"loading {request.path}", load_work(request))

    def stop(self) -> None:
        """Run nothing more; wait for a job under way (a load cannot be interrupted)."""
        self._stopped = True
        self._queue.clear()
        if self.job is not None:
            self.job.stop_now(STOP_WAIT_MS)

    @property
    def busy(self) -> bool:
        return self.job is not None or bool(self._queue)

    def _submit(self, name: str, work: Callable) -> None:
        if not self._stopped:
            self._queue.append((name, _on_one_core(work)))
            self._start_next()

    def _start_next(self) -> None:
        if self.job is not None or not self._queue or self._stopped:
            return
        name, work = self._queue.popleft()
        self.job = BackgroundJob(work, name=f"mnist-desk {name}")
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.job.ended.connect(self._on_ended)
        self.job.start()

    @Slot(object)
    def _on_finished(self, answer: object) -> None:
        self._receive(answer)

    @Slot(object)
    def _on_failed(self, error) -> None:
        # The work functions answer their own errors; reaching here is a bug, already logged.
        pass

    @Slot(object)
    def _on_ended(self, job: BackgroundJob) -> None:
        if job is self.job:
            self.job = None
            self._start_next()
