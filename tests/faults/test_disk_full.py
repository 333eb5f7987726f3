"""The disk fills up while a trained model is saved: the old checkpoint is intact, no temp file is
left, and the user is told in one line."""

from __future__ import annotations

import errno

import pytest

from mnist_desk.cli.main import main
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.support import fileio
from mnist_desk.training import FailedEvent, Trainer
from tests.faults.helpers import temp_files
from tests.support import tiny_settings


@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic write fails with ENOSPC after its first bytes, as on a full disk."""
    real_fdopen = fileio.os.fdopen

    class FullDisk:
        def __init__(self, file):
            self.file = file

        def write(self, data):
            self.file.write(data[:1000])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.file.__exit__(*exc)

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode="r": FullDisk(real_fdopen(fd, mode)))


def test_a_full_disk_keeps_the_old_checkpoint_and_says_so(
    good_checkpoint, data_dir, full_disk, capsys
):
    before = good_checkpoint.read_bytes()
    args = ["train", "--data-dir", str(data_dir), "--arch", "mlp", "--steps", "5"]
    args += ["--train-subset", "500", "--val-subset", "200", "--test-subset", "200", "-q"]
    assert main([*args, "--threads", "1", "-o", str(good_checkpoint)]) == 1
    err = capsys.readouterr().err.strip()
    assert "No space left on device" in err and str(good_checkpoint) in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert good_checkpoint.read_bytes() == before
    assert load_checkpoint(good_checkpoint).arch == "lenet5"
    assert temp_files(good_checkpoint.parent) == []


def test_the_trainer_reports_a_full_disk_as_a_failure_not_a_crash(
    good_checkpoint, data_dir, full_disk
):
    events = []
    trainer = Trainer(
        tiny_settings(max_steps=5), events.append, data_dir=data_dir, output=good_checkpoint
    )
    assert trainer.run() is None
    (failed,) = [e for e in events if isinstance(e, FailedEvent)]
    assert "No space left on device" in failed.message and "test accuracy" in failed.message
    assert load_checkpoint(good_checkpoint).arch == "lenet5"
