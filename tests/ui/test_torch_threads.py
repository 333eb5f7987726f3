"""Only a training run's thread runs torch on several cores; the GUI thread and the model loader
use one (acceleration.single_threaded_here says why: OpenMP's fast path for the training run)."""

from __future__ import annotations

import threading

import pytest
import torch

from mnist_desk.app import model_session
from mnist_desk.app.model_session import LoadRequest
from mnist_desk.app.training_run import TrainingRun
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.draw.predictor_loader import BackgroundModelWorker
from tests.support import tiny_settings


@pytest.fixture
def fresh_process_threads():
    """As a fresh app process starts: every thread would run torch on 2 cores (the tests' own
    default, one, comes back afterwards)."""
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(1)


def test_the_window_runs_torch_on_one_core(fresh_process_threads, make_window):
    make_window()
    assert torch.get_num_threads() == 1  # the GUI thread, once the catalog has arrived


def test_a_model_loads_on_one_core_even_during_a_run(
    fresh_process_threads, convnet_path, qtbot, monkeypatch
):
    # During a run the process-wide default is the run's count: a new thread starts from it.
    loads = []
    real_load = model_session.load_predictor

    def load_and_count(path, device):
        predictor = real_load(path, device)
        loads.append((threading.current_thread(), torch.get_num_threads()))
        return predictor

    monkeypatch.setattr(model_session, "load_predictor", load_and_count)
    answers = []
    worker = BackgroundModelWorker(answers.append)
    worker.load(LoadRequest(1, str(convnet_path), "cpu"))
    qtbot.waitUntil(lambda: bool(answers), timeout=60_000)
    assert answers[0].predictor is not None
    ((thread, count),) = loads
    assert thread is not threading.main_thread() and count == 1
    worker.stop()


def test_a_training_run_uses_its_threads_and_the_thread_starting_it_one(
    fresh_process_threads, data_dir, tmp_path, qtbot
):
    settings = tiny_settings(num_threads=2, max_steps=6, batch_size=32)
    run = TrainingRun.ordinary(settings, data_dir=data_dir, output=tmp_path / "m.pt", analyse=False)
    assert torch.get_num_threads() == 1  # the GUI thread gave up its OpenMP team
    counts = []
    build = run.build  # the Trainer is built in the run's thread: count in its callback

    def counting(controls, report):
        return build(
            controls, lambda event: (counts.append(torch.get_num_threads()), report(event))
        )

    run.build = counting
    job = BackgroundJob(run.run, name="training", controls=run)
    with qtbot.waitSignal(job.ended, timeout=60_000):
        job.start()
    assert counts and set(counts) == {2}
    assert torch.get_num_threads() == 1
