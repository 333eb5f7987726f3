"""Ctrl-C during a training run (``train``, ``train --my-digits``): the first is the window's
Stop, the second interrupts at once."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

EXIT_INTERRUPTED = 130  # a shell's status for a command ended by Ctrl-C (128 + SIGINT)


@contextlib.contextmanager
def ctrl_c_stops(controls):
    """While a run trains, the first Ctrl-C is the window's Stop (the best model so far is
    tested and saved); a second one interrupts at once and nothing is saved."""

    def stop(signum, frame) -> None:
        signal.signal(signal.SIGINT, previous)  # the next Ctrl-C interrupts
        print(
            "\nstopping: the best model so far is tested and saved (Ctrl-C again: quit at once, "
            "saving nothing)",
            file=sys.stderr,
            flush=True,
        )
        controls.cancel(keep=True)

    if (
        threading.current_thread() is not threading.main_thread()  # handlers live there
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler  # e.g. ignored
    ):
        yield
        return
    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
