"""Row 5, the child process: the GUI thread's timer lateness while a training run works in a worker.

``python -m benchmarks.gui_training --seconds S`` opens the app's main window (offscreen) with its
training panel as a tab, waits for the window's model to load, draws a stroke on each canvas (read
by the window's model in the GUI thread, as a person's drawing is), measures an idle baseline, then
presses start: ``TrainingPanel.start()`` with the form's default settings, the app's own
TrainingRun in a BackgroundJob's QThread, live plots and progress updated from its events. A
10 ms precise QTimer on the GUI thread records how late every tick comes (interval - 10 ms). After S seconds the
run is stopped without saving (``TrainingPanel.shutdown``). The last stdout line is JSON.

``--preset quick|standard`` picks the Train tab's preset first, as a user would; with
``--until-finished`` the run goes to its end (saved to a temporary models folder) and the time from
pressing start to the finished result, the Trainer's own clock and the test accuracy come back too.
``--train-threads N`` overrides the window's choice of training threads.

Without the app's GUI (``mnist_desk.ui``), a plain window with a pyqtgraph curve and a worker
object in a QThread wrapping the core Trainer stand in (STYLE.md's worker-object pattern).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time

from benchmarks.common import lateness_stats, peak_rss_mib

TICK_MS = 10


class _Fallback:
    """A window with a live loss curve, and the core Trainer in a worker object in a QThread."""

    def __init__(self, data_dir: str, threads: int):
        import pyqtgraph as pg
        from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
        from PySide6.QtWidgets import QMainWindow

        from mnist_desk.training import StepEvent, Trainer, default_settings

        class TrainingWorker(QObject):
            event = Signal(object)
            done = Signal()

            def __init__(self, settings):
                super().__init__()
                self.trainer = Trainer(settings, self.event.emit, data_dir=data_dir)

            @Slot()
            def run(self):
                try:
                    self.trainer.run()
                finally:
                    self.done.emit()

        self.window = QMainWindow()
        plot = pg.PlotWidget(title="training loss")
        self.curve = plot.plot([], [])
        self.window.setCentralWidget(plot)
        self.window.resize(1060, 780)
        self.settings = default_settings("classifier", "convnet")
        self.settings.num_threads = threads
        self.worker = TrainingWorker(self.settings)
        self.thread = QThread()
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self.thread.quit)
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.redraw = QTimer()
        self.redraw.setInterval(66)
        self.redraw.timeout.connect(lambda: self.curve.setData(self.xs, self.ys))
        self.step_type = StepEvent
        self.worker.event.connect(self._on_event)
        self.steps_seen = None  # set by main

    def _on_event(self, event) -> None:
        if isinstance(event, self.step_type):
            self.xs.append(event.step)
            self.ys.append(event.loss)
            self.steps_seen([event])

    def ready(self) -> bool:
        return True

    def start(self) -> None:
        self.redraw.start()
        self.thread.start()

    def stop(self) -> None:
        self.worker.trainer.controls.cancel(keep=False)
        self.thread.quit()
        self.thread.wait()

    name = "fallback: plain window, pyqtgraph curve, QThread worker wrapping the core Trainer"


class _AppGui:
    """The app's MainWindow and its TrainingPanel on the current tab: what a user sees and clicks."""

    def __init__(self, data_dir: str, home: str):
        from mnist_desk.ui.gui_gc import collect_in_gui_thread
        from mnist_desk.ui.settings import AppSettings
        from mnist_desk.ui.shell.main_window import MainWindow

        collect_in_gui_thread()  # as the app does
        self.window = MainWindow(
            data_dir=data_dir, models_dir=home, settings=AppSettings(f"{home}/settings.ini")
        )
        self.window.resize(1060, 780)
        self.data_dir, self.home = data_dir, home
        self.name = "the app's MainWindow and its TrainingPanel"
        self.steps_seen = None
        self.settings = None
        self.panel = None

    def draw_digits(self) -> None:
        """As a person does before training: a stroke on each canvas, read by the window's model
        in this (the GUI) thread."""
        for canvas in self.window.canvases:
            canvas.add_stroke([(0.5, 0.2), (0.52, 0.8)])
        self.window.predict_now()

    def ready(self) -> bool:
        """The window's model has loaded, and its own training tab is there (if it makes one)."""
        if self.window.predictor is None and self.window.loading:
            return False
        return getattr(self.window, "training_panel", None) is not None or not hasattr(
            self.window, "training_panel"
        )

    def _find_panel(self):
        from PySide6.QtWidgets import QTabWidget

        from mnist_desk.ui.train.training_panel import TrainingPanel

        panel = getattr(self.window, "training_panel", None)
        if panel is None:
            found = self.window.findChildren(TrainingPanel)
            panel = found[0] if found else None
        if panel is None:  # a window without a training tab of its own: add one, as the app will
            panel = TrainingPanel(data_dir=self.data_dir, models_dir=self.home)
            self.window.add_tab(panel, "Train")
            self.name = "the app's MainWindow + a TrainingPanel added as a tab here"
        for tab_widget in self.window.findChildren(QTabWidget):
            index = tab_widget.indexOf(panel)
            if index >= 0:
                tab_widget.setCurrentIndex(index)  # the user is looking at the live curves
        return panel

    def start(self, preset: str | None = None, threads: int | None = None) -> None:
        self.panel = self._find_panel()
        if preset is not None:
            box = self.panel.form.preset_box
            box.setCurrentIndex(box.findData(preset))
        if threads:
            self.panel.form._base.num_threads = threads
        self.settings = self.panel.settings_from_form()  # the form's defaults, as a user starts
        from mnist_desk.app.training_events import StepsDone

        # The run's events: the step batches (mnist_desk.app.training_events.StepsDone).
        self.panel.session.on_event(
            lambda event: (
                self.steps_seen(list(event.steps)) if isinstance(event, StepsDone) else None
            )
        )
        if not self.panel.start():
            raise RuntimeError("the training panel did not start a run")

    def stop(self) -> None:
        self.panel.shutdown(10_000)
        self.window.close()  # as a user quits: the window stops its own threads


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--idle-seconds", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=1, help="for the fallback worker only")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--fallback", action="store_true", help="do not use mnist_desk.ui")
    parser.add_argument("--preset", choices=("quick", "standard"), help="the Train tab's preset")
    parser.add_argument("--until-finished", action="store_true", help="run to the end")
    parser.add_argument("--train-threads", type=int, help="override the window's thread count")
    args = parser.parse_args()
    from mnist_desk.support.allocator import reuse_freed_memory

    reuse_freed_memory()  # as the app's entry (cli.main) sets it for the window and the CLI alike

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from mnist_desk.training import eval_share

    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = tempfile.mkdtemp(prefix="mnist-desk-bench-")
    gui = None
    if not args.fallback:
        try:
            gui = _AppGui(args.data_dir, home)
        except ImportError as e:
            print(f"app GUI not available ({e}); using the fallback", file=sys.stderr)
    if gui is None:
        gui = _Fallback(args.data_dir, args.threads)
    gui.window.show()

    seen = {"images": 0, "steps": 0, "elapsed": 0.0, "first_step": None}
    lateness: dict[str, list[float]] = {"waiting": [], "idle": [], "training": [], "stopping": []}
    phase = {"name": "waiting"}
    last = [time.perf_counter()]

    def on_steps(events) -> None:
        if events:
            e = events[-1]
            seen.update(images=e.images_seen, steps=e.step, elapsed=e.elapsed)
            if seen["first_step"] is None:
                seen["first_step"] = len(lateness["training"])  # ticks before the first step

    gui.steps_seen = on_steps

    def tick() -> None:
        now = time.perf_counter()
        lateness[phase["name"]].append(now - last[0] - TICK_MS / 1000)
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)

    def start_idle() -> None:
        if not gui.ready():  # the window's model is still loading in its worker thread
            QTimer.singleShot(50, start_idle)
            return
        if hasattr(gui, "draw_digits"):
            gui.draw_digits()
        phase["name"] = "idle"
        QTimer.singleShot(int(args.idle_seconds * 1000), start_training)

    finished: dict[str, float] = {}

    def wait_for_the_end() -> None:
        if gui.panel.is_running:
            QTimer.singleShot(20, wait_for_the_end)
            return
        finished["wall_s"] = time.perf_counter() - finished["pressed"]
        finished["gui_cpu_s"] = time.thread_time() - finished["gui_cpu_at_start"]  # this thread's
        outcome = gui.panel.last_outcome
        if outcome is not None:
            finished["trainer_s"] = outcome.result.elapsed
            finished["steps"] = outcome.result.steps
            test = outcome.result.test or {}
            finished["test_accuracy"] = test.get("accuracy")
            finished["eval_share"] = eval_share(outcome.result.history, outcome.result.elapsed)
        stop()

    def start_training() -> None:
        phase["name"] = "training"
        finished["pressed"] = time.perf_counter()
        finished["gui_cpu_at_start"] = time.thread_time()
        if isinstance(gui, _AppGui):
            gui.start(args.preset, args.train_threads)
        else:
            gui.start()
        if args.until_finished:
            QTimer.singleShot(20, wait_for_the_end)
        else:
            QTimer.singleShot(int(args.seconds * 1000), stop)

    def stop() -> None:
        phase["name"] = "stopping"
        gui.stop()
        app.quit()

    ticker.start()
    last[0] = time.perf_counter()
    QTimer.singleShot(0, start_idle)
    QTimer.singleShot(int((args.seconds + 120) * 1000), app.quit)  # never hang
    app.exec()

    training = lateness["training"]
    first = len(training) if seen["first_step"] is None else seen["first_step"]
    settings = gui.settings
    out = {
        "gui": gui.name,
        "idle": lateness_stats(lateness["idle"]),
        "training": lateness_stats(training),
        "before_first_step": lateness_stats(training[:first]),
        "after_first_step": lateness_stats(training[first:]),
        "steps": seen["steps"],
        "images": seen["images"],
        "train_elapsed_s": seen["elapsed"],
        "arch": f"{settings.task}-{settings.arch}" if settings else "?",
        "train_threads": settings.num_threads if settings else None,
        "batch_size": settings.batch_size if settings else None,
        "peak_rss_mib": peak_rss_mib(),
        "finished": finished,
    }
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
