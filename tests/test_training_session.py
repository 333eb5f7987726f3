"""The app's training session without Qt: every run (ordinary, personal, a comparison's
contenders) starts, pauses, stops and ends there, and reports typed events in order; requests
that cannot start are refused at once, saying why; the adder verdict; exports."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
from dataclasses import replace

import pytest
import torch

from mnist_desk.app.comparison import Comparison, Contender, adder_verdict, final_val_error
from mnist_desk.app.jobs import InlineWorker
from mnist_desk.app.run_exports import format_duration, history_csv, run_report
from mnist_desk.app.training_events import (
    ComparisonEnded,
    ComparisonStarted,
    Evaluated,
    PhaseChanged,
    RunEnded,
    RunKind,
    RunOutcome,
    RunStarted,
    RunState,
    StartProblem,
    StateChanged,
    StepsDone,
    controls_for,
)
from mnist_desk.app.training_session import TrainingSession, read_train_choices, start_problem
from mnist_desk.training import TrainingResult, TrainingSettings
from tests.support import shared_data_dir, tiny_settings


class ManualWorker:
    """Holds a job until the test runs it (``run_job``): the state between requests shows."""

    def __init__(self):
        self.jobs = []

    def start(self, work, name, deliver, done):
        self.jobs.append((work, deliver, done))
        return self

    def run_job(self):
        work, deliver, done = self.jobs.pop(0)
        done(work(deliver))

    def wait(self, timeout_ms):
        return True

    def discard(self):
        self.jobs.clear()


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    return tmp_path / "models"


def session_with(worker=None, **options):
    session = TrainingSession(worker or InlineWorker(), data_dir=shared_data_dir(), **options)
    heard = []
    session.on_event(heard.append)
    return session, heard


def result(
    accuracy: float | None, val_error: float = 0.1, elapsed: float = 5.0, task="transfer", **test
):
    return TrainingResult(
        "completed",
        "done",
        {"task": task, "arch": "mlp", "seed": 0},
        10,
        elapsed,
        val_error,
        None if accuracy is None else {"accuracy": accuracy, **test},
        None,
        {
            "train": [{"step": 1, "epoch": 0.1, "time": 0.5, "loss": 2.3, "error": 0.9}],
            "val": [{"step": 10, "epoch": 1.0, "time": 5.0, "loss": 0.4, "error": val_error}],
        },
    )


def test_a_run_reports_typed_events_in_order_and_saves_its_model(models_dir):
    session, heard = session_with()
    assert session.start(tiny_settings(max_steps=20)) is None  # InlineWorker: it ran to the end
    kinds = [type(e) for e in heard]
    assert kinds[0] is StateChanged and heard[0].state is RunState.RUNNING
    assert kinds[1] is RunStarted and heard[1].name == "#1 MLP"
    assert heard[1].kind is RunKind.ORDINARY and heard[1].total_steps == 20
    assert kinds[-2:] == [RunEnded, StateChanged] and heard[-1].state is RunState.IDLE
    assert sum(kind is RunEnded for kind in kinds) == 1  # one ending, carrying the outcome
    steps = [s.step for e in heard if isinstance(e, StepsDone) for s in e.steps]
    assert steps == list(range(1, 21))
    assert any(isinstance(e, Evaluated) for e in heard)
    assert kinds.index(StepsDone) > kinds.index(PhaseChanged)
    ended = heard[-2]
    assert ended.status == "completed" and ended.outcome is session.last_outcome
    assert ended.outcome.result.checkpoint.startswith(str(models_dir))
    assert session.run_count == 1 and not session.is_running


def test_the_controls_follow_the_run_through_its_lifecycle(models_dir):
    worker = ManualWorker()
    session, heard = session_with(worker)
    assert session.state is RunState.IDLE and session.controls.start
    assert session.start(tiny_settings(max_steps=5000)) is None
    assert session.state is RunState.RUNNING and session.is_running
    assert controls_for(session.state) == session.controls
    assert not session.controls.start and session.controls.pause and session.controls.stop
    assert session.start(tiny_settings()).problem is StartProblem.BUSY  # one run at a time
    assert session.compare_adders(tiny_settings(), "c.pt").problem is StartProblem.BUSY

    session.pause()
    assert session.state is RunState.PAUSED and session.controls.resume
    session.toggle_pause()
    assert session.state is RunState.RUNNING and not session.controls.resume
    session.stop()
    assert session.state is RunState.STOPPING
    assert not session.controls.pause and not session.controls.stop and not session.controls.start
    states = [e.state for e in heard if isinstance(e, StateChanged)]
    assert states == [RunState.RUNNING, RunState.PAUSED, RunState.RUNNING, RunState.STOPPING]

    worker.run_job()  # the run starts stopped: it ends at once, as stopped
    ended = next(e for e in heard if isinstance(e, RunEnded))
    assert ended.status == "stopped" and not ended.problem
    assert session.state is RunState.IDLE and session.controls.start


def test_requests_that_cannot_start_are_refused_at_once_saying_why(models_dir, tmp_path):
    assert start_problem(TrainingSettings(task="classifier", arch="mlp")) is None
    transfer = TrainingSettings(task="transfer", arch="mlp", init_from=None)
    assert start_problem(transfer) is StartProblem.NO_CLASSIFIER_FOR_TRANSFER
    assert start_problem(replace(transfer, init_from="c.pt")) is None
    deit = TrainingSettings(task="classifier", arch="deit", distill="hard", teacher=None)
    assert start_problem(deit) is StartProblem.NO_TEACHER

    worker = ManualWorker()
    session, heard = session_with(worker)
    assert session.start(transfer).problem is StartProblem.NO_CLASSIFIER_FOR_TRANSFER
    bad = session.start(tiny_settings(optimizer="nope"))
    assert bad.problem is StartProblem.INVALID and "optimizer" in bad.detail
    refused = session.start_personal()  # no store of digits: none to learn from
    assert refused.problem is StartProblem.NOT_ENOUGH_DIGITS and "at least" in refused.detail
    assert worker.jobs == [] and heard == [] and session.state is RunState.IDLE


def test_closing_discards_the_run_and_reports_nothing_more(models_dir):
    worker = ManualWorker()
    session, heard = session_with(worker)
    session.start(tiny_settings(max_steps=5000))
    assert session.close() and session.state is RunState.IDLE
    assert heard[-1] == StateChanged(RunState.IDLE, controls_for(RunState.IDLE))
    assert worker.jobs == []  # discarded: its events would not be delivered
    assert session.start(tiny_settings(max_steps=5)) is None  # the session is ready again


def small_comparison(steps: int = 6) -> Comparison:
    budget = tiny_settings(max_steps=steps, batch_size=32, val_subset=200, test_subset=200)
    return Comparison(
        "learning rates",
        steps,
        [
            Contender("slow", "lr 1e-4", replace(budget, lr=1e-4)),
            Contender("fast", "lr 3e-3", replace(budget, lr=3e-3)),
        ],
        judge_by_accuracy,
    )


def judge_by_accuracy(comparison, results):
    tested = [r for r in results if r.tested]
    return max(tested, key=lambda r: r.test_accuracy).contender.key if tested else None


def test_a_comparison_runs_its_contenders_one_after_another_and_judges_them(models_dir):
    session, heard = session_with()
    assert session.compare("learning rates", small_comparison) is None
    started = [e for e in heard if isinstance(e, RunStarted)]
    assert [(e.name, e.kind, e.contender) for e in started] == [
        ("lr 1e-4", RunKind.CONTENDER, 0),
        ("lr 3e-3", RunKind.CONTENDER, 1),
    ]
    [begun] = [e for e in heard if isinstance(e, ComparisonStarted)]
    assert begun.names == ("lr 1e-4", "lr 3e-3") and begun.steps == 6
    [end] = [e for e in heard if isinstance(e, ComparisonEnded)]
    outcome = end.outcome
    assert outcome.verdict in ("slow", "fast") and not outcome.stopped
    for contender in outcome.results:
        assert contender.status == "completed" and 0 <= contender.test_accuracy <= 1
        assert contender.images_per_second > 0 and contender.parameters > 10_000
        assert len(contender.history["train"]) == 6
    assert session.run_count == 2 and session.state is RunState.IDLE and not session.comparing


def test_stop_ends_the_contender_in_progress_and_the_rest(models_dir):
    session, heard = session_with()
    session.on_event(lambda e: session.stop() if isinstance(e, StepsDone) else None)
    session.compare("learning rates", lambda: small_comparison(steps=2000))
    [end] = [e for e in heard if isinstance(e, ComparisonEnded)]
    first, second = end.outcome.results
    assert first.status == "stopped" and second.status == "not run" and end.outcome.stopped
    assert sum(isinstance(e, RunStarted) for e in heard) == 1


def test_a_comparison_that_cannot_be_planned_says_why(models_dir, tmp_path):
    session, heard = session_with()
    missing = str(tmp_path / "gone.pt")
    session.compare_adders(tiny_settings(), None, budget=tiny_settings(init_from=missing))
    [end] = [e for e in heard if isinstance(e, ComparisonEnded)]
    assert "gone.pt" in end.outcome.problem and end.outcome.results == []
    refused = session.compare_adders(tiny_settings(), None, budget=tiny_settings())
    assert refused.problem is StartProblem.NO_CLASSIFIER_FOR_COMPARISON

    def bug():
        raise ZeroDivisionError("a bug in a plan")

    session.compare("broken", bug)  # a bug: logged, and the session is ready again
    assert session.state is RunState.IDLE and not session.comparing


def test_a_personal_fine_tune_runs_through_the_session_and_carries_its_report(models_dir, tmp_path):
    from benchmarks.personal_hand import hand_digits
    from mnist_desk.personal.recipe import PersonalSettings
    from mnist_desk.personal.store import MyDigitsStore

    store = MyDigitsStore(tmp_path / "mine")
    for d in hand_digits(10):
        store.add(d.image28, d.label, source="generated")
    session, heard = session_with(my_digits=store, models_dir=models_dir)
    session.personal_settings = PersonalSettings(
        steps=6, evals=2, val_subset=100, test_subset=200, num_threads=1
    )
    assert session.start_personal() is None
    [started] = [e for e in heard if isinstance(e, RunStarted)]
    assert started.kind is RunKind.PERSONAL and started.total_steps == 6
    [ended] = [e for e in heard if isinstance(e, RunEnded)]
    result = ended.outcome.result
    assert ended.status == "completed" and result.personal.personal_count == 50
    assert result.checkpoint.startswith(str(models_dir / "classifier-convnet-mine-"))
    assert len([s for e in heard if isinstance(e, StepsDone) for s in e.steps]) == 6


def test_exports_hold_every_logged_point_and_the_metrics():
    run = result(0.97, val_error=0.05)
    rows = list(csv.reader(io.StringIO(history_csv(run))))
    assert rows[0] == ["split", "step", "epoch", "time", "loss", "error"]
    assert [row[0] for row in rows[1:]] == ["train", "val"] and rows[2][-1] == "0.05"
    report = run_report(run)
    assert report["test"] == {"accuracy": 0.97} and report["elapsed_s"] == 5.0
    assert format_duration(65) == "1:05" and format_duration(3725) == "1:02:05"
    assert format_duration(-3) == "0:00"
    assert RunOutcome("#1", run).mistakes == []


def test_the_verdict_names_the_winner_the_gap_and_the_ratio():
    verdict = adder_verdict(result(0.96, 0.05), result(0.70, 0.31, task="scratch"), 1000)
    assert verdict.decided and verdict.winner == "transfer" and verdict.loser == "scratch"
    assert verdict.gap == pytest.approx(0.26) and verdict.ratio == pytest.approx(7.5)
    assert verdict.final_val_error == {"transfer": 0.05, "scratch": 0.31}
    assert verdict.scratch_digits is None and not verdict.tie

    perfect = adder_verdict(result(0.9), result(1.0, task="scratch"), 10)
    assert perfect.winner == "scratch" and math.isinf(perfect.ratio)
    assert adder_verdict(result(0.9), result(0.9, task="scratch"), 10).tie

    none = adder_verdict(result(0.9), None, 10)
    assert not none.decided and none.missing == ("scratch",)
    untested = adder_verdict(result(None), result(None, task="scratch"), 10)
    assert untested.missing == ("transfer", "scratch")


def test_the_verdict_reads_how_well_the_scratch_adder_reads_digits():
    scratch = result(
        0.95,
        task="scratch",
        digit_test_accuracy=0.4,
        digit_test_accuracy_matched=0.97,
        digit_matching=[1, 0, *range(2, 10)],
    )
    reading = adder_verdict(result(0.98), scratch, 100).scratch_digits
    assert reading.accuracy == 0.4 and reading.matched_accuracy == 0.97
    assert not reading.outputs_are_digits


def test_the_adders_are_planned_transfer_first_on_one_budget():
    from mnist_desk.app.comparison import plan_adders

    plan = plan_adders(TrainingSettings(max_steps=8, batch_size=16, seed=3), "c.pt", "mlp")
    assert plan.steps == 8 and [c.key for c in plan.contenders] == ["transfer", "scratch"]
    transfer, scratch = (c.settings for c in plan.contenders)
    assert transfer.init_from == "c.pt" and "(mlp)" in plan.contenders[0].name
    assert scratch.max_steps == 8 and scratch.seed == 3


def test_final_val_error_is_the_last_validation_point():
    assert final_val_error(result(0.9, val_error=0.2)) == 0.2
    empty = result(0.9)
    empty.history["val"] = []
    assert final_val_error(empty) is None


def test_the_app_layer_imports_no_qt():
    code = (
        "import sys, mnist_desk.app.training_session, mnist_desk.app.comparison;"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_train_tabs_cpu_names_a_runs_threads_not_the_listing_threads(monkeypatch):
    # The window lists devices from a job thread running torch on one core; a run takes more.
    from mnist_desk.support import acceleration

    monkeypatch.setattr(acceleration, "training_threads", lambda cores=None, *, interactive: 3)
    torch.set_num_threads(1)
    assert read_train_choices().devices[0].title == "CPU (3 threads)"
