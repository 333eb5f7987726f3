"""The command line as a new user meets it: global options, validation order, user errors vs bugs."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main
from mnist_desk.recognition.self_test import sample_digits
from tests.support import shared_data_dir


@pytest.fixture
def digit_path():
    return str(dict(sample_digits())[3])


@pytest.mark.parametrize("device", ["tpu", "cuda:7"])
def test_device_before_the_subcommand_is_honoured(capsys, digit_path, device):
    assert main(["--device", device, "predict", digit_path]) == 1
    err = capsys.readouterr().err
    assert device in err and err.count("\n") == 1 and "Traceback" not in err


def test_device_after_the_subcommand_still_works(capsys, digit_path):
    assert main(["predict", digit_path, "--device", "tpu"]) == 1
    assert "tpu" in capsys.readouterr().err


def test_data_dir_and_no_download_before_train_are_honoured(capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    code = main(
        [
            "--data-dir",
            str(elsewhere),
            "--no-download",
            "train",
            "--steps",
            "1",
            "-q",
            "-o",
            str(tmp_path / "m.pt"),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert str(elsewhere) in err and "download not allowed" in err


def test_models_dir_before_evaluate_is_honoured(capsys, tmp_path):
    from mnist_desk.store.catalog import shipped_checkpoint

    (tmp_path / "mine.pt").write_bytes(shipped_checkpoint("classifier", "lenet5").read_bytes())
    args = ["evaluate", "mine", "--subset", "20", "--data-dir", str(shared_data_dir()), "--json"]
    assert main(["--models-dir", str(tmp_path), *args]) == 0
    assert "mine.pt" in capsys.readouterr().out


def test_a_later_option_overrides_an_earlier_one(capsys, digit_path):
    assert main(["--device", "tpu", "predict", digit_path, "--device", "cpu"]) == 0
    capsys.readouterr()


def test_unknown_architecture_is_reported_before_data_is_loaded(capsys, tmp_path):
    code = main(
        ["train", "--arch", "nosuch", "--data-dir", str(tmp_path / "none"), "--no-download"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "nosuch" in err and "architecture" in err and "MNIST" not in err


def test_a_bug_keeps_its_traceback_in_the_log_and_says_where(
    capsys, digit_path, monkeypatch, tmp_path
):
    monkeypatch.setenv("MNIST_DESK_LOG_DIR", str(tmp_path / "logs"))

    def broken(*args, **kwargs):
        raise ValueError("an internal invariant broke")

    monkeypatch.setattr("mnist_desk.recognition.predictor.Predictor.from_model", broken)
    code = main(["predict", digit_path])
    assert code not in (0, 1)  # not an ordinary user error
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "mnist-desk.log"
    assert str(log) in err and "Traceback" not in err
    text = log.read_text()
    assert "Traceback" in text and "an internal invariant broke" in text and "broken" in text


def test_user_errors_stay_one_line_and_are_not_logged(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_LOG_DIR", str(tmp_path / "logs"))
    assert main(["predict", str(tmp_path / "missing.png")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such image" in err
    assert not (tmp_path / "logs" / "mnist-desk.log").exists()


def test_an_option_the_command_lacks_is_refused_not_taken_as_an_abbreviation(capsys):
    # self-test has no --model; argparse's abbreviations once read it as --models-dir and passed.
    with pytest.raises(SystemExit) as exit_info:
        main(["self-test", "--model", "nosuch"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --model nosuch" in capsys.readouterr().err


def test_abbreviated_global_options_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--models", "somewhere", "list"])
    assert exit_info.value.code == 2
    assert "--models" in capsys.readouterr().err
