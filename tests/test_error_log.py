"""User errors stay messages; bugs keep their tracebacks, in a rotating log that tests redirect."""

from __future__ import annotations

import logging
import threading

import pytest

from mnist_desk.errors import UserError
from mnist_desk.support import logs
from mnist_desk.training import FailedEvent, Trainer
from tests.support import shared_data_dir, tiny_settings


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    return tmp_path / "logs"


def test_the_log_rotates_at_a_few_megabytes(log_dir):
    logs.log_message(logging.INFO, "first line")
    (handler,) = [h for h in logs.logger.handlers if hasattr(h, "maxBytes")]
    assert handler.baseFilename == str(log_dir / "mnist-desk.log")
    assert 1_000_000 <= handler.maxBytes * (handler.backupCount + 1) <= 10_000_000


def test_the_log_is_never_in_the_real_user_folder_during_tests():
    from mnist_desk.support.config import user_data_root

    assert user_data_root() not in logs.log_path().parents


def test_a_bug_in_training_is_not_flattened_into_a_message(log_dir, monkeypatch):
    def broken(self):
        raise KeyError("a bug in the training loop")

    monkeypatch.setattr(Trainer, "_run", broken)
    events = []
    trainer = Trainer(tiny_settings(), events.append, data_dir=shared_data_dir())
    with pytest.raises(KeyError, match="a bug in the training loop"):
        trainer.run()
    assert not any(isinstance(e, FailedEvent) for e in events)


def test_a_user_error_in_training_is_a_failed_event(monkeypatch):
    def refuse(self):
        raise UserError("the data folder has gone away")

    monkeypatch.setattr(Trainer, "_run", refuse)
    events = []
    assert Trainer(tiny_settings(), events.append, data_dir=shared_data_dir()).run() is None
    assert [e.message for e in events] == ["the data folder has gone away"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_exception_that_ends_a_thread_is_logged(log_dir):
    logs.install_thread_hook()

    def work():
        raise RuntimeError("a worker thread died")

    thread = threading.Thread(target=work, name="doomed")
    thread.start()
    thread.join()
    text = (log_dir / "mnist-desk.log").read_text()
    assert "thread doomed" in text and "Traceback" in text and "a worker thread died" in text


def test_an_unwritable_log_folder_still_gives_the_details(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker / "logs"))  # a folder inside a file
    try:
        raise ValueError("deep problem")
    except ValueError as e:
        message = logs.report_unexpected(e)
    assert "deep problem" in message and "Traceback" in message
