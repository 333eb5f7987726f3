"""Honest confidence: temperature scaling, the calibration error, and where temperatures are fitted."""

from __future__ import annotations

import json

import pytest
import torch

from mnist_desk.cli.main import main
from mnist_desk.data.mnist import load_splits
from mnist_desk.models import build_model
from mnist_desk.store.checkpoints import load_checkpoint, make_meta, save_checkpoint
from mnist_desk.training import Trainer, predict_logits
from mnist_desk.training.calibration import (
    expected_calibration_error,
    fit_temperature,
    scaled_scores,
)
from tests.support import WEIGHTS, shared_data_dir, tiny_settings


def test_an_over_confident_model_gets_its_temperature_back():
    generator = torch.Generator().manual_seed(0)
    honest = torch.randn(4000, 10, generator=generator) * 2
    labels = torch.distributions.Categorical(logits=honest).sample()
    assert abs(fit_temperature(honest * 3, labels) - 3) < 0.3  # 3x too sure -> T close to 3
    assert abs(fit_temperature(honest, labels) - 1) < 0.1


def test_calibration_error_is_the_gap_between_confidence_and_accuracy():
    sure_and_right = torch.eye(10)[torch.arange(10)]
    assert expected_calibration_error(sure_and_right, torch.arange(10)) == 0.0
    assert expected_calibration_error(sure_and_right, (torch.arange(10) + 1) % 10) == 1.0
    # 70% sure, right 7 times in 10: calibrated.
    probs = torch.full((10, 10), 0.3 / 9)
    probs[:, 0] = 0.7
    labels = torch.tensor([0] * 7 + [1] * 3)
    assert expected_calibration_error(probs, labels) < 1e-6


def test_the_temperature_fitted_on_validation_lowers_the_loss_on_held_out_digits():
    val = load_splits(shared_data_dir()).val
    model = load_checkpoint(WEIGHTS / "classifier-convnet.pt").build()
    logits = predict_logits(model, val.images[:6000], torch.device("cpu"))
    labels = val.labels[:6000]
    temperature = fit_temperature(logits[:3000], labels[:3000])
    before = scaled_scores(logits[3000:], labels[3000:], 1.0)
    after = scaled_scores(logits[3000:], labels[3000:], temperature)
    assert temperature != 1.0
    assert after["nll"] < before["nll"]


def test_every_training_run_saves_its_temperature(tmp_path):
    output = tmp_path / "run.pt"
    settings = tiny_settings(max_steps=10)
    result = Trainer(settings, data_dir=shared_data_dir(), output=output).run()
    assert result is not None and result.checkpoint
    meta = load_checkpoint(output).meta
    fitted = meta["calibration"]["digits"]
    assert meta["temperature"] == fitted["temperature"] > 0
    assert fitted["after"]["nll"] <= fitted["before"]["nll"]
    assert "validation" in fitted["fitted_on"]
    assert json.loads(output.with_suffix(".json").read_text())["temperature"] == meta["temperature"]


@pytest.mark.parametrize("amp", [False, True])
def test_a_run_fits_the_same_temperature_as_a_fresh_pass_over_validation(tmp_path, amp):
    # A float32 run reuses its best validation pass's logits for the fit (no second pass); a
    # mixed-precision run scores validation again in float32. Either way the temperature is the
    # one the saved weights give on the validation digits, in float32, as the app reads them.
    output = tmp_path / "run.pt"
    settings = tiny_settings(arch="quick", max_steps=12, evals_per_epoch=4, amp=amp)
    Trainer(settings, data_dir=shared_data_dir(), output=output).run()
    saved = load_checkpoint(output)
    val = load_splits(shared_data_dir()).val.subset(settings.val_subset)
    logits = predict_logits(saved.build(), val.images, torch.device("cpu"))
    assert saved.meta["temperature"] == round(fit_temperature(logits, val.labels), 6)


def test_calibrate_fits_an_existing_checkpoint_and_keeps_its_weights_and_metrics(tmp_path, capsys):
    torch.manual_seed(0)
    model = build_model("classifier", "mlp")
    path = tmp_path / "mine.pt"
    save_checkpoint(path, model, make_meta("classifier", "mlp", metrics={"test_accuracy": 0.1}))
    path.with_suffix(".json").write_text(json.dumps({"task": "classifier", "drawn": {"x": 1}}))
    status = main(["calibrate", str(path), "--data-dir", str(shared_data_dir()), "--no-download"])
    assert status == 0
    assert "temperature" in capsys.readouterr().out
    again = load_checkpoint(path)
    assert again.meta["temperature"] > 0 and again.test_accuracy == 0.1
    assert all(torch.equal(again.state_dict[k], v) for k, v in model.state_dict().items())
    summary = json.loads(path.with_suffix(".json").read_text())
    assert summary["drawn"] == {"x": 1} and summary["temperature"] == again.meta["temperature"]
    assert summary["calibration"]["command"].startswith("mnist-desk ")


def test_calibrate_reports_a_bad_checkpoint_before_looking_for_mnist(tmp_path, capsys):
    # No MNIST in the data folder and downloads off: the bad file must be what is reported.
    bad = tmp_path / "notckpt.pt"
    bad.write_bytes(b"not a checkpoint")
    status = main(["calibrate", str(bad), "--data-dir", str(tmp_path / "empty"), "--no-download"])
    assert status != 0
    err = capsys.readouterr().err
    assert "notckpt.pt" in err and "checkpoint" in err
    assert "MNIST" not in err
    assert bad.read_bytes() == b"not a checkpoint"
