"""A training run without Qt (what the training session's background job runs): throttled step
reports, phases, one ended event with the end-of-run analysis, cancelling, names, snapshots."""

from __future__ import annotations

import pytest

from mnist_desk.app.training_events import (
    Evaluated,
    FiltersSnapshot,
    Phase,
    PhaseChanged,
    RunEnded,
    RunStarted,
    StepsDone,
)
from mnist_desk.app.training_run import TrainingRun
from mnist_desk.app.training_session import checkpoint_path_for
from mnist_desk.training import Trainer, TrainingSettings
from tests.support import offline_downloads, shared_data_dir, tiny_settings


@pytest.fixture(scope="module")
def data_dir():
    return shared_data_dir()


def tiny(**changes) -> TrainingSettings:
    return tiny_settings(**{"max_steps": 40, **changes})


def test_steps_are_batched_and_the_end_carries_the_worst_mistakes(data_dir, tmp_path):
    run = TrainingRun.ordinary(
        tiny(), run_id=7, data_dir=data_dir, output=tmp_path / "m.pt", min_interval_s=10
    )
    events = []
    ended = run.run(events.append)  # synchronously, in this thread
    reports = [e for e in events if isinstance(e, StepsDone)]
    evals = [e for e in events if isinstance(e, Evaluated)]
    phases = [e.phase for e in events if isinstance(e, PhaseChanged)]
    assert phases == [Phase.LOADING, Phase.TRAINING, Phase.TESTING, Phase.ANALYSING]
    assert isinstance(events[0], RunStarted) and events[0].total_steps == 40
    assert events[-1] is ended and isinstance(ended, RunEnded)  # one ended event, last
    assert {e.run_id for e in events if hasattr(e, "run_id")} == {7}

    steps = [event.step for batch in reports for event in batch.steps]
    assert steps == list(range(1, 41))  # every step arrives, in order, none twice
    # With a 10 s interval steps are only flushed before evaluations and at the end.
    assert len(reports) <= len(evals) + 2
    assert ended.status == "completed" and not ended.problem
    outcome = ended.outcome
    assert outcome.result.checkpoint == str(tmp_path / "m.pt")
    assert (tmp_path / "m.json").is_file()
    assert outcome.result.images_seen == reports[-1].steps[-1].images_seen > 40 * 32
    assert outcome.result.parameters > 0
    assert 0 < len(outcome.mistakes) <= 24
    confidences = [m.confidence for m in outcome.mistakes]
    assert confidences == sorted(confidences, reverse=True)
    assert all(m.true_label != m.predicted for m in outcome.mistakes)
    assert outcome.mistakes[0].image.shape == (28, 28)
    assert not any(isinstance(e, FiltersSnapshot) for e in events)  # not asked for


def test_filter_snapshots_come_at_the_redraw_rate_when_asked_for(data_dir, tmp_path):
    run = TrainingRun.ordinary(
        tiny(arch="cnn", max_steps=20),
        data_dir=data_dir,
        min_interval_s=0,
        snapshots=True,
        analyse=False,
    )
    run.snapshot_interval_s = 0  # every report (the app's is the curves' redraw rate)
    events = []
    run.run(events.append)
    snapshots = [e for e in events if isinstance(e, FiltersSnapshot)]
    assert snapshots and snapshots[-1].weights.shape[1:] == (1, 5, 5)  # the first convolution
    assert snapshots[0].weights.dtype.name == "float32"
    assert not (snapshots[0].weights == snapshots[-1].weights).all()  # they learn
    reported = [e.steps[-1].step for e in events if isinstance(e, StepsDone)]
    assert [s.step for s in snapshots] == reported[: len(snapshots)]


def test_cancel_before_start_reports_nothing(data_dir, tmp_path):
    run = TrainingRun.ordinary(tiny(), data_dir=data_dir, output=tmp_path / "m.pt")
    events = []
    run.cancel(keep=False)
    assert run.run(events.append) is None
    assert isinstance(events[0], RunStarted)  # then at most phases: no step, no evaluation
    assert all(isinstance(event, PhaseChanged) for event in events[1:])
    assert not (tmp_path / "m.pt").exists()


def test_stop_before_the_first_step_ends_the_run_as_stopped(data_dir, tmp_path):
    run = TrainingRun.ordinary(tiny(), data_dir=data_dir, output=tmp_path / "m.pt")
    run.cancel(keep=True)
    ended = run.run(lambda event: None)
    assert ended.status == "stopped" and not ended.problem
    assert ended.outcome is None or not ended.outcome.result.checkpoint  # nothing to keep


def test_invalid_settings_end_the_run_with_the_reason(tmp_path):
    ended = TrainingRun.ordinary(tiny(optimizer="nope"), output=tmp_path / "m.pt").run(
        lambda event: None
    )
    assert ended.status == "failed" and "optimizer" in ended.problem


def test_without_mnist_a_run_tries_the_download_once_and_says_why_it_failed(tmp_path, monkeypatch):
    """The run loaded MNIST in a helper thread (so a cancel is not held up), dropped its error
    and let the trainer load again: offline, every Start tried the download twice (slow where a
    network times out), and so did each contender of a comparison."""
    tried = offline_downloads(monkeypatch)
    run = TrainingRun.ordinary(
        tiny(), data_dir=tmp_path / "data", download=True, output=tmp_path / "m.pt"
    )
    ended = run.run(lambda event: None)
    assert len(tried) == 1
    assert ended.status == "failed" and ended.problem.startswith("MNIST was not found in ")
    assert "download failed: offline" in ended.problem and not (tmp_path / "m.pt").exists()


def test_checkpoint_names_are_timestamped_and_never_reused(tmp_path):
    settings = tiny()
    first = checkpoint_path_for(settings, tmp_path)
    assert first.parent == tmp_path
    assert first.name.startswith("classifier-mlp-") and first.suffix == ".pt"
    first.write_bytes(b"")
    assert checkpoint_path_for(settings, tmp_path) != first


def test_a_bug_in_the_loop_ends_the_run_with_a_message_naming_the_log(
    data_dir, tmp_path, monkeypatch
):
    def broken(self):
        raise KeyError("a bug in the loop")

    monkeypatch.setattr(Trainer, "_run", broken)
    run = TrainingRun.ordinary(tiny(), data_dir=data_dir, output=tmp_path / "m.pt")
    ended = run.run(lambda e: None)
    assert ended.status == "failed" and "KeyError" in ended.problem
