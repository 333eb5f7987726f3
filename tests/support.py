"""Helpers shared by the core tests (plain functions, so they import without fixtures)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WEIGHTS = REPO / "resources" / "weights"


def shared_data_dir() -> Path:
    """Real MNIST for tests: $MNIST_DESK_DATA, else ../shared/datasets beside the checkout."""
    path = Path(os.environ.get("MNIST_DESK_DATA") or REPO.parent / "shared" / "datasets")
    if not (path / "MNIST" / "raw").is_dir():
        raise RuntimeError(f"tests need real MNIST in {path}/MNIST/raw (set MNIST_DESK_DATA)")
    return path


def mnist_test_digits(count: int | None = None):
    """Official MNIST test digits as uint8 (N, 28, 28) white-on-black, with labels."""
    from mnist_desk.data.mnist_files import read_split

    data, targets = read_split(shared_data_dir(), "t10k")
    if count is not None:
        data, targets = data[:count], targets[:count]
    return data.numpy(), targets.numpy()


def tiny_settings(**changes):
    """A training run small enough for a unit test: 2,000 images, a few dozen steps, one thread."""
    from mnist_desk.training import TrainingSettings

    values = {
        "arch": "mlp",
        "max_steps": 40,
        "batch_size": 64,
        "train_subset": 2000,
        "val_subset": 500,
        "test_subset": 500,
        "num_threads": 1,  # tests run beside other work on small machines; more threads only contend
    }
    values.update(changes)
    return TrainingSettings(**values)


def offline_downloads(monkeypatch) -> list:
    """Every download of MNIST fails as it does offline; the list holds each one tried."""
    from mnist_desk.data import mnist_files

    tried = []

    def offline(root):
        tried.append(root)
        raise mnist_files.DataUnavailableError(
            mnist_files._missing_data_message(
                root, mnist_files.DOWNLOAD_FAILED(why="offline"), tried=True
            )
        )

    monkeypatch.setattr(mnist_files, "download_mnist", offline)
    return tried


def press(qtbot, button) -> None:
    """Click ``button`` as a person does (a disabled button ignores it)."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def start_by_button(qtbot, panel, settings) -> bool:
    """Put ``settings`` in the Train tab's form and press Start; True if a run started."""
    panel.set_settings(settings)
    press(qtbot, panel.run_controls.start_button)
    return panel.is_running


def open_panel(qtbot, **folders):
    """A shown Train tab (``TrainingPanel(**folders)``: its data and models folders) whose
    choices have been read; the caller shuts it down."""
    from mnist_desk.ui.train.training_panel import TrainingPanel

    panel = TrainingPanel(**folders)
    panel.ask_before_closing = False
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    # The trained classifiers and devices are read in the background, as the tab opens.
    qtbot.waitUntil(lambda: panel.form.choices_ready, timeout=30_000)
    return panel


def shrink_to_minimum(qtbot, widget) -> None:
    """Resize ``widget`` to its minimum size hint until it holds there: the hint moves while the
    layouts settle (a language just switched to widens or narrows the texts), so one resize to it
    may leave the widget at an old minimum and a wait for equality time out."""

    def at_minimum() -> bool:
        widget.resize(widget.minimumSizeHint())
        return widget.size() == widget.minimumSizeHint()

    qtbot.waitUntil(at_minimum)


def status_message(window) -> str:
    """The status bar's message as a person reads it: where the line ends in "…" (no more room
    before the model's name), the whole message is in the bar's tip."""
    bar = window.statusBar()
    shown = bar.currentMessage()
    return bar.toolTip() if shown.endswith("…") and bar.toolTip() else shown
