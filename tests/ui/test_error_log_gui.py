"""In the window: a bug's traceback goes to the log and the dialog says where; a training bug
reaches the Train tab as a message that names the log."""

from __future__ import annotations

import sys

import pytest

from mnist_desk.app.training_run import TrainingRun
from mnist_desk.support import logs
from mnist_desk.training import Trainer
from tests.support import tiny_settings


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    return tmp_path / "logs"


def test_an_exception_in_a_slot_is_logged_and_the_dialog_names_the_log(qtbot, log_dir, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from mnist_desk.ui.shell.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    parent = QWidget()
    qtbot.addWidget(parent)
    install_excepthook(lambda: parent)
    try:
        raise ZeroDivisionError("a slot divided by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    boxes += parent.findChildren(QMessageBox)
    (box,) = {id(b): b for b in boxes}.values()
    log = log_dir / "mnist-desk.log"
    assert str(log) in box.text()
    assert "a slot divided by zero" in log.read_text() and "Traceback" in log.read_text()
    box.close()


def test_a_bug_in_a_training_run_names_the_log(qtbot, log_dir, monkeypatch, data_dir, tmp_path):
    def broken(self):
        raise KeyError("a bug in the loop")

    monkeypatch.setattr(Trainer, "_run", broken)
    run = TrainingRun.ordinary(tiny_settings(), data_dir=data_dir, output=tmp_path / "m.pt")
    ended = run.run(lambda event: None)
    log = log_dir / "mnist-desk.log"
    assert ended.status == "failed" and ended.outcome is None
    assert str(log) in ended.problem and "KeyError" in ended.problem
    assert "a bug in the loop" in log.read_text() and "Traceback" in log.read_text()


def test_qt_warnings_go_to_the_log(qapp, log_dir):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from mnist_desk.ui.shell.app import install_qt_message_log

    install_qt_message_log()
    try:
        qWarning("a Qt warning for the log")
    finally:
        qInstallMessageHandler(None)
    assert "Qt: a Qt warning for the log" in (log_dir / "mnist-desk.log").read_text()
