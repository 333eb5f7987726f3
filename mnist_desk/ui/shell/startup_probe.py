"""``MNIST_DESK_STARTUP_PROBE=1``: the app times its own start, for the benchmarks, then quits.

It prints ``startup-probe window-shown T`` at the first paint of the main window and
``startup-probe prediction-ready T`` once its model has loaded (``T = time.monotonic()``, which
processes share on Linux), then closes the window. benchmarks/startup.py (row 4) and
benchmarks/frozen_startup.py (row 17, the standalone app against the virtual environment) read
these lines; the probe is in the app so that a frozen build, which cannot run a benchmark
script, is timed the same way.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer

PROBE_ENV = "MNIST_DESK_STARTUP_PROBE"
GIVE_UP_MS = 60_000  # a window that never paints or loads still ends the run


def probe_requested() -> bool:
    return os.environ.get(PROBE_ENV) == "1"


def say(mark: str) -> None:
    print(f"startup-probe {mark} {time.monotonic():.6f}", flush=True)


class StartupProbe(QObject):
    """Watches ``window`` (the MainWindow): its first Paint, then its model, then quits."""

    def __init__(self, app, window):
        super().__init__(window)
        self.app, self.window = app, window
        self.painted = False
        window.installEventFilter(self)
        self.poll = QTimer(self)
        self.poll.setInterval(2)
        self.poll.timeout.connect(self._check_model)
        QTimer.singleShot(GIVE_UP_MS, self._finish)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            say("window-shown")
            self.poll.start()
        return False

    def _check_model(self) -> None:
        if self.window.predictor is not None:
            say("prediction-ready")
        elif self.window.loading:
            return
        self._finish()

    def _finish(self) -> None:
        self.poll.stop()
        self.window.close()  # the app's own shutdown: stops its loader thread first
        self.app.quit()
