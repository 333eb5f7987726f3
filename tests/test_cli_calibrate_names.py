"""`mnist-desk calibrate` takes a model's name as `evaluate` and `predict` do, for the user's own
models: it saves the model back into its file, so a shipped model (whose weights belong to the
app) is refused by name, with what to give instead. Before, every name was "no such checkpoint
file"."""

from __future__ import annotations

import pytest
import torch

from mnist_desk.cli.main import main
from mnist_desk.models import build_model
from mnist_desk.store.checkpoints import load_checkpoint, make_meta, save_checkpoint
from tests.support import WEIGHTS, shared_data_dir


@pytest.fixture
def models(tmp_path):
    """A models folder holding one model of the user's, ``mine``."""
    folder = tmp_path / "models"
    folder.mkdir()
    torch.manual_seed(0)
    meta = make_meta("classifier", "mlp", metrics={"test_accuracy": 0.1})
    save_checkpoint(folder / "mine.pt", build_model("classifier", "mlp"), meta)
    return folder


def calibrate(*given, models_dir, data_dir=None) -> int:
    data = str(data_dir or shared_data_dir())
    argv = ["calibrate", *given, "--models-dir", str(models_dir), "--data-dir", data]
    return main([*argv, "--no-download", "--threads", "1"])


def test_a_model_of_the_user_s_is_calibrated_by_its_name(models, capsys):
    assert "temperature" not in load_checkpoint(models / "mine.pt").meta
    assert calibrate("mine", models_dir=models) == 0
    assert f"{models / 'mine.pt'} digits: temperature" in capsys.readouterr().out
    assert load_checkpoint(models / "mine.pt").meta["temperature"] > 0


def test_a_shipped_model_s_name_is_refused_with_what_to_give(models, capsys, no_data_loading):
    shipped = WEIGHTS / "classifier-mlp.pt"
    before = shipped.read_bytes()
    assert calibrate("classifier-mlp", models_dir=models) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: 'classifier-mlp' is a shipped model") and err.count("\n") == 1
    assert "copy" in err and str(shipped) in err  # how to calibrate it all the same
    assert "your models: mine" in err
    assert shipped.read_bytes() == before


def test_an_unknown_name_lists_the_user_s_models_and_asks_for_a_file(
    models, capsys, no_data_loading
):
    assert calibrate("nonesuch", models_dir=models) == 1
    err = capsys.readouterr().err
    assert "no model named 'nonesuch'" in err and "no such checkpoint file" not in err
    assert "your models: mine" in err and ".pt file" in err
    assert "classifier-mlp" not in err  # the shipped ones are no answer here


def test_an_unknown_name_without_models_of_the_user_s(tmp_path, capsys, no_data_loading):
    assert calibrate("nonesuch", models_dir=tmp_path / "none") == 1
    err = capsys.readouterr().err
    assert "no model named 'nonesuch'" in err and "none yet" in err


def test_a_path_is_taken_as_given_even_a_shipped_file():
    """Paths are taken as given (the shipped weights are calibrated so in a checkout:
    docs/drawn-recipe-metrics/*.json record `mnist-desk calibrate ... resources/weights/...`);
    the refusal is for a name, which may not say whose file it is."""
    from mnist_desk.cli.judge import calibration_files

    shipped = WEIGHTS / "classifier-mlp.pt"
    assert calibration_files([str(shipped)], None) == [shipped]
