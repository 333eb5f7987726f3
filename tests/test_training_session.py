"""The Train tab's session without Qt: the run's lifecycle and controls, what keeps settings from
starting, exports, and the adder comparison as a state machine with its verdict."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys

import pytest
import torch

from mnist_desk.app.comparison import AdderComparison, adder_verdict, final_val_error
from mnist_desk.app.training_session import (
    RunOutcome,
    RunState,
    StartProblem,
    TrainingSession,
    controls_for,
    format_duration,
    history_csv,
    read_train_choices,
    run_report,
    start_problem,
)
from mnist_desk.training import TrainingResult, TrainingSettings


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


def test_the_controls_follow_the_run_through_its_lifecycle():
    session = TrainingSession()
    assert session.state is RunState.IDLE and session.controls.start
    assert not session.controls.pause and not session.controls.stop

    name = session.begin(TrainingSettings(task="classifier", arch="mlp"))
    assert name == "#1 classifier-mlp" and session.is_running
    assert controls_for(session.state) == session.controls
    assert not session.controls.start and session.controls.pause and session.controls.stop
    assert not session.controls.resume
    with pytest.raises(RuntimeError):
        session.begin(TrainingSettings())  # one run at a time

    session.pause()
    assert session.state is RunState.PAUSED and session.controls.resume
    session.resume()
    assert session.state is RunState.RUNNING and not session.controls.resume
    session.stop()
    assert session.state is RunState.STOPPING
    assert not session.controls.pause and not session.controls.stop and not session.controls.start
    session.record(RunOutcome("#1", result(0.9, task="classifier")))
    session.ended()
    assert session.state is RunState.IDLE and session.last_outcome.name == "#1"
    assert session.begin(TrainingSettings(), "mine") == "mine" and session.run_count == 2
    session.abandon()
    assert session.state is RunState.IDLE


def test_a_run_that_could_not_be_built_leaves_the_session_idle():
    session = TrainingSession()
    session.begin(TrainingSettings())
    session.not_started()
    assert session.state is RunState.IDLE and session.controls.start


def test_what_keeps_settings_from_starting():
    assert start_problem(TrainingSettings(task="classifier", arch="mlp")) is None
    transfer = TrainingSettings(task="transfer", arch="mlp", init_from=None)
    assert start_problem(transfer) is StartProblem.NO_CLASSIFIER_FOR_TRANSFER
    transfer.init_from = "c.pt"
    assert start_problem(transfer) is None
    deit = TrainingSettings(task="classifier", arch="deit", distill="hard", teacher=None)
    assert start_problem(deit) is StartProblem.NO_TEACHER


def test_exports_hold_every_logged_point_and_the_metrics():
    run = result(0.97, val_error=0.05)
    rows = list(csv.reader(io.StringIO(history_csv(run))))
    assert rows[0] == ["split", "step", "epoch", "time", "loss", "error"]
    assert [row[0] for row in rows[1:]] == ["train", "val"] and rows[2][-1] == "0.05"
    report = run_report(run)
    assert report["test"] == {"accuracy": 0.97} and report["elapsed_s"] == 5.0
    assert format_duration(65) == "1:05" and format_duration(3725) == "1:02:05"
    assert format_duration(-3) == "0:00"


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


def test_a_comparison_runs_transfer_then_scratch_and_stops_when_told():
    budget = TrainingSettings(max_steps=8, batch_size=16, seed=3)
    comparison = AdderComparison.plan(budget, "c.pt", "mlp")
    assert comparison.steps == 8 and not comparison.finished
    name, first = comparison.next_run()
    assert first.task == "transfer" and first.init_from == "c.pt" and "(mlp)" in name
    comparison.record("transfer", result(0.9))
    _, second = comparison.next_run()
    assert second.task == "scratch" and second.max_steps == 8 and second.seed == 3
    assert comparison.next_run() is None and comparison.finished
    comparison.record("scratch", result(0.8, task="scratch"))
    assert comparison.verdict().winner == "transfer"

    stopped = AdderComparison.plan(budget, "c.pt", "mlp")
    stopped.next_run()
    stopped.stop()  # Stop during the transfer run: the scratch run never starts
    assert stopped.next_run() is None
    assert not stopped.verdict().decided and stopped.verdict().missing == ("transfer", "scratch")


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
