"""Row 15, the child process: Compare architectures in the window, timed, with the GUI thread's
timer lateness throughout.

``python -m benchmarks.gui_arch_compare --data-dir D [--archs mlp,lenet5,vit,deit] [--epochs 1]``
opens the app's MainWindow (offscreen) with its Train tab (``benchmarks.gui_training._AppGui``,
a stroke drawn on each canvas first), shows the Compare architectures view, ticks exactly the
architectures asked for, sets the epochs and presses Compare architectures, as a user does. A
10 ms precise QTimer on the GUI thread records how late every tick comes (interval - 10 ms) from
the press until the verdict shows (``ComparisonEnded``: every contender trained, tested and its
drawn digits read). ``--train-subset N``: the form's training images (a smoke run);
``--train-threads N``: instead of the window's choice of training threads. Progress goes to
stderr; the last stdout line is JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time

from benchmarks.common import lateness_stats, peak_rss_mib, temp_path

TICK_MS = 10


def recorded_verdict(verdict: dict, home: str) -> dict:
    """The verdict as the record keeps it: each model saved in the window's temporary models
    folder ``home`` named ``TMP/NAME.pt``, not by that folder's random name."""
    rows = [
        {**row, "checkpoint": temp_path(row["checkpoint"], home)} if row["checkpoint"] else row
        for row in verdict["rows"]
    ]
    return {**verdict, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--archs", default="mlp,lenet5,vit,deit")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--train-subset", type=int, default=0)
    parser.add_argument("--train-threads", type=int, help="instead of the window's thread count")
    parser.add_argument("--idle-seconds", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=900.0, help="never hang")
    args = parser.parse_args()

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.gui_training import _AppGui
    from mnist_desk.app.training_events import ComparisonEnded, PhaseChanged, RunEnded, RunStarted

    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = tempfile.mkdtemp(prefix="mnist-desk-bench-")
    gui = _AppGui(args.data_dir, home)
    gui.window.show()
    archs = args.archs.split(",")
    lateness: dict[str, list[float]] = {"waiting": [], "idle": [], "comparing": [], "after": []}
    phase = {"name": "waiting"}
    last = [time.perf_counter()]
    marks: dict[str, float] = {}
    runs: list[dict] = []
    ended: dict = {}

    def tick() -> None:
        now = time.perf_counter()
        lateness[phase["name"]].append(now - last[0] - TICK_MS / 1000)
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)

    def heard(event) -> None:
        now = time.perf_counter() - marks.get("pressed", 0.0)
        if isinstance(event, PhaseChanged | RunStarted | RunEnded | ComparisonEnded):
            what = getattr(event, "phase", None) or type(event).__name__
            print(f"{now:7.1f} s  {what}", file=sys.stderr, flush=True)
        if isinstance(event, RunStarted):
            runs.append({"name": event.name, "started_s": now, "steps": event.total_steps})
        elif isinstance(event, RunEnded) and runs:
            runs[-1].update(ended_s=now, status=event.status)
        elif isinstance(event, ComparisonEnded):
            marks["verdict"] = time.perf_counter()
            ended["outcome"] = event.outcome
            phase["name"] = "after"
            QTimer.singleShot(500, app.quit)

    def start_idle() -> None:
        if not gui.ready():
            QTimer.singleShot(50, start_idle)
            return
        gui.draw_digits()
        phase["name"] = "idle"
        QTimer.singleShot(int(args.idle_seconds * 1000), press)

    def press() -> None:
        panel = gui._find_panel()
        gui.panel = panel
        if args.train_subset:
            panel.form.subset_spin.setValue(args.train_subset)
        if args.train_threads:
            panel.form._base.num_threads = args.train_threads  # as row 5's --train-threads
        view = panel.arch_view
        panel.views.setCurrentWidget(view)  # the user watches the comparison's curves
        for arch, check in view.checks.items():
            check.setChecked(arch in archs)
        view.epochs_spin.setValue(args.epochs)
        panel.session.on_event(heard)
        phase["name"] = "comparing"
        marks["pressed"] = time.perf_counter()
        marks["gui_cpu"] = time.thread_time()
        view.compare_button.click()
        if not panel.session.comparing:
            print("the comparison did not start", file=sys.stderr)
            app.quit()

    ticker.start()
    QTimer.singleShot(0, start_idle)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    app.exec()
    gui_cpu = time.thread_time() - marks.get("gui_cpu", 0.0)
    if gui.panel is not None:
        gui.stop()

    outcome = ended.get("outcome")
    verdict = outcome.verdict if outcome is not None else None
    out = {
        "gui": gui.name,
        "archs": archs,
        "epochs": args.epochs,
        "train_subset": args.train_subset or None,
        "wall_s": marks["verdict"] - marks["pressed"] if "verdict" in marks else None,
        "gui_cpu_s": gui_cpu,
        "idle": lateness_stats(lateness["idle"]),
        "comparing": lateness_stats(lateness["comparing"]),
        "runs": runs,
        "verdict": recorded_verdict(verdict.to_dict(), home) if verdict is not None else None,
        "problem": outcome.problem if outcome is not None else "no verdict came",
        "train_threads": gui.panel.settings_from_form().num_threads if gui.panel else None,
        "peak_rss_mib": peak_rss_mib(),
    }
    print(json.dumps(out), flush=True)
    shutil.rmtree(home, ignore_errors=True)  # the models it trained: only the verdict is kept
    return 0


if __name__ == "__main__":
    sys.exit(main())
