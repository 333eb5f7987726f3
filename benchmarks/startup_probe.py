"""Run the app's real entry point in this fresh process and report when its window first painted.

Used by row 4 when the app has no startup probe of its own. ``python -m benchmarks.startup_probe``
calls ``mnist_desk.cli.main.main([])`` (what ``mnist-desk`` runs), with ``QApplication.exec`` wrapped
so that, once the event loop runs:

- ``window_shown``: the first Paint event of a top-level window (offscreen: its first frame);
- ``prediction_ready``: the first moment the window's ``predictor`` property is not None (the
  app loads its model in a worker thread and tries it once on a drawn digit before handing it
  over); for a window without that property, the default model is loaded here on the GUI
  thread and one ``predict_sum`` on two drawn digits has returned;

then the app quits. Times are ``time.monotonic()`` (system-wide on Linux), so the parent can
subtract the moment it started this process. The last stdout line is a JSON object.
"""

from __future__ import annotations

import json
import sys
import time


def _first_prediction(app) -> dict:
    """Make the first prediction the app could make, the way it would: on the GUI thread."""
    import numpy as np

    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.recognition.predictor import Predictor

    predictor, source = Predictor.from_model(None), "Predictor.from_model(default) in the probe"
    canvas = np.full((280, 280), 255, np.uint8)
    canvas[60:220, 130:150] = 0  # a drawn "1"
    predictor.predict_sum(picture_from_image(canvas), picture_from_image(canvas))
    return {"prediction_ready": time.monotonic(), "predictor": source}


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict = {"imported_qt": time.monotonic()}
    original_exec = QApplication.exec

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if (
                "window_shown" not in marks
                and event.type() == QEvent.Type.Paint
                and getattr(obj, "isWindow", lambda: False)()
            ):
                marks["window_shown"] = time.monotonic()
                marks["window_class"] = type(obj).__name__
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        app = QApplication.instance()
        window = next((w for w in app.topLevelWidgets() if w.isVisible()), None)
        if window is not None and hasattr(window, "predictor"):
            wait_for_window_model(app, window)  # the app loads its model itself, in a worker
            return
        try:
            marks.update(_first_prediction(app))
        except Exception as e:  # no model shipped yet, say: report it, still quit
            marks["prediction_error"] = f"{type(e).__name__}: {e}"
        app.quit()

    def wait_for_window_model(app, window) -> None:
        poll = QTimer(app)
        poll.setInterval(2)

        def check() -> None:
            if window.predictor is not None:
                marks["prediction_ready"] = time.monotonic()
                marks["predictor"] = "the window's own (loaded in its worker thread)"
            elif not window.loading:
                marks["prediction_error"] = getattr(window, "last_error", "") or "no model loaded"
            else:
                return
            poll.stop()
            window.close()  # the app's own shutdown: stops its loader thread before the exit
            app.quit()

        poll.timeout.connect(check)
        poll.start()

    def probing_exec(*args):
        app = QApplication.instance()
        marks["exec"] = time.monotonic()
        watcher = FirstPaint(app)
        app.installEventFilter(watcher)
        QTimer.singleShot(30_000, app.quit)  # never hang a benchmark on a window that never paints
        return original_exec()

    QApplication.exec = probing_exec
    from mnist_desk.cli import main as cli

    code = None
    try:
        code = cli.main([])
    except SystemExit as e:
        code = e.code
    print(json.dumps({**marks, "exit": code}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
