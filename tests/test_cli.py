import json
import subprocess
import sys

import pytest

from mnist_desk.cli.main import main
from mnist_desk.recognition.self_test import sample_digits
from tests.support import REPO, shared_data_dir


@pytest.fixture
def sample_paths():
    return {label: path for label, path in sample_digits()}


def test_predict_one_image_prints_digit_and_probabilities(capsys, sample_paths):
    assert main(["predict", str(sample_paths[4])]) == 0
    out = capsys.readouterr().out
    assert ": 4  (p=" in out


def test_predict_two_images_gives_both_digits_and_the_sum_as_json(capsys, sample_paths):
    assert main(["predict", str(sample_paths[6]), str(sample_paths[8]), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [im["digit"] for im in result["images"]] == [6, 8]
    assert result["sum"]["total"] == 14 and len(result["sum"]["probabilities"]) == 19
    assert len(result["images"][0]["probabilities"]) == 10


def test_predict_with_an_adder_model(capsys, sample_paths):
    assert (
        main(
            [
                "predict",
                str(sample_paths[9]),
                str(sample_paths[9]),
                "--model",
                "scratch-convnet",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["sum"]["total"] == 18 and result["sum"]["source"] == "adder"


def test_predict_three_images_gives_one_result_each(capsys, sample_paths):
    assert main(["predict", *(str(sample_paths[d]) for d in (1, 2, 3)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [im["digit"] for im in result["images"]] == [1, 2, 3] and "sum" not in result


def test_evaluate_reports_accuracy_per_class_metrics_and_confusion(capsys):
    args = [
        "evaluate",
        "classifier-convnet",
        "--subset",
        "1000",
        "--data-dir",
        str(shared_data_dir()),
    ]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["count"] == 1000 and report["accuracy"] > 0.98
    assert len(report["confusion"]) == 10 and sum(map(sum, report["confusion"])) == 1000
    assert len(report["precision"]) == len(report["recall"]) == 10
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "confusion matrix" in text and "test digit accuracy" in text


def test_errors_are_messages_and_non_zero_exits(capsys, tmp_path):
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"\x00" * 100)
    assert main(["evaluate", str(bad), "--data-dir", str(shared_data_dir())]) == 1
    assert "broken.pt" in capsys.readouterr().err
    assert main(["predict", str(tmp_path / "missing.png")]) == 1
    assert "no such image" in capsys.readouterr().err
    assert (
        main(["evaluate", "classifier-convnet", "--data-dir", str(tmp_path), "--no-download"]) == 1
    )
    assert "MNIST was not found" in capsys.readouterr().err
    assert main(["predict", str(REPO / "README.md"), "--model", "no-such-model"]) == 1
    assert "no model named" in capsys.readouterr().err


def test_train_writes_a_checkpoint_and_metrics_with_the_command(tmp_path, capsys):
    out = tmp_path / "tiny.pt"
    args = [
        "train",
        "--arch",
        "mlp",
        "--steps",
        "20",
        "--train-subset",
        "1000",
        "--val-subset",
        "200",
        "--test-subset",
        "200",
        "--data-dir",
        str(shared_data_dir()),
        "-o",
        str(out),
        "--quiet",
    ]
    assert main(args) == 0
    metrics = json.loads(out.with_suffix(".json").read_text())
    assert metrics["task"] == "classifier" and metrics["arch"] == "mlp"
    assert 0 < metrics["metrics"]["test_accuracy"] <= 1 and metrics["metrics"]["test_count"] == 200
    assert (
        metrics["command"].startswith("mnist-desk ")
        and metrics["seed"] == 0
        and "machine" in metrics
    )


def test_self_test_passes_on_the_shipped_models(capsys):
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "self-test passed" in out and "FAIL" not in out


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run(
        [sys.executable, "-m", "mnist_desk", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("mnist-desk ")


def test_the_installed_command_and_python_dash_m_exit_with_the_commands_status(tmp_path):
    # Both go through cli.main.console (main, then a quick way out); a failed command's status
    # and message must survive it, and a successful one's output must be complete.
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["mnist-desk"] == "mnist_desk.cli.main:console"
    missing = subprocess.run(
        [sys.executable, "-m", "mnist_desk", "predict", str(tmp_path / "missing.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "no such image file" in missing.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "mnist_desk", "list"], capture_output=True, text=True, timeout=120
    )
    assert listed.returncode == 0 and "classifier-convnet" in listed.stdout


def test_gui_with_an_unknown_model_is_a_clear_error_and_opens_no_window(capsys, monkeypatch):
    import mnist_desk.ui.shell.app as app

    monkeypatch.setattr(app, "run_gui", lambda args: pytest.fail("a window opened"))
    assert main(["gui", "--model", "nosuch"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no model named 'nosuch'; known models: ")
    assert "classifier-convnet" in error and "Traceback" not in error
