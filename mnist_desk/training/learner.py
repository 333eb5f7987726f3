"""One run's parts as the step loop drives them (``RunParts``, a ``steps.Learner``), and what
its steps are made of: the loss (with a teacher's readings, for distillation), the optimizer and
the learning-rate schedule. ``loop.Trainer`` builds them from a run's settings."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk.models import TRANSFER, DigitSumAdder
from mnist_desk.support import acceleration as accel
from mnist_desk.training.evaluation import evaluate
from mnist_desk.training.settings import TrainingSettings
from mnist_desk.training.task_data import TaskData


@dataclass
class RunParts:
    """One run's parts, as the step loop drives them (``steps.Learner``)."""

    settings: TrainingSettings  # as run: with the model settings the model was really built with
    device: torch.device
    data: TaskData
    model: nn.Module
    optimizer: torch.optim.Optimizer
    scheduler: Any
    scaler: torch.amp.GradScaler
    precision: accel.Precision
    teacher: nn.Module | None
    compute_loss: Callable[..., tuple[torch.Tensor, torch.Tensor, dict[str, float]]]
    total_steps: int = 0  # the run's step budget
    steps_taken: int = 0
    best_state: dict[str, torch.Tensor] | None = None
    # float32 validation logits (latest, best): a classifier's calibration reuses the best ones
    last_val_logits: torch.Tensor | None = None
    best_val_logits: torch.Tensor | None = None

    def batches(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        return self.data.epoch_batches(self.settings.batch_size)

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor):
        with accel.autocast(self.device, self.precision):
            return self.compute_loss(self.model, self.teacher, inputs, labels)

    def update(self, loss: torch.Tensor) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self.scaler.step(self.optimizer)
        self.scaler.update()
        if self.scheduler is not None:
            self.scheduler.step()
        self.steps_taken += 1

    def learning_rate(self) -> float:
        return self.optimizer.param_groups[0]["lr"]

    def validate(self, should_stop: Callable[[], bool] | None) -> tuple[float, float]:
        # Validation only ranks checkpoints: it may run in the training precision, except after
        # the last step (usually the best weights): float32 there, as the app predicts, so a
        # classifier's calibration is fitted to these logits without a second pass.
        precision = accel.FLOAT32 if self.steps_taken >= self.total_steps else self.precision
        loss, error, logits = evaluate(
            self.model, *self.data.val, self.device, should_stop, precision
        )
        self.last_val_logits = logits if precision == accel.FLOAT32 else None
        return loss, error

    def keep_best(self) -> None:
        self.best_val_logits, self.last_val_logits = self.last_val_logits, None
        self.best_state = copy.deepcopy(
            {k: v.detach().cpu() for k, v in self.model.state_dict().items()}
        )


def training_logits(model: nn.Module, inputs: torch.Tensor) -> torch.Tensor:
    """A training step's logits, in the autocast region's precision, except a digits-from-sums
    adder's exact-sum head (and the log-softmax before it): float32, as sums of log-probabilities
    near zero need (``models.adders.ExactSum``)."""
    if not isinstance(model, DigitSumAdder):
        return model(inputs)
    digit_logits = model.digit_logits(inputs)
    with torch.autocast(inputs.device.type, enabled=False):
        return model.sum_logits(digit_logits.float())


def build_optimizer(
    settings: TrainingSettings, model: nn.Module, device: torch.device
) -> torch.optim.Optimizer:
    """The run's optimizer: a transfer adder's head at its own learning rate."""
    if settings.task == TRANSFER:
        groups = [
            {"params": model.classifier.parameters(), "lr": settings.lr},
            {"params": model.head.parameters(), "lr": settings.lr * settings.head_lr_scale},
        ]
    else:
        groups = [{"params": model.parameters(), "lr": settings.lr}]
    kernel = accel.optimizer_kernel(device)
    kinds = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}
    optimizer = accel.uncompiled_optimizer(kinds[settings.optimizer])
    if settings.optimizer == "sgd":
        return optimizer(
            groups,
            lr=settings.lr,
            momentum=0.9,
            nesterov=True,
            weight_decay=settings.weight_decay,
            **kernel,
        )
    betas = {"betas": settings.betas} if settings.betas is not None else {}
    return optimizer(groups, lr=settings.lr, weight_decay=settings.weight_decay, **betas, **kernel)


def build_scheduler(settings: TrainingSettings, optimizer: torch.optim.Optimizer, total_steps: int):
    """The learning-rate schedule over ``total_steps``, or None for a constant rate."""
    if settings.schedule == "onecycle" and total_steps >= 4:  # OneCycle needs a step in each phase
        max_lrs = [g["lr"] for g in optimizer.param_groups]
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer,
            max_lr=max_lrs,
            total_steps=total_steps,
            pct_start=max(0.25, 2 / total_steps),
            cycle_momentum=settings.betas is None,  # explicit betas stay as set
        )
    if settings.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
    return None


def training_loss(
    settings: TrainingSettings,
    model: nn.Module,
    teacher: nn.Module | None,
    inputs: torch.Tensor,
    labels: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor, dict[str, float]]:
    """(loss to minimise, logits for the training error, named parts of the loss); with a
    teacher, its readings distilled into the model's (hard labels or soft, ``settings.distill``)."""
    if teacher is None:
        logits = training_logits(model, inputs)
        return F.cross_entropy(logits, labels, label_smoothing=settings.label_smoothing), logits, {}
    with torch.no_grad():
        teacher_logits = teacher(inputs)
    if settings.distill == "hard":
        cls_logits, dist_logits = model.forward_heads(inputs)
        label_loss = F.cross_entropy(cls_logits, labels, label_smoothing=settings.label_smoothing)
        teacher_loss = F.cross_entropy(dist_logits, teacher_logits.argmax(1))
        loss = (label_loss + teacher_loss) / 2
        logits = (cls_logits + dist_logits) / 2
    else:
        logits = model(inputs)
        t = settings.distill_temperature
        label_loss = F.cross_entropy(logits, labels, label_smoothing=settings.label_smoothing)
        log_student = F.log_softmax(logits / t, 1)
        log_teacher = F.log_softmax(teacher_logits / t, 1)
        # t^2 keeps the gradient's scale independent of the temperature (Hinton et al. 2015)
        teacher_loss = (
            F.kl_div(log_student, log_teacher, reduction="batchmean", log_target=True) * t * t
        )
        loss = (1 - settings.distill_alpha) * label_loss + settings.distill_alpha * teacher_loss
    return loss, logits, {"label_loss": label_loss.item(), "teacher_loss": teacher_loss.item()}
