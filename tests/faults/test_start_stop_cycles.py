"""50 start/stop cycles of a GUI training run, some stopped (the model kept), some ended as when
the window closes mid-run: no crash, no thread left behind, and resident memory bounded."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from tests.support import press, start_by_button, tiny_settings

CYCLES = 50
RSS_GROWTH_LIMIT_MB = 50
RUN_TIMEOUT_MS = 120_000


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def native_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def python_threads() -> int:
    return sum(not isinstance(t, threading._DummyThread) for t in threading.enumerate())


@pytest.mark.slow  # about 45 s on 2 busy cores: 50 real runs of a tiny model
def test_fifty_start_stop_cycles_leak_no_threads_and_little_memory(
    qtbot, data_dir, tmp_path, monkeypatch, gui_thread_gc
):
    from mnist_desk.ui.train.training_panel import TrainingPanel

    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    panel = TrainingPanel(data_dir=data_dir)
    panel.ask_before_closing = False
    qtbot.addWidget(panel)
    panel.show()
    settings = tiny_settings(max_steps=100_000, train_subset=1000, val_subset=200, test_subset=200)

    def cycle(i: int) -> None:
        assert start_by_button(qtbot, panel, settings)
        if i % 5 == 0:  # now and then mid-run, after a step; otherwise while it starts up
            qtbot.waitUntil(
                lambda: panel.run_controls.progress.value() >= 1, timeout=RUN_TIMEOUT_MS
            )
        if i % 2:  # as when the window closes mid-run: nothing saved, the thread joined
            assert panel.shutdown()
        else:  # Stop: the best model so far (if any step ran) is tested and saved
            press(qtbot, panel.run_controls.stop_button)
            qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)

    for i in range(4):  # warm up: data, model code, plots and allocator pools
        cycle(i)
    qtbot.wait(50)
    gc.collect()
    rss_before, native_before, python_before = rss_mb(), native_threads(), python_threads()

    for i in range(CYCLES):
        cycle(i)
    qtbot.wait(100)  # deferred deletions
    gc.collect()
    growth = rss_mb() - rss_before
    print(
        f"RSS growth over {CYCLES} cycles: {growth:.1f} MB; threads {native_before} -> "
        f"{native_threads()}"
    )
    assert growth < RSS_GROWTH_LIMIT_MB
    from mnist_desk.ui.background import live_jobs

    qtbot.waitUntil(lambda: not live_jobs(), timeout=10_000)  # every run's thread has ended
    assert all(t.isFinished() for t in panel.findChildren(QThread))
    assert python_threads() <= python_before
    assert native_threads() <= native_before
    assert len(panel.plots.runs) <= panel.plots.max_runs
