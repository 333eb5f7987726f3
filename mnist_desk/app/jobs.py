"""Where the app's slow work runs: the ``Worker`` a session hands its jobs to.

A job is ``work(emit)``: it runs off the session's thread and reports through ``emit``. The
worker hands each emitted event to ``deliver`` and, once the job's thread is over, what ``work``
returned (or a ``WorkFailed``) to ``done``, both in the session's thread. In the window the
worker is ``mnist_desk.ui.background.BackgroundWorker`` (a worker QThread per job); headless,
``InlineWorker`` runs the job at once in the calling thread. Imports no torch and no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

Emit = Callable[[object], None]
Work = Callable[[Emit], object]


@dataclass(frozen=True)
class WorkFailed:
    """A job that raised (a bug: its traceback is in the log, the message says where)."""

    message: str


def describe_error(error: BaseException, where: str = "") -> str:
    """A user error's own message; for a bug, its traceback goes to the log and the message
    says where."""
    from mnist_desk.errors import is_user_error
    from mnist_desk.support.logs import report_unexpected

    if is_user_error(error):
        return str(error)
    return report_unexpected(error, where)


class Job(Protocol):
    def wait(self, timeout_ms: int) -> bool:
        """Block until the job's thread is over, up to ``timeout_ms``; True if it is."""
        ...

    def discard(self) -> None:
        """Deliver nothing more (``done`` included)."""
        ...


class Worker(Protocol):
    def start(
        self,
        work: Work,
        name: str,
        deliver: Callable[[object], None],
        done: Callable[[object], None],
    ) -> Job: ...


class _Finished:
    def wait(self, timeout_ms: int) -> bool:
        return True

    def discard(self) -> None:
        pass


class InlineWorker:
    """Runs each job at once in the calling thread (tests, scripts: no event loop needed)."""

    def start(
        self,
        work: Work,
        name: str,
        deliver: Callable[[object], None],
        done: Callable[[object], None],
    ) -> Job:
        from mnist_desk.support.logs import report_unexpected

        try:
            value = work(deliver)
        except Exception as e:  # as the window's worker does: logged, reported, survived
            value = WorkFailed(report_unexpected(e, name))
        done(value)
        return _Finished()
