"""The log file: every unexpected exception with its traceback, wherever it happened.

User errors (``mnist_desk.errors.UserError``) are shown as one line and not logged; anything else
is a bug, and its traceback lands here, in a rotating file in the user's data folder (a few MB at
most), so that a one-line message on screen never loses the details. No Qt here: the GUI hooks
(``sys.excepthook``, Qt's message handler) live in ``mnist_desk.ui.shell.app`` and call into this.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from mnist_desk.support.config import user_data_root

LOG_DIR_ENV = "MNIST_DESK_LOG_DIR"  # tests and portable installs point the log elsewhere
LOG_NAME = "mnist-desk.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 2  # mnist-desk.log, .log.1, .log.2: at most 6 MB

logger = logging.getLogger("mnist_desk")
_lock = threading.Lock()


def log_path() -> Path:
    """Where the log is written: ``$MNIST_DESK_LOG_DIR`` or ``<user data folder>/logs``."""
    folder = os.environ.get(LOG_DIR_ENV)
    return (Path(folder).expanduser() if folder else user_data_root() / "logs") / LOG_NAME


def _handler_for(path: Path) -> logging.Handler | None:
    """The file handler for ``path``, created on first use (and swapped if the path changed)."""
    with _lock:
        for handler in logger.handlers:
            if getattr(handler, "baseFilename", None) == str(path.absolute()):
                return handler
        for handler in list(logger.handlers):
            if isinstance(handler, RotatingFileHandler):
                logger.removeHandler(handler)
                handler.close()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
            )
        except OSError:
            return None
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(threadName)s] %(message)s")
        )
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # the terminal shows our own one-line message, not the record
        return handler


def log_exception(
    error: BaseException,
    where: str = "",
    tb: TracebackType | None = None,
) -> Path | None:
    """Write ``error`` with its traceback to the log; the log's path, or None if it is unwritable."""
    path = log_path()
    handler = _handler_for(path)
    if handler is None:
        return None
    exc_info = (type(error), error, tb or error.__traceback__)
    logger.error("unexpected error%s", f" in {where}" if where else "", exc_info=exc_info)
    handler.flush()
    return path if path.exists() else None


def log_message(level: int, text: str) -> None:
    """A line in the log (e.g. a Qt warning), without a traceback."""
    if _handler_for(log_path()) is not None:
        logger.log(level, text)


def unexpected_error_message(error: BaseException, log: Path | None) -> str:
    """What the user reads about a bug: what happened in one line, and where the details are."""
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = (
        f"The details are in {log}."
        if log is not None
        else "The log could not be written, so the details follow:\n"
        + "".join(traceback.format_exception(type(error), error, error.__traceback__))
    )
    return f"unexpected error ({what}). This is a bug in mnist-desk; please report it. {where}"


def report_unexpected(error: BaseException, where: str = "") -> str:
    """Log ``error`` and return the message to show for it."""
    return unexpected_error_message(error, log_exception(error, where))


def install_thread_hook() -> None:
    """Exceptions that end a Python thread go to the log (and still to stderr, as before)."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            name = args.thread.name if args.thread is not None else "a thread"
            log_exception(args.exc_value, f"thread {name}", args.exc_traceback)
        previous(args)

    if getattr(threading.excepthook, "__module__", "") != __name__:
        threading.excepthook = hook


__all__ = [
    "LOG_DIR_ENV",
    "install_thread_hook",
    "log_exception",
    "log_message",
    "log_path",
    "report_unexpected",
    "unexpected_error_message",
]
