"""Only a training run's thread runs torch on several cores; the GUI thread and the model loader
use one (acceleration.single_threaded_here says why: OpenMP's fast path for the training run)."""

from __future__ import annotations

import threading

import pytest
import torch

from mnist_desk.app import model_session
from mnist_desk.ui.training_worker import TrainingJob, TrainingWorker
from tests.support import tiny_settings


@pytest.fixture
def fresh_process_threads():
    """As a fresh app process starts: every thread would run torch on 2 cores (the tests' own
    default, one, comes back afterwards)."""
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(1)


def test_the_window_and_its_model_loader_run_torch_on_one_core(
    fresh_process_threads, make_window, monkeypatch
):
    loader_threads = []
    real_load = model_session.load_predictor

    def load_and_count(path, device):
        predictor = real_load(path, device)
        loader_threads.append((threading.current_thread(), torch.get_num_threads()))
        return predictor

    monkeypatch.setattr(model_session, "load_predictor", load_and_count)
    make_window()
    assert torch.get_num_threads() == 1  # the GUI thread, once the catalog has arrived
    ((thread, count),) = loader_threads
    assert thread is not threading.main_thread() and count == 1


def test_a_training_run_uses_its_threads_and_the_thread_starting_it_one(
    fresh_process_threads, data_dir, tmp_path, qtbot
):
    settings = tiny_settings(num_threads=2, max_steps=6, batch_size=32)
    worker = TrainingWorker(settings, data_dir=data_dir, output=tmp_path / "m.pt", analyse=False)
    assert torch.get_num_threads() == 1  # the GUI thread gave up its OpenMP team
    counts = []
    report = worker.trainer.callback
    worker.trainer.callback = lambda event: (counts.append(torch.get_num_threads()), report(event))
    job = TrainingJob(worker)
    with qtbot.waitSignal(job.ended, timeout=60_000):
        job.start()
    assert counts and set(counts) == {2}
    assert torch.get_num_threads() == 1
