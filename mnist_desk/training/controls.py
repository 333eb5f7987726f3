"""Start/pause/stop for a run that works in a worker thread while the window stays live."""

from __future__ import annotations

import threading
import time


class RunSwitches:
    """Thread-safe switches a run holds (pause, resume, cancel; the Train tab's buttons are the
    view's ``ui.train.run_controls.RunControls``): called from any thread (the GUI's), read by the run.

    One object may be handed to several runs in turn (the contenders of a comparison): a pause
    or a cancel then reaches whichever of them runs now, and a cancel ends the rest too."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._discard = False
        self._resume = threading.Event()
        self._resume.set()

    def cancel(self, keep: bool = True) -> None:
        """Stop after the current step. With ``keep``, the best model so far is tested and saved;
        without, the run ends at once and nothing is saved (e.g. the app is closing)."""
        self._discard = not keep
        self._cancel.set()
        self._resume.set()

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def discarded(self) -> bool:
        """Cancelled without keeping anything: nothing is to be tested, saved or reported."""
        return self._cancel.is_set() and self._discard

    def wait_if_paused(self) -> float:
        """Block while paused; return the seconds spent paused so they can be left out of timings."""
        if self._resume.is_set():
            return 0.0
        start = time.perf_counter()
        while not self._resume.wait(0.05):
            pass
        return time.perf_counter() - start
