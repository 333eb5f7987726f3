"""A models or data folder that cannot be written: training refuses to start, before it loads
any data, with a message that names the folder (rather than losing its result at the end)."""

from __future__ import annotations

import os

import pytest

from mnist_desk.cli.main import main


@pytest.fixture
def blocked(tmp_path):
    """A folder path that cannot be created or written: it lies inside a regular file."""
    file = tmp_path / "a-file"
    file.write_text("")
    return file / "folder"


def test_an_unwritable_models_folder_refuses_training_up_front(
    data_dir, blocked, capsys, no_data_loading
):
    code = main(
        ["--models-dir", str(blocked), "--data-dir", str(data_dir), "train", "--steps", "1"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert str(blocked) in err and "cannot write the trained model" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_output_folder_refuses_training_up_front(
    data_dir, blocked, capsys, no_data_loading
):
    code = main(["train", "--data-dir", str(data_dir), "--steps", "1", "-o", str(blocked / "m.pt")])
    assert code == 1
    assert str(blocked) in capsys.readouterr().err


def test_a_file_in_the_way_is_named_as_such(data_dir, blocked, capsys, no_data_loading):
    main(["train", "--data-dir", str(data_dir), "--steps", "1", "-o", str(blocked / "m.pt")])
    err = capsys.readouterr().err
    assert "a file is in the way" in err and "File exists" not in err


def test_an_output_that_is_a_folder_refuses_training_up_front(
    data_dir, tmp_path, capsys, no_data_loading
):
    code = main(["train", "--data-dir", str(data_dir), "--steps", "1", "-o", str(tmp_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"{tmp_path} is a folder" in err and "my-model.pt" in err


def test_evaluate_checks_its_confusion_images_folder_before_the_test_pass(
    data_dir, blocked, capsys, no_data_loading
):
    argv = ["evaluate", "classifier-quick", "--data-dir", str(data_dir)]
    assert main([*argv, "--confusion-images", str(blocked)]) == 1
    assert "cannot write the misread images" in capsys.readouterr().err


def test_train_gate_checks_where_it_saves_before_training(
    data_dir, tmp_path, capsys, no_data_loading
):
    assert main(["train-gate", "--data-dir", str(data_dir), "-o", str(tmp_path)]) == 1
    assert f"{tmp_path} is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["gate-threshold", "calibrate"])
def test_a_missing_checkpoint_is_named_before_mnist_is_loaded(
    data_dir, tmp_path, capsys, no_data_loading, command
):
    missing = str(tmp_path / "missing.pt")
    options = ["--reject-share", "0.01"] if command == "gate-threshold" else []
    assert main([command, missing, *options, "--data-dir", str(data_dir)]) == 1
    assert f"{missing}: no such checkpoint file" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_models_folder_refuses_training_up_front(
    data_dir, tmp_path, capsys, no_data_loading
):
    folder = tmp_path / "models"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code = main(["--models-dir", str(folder), "train", "--data-dir", str(data_dir)])
    finally:
        folder.chmod(0o755)
    assert code == 1 and "Permission denied" in capsys.readouterr().err


def test_an_unwritable_data_folder_refuses_a_download_up_front(
    blocked, tmp_path, capsys, no_data_loading, monkeypatch
):
    monkeypatch.setattr(
        "mnist_desk.data.mnist_files.download_mnist",
        lambda root: pytest.fail("tried to download into a folder it cannot write"),
    )
    code = main(["--data-dir", str(blocked), "train", "-o", str(tmp_path / "m.pt")])
    assert code == 1
    err = capsys.readouterr().err
    assert str(blocked) in err and "cannot write the MNIST download" in err


def test_the_train_tab_refuses_to_start_with_an_unwritable_models_folder(
    qtbot, data_dir, blocked, monkeypatch, gui_thread_gc
):
    from mnist_desk.ui.train.training_panel import TrainingPanel
    from tests.support import start_by_button, tiny_settings

    monkeypatch.setenv("MNIST_DESK_MODELS", str(blocked))
    panel = TrainingPanel(data_dir=data_dir)
    qtbot.addWidget(panel)
    panel.show()
    assert not start_by_button(qtbot, panel, tiny_settings())
    assert not panel.is_running
    assert (
        panel.run_controls.banner.isVisible() and str(blocked) in panel.run_controls.banner.text()
    )
