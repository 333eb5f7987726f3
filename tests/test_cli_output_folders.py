"""A command that writes into a folder it must make, and then fails (MNIST missing, a missing
image), leaves no folder behind: its check that it could write there takes back what it made,
and the write makes the folder only when there is something to put in it."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main
from tests.support import shared_data_dir


@pytest.fixture
def no_mnist(tmp_path):
    """A data folder without MNIST (and no download allowed), outside the folder under test."""
    empty = tmp_path / "no-mnist"
    empty.mkdir()
    return ["--data-dir", str(empty), "--no-download"]


@pytest.fixture
def out(tmp_path):
    """Where the command writes: it does not exist, nor does its parent."""
    return tmp_path / "out"


def fails_leaving_nothing(argv: list[str], out, capsys, says: str) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not out.exists(), f"left behind: {sorted(p.name for p in out.rglob('*'))}"


def test_train_without_mnist_leaves_no_output_folder(out, no_mnist, capsys):
    argv = ["train", "--steps", "1", "-q", "-o", str(out / "new" / "m.pt"), *no_mnist]
    fails_leaving_nothing(argv, out, capsys, "MNIST was not found")


def test_train_without_mnist_leaves_no_models_folder(out, no_mnist, capsys):
    argv = ["train", "--steps", "1", "-q", "--models-dir", str(out / "models"), *no_mnist]
    fails_leaving_nothing(argv, out, capsys, "MNIST was not found")


def test_train_gate_without_mnist_leaves_no_output_folder(out, no_mnist, capsys):
    argv = ["train-gate", "-o", str(out / "new" / "gate.pt"), *no_mnist]
    fails_leaving_nothing(argv, out, capsys, "MNIST was not found")


def test_compare_without_mnist_leaves_no_models_folder(out, no_mnist, capsys):
    argv = ["compare", "--archs", "mlp,lenet5", "--models-dir", str(out / "models"), *no_mnist]
    fails_leaving_nothing(argv, out, capsys, "MNIST was not found")


def test_evaluate_without_mnist_leaves_no_confusion_images_folder(out, no_mnist, capsys):
    argv = ["evaluate", "classifier-convnet", "--confusion-images", str(out / "new"), *no_mnist]
    fails_leaving_nothing(argv, out, capsys, "MNIST was not found")


def test_explain_of_a_missing_image_leaves_no_out_folder(out, tmp_path, capsys):
    argv = ["explain", str(tmp_path / "missing.png"), "--out", str(out / "new")]
    fails_leaving_nothing(argv, out, capsys, "no such image file")


def test_evaluate_makes_the_confusion_images_folder_even_with_no_mistakes(out, capsys):
    """The folder the message names is there, empty, when the model misread nothing."""
    folder = out / "new"
    argv = ["evaluate", "classifier-convnet", "--subset", "1", "--confusion-images", str(folder)]
    assert main([*argv, "--data-dir", str(shared_data_dir()), "--no-download"]) == 0
    assert "0 misread test images" in capsys.readouterr().out
    assert folder.is_dir() and list(folder.iterdir()) == []
