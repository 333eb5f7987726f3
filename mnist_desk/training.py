"""The headless Trainer: one training loop for every task, used by the CLI, the GUI and the tests.

Training flows one way: TrainingSettings -> Trainer.run() -> events (step, evaluation, epoch,
finished, failed) delivered to a callback. The Trainer knows nothing of Qt; the GUI's worker thread
turns the events into signals. ``cancel()`` and ``pause()`` are safe to call from another thread.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk import acceleration as accel
from mnist_desk import data as mdata
from mnist_desk.checkpoints import load_checkpoint, make_meta, save_checkpoint, write_metrics_file
from mnist_desk.config import resolve_data_dir
from mnist_desk.devices import resolve_device
from mnist_desk.errors import FolderError, SettingsError, UserError
from mnist_desk.logs import log_exception
from mnist_desk.metrics import ClassificationReport, classification_report, emergent_digits
from mnist_desk.models import (
    CLASSIFIER,
    DISTILLATION,
    SCRATCH,
    TRANSFER,
    UnknownModelError,
    archs_for,
    build_model,
    count_parameters,
    default_arch,
    is_adder,
    reads_digits,
)
from mnist_desk.preflight import check_training_can_start
from mnist_desk.run_controls import RunControls

OPTIMIZERS = ("adamw", "adam", "sgd")
SCHEDULES = ("onecycle", "cosine", "constant")


@dataclass
class TrainingSettings:
    """Everything that defines a run. The CLI, the GUI and the tests all build one of these."""

    task: str = CLASSIFIER
    arch: str = "convnet"
    epochs: float = 8.0
    max_steps: int | None = None  # a step budget; overrides epochs when set
    batch_size: int = 128
    optimizer: str = "adamw"
    lr: float = 3e-3
    weight_decay: float = 5e-4
    betas: tuple[float, float] | None = None  # Adam(W) betas; set, OneCycle no longer cycles beta1
    schedule: str = "onecycle"
    label_smoothing: float = 0.0
    augment: bool = True
    aug_degrees: float = 10.0  # random rotation, +-degrees
    aug_translate: float = 0.1  # random shift, +- this fraction of the image
    aug_scale: float = 0.1  # random zoom, 1 +- this
    aug_drawn: bool = False  # also slant, aspect, elastic wobble, stroke thickness (augment.py)
    synthetic_digits: int = 0  # drawn-style template digits added to training (stroke_templates)
    seed: int = 0
    device: str = "cpu"
    evals_per_epoch: int = 2
    eval_from: float = 0.0  # validate only after this fraction of the run (and always at its end)
    patience: int | None = None  # early stopping: evaluations without a better validation error
    pairs_per_epoch: int = 50_000  # adders: fresh random training pairs drawn every epoch
    init_from: str | None = None  # transfer adder, or fine-tuning: the classifier to start from
    head_lr_scale: float = 10.0  # transfer adder: the head learns faster than the pretrained trunk
    teacher: str | None = None  # distillation: the teacher classifier's checkpoint
    distill: str = "none"  # none; hard (DeiT: the teacher's argmax); soft (KL to softened outputs)
    distill_temperature: float = 4.0  # soft distillation: how much both distributions are softened
    distill_alpha: float = 0.5  # soft distillation: weight of the teacher term against the label
    train_subset: int | None = None  # for quick runs and tests
    val_subset: int | None = None
    test_subset: int | None = None
    num_threads: int | None = None
    amp: bool = False  # mixed precision where the device runs it natively (acceleration.py)
    model_kwargs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainingSettings:
        known = {f.name for f in fields(cls)}
        kept = {k: v for k, v in values.items() if k in known}
        if kept.get("betas") is not None:  # JSON turns the tuple into a list
            kept["betas"] = tuple(kept["betas"])
        return cls(**kept)

    def validate(self) -> None:
        if self.task not in (CLASSIFIER, TRANSFER, SCRATCH):
            raise SettingsError(f"unknown task {self.task!r}")
        if self.arch not in archs_for(self.task):
            raise UnknownModelError(
                f"unknown architecture {self.arch!r} for the {self.task} task; "
                f"choose one of {', '.join(archs_for(self.task))}"
            )
        if self.optimizer not in OPTIMIZERS:
            raise SettingsError(
                f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}"
            )
        if self.schedule not in SCHEDULES:
            raise SettingsError(
                f"unknown schedule {self.schedule!r}; choose one of {', '.join(SCHEDULES)}"
            )
        if self.distill not in ("none", "hard", "soft"):
            raise SettingsError(
                f"unknown distillation mode {self.distill!r}; choose none, hard or soft"
            )
        if self.distill != "none" and not self.teacher:
            raise SettingsError(
                "distillation needs a teacher: set teacher to a classifier checkpoint"
            )
        if self.distill == "hard" and self.arch != "deit":
            raise SettingsError(
                "hard distillation needs the deit architecture (its distillation token)"
            )
        if self.batch_size < 1 or self.lr <= 0 or (self.epochs <= 0 and not self.max_steps):
            raise SettingsError("batch size, learning rate and epochs (or steps) must be positive")


def default_settings(task: str, arch: str | None = None) -> TrainingSettings:
    """Good starting points per task (what the shipped weights were trained with, at fewer epochs)."""
    if task == TRANSFER:
        return TrainingSettings(
            task=task,
            arch=arch or "convnet",
            epochs=3,
            lr=1e-4,
            weight_decay=0.0,
            head_lr_scale=10.0,
            schedule="cosine",
        )
    if task == SCRATCH:
        arch = arch or default_arch(SCRATCH)
        return TrainingSettings(task=task, arch=arch, epochs=10, lr=3e-3)
    arch = arch or "convnet"
    if arch in ("vit", "deit", "vit-distill"):
        settings = TrainingSettings(
            task=task, arch=arch, epochs=15, lr=2e-3, weight_decay=0.05, batch_size=256
        )
        if arch in DISTILLATION:
            from mnist_desk.catalog import default_classifier_path

            settings.distill = DISTILLATION[arch]
            settings.teacher = str(default_classifier_path())
            if settings.distill == "soft":
                # Chosen on validation error among T=4/a=0.5 (1.45%), T=3/a=0.1 (1.37%, DeiT's
                # soft setting) and T=1/a=0.5 (1.36%), 20 epochs each, seed 1.
                settings.distill_temperature, settings.distill_alpha = 1.0, 0.5
        return settings
    return TrainingSettings(task=task, arch=arch)


def examples_per_epoch(settings: TrainingSettings, train_images: int = mdata.TRAIN_SIZE) -> int:
    """Training examples in one epoch: an adder's fresh random pairs, or a classifier's
    training images (``train_subset`` of the ``train_images`` there are, plus synthetic digits)."""
    if is_adder(settings.task):
        return min(settings.pairs_per_epoch, settings.train_subset or settings.pairs_per_epoch)
    subset = settings.train_subset
    images = train_images if subset is None else min(subset, train_images)
    return images + settings.synthetic_digits


def steps_per_epoch(settings: TrainingSettings, train_images: int = mdata.TRAIN_SIZE) -> int:
    """Optimizer steps in one epoch (the last batch may be smaller)."""
    return math.ceil(examples_per_epoch(settings, train_images) / settings.batch_size)


def total_steps(settings: TrainingSettings, train_images: int = mdata.TRAIN_SIZE) -> int:
    """The number of steps a run of these settings takes: the one count the Trainer runs to and
    the CLI and the window show (``train_images``: the training split's size, MNIST's 50,000)."""
    if settings.max_steps:
        return settings.max_steps
    return max(1, round(settings.epochs * steps_per_epoch(settings, train_images)))


# ---- events ---------------------------------------------------------------------------------


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


# ---- data per task ---------------------------------------------------------------------------


class TaskData:
    """Batches for one task: digits and their labels, or pairs of digits and their sums."""

    def __init__(self, settings: TrainingSettings, splits: mdata.MnistSplits, device: torch.device):
        self.task = settings.task
        self.device = device
        self.augment = settings.augment
        self.affine = {
            "degrees": settings.aug_degrees,
            "translate": settings.aug_translate,
            "scale": (1 - settings.aug_scale, 1 + settings.aug_scale),
        }
        self.generator = torch.Generator().manual_seed(settings.seed)
        self.train = splits.train.subset(settings.train_subset)
        if settings.synthetic_digits:
            from mnist_desk.drawn_training import with_synthetic_digits

            self.train = with_synthetic_digits(self.train, settings.synthetic_digits, settings.seed)
        self.train = self.train.to(device)
        self.aug_drawn = settings.aug_drawn
        val = splits.val.subset(settings.val_subset)
        test = splits.test.subset(settings.test_subset)
        if is_adder(self.task):
            self.pairs_per_epoch = examples_per_epoch(settings)
            self.val = mdata.fixed_pairs(val, len(val))
            self.test = mdata.fixed_pairs(test, len(test))
            self.test_digits = test  # the single test digits, to check the adder's classifier
        else:
            self.pairs_per_epoch = 0
            self.val = (val.images, val.labels)
            self.test = (test.images, test.labels)
        self.num_classes = mdata.NUM_SUMS if is_adder(self.task) else mdata.NUM_CLASSES

    @property
    def images_per_example(self) -> int:
        return 2 if is_adder(self.task) else 1

    def epoch_batches(self, batch_size: int) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        if is_adder(self.task):
            pairs = mdata.random_pairs(len(self.train), self.pairs_per_epoch, self.generator)
            pairs = pairs.to(self.device)
            for idx in mdata.iterate_batches(len(pairs), batch_size, shuffle=False):
                chosen = pairs[idx.to(self.device)]
                images = self.train.images[chosen]  # (B, 2, 1, 28, 28)
                if self.augment:
                    images = self._augmented(images.flatten(0, 1)).view_as(images)
                yield images, self.train.labels[chosen].sum(1)
        else:
            for idx in mdata.iterate_batches(
                len(self.train), batch_size, shuffle=True, generator=self.generator
            ):
                idx = idx.to(self.device)
                images = self.train.images[idx]
                if self.augment:
                    images = self._augmented(images)
                yield images, self.train.labels[idx]

    def _augmented(self, images: torch.Tensor) -> torch.Tensor:
        if self.aug_drawn:
            from mnist_desk.drawn_training import drawn_augment_like

            return drawn_augment_like(images, self.generator, self.affine)
        return mdata.random_affine(images, self.generator, **self.affine)


class EvaluationInterrupted(Exception):
    """``should_stop`` said yes between two batches of an evaluation."""


@torch.no_grad()
def predict_logits(
    model: nn.Module,
    inputs: torch.Tensor,
    device: torch.device,
    batch_size: int = 1000,
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
    loss, _, logits = evaluate(model, inputs, labels, device)
    return classification_report(logits.argmax(1), labels, num_classes), loss, logits


def _digit_summary(digit_metrics: dict[str, Any]) -> dict[str, Any]:
    """What a run's result reports of an adder's own digit reading (its confusion stays in the
    metrics file)."""
    keys = ("digit_test_accuracy", "digit_test_accuracy_matched", "digit_matching")
    return {k: digit_metrics[k] for k in keys if k in digit_metrics}


def eval_share(history: dict[str, list[dict[str, float]]], elapsed: float) -> float:
    """The share of a run's time its validation passes took (0..1)."""
    spent = sum(point.get("eval_seconds", 0.0) for point in history.get("val", []))
    return spent / elapsed if elapsed > 0 else 0.0


