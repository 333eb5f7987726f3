"""The training worker without a GUI: throttled step reports, the end-of-run analysis, names."""

from __future__ import annotations

import pytest

from mnist_desk.app.training_session import checkpoint_path_for
from mnist_desk.training import TrainingSettings
from mnist_desk.ui.training_worker import TrainingWorker
from tests.support import tiny_settings


def tiny(**changes) -> TrainingSettings:
    return tiny_settings(**{"max_steps": 40, **changes})


def test_steps_are_batched_and_the_end_carries_the_worst_mistakes(data_dir, tmp_path, qtbot):
    worker = TrainingWorker(tiny(), data_dir=data_dir, output=tmp_path / "m.pt", min_interval_s=10)
    reports, evals, outcomes, done = [], [], [], []
    worker.stepsReported.connect(reports.append)
    worker.evaluated.connect(evals.append)
    worker.finished.connect(outcomes.append)
    worker.done.connect(lambda: done.append(True))
    worker.run()  # synchronously, in this thread: signals are delivered directly

    steps = [event.step for batch in reports for event in batch]
    assert steps == list(range(1, 41))  # every step arrives, in order, none twice
    # With a 10 s interval steps are only flushed before evaluations and at the end.
    assert len(reports) <= len(evals) + 2
    assert done == [True]
    (outcome,) = outcomes
    assert outcome.result.checkpoint == str(tmp_path / "m.pt")
    assert (tmp_path / "m.json").is_file()
    assert 0 < len(outcome.mistakes) <= 24
    confidences = [m.confidence for m in outcome.mistakes]
    assert confidences == sorted(confidences, reverse=True)
    assert all(m.true_label != m.predicted for m in outcome.mistakes)
    assert outcome.mistakes[0].image.shape == (28, 28)


def test_cancel_before_start_reports_nothing_but_done(data_dir, tmp_path, qtbot):
    worker = TrainingWorker(tiny(), data_dir=data_dir, output=tmp_path / "m.pt")
    signals = []
    worker.finished.connect(lambda o: signals.append("finished"))
    worker.failed.connect(lambda failure: signals.append("failed"))
    worker.done.connect(lambda: signals.append("done"))
    worker.cancel(keep=False)
    worker.run()
    assert signals == ["done"]
    assert not (tmp_path / "m.pt").exists()


def test_invalid_settings_are_refused_at_once(tmp_path):
    with pytest.raises(ValueError):
        TrainingWorker(tiny(optimizer="nope"), output=tmp_path / "m.pt")


def test_checkpoint_names_are_timestamped_and_never_reused(tmp_path):
    settings = tiny()
    first = checkpoint_path_for(settings, tmp_path)
    assert first.parent == tmp_path
    assert first.name.startswith("classifier-mlp-") and first.suffix == ".pt"
    first.write_bytes(b"")
    assert checkpoint_path_for(settings, tmp_path) != first
