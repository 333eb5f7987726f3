"""Mixed precision, optimizer kernels, transfers, thread counts and the quick recipe: the CUDA
paths are written for a GPU and checked here through their CPU fallback."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from dataclasses import replace

import pytest
import torch

from mnist_desk.models import CLASSIFIER, build_model
from mnist_desk.support import acceleration as accel
from mnist_desk.training import Trainer, TrainingSettings, eval_share
from mnist_desk.training.learner import build_optimizer, build_scheduler
from mnist_desk.training.presets import QUICK, STANDARD, defaults_for, preset_of, preset_settings
from mnist_desk.training.steps import take_step
from tests.support import REPO, shared_data_dir, tiny_settings

CPU = torch.device("cpu")


def test_precision_is_float32_unless_asked_and_bf16_only_where_the_cpu_runs_it():
    assert accel.choose_precision(CPU, amp=False).dtype is None
    expected = torch.bfloat16 if accel.cpu_has_native_bf16() else None
    chosen = accel.choose_precision(CPU, amp=True)
    assert chosen.dtype is expected and not chosen.scale_gradients
    assert accel.FLOAT32.name == "float32"


def test_float16_on_a_gpu_without_bf16_scales_gradients(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    chosen = accel.choose_precision(torch.device("cuda"), amp=True)
    assert chosen.dtype is torch.float16 and chosen.scale_gradients
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert accel.choose_precision(torch.device("cuda"), amp=True).dtype is torch.bfloat16


def test_the_gradient_scaler_is_a_pass_through_off_cuda():
    scaler = accel.gradient_scaler(CPU, accel.Precision(torch.float16, scale_gradients=True))
    assert not scaler.is_enabled()
    loss = torch.tensor(2.0, requires_grad=True)
    assert scaler.scale(loss) is loss


def test_transfers_and_model_preparation_on_the_cpu():
    x = torch.randn(5, 1, 28, 28)
    assert accel.to_device(x, CPU) is x  # no copy, no pinning without a GPU
    batches = list(accel.batches_to_device(x, CPU, 2))
    assert [len(b) for b in batches] == [2, 2, 1]
    model = accel.prepare_model(build_model(CLASSIFIER, "quick"), CPU)
    assert model.features[0].weight.is_contiguous(memory_format=torch.channels_last)


@pytest.mark.parametrize(
    ("cores", "interactive", "expected"),
    [(1, True, 1), (2, True, 2), (4, True, 3), (8, True, 7), (12, True, 10), (64, True, 16)]
    + [(2, False, 2), (8, False, 8)],
)
def test_training_threads_use_small_machines_whole_and_leave_the_gui_a_core_on_bigger_ones(
    cores, interactive, expected
):
    assert accel.training_threads(cores, interactive=interactive) == expected


def test_an_amp_run_with_explicit_betas_trains_and_keeps_float32_weights(tmp_path):
    settings = tiny_settings(
        arch="quick", amp=True, optimizer="adam", betas=(0.7, 0.9), batch_size=128
    )
    events = []
    result = Trainer(
        settings, events.append, data_dir=shared_data_dir(), output=tmp_path / "q.pt"
    ).run()
    assert result is not None and result.status == "completed", events[-1]
    assert result.test["accuracy"] > 0.5  # it learnt (10% is chance)
    state = torch.load(tmp_path / "q.pt", weights_only=True)
    weights = state["state_dict"]
    assert all(v.dtype == torch.float32 for v in weights.values() if v.is_floating_point())
    # Validation time is recorded per evaluation, and is a fraction of the run.
    assert all(point["eval_seconds"] > 0 for point in result.history["val"])
    assert 0 < eval_share(result.history, result.elapsed) < 1
    # The settings round-trip through JSON with their betas.
    again = TrainingSettings.from_dict(json.loads(json.dumps(settings.to_dict())))
    assert again.betas == (0.7, 0.9)


def test_explicit_betas_are_not_cycled_by_onecycle():
    settings = tiny_settings(arch="quick", optimizer="adam", betas=(0.7, 0.9))
    model = build_model(CLASSIFIER, "quick")
    optimizer = build_optimizer(settings, model, CPU)
    scheduler = build_scheduler(settings, optimizer, 40)
    for _ in range(10):
        optimizer.step()
        scheduler.step()
    assert optimizer.param_groups[0]["betas"] == (0.7, 0.9)


def test_the_quick_preset_is_quicknets_recipe():
    quick = preset_settings(QUICK)
    assert quick.arch == "quick" and quick.amp and quick.betas == (0.7, 0.9)
    # QuickNet's recipe with the drawn-digit recipe on a quarter of the batches, shipped templates
    drawn = dict(drawn=True, synthetic_digits=3000, template_seed=0, drawn_share=0.25)
    assert quick == replace(defaults_for(CLASSIFIER, "quick"), **drawn)
    assert preset_of(quick) == QUICK and preset_of(defaults_for(CLASSIFIER, "quick")) == QUICK
    assert preset_of(preset_settings("best")) == "best"
    standard = preset_settings(STANDARD, base=TrainingSettings(seed=7, device="cpu"))
    assert standard.arch == "convnet" and standard.seed == 7 and preset_of(standard) == STANDARD
    assert preset_of(defaults_for("scratch")) is None
    with pytest.raises(ValueError, match="unknown preset"):
        preset_settings("fastest")


def test_the_cli_trains_the_quick_recipe_for_arch_quick(tmp_path):
    from mnist_desk.cli.main import main

    output = tmp_path / "q.pt"
    argv = ["train", "--arch", "quick", "--steps", "4", "--train-subset", "512"]
    argv += ["--val-subset", "200", "--test-subset", "200", "--threads", "1", "-q"]
    argv += ["--data-dir", str(shared_data_dir()), "--no-download", "-o", str(output)]
    assert main(argv) == 0
    settings = json.loads(output.with_suffix(".json").read_text())["settings"]
    assert settings["arch"] == "quick" and settings["amp"] and settings["betas"] == [0.7, 0.9]
    assert settings["batch_size"] == 256 and settings["optimizer"] == "adam"


def _trained_weights(kind, **options) -> torch.Tensor:
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    optimizer = kind(model.parameters(), lr=1e-2, **options)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=8)
    for _ in range(5):
        step_loss = model(torch.randn(3, 4)).pow(2).sum()
        take_step(step_loss, optimizer, schedule)
    return model.weight.detach()


@pytest.mark.parametrize("kind", [torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW])
def test_an_uncompiled_optimizer_updates_exactly_as_torchs_own(kind):
    uncompiled = accel.uncompiled_optimizer(kind)
    assert uncompiled is not kind and issubclass(uncompiled, kind)
    for options in ({}, {"fused": True}):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. the schedule's "step before optimizer.step"
            weights = _trained_weights(uncompiled, **options)
        assert torch.equal(weights, _trained_weights(kind, **options))


def test_an_uncompiled_lbfgs_fits_the_same_temperature():
    from mnist_desk.training.calibration import fit_temperature

    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(500, 10, generator=generator) * 3
    labels = (logits + torch.randn(500, 10, generator=generator) * 2).argmax(1)  # overconfident
    fitted = fit_temperature(logits, labels)  # with the uncompiled LBFGS
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    lbfgs = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        lbfgs.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits.double() / log_t.exp(), labels)
        loss.backward()
        return loss

    lbfgs.step(closure)
    assert fitted == float(log_t.detach().exp()) and 1.05 < fitted < 5


def test_training_and_calibrating_leave_torch_dynamo_unimported(tmp_path):
    """torch.optim's compiler guards import torch._dynamo, a second of a Quick command: a run
    that builds its optimizers through ``uncompiled_optimizer`` never pays it."""
    code = f"""
import sys
from mnist_desk.training import Trainer
from tests.support import tiny_settings
settings = tiny_settings(arch="quick", optimizer="adam", betas=(0.7, 0.9))
result = Trainer(settings, data_dir={str(shared_data_dir())!r}, output={str(tmp_path / "q.pt")!r}).run()
assert result is not None and result.status == "completed"
print("torch._dynamo" in sys.modules)
import torch
torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # torch's own imports it
print("torch._dynamo" in sys.modules)
"""
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "True"]
