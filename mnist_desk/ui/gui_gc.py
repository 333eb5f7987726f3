"""Python's cycle collector runs in the GUI thread only.

CPython collects cycles in whichever thread happens to allocate when a threshold is crossed.
When that is a worker thread (the model loader, the trainer) and the garbage holds Qt objects,
their C++ destructors run there, and can deadlock with the GUI thread: seen in CI as the loader
thread inside ~QObject waiting for the GIL while the GUI thread, holding the GIL, waited in
~QObject for the same object's lock. So automatic collection is switched off and a timer in the
GUI thread collects instead, with the interpreter's own thresholds.

A full collection walks every tracked object: with torch, Qt and pyqtgraph loaded that is about
380,000 objects and 185 ms, a visible stall. So what is alive once the core has loaded (modules,
classes, torch's registries) is frozen out of collection (``gc.freeze``), and full collections
run at most once a minute; younger generations follow the interpreter's thresholds.

pyqtgraph ships the same idea (``pyqtgraph.util.garbage_collector``); it is not used here
because importing pyqtgraph costs about half a second before the window could show.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500
FULL_COLLECTION_EVERY_S = 60.0


class GuiThreadCollector(QObject):
    """Disables automatic collection; collects generations on a GUI-thread timer."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.frozen = False
        self._last_full = time.monotonic()
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
        if generation == 2 and time.monotonic() - self._last_full < FULL_COLLECTION_EVERY_S:
            generation = 1
        if generation >= 0:
            gc.collect(generation)
        if generation == 2:
            self._last_full = time.monotonic()

    def freeze_startup_objects(self) -> None:
        """Once, when the core has loaded: collect, then exempt every survivor from collection."""
        if self.frozen:
            return
        gc.collect()
        gc.freeze()
        self.frozen = True
        self._last_full = time.monotonic()

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


def freeze_startup_objects() -> None:
    """Tell the installed collector (if any) that startup is over: see the module's docstring."""
    app = QCoreApplication.instance()
    collector = app.findChild(GuiThreadCollector) if app is not None else None
    if collector is not None:
        collector.freeze_startup_objects()
