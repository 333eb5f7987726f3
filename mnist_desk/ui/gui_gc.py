"""Python's cycle collector runs in the GUI thread only.

CPython collects cycles in whichever thread happens to allocate when a threshold is crossed.
When that is a worker thread (the model loader, the trainer) and the garbage holds Qt objects,
their C++ destructors run there, and can deadlock with the GUI thread: seen in CI as the loader
thread inside ~QObject waiting for the GIL while the GUI thread, holding the GIL, waited in
~QObject for the same object's lock. So automatic collection is switched off and a timer in the
GUI thread collects instead, with the interpreter's own thresholds.

pyqtgraph ships the same idea (``pyqtgraph.util.garbage_collector``); it is not used here
because importing pyqtgraph costs about half a second before the window could show.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Disables automatic collection; collects generations on a GUI-thread timer."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)
        gc.disable()

    def collect(self) -> None:
        counts = gc.get_count()
        generation = -1
        for gen in range(3):  # a generation is due when its count passed its threshold
            if counts[gen] > self.thresholds[gen]:
                generation = gen
            else:
                break
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def collect_in_gui_thread(app: QCoreApplication | None = None) -> GuiThreadCollector:
    """Install the collector once per application (idempotent); returns it."""
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    existing = app.findChild(GuiThreadCollector)
    if existing is not None:
        return existing
    return GuiThreadCollector(app)
