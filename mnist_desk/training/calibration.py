"""Honest confidence: temperature scaling fitted on the validation split, and calibration error.

A network trained to minimise cross-entropy is usually over-confident: it says 99.9% where it is
right 99% of the time. Dividing its logits by one number, the temperature, fitted to minimise the
negative log-likelihood on held-out data (Guo et al. 2017, "On Calibration of Modern Neural
Networks"), makes its percentages mean what they say without changing a single answer (the
argmax stays). The temperature is fitted on MNIST's validation split, never on test, and stored in
the checkpoint's metadata (``meta["calibration"]``), where the Predictor reads it.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.models import CLASSIFIER, is_adder, reads_digits
from mnist_desk.store.checkpoints import (
    load_checkpoint,
    metrics_path,
    save_checkpoint,
    write_metrics_file,
)
from mnist_desk.support.acceleration import uncompiled_optimizer
from mnist_desk.support.fileio import atomic_write_json
from mnist_desk.training.evaluation import predict_logits

ECE_BINS = 15
# Temperatures outside this range mean something is wrong with the logits, not the confidence.
MIN_TEMPERATURE, MAX_TEMPERATURE = 0.05, 20.0


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """The temperature T that minimises the NLL of ``softmax(logits / T)`` on these labels."""
    logits, labels = logits.detach().double(), labels.detach()
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    lbfgs = uncompiled_optimizer(torch.optim.LBFGS)
    optimizer = lbfgs([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    optimizer.step(closure)
    return float(log_t.detach().exp().clamp(MIN_TEMPERATURE, MAX_TEMPERATURE))


def expected_calibration_error(
    probabilities: torch.Tensor, labels: torch.Tensor, bins: int = ECE_BINS
) -> float:
    """ECE: the gap between confidence and accuracy, averaged over equal-width confidence bins
    weighted by how many answers fall in each (the top class's probability; 15 bins, as Guo
    et al.)."""
    confidence, predicted = probabilities.float().max(1)
    right = (predicted == labels).float()
    edges = torch.linspace(0, 1, bins + 1)
    # Bin k holds confidences in (edges[k], edges[k + 1]]; a confidence of 0 goes in the first.
    which = torch.bucketize(confidence, edges[1:-1], right=False)
    ece = torch.zeros(())
    for k in range(bins):
        inside = which == k
        if inside.any():
            gap = (confidence[inside].mean() - right[inside].mean()).abs()
            ece += gap * inside.float().mean()
    return float(ece)


def scaled_scores(
    logits: torch.Tensor, labels: torch.Tensor, temperature: float
) -> dict[str, float]:
    """NLL and ECE of ``logits`` at ``temperature``."""
    scaled = logits.float() / temperature
    return {
        "nll": round(float(F.cross_entropy(scaled, labels)), 6),
        "ece": round(expected_calibration_error(scaled.softmax(1), labels), 6),
    }


def calibration_of(logits: torch.Tensor, labels: torch.Tensor, fitted_on: str) -> dict[str, Any]:
    """Fit a temperature to ``logits`` and say what it changed (NLL and ECE before and after)."""
    temperature = fit_temperature(logits, labels)
    return {
        "temperature": round(temperature, 6),
        "fitted_on": fitted_on,
        "before": scaled_scores(logits, labels, 1.0),
        "after": scaled_scores(logits, labels, temperature),
    }


def digit_reader(model: nn.Module, task: str) -> nn.Module | None:
    """The part of a model that reads the digits it shows itself: a classifier is one, an adder
    with digit outputs (transfer, digits from sums) holds one; a plain scratch adder has none."""
    if task == CLASSIFIER:
        return model
    return model.classifier if reads_digits(model) else None


def calibrate_model(
    model: nn.Module,
    task: str,
    val: mdata.Split,
    device: torch.device,
    digit_logits: torch.Tensor | None = None,
) -> dict[str, Any]:
    """The temperatures of a model's readings, fitted on the validation split ``val``:
    ``{"digits": {...}}`` for the digits it shows itself and, for an adder,
    ``{"sums": {...}}`` for its sums (each: temperature, what it was fitted on, NLL and ECE
    before and after). ``digit_logits``: the digit reader's float32 logits of ``val``, where the
    caller has them already (a classifier's last validation pass)."""
    out: dict[str, Any] = {}
    where = f"MNIST validation split ({len(val):,} digits)"
    reader = digit_reader(model, task)
    if reader is not None:
        if digit_logits is None:
            digit_logits = predict_logits(reader, val.images, device)
        out["digits"] = calibration_of(digit_logits, val.labels, where)
    if is_adder(task):
        pairs, sums = mdata.labelled_examples(val, pairs=True)
        out["sums"] = calibration_of(
            predict_logits(model, pairs, device), sums, f"{where[:-1]}, as {len(sums):,} pairs)"
        )
    return out


def calibration_meta(
    model: nn.Module,
    task: str,
    val: mdata.Split,
    device: torch.device,
    digit_logits: torch.Tensor | None = None,
) -> dict[str, Any]:
    """What a checkpoint's metadata records of its calibration: ``temperature`` (of the digits it
    reads itself, what the Predictor applies), ``sum_temperature`` (an adder's sums) and
    ``calibration`` (how each was fitted, NLL and ECE before and after)."""
    fitted = calibrate_model(model, task, val, device, digit_logits)
    meta: dict[str, Any] = {"calibration": fitted}
    if "digits" in fitted:
        meta["temperature"] = fitted["digits"]["temperature"]
    if "sums" in fitted:
        meta["sum_temperature"] = fitted["sums"]["temperature"]
    return meta


def recalibrate_checkpoint(
    path: str | Path, val: mdata.Split, device: torch.device, command: str
) -> dict[str, Any]:
    """Fit the temperatures of an existing checkpoint and save it back in place (its weights and
    other metadata unchanged), with its metrics file beside it updated; returns what was fitted."""
    path = Path(path)
    checkpoint = load_checkpoint(path)
    model = checkpoint.build().to(device)
    extra = calibration_meta(model, checkpoint.task, val, device)
    extra["calibration"]["command"] = command
    extra["calibration"]["fitted"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    meta = {key: value for key, value in checkpoint.meta.items() if key not in _CALIBRATION_KEYS}
    meta.update(extra)
    save_checkpoint(path, model.cpu(), meta)
    summary_path = metrics_path(path)
    if summary_path.is_file():  # keep what others wrote there (drawn-digit scores...)
        summary = json.loads(summary_path.read_text())
        summary = {k: v for k, v in summary.items() if k not in _CALIBRATION_KEYS}
        atomic_write_json(summary_path, {**summary, **extra})
    else:
        write_metrics_file(path, meta)
    return extra["calibration"]


_CALIBRATION_KEYS = ("temperature", "sum_temperature", "calibration")
