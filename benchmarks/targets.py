"""Time to a test-accuracy target, measured through the project's own Trainer and its callback.

At every evaluation event the Trainer emits, the model is also scored on the test set; the first
time the score reaches the target, the training + evaluation wall time so far is recorded (and the
run cancelled, if asked). Data loading and model building come before the Trainer's clock starts
and are not counted; the test scoring done here is counted, because it is evaluation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from mnist_desk.training import EvalEvent, Trainer, TrainingSettings, evaluate


class _CapturingTrainer(Trainer):
    """The project's Trainer, keeping a handle on the model it builds so the callback can score it."""

    model: nn.Module | None = None
    before_training = None  # callable(model) run on the freshly built model, before step 1

    def build_model(self) -> nn.Module:
        self.model = super().build_model()
        if self.before_training is not None:
            self.before_training(self.model)
        return self.model


@dataclass
class TargetRun:
    target: float
    reached: bool
    seconds: float | None  # training + evaluation wall time when the target was first met
    steps: int | None
    epoch: float | None
    images: int | None  # training images seen by then (pairs count as two)
    last_accuracy: float | None  # test accuracy at the last evaluation
    kept_accuracy: float | None  # test accuracy of the checkpoint the Trainer keeps (best on val)
    total_seconds: float  # the whole run, as far as it went
    total_steps: int
    evaluations: list[dict[str, float]] = field(default_factory=list)
    status: str = ""


def train_to_target(
    settings: TrainingSettings,
    data_dir: Path,
    test_inputs: torch.Tensor,
    test_labels: torch.Tensor,
    target: float,
    *,
    stop_at_target: bool = True,
    score_before_training: bool = False,
) -> TargetRun:
    """Run the Trainer with ``settings``, scoring the test set at each of its evaluations."""
    device = torch.device(settings.device)
    evaluations: list[dict[str, float]] = []
    state = {"reached": None, "extra": 0.0, "images": 0, "steps": 0, "elapsed": 0.0}
    trainer: _CapturingTrainer

    def score(model: nn.Module, eval_device: torch.device) -> tuple[float, float]:
        start = time.perf_counter()
        _, error, _ = evaluate(model, test_inputs, test_labels, eval_device)
        return 1.0 - error, time.perf_counter() - start

    def note(step: int, epoch: float, accuracy: float, seconds: float) -> None:
        evaluations.append(
            {"step": step, "epoch": round(epoch, 3), "accuracy": accuracy, "s": round(seconds, 3)}
        )
        if state["reached"] is None and accuracy >= target:
            state["reached"] = (seconds, step, epoch, state["images"])
            if stop_at_target:
                trainer.controls.cancel(keep=False)

    def before_training(model: nn.Module) -> None:
        # The untrained (or transferred) model, scored on the CPU before it moves to the device.
        accuracy, took = score(model, torch.device("cpu"))
        state["extra"] += took
        note(0, 0.0, accuracy, state["extra"])

    def callback(event) -> None:
        if hasattr(event, "images_seen"):
            state["images"], state["steps"] = event.images_seen, event.step
            state["elapsed"] = event.elapsed
        if isinstance(event, EvalEvent):
            accuracy, took = score(trainer.model, device)
            # event.elapsed already holds the earlier scorings: they ran inside the Trainer's clock.
            note(event.step, event.epoch, accuracy, state["extra"] + event.elapsed + took)

    trainer = _CapturingTrainer(settings, callback, data_dir=data_dir)
    if score_before_training:
        trainer.before_training = before_training
    start = time.perf_counter()
    result = trainer.run()
    wall = time.perf_counter() - start
    reached = state["reached"]
    kept = None
    if result is not None and result.test is not None:
        kept = float(result.test["accuracy"])
    total = result.elapsed if result is not None else state["elapsed"]
    return TargetRun(
        target=target,
        reached=reached is not None,
        seconds=reached[0] if reached else None,
        steps=reached[1] if reached else None,
        epoch=reached[2] if reached else None,
        images=reached[3] if reached else None,
        last_accuracy=evaluations[-1]["accuracy"] if evaluations else None,
        kept_accuracy=kept,
        total_seconds=state["extra"] + (total or wall),
        total_steps=state["steps"],
        evaluations=evaluations,
        status=result.status if result is not None else "cancelled at target",
    )
