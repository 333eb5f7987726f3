"""``train -o`` and ``train-gate -o`` save a model only under a name that ends in .pt: another
suffix is refused in one line that names the option and the name to give, before any data
loads (``x.json`` was overwritten by the model's own metrics file; ``x.txt`` was never listed
among the user's models)."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main


@pytest.mark.parametrize(
    ("command", "name", "suggested"),
    [
        (["train"], "x.txt", "x.pt"),
        (["train"], "x.json", "x.pt"),
        (["train"], "model", "model.pt"),
        (["train", "--my-digits"], "mine.txt", "mine.pt"),
        (["train-gate"], "gate.txt", "gate.pt"),
    ],
    ids=["train x.txt", "train x.json", "train model", "train --my-digits", "train-gate"],
)
def test_a_model_file_not_ending_in_pt_is_refused_before_loading_data(
    capsys, tmp_path, command, name, suggested
):
    output = tmp_path / "out" / name
    argv = [*command, "-o", str(output), "--data-dir", str(tmp_path / "none"), "--no-download"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: the model file (--output) must end in .pt: give {output.parent / suggested} "
        f"instead of {output}\n"
    )
    assert not (tmp_path / "out").exists()  # nothing saved, no folder made


@pytest.mark.parametrize("command", ["train", "train-gate"])
def test_a_pt_name_gets_past_the_check(capsys, tmp_path, command):
    argv = [command, "-o", str(tmp_path / "m.pt"), "--data-dir", str(tmp_path / "none")]
    assert main([*argv, "--no-download"]) == 1
    assert "MNIST was not found" in capsys.readouterr().err  # refused by the data, not the name
