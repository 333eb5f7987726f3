"""Row 14, the child process: the Inside dock in the app's real window (offscreen).

``python -m benchmarks.inside_window --model NAME`` opens the main window with the dock shown and
draws the drawn-digit set's first ten digits (0-9) on the first canvas point by point through the
drawing session, as the pen does; every 4 points is a canvas change: the window reads the canvas
(``predict_now``, what its 100 ms throttle calls), the dock asks its background job for the inside
view and the heatmaps, and the time runs until the dock has drawn the answer.

``--map`` instead opens the dock's map page for 10,000 test digits with an empty cache, and a
10 ms precise QTimer on the GUI thread records how late each tick comes until the t-SNE map is
drawn: the time to the PCA map, to the t-SNE map, and the ticks' lateness. The last stdout line
is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

POINTS_PER_CHANGE = 4
TICK_MS = 10


def spin_until(app, condition, timeout_s: float = 120.0) -> None:
    end = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not answer in time")
        app.processEvents()
        time.sleep(0.0005)


def open_window(model: str, folder: str):
    from mnist_desk.store.catalog import resolve_model
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.app import make_application
    from mnist_desk.ui.shell.main_window import MainWindow

    app = make_application()
    window = MainWindow(
        settings=AppSettings(os.path.join(folder, "settings.ini")),
        models_dir=os.path.join(folder, "models"),
        model=str(resolve_model(model).path),
    )
    window.resize(1500, 900)
    window.show()
    spin_until(app, lambda: window.predictor is not None)
    window.inside.show()
    return app, window


def live(model: str, folder: str) -> dict:
    from mnist_desk.evaluation.drawn_set import drawn_digits

    app, window = open_window(model, folder)
    dock, session = window.inside, window.drawing
    times, answers = [], []
    for digit in drawn_digits(10):
        session.clear(0)
        for paper in digit.strokes:  # in canvas coordinates already (0..1, y down)
            session.begin_stroke(0, *paper[0])
            for k, point in enumerate(paper[1:], 1):
                session.extend_stroke(0, *point)
                if k % POINTS_PER_CHANGE == 0 or k == len(paper) - 1:
                    start = time.perf_counter()
                    window.predict_now()
                    wanted = dock._next_id
                    spin_until(
                        app, lambda w=wanted: dock.answer is not None and dock.answer.id >= w
                    )
                    times.append(time.perf_counter() - start)
                    answers.append(dock.answer.seconds)
            session.end_stroke(0, digit.pen_width)
    window.close()
    return {"model": model, "changes": len(times), "seconds": times, "worker_seconds": answers}


def map_run(model: str, folder: str, count: int) -> dict:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from mnist_desk.inspection.projection import TSNE_ITERATIONS, free_cores
    from mnist_desk.support.acceleration import cpu_has_native_bf16

    os.environ["MNIST_DESK_CACHE"] = os.path.join(folder, "cache")
    app, window = open_window(model, folder)
    window.drawing.add_stroke(0, [(0.2, 0.2), (0.8, 0.2), (0.45, 0.9)], 0.08)
    window.predict_now()
    dock = window.inside
    dock.map_view.count = count
    late: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        late.append(max(0, now - last[0] - TICK_MS))
        last[0] = now

    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    start = time.perf_counter()
    dock.pages.setCurrentWidget(dock.map_view)
    spin_until(app, lambda: dock.map_view.shown is not None, 300)
    pca_s = time.perf_counter() - start
    threads = free_cores()  # what the job asks for as its t-SNE starts, just now
    spin_until(app, lambda: dock.map_view.shown.final and not dock.map_view.busy, 600)
    tsne_s = time.perf_counter() - start
    timer.stop()
    shown = dock.map_view.shown
    window.close()
    return {
        "model": model,
        "count": count,
        "pca_s": pca_s,
        "ready_s": tsne_s,
        "method": shown.data_map.method,
        "tsne_iterations": "+".join(map(str, TSNE_ITERATIONS)),
        "tsne_threads": threads,
        "feature_dtype": "bfloat16" if cpu_has_native_bf16() else "float32",
        "lateness_ms": late,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="classifier-convnet")
    parser.add_argument("--map", action="store_true")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as folder:
        out = map_run(args.model, folder, args.count) if args.map else live(args.model, folder)
    out["cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # the window's jobs are stopped; skip interpreter teardown of Qt objects


if __name__ == "__main__":
    sys.exit(main())