# ---- the trainer -----------------------------------------------------------------------------


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


# The loop's locals keep their short names; the functions are reached under these.
count_steps_per_epoch, count_total_steps = steps_per_epoch, total_steps


class Trainer(RunControls):
    """Runs one training run. Construct, then call ``run()`` (blocking) in whatever thread you like."""

    def __init__(
        self,
        settings: TrainingSettings,
        callback: Callable[[Event], None] | None = None,
        *,
        data_dir: str | Path | None = None,
        download: bool = False,
        output: str | Path | None = None,
        extra_meta: dict[str, Any] | None = None,
    ):
        settings.validate()
        self.settings = settings
        self.callback = callback or (lambda event: None)
        self.data_dir = resolve_data_dir(data_dir)
        self.download = download
        self.output = Path(output) if output else None
        # Refused now, not after an hour of training: a model that cannot be saved is lost.
        check_training_can_start(self.output, self.data_dir, download)
        self.extra_meta = extra_meta or {}
        super().__init__()
        self.history: dict[str, list[dict[str, float]]] = {"train": [], "val": []}

    def _emit(self, event: Event) -> None:
        self.callback(event)

    def build_model(self) -> nn.Module:
        s = self.settings
        model = build_model(s.task, s.arch, **s.model_kwargs)
        if s.task == TRANSFER:
            if not s.init_from:
                raise SettingsError(
                    "the transfer adder needs a trained classifier: set init_from to its checkpoint"
                )
            ckpt = load_checkpoint(s.init_from)
            if ckpt.task != CLASSIFIER or ckpt.arch != s.arch:
                raise SettingsError(
                    f"{s.init_from} is a {ckpt.task}/{ckpt.arch} checkpoint; the transfer adder "
                    f"needs a classifier/{s.arch} one"
                )
            model.classifier.load_state_dict(ckpt.build().state_dict())
            s.model_kwargs = ckpt.model_kwargs
        elif s.init_from:  # fine-tuning a trained classifier or scratch adder
            ckpt = load_checkpoint(s.init_from)
            if ckpt.task != s.task or ckpt.arch != s.arch:
                raise SettingsError(
                    f"{s.init_from} is a {ckpt.task}/{ckpt.arch} checkpoint; fine-tuning needs "
                    f"a {s.task}/{s.arch} one"
                )
            model = ckpt.build()
            s.model_kwargs = ckpt.model_kwargs
        return model

    def _teacher(self, device: torch.device) -> nn.Module | None:
        """The frozen teacher for distillation: eval mode, no gradients."""
        s = self.settings
        if s.distill == "none":
            return None
        ckpt = load_checkpoint(s.teacher)
        if ckpt.task != CLASSIFIER:
            raise SettingsError(
                f"{s.teacher} is a {ckpt.task} checkpoint; a teacher must be a classifier"
            )
        self.extra_meta["teacher"] = {
            "path": str(s.teacher),
            "arch": ckpt.arch,
            "test_accuracy": ckpt.test_accuracy,
            "mode": s.distill,
        }
        teacher = ckpt.build().to(device).eval()
        teacher.requires_grad_(False)
        return teacher

    def _loss(
        self,
        model: nn.Module,
        teacher: nn.Module | None,
        inputs: torch.Tensor,
        labels: torch.Tensor,
    ) -> tuple[torch.Tensor, torch.Tensor, dict[str, float]]:
        """(loss to minimise, logits for the training error, named parts of the loss)."""
        s = self.settings
        if teacher is None:
            logits = model(inputs)
            return F.cross_entropy(logits, labels, label_smoothing=s.label_smoothing), logits, {}
        with torch.no_grad():
            teacher_logits = teacher(inputs)
        if s.distill == "hard":
            cls_logits, dist_logits = model.forward_heads(inputs)
            label_loss = F.cross_entropy(cls_logits, labels, label_smoothing=s.label_smoothing)
            teacher_loss = F.cross_entropy(dist_logits, teacher_logits.argmax(1))
            loss = (label_loss + teacher_loss) / 2
            logits = (cls_logits + dist_logits) / 2
        else:
            logits = model(inputs)
            t = s.distill_temperature
            label_loss = F.cross_entropy(logits, labels, label_smoothing=s.label_smoothing)
            log_student = F.log_softmax(logits / t, 1)
            log_teacher = F.log_softmax(teacher_logits / t, 1)
            # t^2 keeps the gradient's scale independent of the temperature (Hinton et al. 2015)
            teacher_loss = (
                F.kl_div(log_student, log_teacher, reduction="batchmean", log_target=True) * t * t
            )
            loss = (1 - s.distill_alpha) * label_loss + s.distill_alpha * teacher_loss
        return loss, logits, {"label_loss": label_loss.item(), "teacher_loss": teacher_loss.item()}

    def _optimizer(self, model: nn.Module, device: torch.device) -> torch.optim.Optimizer:
        s = self.settings
        if s.task == TRANSFER:
            groups = [
                {"params": model.classifier.parameters(), "lr": s.lr},
                {"params": model.head.parameters(), "lr": s.lr * s.head_lr_scale},
            ]
        else:
            groups = [{"params": model.parameters(), "lr": s.lr}]
        kernel = accel.optimizer_kernel(device)
        if s.optimizer == "sgd":
            return torch.optim.SGD(
                groups, lr=s.lr, momentum=0.9, nesterov=True, weight_decay=s.weight_decay, **kernel
            )
        betas = {"betas": s.betas} if s.betas is not None else {}
        if s.optimizer == "adam":
            return torch.optim.Adam(groups, lr=s.lr, weight_decay=s.weight_decay, **betas, **kernel)
        return torch.optim.AdamW(groups, lr=s.lr, weight_decay=s.weight_decay, **betas, **kernel)

    def _scheduler(self, optimizer: torch.optim.Optimizer, total_steps: int):
        s = self.settings
        if s.schedule == "onecycle" and total_steps >= 4:  # OneCycle needs a step in each phase
            max_lrs = [g["lr"] for g in optimizer.param_groups]
            return torch.optim.lr_scheduler.OneCycleLR(
                optimizer,
                max_lr=max_lrs,
                total_steps=total_steps,
                pct_start=max(0.25, 2 / total_steps),
                cycle_momentum=s.betas is None,  # explicit betas stay as set
            )
        if s.schedule == "cosine":
            return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)
        return None

    def run(self) -> TrainingResult | None:
        """Train, evaluate, save. Emits FinishedEvent (and returns the result) or FailedEvent (returns None).

        Only the user's errors (missing data, a bad checkpoint, no space left, out of memory)
        become a FailedEvent; anything else is a bug and propagates with its traceback."""
        try:
            return self._run()
        except TrainingCancelled:
            return None
        except Exception as e:
            message = failed_run_message(e)
            if message is None:
                raise
            self._emit(FailedEvent(message))
            return None

    def _run(self) -> TrainingResult:
        s = self.settings
        if s.num_threads:
            torch.set_num_threads(s.num_threads)
        device = resolve_device(s.device)
        torch.manual_seed(s.seed)
        splits = mdata.load_splits(self.data_dir, download=self.download)
        task_data = TaskData(s, splits, device)
        model = accel.prepare_model(self.build_model(), device)
        optimizer = self._optimizer(model, device)
        precision = accel.choose_precision(device, s.amp)
        scaler = accel.gradient_scaler(device, precision)
        teacher = self._teacher(device)

        steps_per_epoch = count_steps_per_epoch(s, len(splits.train))
        total_steps = count_total_steps(s, len(splits.train))
        scheduler = self._scheduler(optimizer, total_steps)
        eval_every = max(
            1, min(steps_per_epoch // max(1, s.evals_per_epoch), total_steps // 4 or 1)
        )

        best_error, best_state, evals_since_best = math.inf, None, 0
        status, message = "completed", "training finished"
        step, images_seen, elapsed = 0, 0, 0.0
        epoch = 0
        start = time.perf_counter()

        def evaluate_now(interruptible: bool = False) -> None:
            nonlocal best_error, best_state, evals_since_best
            # During training a cancel ends a long validation pass between batches, so a
            # window closing mid-run is not held up by it.
            should_stop = self._cancel.is_set if interruptible else None
            began = time.perf_counter()
            # Validation only ranks checkpoints: it may run in the training precision. The test
            # report at the end is float32, as the app's predictions are.
            loss, error, _ = evaluate(model, *task_data.val, device, should_stop, precision)
            if error < best_error:
                best_error, evals_since_best = error, 0
                best_state = copy.deepcopy(
                    {k: v.detach().cpu() for k, v in model.state_dict().items()}
                )
            else:
                evals_since_best += 1
            now = time.perf_counter() - start - paused_total
            self.history["val"].append(
                {
                    "step": step,
                    "epoch": step / steps_per_epoch,
                    "loss": loss,
                    "error": error,
                    "time": now,
                    "eval_seconds": time.perf_counter() - began,  # its share: eval_share()
                }
            )
            self._emit(EvalEvent(step, step / steps_per_epoch, loss, error, best_error, now))

        paused_total = 0.0
        model.train()
        while status == "completed" and step < total_steps:
            for inputs, labels in task_data.epoch_batches(s.batch_size):
                paused_total += self._wait_if_paused()
                if self._cancel.is_set():
                    status, message = "stopped", f"stopped by the user at step {step}"
                    break
                with accel.autocast(device, precision):
                    loss, logits, parts = self._loss(model, teacher, inputs, labels)
                if not torch.isfinite(loss):
                    status = "diverged"
                    message = (
                        f"Training diverged: the loss became {loss.item()} at step {step + 1}. "
                        f"Try a lower learning rate (now {s.lr:g})."
                    )
                    break
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
                if scheduler is not None:
                    scheduler.step()
                step += 1
                images_seen += len(labels) * task_data.images_per_example
                elapsed = time.perf_counter() - start - paused_total
                error = (logits.argmax(1) != labels).float().mean().item()
                loss_value = loss.item()
                point = {
                    "step": step,
                    "epoch": step / steps_per_epoch,
                    "loss": loss_value,
                    "error": error,
                    "time": elapsed,
                    **parts,
                }
                self.history["train"].append(point)
                self._emit(
                    StepEvent(
                        step,
                        total_steps,
                        step / steps_per_epoch,
                        loss_value,
                        error,
                        optimizer.param_groups[0]["lr"],
                        images_seen,
                        elapsed,
                        parts,
                    )
                )
                due = step % eval_every == 0 and step >= s.eval_from * total_steps
                if due or step == total_steps:
                    try:
                        evaluate_now(interruptible=True)
                    except EvaluationInterrupted:
                        status, message = "stopped", f"stopped by the user at step {step}"
                        break
                    if s.patience is not None and evals_since_best > s.patience:
                        status = "early-stopped"
                        message = (
                            f"stopped early at step {step}: validation error did not improve "
                            f"for {s.patience} evaluations"
                        )
                        break
                if step >= total_steps:
                    break
            if status == "completed":
                epoch += 1
                self._emit(EpochEvent(epoch, step, time.perf_counter() - start - paused_total))

        if self._discard:
            return TrainingResult(
                "stopped", message, s.to_dict(), step, elapsed, None, None, None, self.history
            )
        if best_state is None and status == "stopped" and step > 0:
            evaluate_now()  # a stop before the first evaluation still keeps what was learnt
        elapsed = time.perf_counter() - start - paused_total
        self.history["stopped"] = [{"step": step, "reason": status, "message": message}]

        if best_state is None:
            result = TrainingResult(
                status, message, s.to_dict(), step, elapsed, None, None, None, self.history
            )
            if status == "diverged":
                self._emit(
                    FailedEvent(
                        message + " No checkpoint was kept (no evaluation had run).", result
                    )
                )
                return result
            self._emit(FinishedEvent(result))
            return result

        model.load_state_dict(best_state)
        report, test_loss, _ = full_report(model, *task_data.test, device, task_data.num_classes)
        metrics = {
            "test_accuracy": round(report.accuracy, 6),
            "test_error": round(1 - report.accuracy, 6),
            "test_loss": round(test_loss, 6),
            "test_count": report.count,
            "best_val_error": round(best_error, 6),
            "per_class_precision": report.precision,
            "per_class_recall": report.recall,
            "confusion": report.confusion,
        }
        digit_metrics = self._digit_metrics(model, task_data, device)
        metrics.update(digit_metrics)
        checkpoint = None
        if self.output is not None:
            meta = make_meta(
                s.task,
                s.arch,
                model_kwargs=s.model_kwargs,
                metrics=metrics,
                settings=s.to_dict(),
                seed=s.seed,
                parameters=count_parameters(model),
                train_time_s=round(elapsed, 1),
                steps=step,
                status=status,
                **self.extra_meta,
            )
            try:
                checkpoint = str(save_checkpoint(self.output, model.cpu(), meta))
                write_metrics_file(self.output, meta)
            except OSError as e:  # e.g. the disk is full: the file it would replace is untouched
                raise FolderError(
                    f"could not save the trained model to {self.output}: {e.strerror or e}. "
                    f"Its test accuracy was {report.accuracy:.2%}; free some space or choose "
                    "another models folder, and train again."
                ) from e
        result = TrainingResult(
            status,
            message,
            s.to_dict(),
            step,
            elapsed,
            best_error,
            {**report.to_dict(), "loss": test_loss, **_digit_summary(digit_metrics)},
            checkpoint,
            self.history,
        )
        if status == "diverged":
            self._emit(
                FailedEvent(
                    message
                    + f" The best model so far was kept{': ' + checkpoint if checkpoint else ''}.",
                    result,
                )
            )
        else:
            self._emit(FinishedEvent(result))
        return result

    def _digit_metrics(
        self, model: nn.Module, task_data: TaskData, device: torch.device
    ) -> dict[str, Any]:
        """How well an adder's own digit outputs read single test digits: the transfer adder's
        fine-tuned classifier, or the digits a scratch adder learned from sums alone (raw, and
        after the best one-to-one matching of its outputs to digits)."""
        if not is_adder(self.settings.task) or not reads_digits(model):
            return {}
        digits = task_data.test_digits
        _, error, logits = evaluate(model.classifier, digits.images, digits.labels, device)
        if self.settings.task == TRANSFER:
            return {"digit_test_accuracy": round(1 - error, 6)}
        emergent = emergent_digits(logits.argmax(1), digits.labels)
        return {
            "digit_test_accuracy": round(emergent.raw_accuracy, 6),
            "digit_test_accuracy_matched": round(emergent.matched_accuracy, 6),
            "digit_matching": emergent.matching,
            "digit_confusion": emergent.confusion,
        }
