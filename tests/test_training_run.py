"""A training run without Qt (what the Train tab's background job runs): throttled step
reports, phases, the end-of-run analysis, cancelling, names."""

from __future__ import annotations

import pytest

from mnist_desk.app.training_run import Phase, TrainingRun
from mnist_desk.app.training_session import RunFailure, RunOutcome, checkpoint_path_for
from mnist_desk.training import EvalEvent, Trainer, TrainingSettings
from tests.support import shared_data_dir, tiny_settings


@pytest.fixture(scope="module")
def data_dir():
    return shared_data_dir()


def tiny(**changes) -> TrainingSettings:
    return tiny_settings(**{"max_steps": 40, **changes})


def test_steps_are_batched_and_the_end_carries_the_worst_mistakes(data_dir, tmp_path):
    run = TrainingRun(tiny(), data_dir=data_dir, output=tmp_path / "m.pt", min_interval_s=10)
    events = []
    outcome = run.run(events.append)  # synchronously, in this thread
    reports = [e for e in events if isinstance(e, list)]
    evals = [e for e in events if isinstance(e, EvalEvent)]
    phases = [e for e in events if isinstance(e, Phase)]
    assert phases == [Phase.LOADING, Phase.TRAINING, Phase.TESTING, Phase.ANALYSING]

    steps = [event.step for batch in reports for event in batch]
    assert steps == list(range(1, 41))  # every step arrives, in order, none twice
    # With a 10 s interval steps are only flushed before evaluations and at the end.
    assert len(reports) <= len(evals) + 2
    assert isinstance(outcome, RunOutcome)
    assert outcome.result.checkpoint == str(tmp_path / "m.pt")
    assert (tmp_path / "m.json").is_file()
    assert 0 < len(outcome.mistakes) <= 24
    confidences = [m.confidence for m in outcome.mistakes]
    assert confidences == sorted(confidences, reverse=True)
    assert all(m.true_label != m.predicted for m in outcome.mistakes)
    assert outcome.mistakes[0].image.shape == (28, 28)


def test_cancel_before_start_reports_nothing(data_dir, tmp_path):
    run = TrainingRun(tiny(), data_dir=data_dir, output=tmp_path / "m.pt")
    events = []
    run.cancel(keep=False)
    assert run.run(events.append) is None
    assert events[0] is Phase.LOADING  # then at most Training: no step, no evaluation
    assert all(isinstance(event, Phase) for event in events)
    assert not (tmp_path / "m.pt").exists()


def test_invalid_settings_are_refused_at_once(tmp_path):
    with pytest.raises(ValueError):
        TrainingRun(tiny(optimizer="nope"), output=tmp_path / "m.pt")


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
    failure = TrainingRun(tiny(), data_dir=data_dir, output=tmp_path / "m.pt").run(lambda e: None)
    assert isinstance(failure, RunFailure) and "KeyError" in failure.message
