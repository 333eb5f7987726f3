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
        ("--lr nan", "finite"),
        ("--weight-decay -1", "weight decay"),
        ("--label-smoothing 2", "label smoothing"),
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
