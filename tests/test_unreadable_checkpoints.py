"""Checkpoints in the models folder that cannot be read are listed with the reason, never dropped
and never loaded: by the catalog, `mnist-desk list` and `mnist-desk evaluate`."""

from __future__ import annotations

import argparse
import json

import pytest
import torch

from mnist_desk.cli.main import main
from mnist_desk.store.catalog import list_models, resolve_model, shipped_checkpoint
from mnist_desk.store.checkpoints import CheckpointError


@pytest.fixture
def models_dir(tmp_path):
    """One good checkpoint and four bad ones, as a user's models folder might hold them."""
    good = shipped_checkpoint("classifier", "lenet5").read_bytes()
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "good.pt").write_bytes(good)
    (folder / "truncated.pt").write_bytes(good[: len(good) // 2])
    (folder / "garbage.pt").write_bytes(b"not a checkpoint at all" * 50)
    torch.save({"weights": torch.zeros(3)}, folder / "foreign.pt")
    torch.save(argparse.Namespace(payload="code"), folder / "carries-code.pt")
    return folder


BAD = {
    "truncated": "is not a complete mnist-desk model",
    "garbage": "truncated or corrupt",
    "foreign": "another program",
    "carries-code": "Python objects",
}


def test_unreadable_checkpoints_are_listed_with_the_reason(models_dir):
    entries = {e.name: e for e in list_models(models_dir) if not e.shipped}
    assert set(entries) == {"good", *BAD}
    assert entries["good"].readable and entries["good"].task == "classifier"
    for name, reason in BAD.items():
        assert not entries[name].readable and reason in entries[name].problem
        assert str(models_dir / f"{name}.pt") in entries[name].problem


def test_a_metrics_file_beside_a_broken_checkpoint_does_not_hide_it(models_dir):
    (models_dir / "garbage.json").write_text(json.dumps({"task": "classifier", "arch": "cnn"}))
    (entry,) = [e for e in list_models(models_dir) if e.name == "garbage"]
    assert not entry.readable


def test_resolving_an_unreadable_model_by_name_gives_its_reason(models_dir):
    with pytest.raises(CheckpointError, match="Python objects"):
        resolve_model("carries-code", models_dir)
    assert resolve_model("good", models_dir).arch == "lenet5"


def test_list_command_shows_unreadable_ones(models_dir, capsys):
    assert main(["list", "--models-dir", str(models_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    for name, reason in BAD.items():
        (line,) = [line for line in lines if line.startswith(name + " ")]
        assert "unreadable" in line and reason in line
    assert any(line.startswith("good ") and "classifier/lenet5" in line for line in lines)
    assert main(["--models-dir", str(models_dir), "list", "--json"]) == 0
    listed = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    assert listed["foreign"]["problem"] and listed["good"]["problem"] is None


def test_evaluate_names_the_reason_in_one_line(models_dir, capsys):
    assert main(["--models-dir", str(models_dir), "evaluate", "truncated"]) == 1
    err = capsys.readouterr().err
    assert "truncated.pt" in err and "was cut short" in err and "Traceback" not in err
    assert main(["--models-dir", str(models_dir), "evaluate", "nosuch"]) == 1
    assert "garbage (unreadable)" in capsys.readouterr().err
