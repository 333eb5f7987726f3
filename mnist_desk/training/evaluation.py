"""Scoring a model: logits batch by batch, loss and error, the full report on the test set, an
adder's own digit reading, and the worst mistakes of a finished run (no second pass: the run's
result carries its test predictions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.models import TRANSFER, is_adder, reads_digits
from mnist_desk.support import acceleration as accel
from mnist_desk.training.events import Predictions, TrainingResult
from mnist_desk.training.metrics import ClassificationReport, classification_report, emergent_digits

WORST_MISTAKES = 24
# Scoring batches stay small enough for the CPU's caches: on 2 cores, 10,000 test images took
# 0.23 s in batches of 256 against 0.45 s in batches of 1,000 (QuickNet, float32), and 1.0 s
# against 2.2 s (ConvNet); bf16 gains less (0.15/0.16 s, 0.59/1.06 s).
EVAL_BATCH = 256


class EvaluationInterrupted(Exception):
    """``should_stop`` said yes between two batches of an evaluation."""


@torch.no_grad()
def predict_logits(
    model: nn.Module,
    inputs: torch.Tensor,
    device: torch.device,
    batch_size: int = EVAL_BATCH,
    should_stop: Callable[[], bool] | None = None,
    precision: accel.Precision | None = None,
) -> torch.Tensor:
    """Logits for a whole tensor of inputs, batch by batch, in eval mode (float32 unless a
    mixed ``precision`` is given)."""
    was_training = model.training
    model.eval()
    out = []
    try:
        for i in range(0, len(inputs), batch_size):
            if should_stop is not None and should_stop():
                raise EvaluationInterrupted
            batch = accel.to_device(inputs[i : i + batch_size], device)
            with accel.autocast(device, precision or accel.FLOAT32):
                out.append(model(batch).float().cpu())
    finally:
        model.train(was_training)
    return torch.cat(out) if out else torch.empty(0)


def evaluate(
    model: nn.Module,
    inputs: torch.Tensor,
    labels: torch.Tensor,
    device: torch.device,
    should_stop: Callable[[], bool] | None = None,
    precision: accel.Precision | None = None,
) -> tuple[float, float, torch.Tensor]:
    """(mean loss, error rate, logits) over a labelled set."""
    logits = predict_logits(model, inputs, device, should_stop=should_stop, precision=precision)
    loss = F.cross_entropy(logits, labels).item()
    error = (logits.argmax(1) != labels).float().mean().item()
    return loss, error, logits


def full_report(
    model: nn.Module,
    inputs: torch.Tensor,
    labels: torch.Tensor,
    device: torch.device,
    num_classes: int,
) -> tuple[ClassificationReport, float, torch.Tensor]:
    """(accuracy, per-class precision and recall, confusion; mean loss; logits), in float32."""
    loss, _, logits = evaluate(model, inputs, labels, device)
    return classification_report(logits.argmax(1), labels, num_classes), loss, logits


def digit_metrics(
    model: nn.Module, task: str, digits: mdata.Split | None, device: torch.device
) -> dict[str, Any]:
    """How well an adder's own digit outputs read single test digits: the transfer adder's
    fine-tuned classifier, or the digits a scratch adder learned from sums alone (raw, and
    after the best one-to-one matching of its outputs to digits). Empty for a classifier."""
    if digits is None or not is_adder(task) or not reads_digits(model):
        return {}
    _, error, logits = evaluate(model.classifier, digits.images, digits.labels, device)
    if task == TRANSFER:
        return {"digit_test_accuracy": round(1 - error, 6)}
    emergent = emergent_digits(logits.argmax(1), digits.labels)
    return {
        "digit_test_accuracy": round(emergent.raw_accuracy, 6),
        "digit_test_accuracy_matched": round(emergent.matched_accuracy, 6),
        "digit_matching": emergent.matching,
        "digit_confusion": emergent.confusion,
    }


def digit_summary(digit_metrics: dict[str, Any]) -> dict[str, Any]:
    """What a run's result reports of an adder's own digit reading (its confusion stays in the
    metrics file)."""
    keys = ("digit_test_accuracy", "digit_test_accuracy_matched", "digit_matching")
    return {k: digit_metrics[k] for k in keys if k in digit_metrics}


def eval_share(history: dict[str, list[dict[str, float]]], elapsed: float) -> float:
    """The share of a run's time its validation passes took (0..1)."""
    spent = sum(point.get("eval_seconds", 0.0) for point in history.get("val", []))
    return spent / elapsed if elapsed > 0 else 0.0


@dataclass
class Mistake:
    """One misclassified test example, most confident mistakes first."""

    image: np.ndarray  # uint8 (28, 28), or (28, 56) for an adder's pair of digits
    true_label: int
    predicted: int
    confidence: float  # the probability the model gave its wrong answer


def worst_mistakes(
    result: TrainingResult, splits: mdata.MnistSplits, count: int = WORST_MISTAKES
) -> list[Mistake]:
    """The test examples a finished run's model got wrong with the highest confidence, from the
    predictions its test pass kept (none if it kept none: no model was tested)."""
    predictions = result.test_predictions
    if predictions is None:
        return []
    inputs, labels = mdata.mnist_test_set(
        splits,
        pairs=is_adder(result.settings.get("task", "")),
        subset=result.settings.get("test_subset"),
    )
    return mistakes_among(predictions, inputs, labels, count)


def mistakes_among(
    predictions: Predictions,
    inputs: torch.Tensor,
    labels: torch.Tensor,
    count: int = WORST_MISTAKES,
) -> list[Mistake]:
    """The ``count`` most confident wrong ``predictions`` of ``inputs``, most confident first."""
    if len(predictions.predicted) != len(labels):
        raise ValueError(
            f"{len(predictions.predicted)} predictions for a test set of {len(labels)} examples"
        )
    predicted, confidence = predictions.predicted, predictions.confidence
    wrong = (predicted != labels).nonzero().flatten()
    worst = wrong[confidence[wrong].argsort(descending=True)][:count]
    mistakes = []
    for i in worst.tolist():
        image = inputs[i]
        if image.dim() == 4:  # a pair (2, 1, 28, 28): show the two digits side by side
            image = torch.cat([image[0], image[1]], dim=-1)
        mistakes.append(
            Mistake(
                mdata.to_uint8(image[0]), int(labels[i]), int(predicted[i]), float(confidence[i])
            )
        )
    return mistakes
