"""What a run tells its caller: events while it trains, a ``TrainingResult`` when it ends, and
the one rule that turns a failure into a message for the user (``failed_run_message``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

from mnist_desk.errors import UserError
from mnist_desk.support.logs import log_exception


@dataclass
class StepEvent:
    step: int
    total_steps: int
    epoch: float
    loss: float
    error: float  # training error rate of this batch
    lr: float
    images_seen: int
    elapsed: float  # seconds of training, pauses excluded
    parts: dict[str, float] = field(default_factory=dict)  # distillation: label and teacher losses


@dataclass
class EvalEvent:
    step: int
    epoch: float
    val_loss: float
    val_error: float
    best_val_error: float
    elapsed: float


@dataclass
class EpochEvent:
    epoch: int
    step: int
    elapsed: float


@dataclass
class Predictions:
    """What the tested model answered for each test example, in the test set's order
    (``data.mnist_test_set``): its class and the probability it gave that class."""

    predicted: torch.Tensor  # int64 (N,)
    confidence: torch.Tensor  # float32 (N,)

    @classmethod
    def from_logits(cls, logits: torch.Tensor) -> Predictions:
        confidence, predicted = logits.float().softmax(1).max(1)
        return cls(predicted, confidence)


@dataclass
class TrainingResult:
    status: str  # completed, stopped, early-stopped, diverged
    message: str
    settings: dict[str, Any]
    steps: int
    elapsed: float
    best_val_error: float | None
    test: dict[str, Any] | None  # ClassificationReport as a dict, on the test set
    checkpoint: str | None
    history: dict[str, list[dict[str, float]]]
    # Per test example, for the worst mistakes (evaluation.worst_mistakes) without a second pass.
    test_predictions: Predictions | None = None
    images_seen: int = 0  # training images the run went through (a pair counts two)
    parameters: int = 0  # the trained model's trainable parameters
    precision: str = "float32"  # the autocast dtype its training steps ran in (Precision.name)


@dataclass
class FinishedEvent:
    result: TrainingResult


@dataclass
class FailedEvent:
    message: str
    result: TrainingResult | None = None  # when a run diverged, what was kept


Event = StepEvent | EvalEvent | EpochEvent | FinishedEvent | FailedEvent


class TrainingCancelled(Exception):
    pass


def failed_run_message(error: Exception) -> str | None:
    """What a run that failed with ``error`` tells the user, or None for a bug (to propagate).

    Only the user's errors (missing data, a bad checkpoint, no space left) and running out of
    memory end a run with a message; every trainer shares this rule."""
    if isinstance(error, UserError):
        return str(error) or type(error).__name__
    message = str(error) or type(error).__name__
    out_of_memory = isinstance(error, torch.cuda.OutOfMemoryError) or (
        isinstance(error, (RuntimeError, MemoryError)) and "out of memory" in message.lower()
    )
    if not out_of_memory:
        return None
    log_exception(error, "training (out of memory)")
    return (
        f"The device ran out of memory ({message.splitlines()[0]}). "
        "Try a smaller batch size or the CPU."
    )
