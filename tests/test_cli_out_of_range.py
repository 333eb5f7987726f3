"""Values out of range are refused with a message naming the option, before any data loads:
not a traceback reported as a bug, not a run that trains nothing, and not one that never ends."""

from __future__ import annotations

import shlex

import pytest

from mnist_desk.cli.main import main


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ("--steps 0", "--steps"),
        ("--steps -1", "--steps"),
        ("--train-subset 0", "--train-subset"),  # an epoch of no batches never ended
        ("--val-subset 0", "--val-subset"),
        ("--test-subset 0", "--test-subset"),
        ("--threads 0", "--threads"),
        ("--threads -2", "--threads"),
        ("--patience -1", "--patience"),
        ("--lr nan", "--lr"),
        ("--lr 0", "--lr"),
        ("--epochs 0", "--epochs"),
        ("--epochs -2", "--epochs"),
        ("--epochs nan", "--epochs"),  # was a traceback: a step count of NaN
        ("--epochs inf", "--epochs"),  # was a traceback: a step count of infinity
        ("--batch-size 0", "--batch-size"),
        ("--weight-decay -1", "--weight-decay"),
        ("--weight-decay nan", "--weight-decay"),
        ("--label-smoothing 2", "--label-smoothing"),
        ("--aug-degrees nan", "--aug-degrees"),  # was "training diverged" after loading MNIST
        ("--aug-degrees -5", "--aug-degrees"),
        ("--aug-translate 1.5", "--aug-translate"),
        ("--aug-scale 1", "--aug-scale"),  # a zoom of 0
        ("--aug-scale -0.1", "--aug-scale"),
        ("--synthetic-digits -1", "--synthetic-digits"),
        ("--pairs-per-epoch 0", "--pairs-per-epoch"),
        ("--head-lr-scale 0", "--head-lr-scale"),
        ("--distill-temperature 0", "--distill-temperature"),
        ("--distill-alpha 1.5", "--distill-alpha"),
    ],
)
def test_train_refuses_an_out_of_range_value_before_loading_data(
    capsys, tmp_path, monkeypatch, options, named
):
    monkeypatch.setenv("MNIST_DESK_LOG_DIR", str(tmp_path / "logs"))
    argv = ["train", *shlex.split(options), "--data-dir", str(tmp_path / "none"), "--no-download"]
    code = main([*argv, "--models-dir", str(tmp_path / "models")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert named in err and "MNIST" not in err and "bug" not in err
    assert not (tmp_path / "logs" / "mnist-desk.log").exists()


def test_a_step_budget_leaves_the_epochs_unread(capsys, tmp_path):
    argv = ["train", "--epochs", "0", "--steps", "5", "--data-dir", str(tmp_path / "none")]
    assert main([*argv, "--no-download"]) == 1
    assert "MNIST was not found" in capsys.readouterr().err  # past the settings, to the data


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ("--epochs 0", "--epochs"),
        ("--epochs -1", "--epochs"),
        ("--batch-size 0", "--batch-size"),
        ("--width 0", "--width"),
        ("--digit-outputs 3", "--digit-outputs"),
        ("--lr 0", "--lr"),
        ("--lr -0.1", "--lr"),
        ("--lr nan", "--lr"),
        ("--weight-decay -1", "--weight-decay"),
        ("--weight-decay inf", "--weight-decay"),
        ("--redrawn -5", "--redrawn"),  # a slice [:-5]: all but the last five, silently
        ("--templates -1", "--templates"),
        ("--negatives -1", "--negatives"),
        ("--turned -1", "--turned"),
        ("--pen-shapes nan", "--pen-shapes"),
        ("--pen-shapes 1.5", "--pen-shapes"),
        ("--reject-share -0.1", "--reject-share"),
        ("--reject-share nan", "--reject-share"),
        ("--redrawn-reject-share 2", "--redrawn-reject-share"),
        ("--val-subset 0", "--val-subset"),
    ],
)
def test_train_gate_refuses_an_out_of_range_value_before_loading_data(
    capsys, tmp_path, monkeypatch, options, named
):
    monkeypatch.setenv("MNIST_DESK_LOG_DIR", str(tmp_path / "logs"))
    argv = ["train-gate", *shlex.split(options), "-o", str(tmp_path / "gate.pt")]
    code = main([*argv, "--data-dir", str(tmp_path / "none"), "--no-download"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert named in err and "MNIST" not in err and "bug" not in err
    assert not (tmp_path / "logs" / "mnist-desk.log").exists()
    assert not (tmp_path / "gate.pt").exists()


def test_train_gate_names_a_missing_starting_classifier_before_loading_data(capsys, tmp_path):
    missing = tmp_path / "missing.pt"
    argv = ["train-gate", "--init-from", str(missing), "-o", str(tmp_path / "gate.pt")]
    assert main([*argv, "--data-dir", str(tmp_path / "none"), "--no-download"]) == 1
    assert f"{missing}: no such checkpoint file" in capsys.readouterr().err


def test_train_gate_with_its_defaults_gets_past_its_settings(capsys, tmp_path):
    argv = ["train-gate", "-o", str(tmp_path / "gate.pt"), "--data-dir", str(tmp_path / "none")]
    assert main([*argv, "--no-download"]) == 1
    assert "MNIST was not found" in capsys.readouterr().err  # refused by the data, not a setting


def test_compare_refuses_a_step_budget_of_nothing(capsys, tmp_path):
    argv = ["compare", "--archs", "mlp,lenet5", "--steps", "0", "--no-download"]
    code = main([*argv, "--data-dir", str(tmp_path / "none")])
    err = capsys.readouterr().err
    assert code == 1 and "--steps" in err and "MNIST" not in err


@pytest.mark.parametrize("command", ["calibrate x.pt", "gate-threshold x.pt --reject-share 0.1"])
def test_the_gate_and_calibration_commands_refuse_a_thread_count_below_one(capsys, command):
    assert main([*shlex.split(command), "--threads", "0"]) == 1
    assert "--threads" in capsys.readouterr().err


@pytest.mark.parametrize("model_args", [{"bogus": 3}, {"width": -4}])
def test_architecture_settings_that_cannot_build_the_model_are_the_users_to_fix(model_args):
    from mnist_desk.errors import SettingsError
    from mnist_desk.training import TrainingSettings
    from mnist_desk.training.checkpointing import initial_model

    with pytest.raises(SettingsError, match="--model-arg"):
        initial_model(TrainingSettings(arch="convnet", model_kwargs=model_args))


@pytest.mark.parametrize("subset", ["0", "-5"])  # -5 was all but the last five, silently
def test_evaluate_refuses_a_subset_below_one_as_a_usage_error(capsys, subset):
    with pytest.raises(SystemExit) as usage:
        main(["evaluate", "classifier-quick", "--subset", subset, "--no-download"])
    assert usage.value.code == 2
    assert "--subset: must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ("--reject-share -0.1", "--reject-share"),
        ("--reject-share nan", "--reject-share"),
        ("--reject-share 0.1 --redrawn-reject-share 2", "--redrawn-reject-share"),
    ],
)
def test_gate_threshold_refuses_a_share_out_of_range_before_reading_the_gate(
    capsys, tmp_path, options, named
):
    argv = ["gate-threshold", str(tmp_path / "gate.pt"), *shlex.split(options)]
    code = main([*argv, "--data-dir", str(tmp_path / "none"), "--no-download"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert named in err and "gate.pt" not in err and "MNIST was not found" not in err
