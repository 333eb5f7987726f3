"""Compare architectures through the app's training session, headless: contenders one after
another with typed events, then the verdict with each saved model's drawn digits."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mnist_desk.app.arch_plan import ARCHITECTURES, plan_architectures
from mnist_desk.app.arch_verdict import ArchitectureVerdict, verdict_lines
from mnist_desk.app.jobs import InlineWorker
from mnist_desk.app.training_events import (
    ComparisonEnded,
    ComparisonStarted,
    Evaluated,
    RunEnded,
    RunKind,
    RunStarted,
    StartProblem,
)
from mnist_desk.app.training_session import TrainingSession
from mnist_desk.errors import SettingsError
from mnist_desk.store.checkpoints import metrics_path
from mnist_desk.training.arch_comparison import default_budget
from tests.support import offline_downloads, shared_data_dir


def tiny_budget(steps: int = 12):
    return replace(
        default_budget(),
        max_steps=steps,
        batch_size=32,
        train_subset=1000,
        val_subset=200,
        test_subset=300,
        evals_per_epoch=1,
        num_threads=1,
    )


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    return tmp_path / "models"


def test_two_architectures_train_in_turn_and_are_judged(models_dir):
    session = TrainingSession(InlineWorker(), data_dir=shared_data_dir())
    heard = []
    session.on_event(heard.append)
    assert session.compare_architectures("mlp,lenet5", tiny_budget()) is None  # ran inline

    started = [e for e in heard if isinstance(e, ComparisonStarted)]
    assert [(e.kind, e.steps, e.names) for e in started] == [
        (ARCHITECTURES, 12, ("MLP", "LeNet-5"))
    ]
    runs = [e for e in heard if isinstance(e, RunStarted)]
    assert [(r.kind, r.contender, r.settings.arch) for r in runs] == [
        (RunKind.CONTENDER, 0, "mlp"),
        (RunKind.CONTENDER, 1, "lenet5"),
    ]
    for run in runs:  # each contender validates and ends, in turn
        assert any(isinstance(e, Evaluated) and e.run_id == run.run_id for e in heard)
    ended = [e for e in heard if isinstance(e, RunEnded)]
    assert [e.status for e in ended] == ["completed", "completed"]
    assert heard.index(ended[0]) < heard.index(runs[1])

    outcome = next(e for e in heard if isinstance(e, ComparisonEnded)).outcome
    verdict = outcome.verdict
    assert isinstance(verdict, ArchitectureVerdict) and not verdict.stopped
    assert [r.arch for r in verdict.rows] == ["mlp", "lenet5"]
    for row in verdict.rows:
        assert 0.0 < row.test_accuracy <= 1.0 and 0.0 <= row.drawn_digits <= 1.0
        assert row.parameters > 1000 and row.seconds > 0 and row.images_per_second > 0
        # The drawn figure is kept with the saved model, as the Models tab keeps its own.
        metrics = json.loads(metrics_path(row.checkpoint).read_text())
        assert metrics["drawn"]["digit_accuracy"] == row.drawn_digits
    assert verdict.rows[0].parameters != verdict.rows[1].parameters
    assert verdict.decided and "after 12 steps each" in verdict_lines(verdict)[0]
    assert not session.is_running and not session.comparing


def test_an_unknown_architecture_is_refused_before_anything_trains(models_dir):
    session = TrainingSession(InlineWorker(), data_dir=shared_data_dir())
    heard = []
    session.on_event(heard.append)
    refused = session.compare_architectures("mlp,nosuch", tiny_budget())
    assert (
        refused.problem is StartProblem.INVALID and "unknown architecture nosuch" in refused.detail
    )
    assert heard == [] and not session.is_running
    with pytest.raises(SettingsError, match="at least two"):
        plan_architectures(["vit"])


def test_without_mnist_a_comparison_stops_at_the_first_contender_and_says_why(
    models_dir, tmp_path, monkeypatch
):
    """Every contender failed in turn on the same missing MNIST (the message once each, a
    download tried twice each), and the comparison then "finished" with no problem of its own:
    `mnist-desk compare` printed a table of dashes and "No verdict". The first contender's
    failure to read MNIST ends the comparison, with that as its problem."""
    tried = offline_downloads(monkeypatch)
    session = TrainingSession(InlineWorker(), data_dir=tmp_path / "data", download=True)
    heard = []
    session.on_event(heard.append)
    assert session.compare_architectures("mlp,lenet5", tiny_budget()) is None
    assert len(tried) == 1 and sum(isinstance(e, RunStarted) for e in heard) == 1
    outcome = next(e for e in heard if isinstance(e, ComparisonEnded)).outcome
    assert outcome.problem.startswith("MNIST was not found in ")
    assert [r.status for r in outcome.results] == ["failed", "not run"]
    assert not session.is_running and not session.comparing


def test_a_measurement_that_fails_leaves_the_row_without_drawn_digits_and_says_why(models_dir):
    def broken(path):
        raise OSError("disk full")

    session = TrainingSession(InlineWorker(), data_dir=shared_data_dir())
    comparison = plan_architectures("mlp,lenet5", tiny_budget(4), drawn=broken)
    heard = []
    session.on_event(heard.append)
    session.compare(ARCHITECTURES, lambda: comparison)
    verdict = next(e for e in heard if isinstance(e, ComparisonEnded)).outcome.verdict
    assert all(r.drawn_digits is None and "disk full" in r.problem for r in verdict.rows)
    assert verdict.decided  # tested all the same
