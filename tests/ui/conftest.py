"""Fixtures for the drawing-pad tests: a window on a temporary models folder, and a pen."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

LOAD_TIMEOUT_MS = 60_000  # the first window imports torch in its worker thread
JOBS_TIMEOUT_MS = 60_000  # a test's background jobs still running when it ends get this long


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """As in the app: cycles are collected in the GUI thread only (see mnist_desk.ui.gui_gc)."""
    from mnist_desk.ui.gui_gc import collect_in_gui_thread

    collector = collect_in_gui_thread(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def collect_after_each_test(gui_thread_gc):
    """The windows a test leaves behind are collected here, in the GUI thread, before the next;
    so are its background jobs (a measurement the Models tab started when a run saved a model):
    they end before the next test starts, and one that does not end fails the test."""
    from mnist_desk.ui.background import live_jobs, wait_for_background_jobs

    yield
    ended = wait_for_background_jobs(JOBS_TIMEOUT_MS)
    running = [job.name for job in live_jobs() if job.thread.isRunning()]
    gc.collect()
    assert ended, f"background jobs still running after the test: {running}"


@pytest.fixture
def message_boxes(qapp):
    """message_boxes() -> the message boxes shown now; the test's expected error dialogs, closed
    when it ends."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def shown():
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]

    yield shown
    for box in shown():
        box.close()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Real MNIST, loaded once for the session; a missing data set fails loudly."""
    from mnist_desk.data import mnist as mdata
    from tests.support import shared_data_dir

    root = shared_data_dir()
    mdata.load_splits(root)
    return root


@pytest.fixture
def models_dir(tmp_path, monkeypatch) -> Path:
    """An empty models folder of the test's own (MNIST_DESK_MODELS)."""
    folder = tmp_path / "models"
    monkeypatch.setenv("MNIST_DESK_MODELS", str(folder))
    return folder


@pytest.fixture
def panel(qtbot, data_dir, models_dir):
    """A shown Train tab on real MNIST whose choices have been read; shut down when it ends."""
    from tests.support import open_panel

    panel = open_panel(qtbot, data_dir=data_dir)
    yield panel
    assert panel.shutdown()


@pytest.fixture
def convnet_path() -> Path:
    from mnist_desk.store.catalog import default_classifier_path

    path = default_classifier_path()
    assert path.is_file(), f"needs the shipped classifier {path} (make weights)"
    return path


@pytest.fixture
def make_window(qtbot, tmp_path, convnet_path):
    """make_window(**kw) -> a shown MainWindow whose first model has loaded (convnet by default)."""
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.main_window import MainWindow

    def make(**kwargs):
        kwargs.setdefault("models_dir", str(tmp_path / "models"))
        kwargs.setdefault("settings", AppSettings(str(tmp_path / "settings.ini")))
        kwargs.setdefault("model", str(convnet_path))
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.predictor is not None, timeout=LOAD_TIMEOUT_MS)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def pen():
    """pen(canvas, [(x, y), ...], release=True, press=True): a mouse stroke in paper coordinates
    (0..1); ``press=False`` goes on with a drag whose button is still held."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def to_widget(canvas, point):
        rect = canvas.paper_rect()
        return QPointF(rect.x() + point[0] * rect.width(), rect.y() + point[1] * rect.height())

    def move(canvas, point):
        pos = to_widget(canvas, point)
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            pos,
            canvas.mapToGlobal(pos),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,  # held: QTest.mouseMove would not say so
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(canvas, event)

    def stroke(canvas, points, release=True, steps=8, press=True):
        left = Qt.MouseButton.LeftButton
        if press:
            QTest.mousePress(
                canvas, left, Qt.KeyboardModifier.NoModifier, to_widget(canvas, points[0]).toPoint()
            )
        for a, b in zip(points, points[1:], strict=False):
            for i in range(1, steps + 1):  # intermediate samples, like a real pointer
                t = i / steps
                move(canvas, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
        if release:
            QTest.mouseRelease(
                canvas,
                left,
                Qt.KeyboardModifier.NoModifier,
                to_widget(canvas, points[-1]).toPoint(),
            )

    return stroke


@pytest.fixture(scope="session")
def mnist_test_digits():
    """The first 250 MNIST test digits (load_splits().test), un-normalised to uint8 white-on-black."""
    from mnist_desk.data.mnist import load_splits
    from mnist_desk.imaging.field import MEAN, STD
    from tests.support import shared_data_dir

    test = load_splits(shared_data_dir()).test
    images = (test.images[:250, 0] * STD + MEAN).mul(255).round().clamp(0, 255).byte().numpy()
    return images, test.labels[:250].numpy()
