"""The Trainer: one run of any task, used by the CLI, the window, the tests and the benchmarks.

``Trainer.run()`` prepares a run (data, model, optimizer, schedule, teacher), has the one step
loop (``steps.StepLoop``: pause, cancel, divergence, reporting, validation) take its steps, then
tests the best model, saves it and reports. What the loop drives is a ``_Run``: the run's parts.

Process-wide torch state is left as the caller set it: the thread count is the process owner's
to choose (``acceleration.intra_op_threads``), and the random generator that weight init and
dropout draw from is seeded for the run inside ``fork_rng``, which gives it back afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.models import CLASSIFIER, TRANSFER, DigitSumAdder, count_parameters
from mnist_desk.support import acceleration as accel
from mnist_desk.support.config import resolve_data_dir
from mnist_desk.support.devices import resolve_device
from mnist_desk.training.calibration import calibration_meta
from mnist_desk.training.checkpointing import (
    initial_model,
    load_teacher,
    run_meta,
    save_trained_model,
    tested_metrics,
)
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.evaluation import digit_metrics, digit_summary, evaluate, full_report
from mnist_desk.training.events import (
    Event,
    FailedEvent,
    FinishedEvent,
    Predictions,
    TrainingCancelled,
    TrainingResult,
    failed_run_message,
)
from mnist_desk.training.preflight import check_training_can_start
from mnist_desk.training.settings import TrainingSettings, steps_per_epoch, total_steps
from mnist_desk.training.steps import (
    LOWER_LR_NOW,
    LoopPlan,
    StepLoop,
    seeded_torch_rng,
    what_was_kept,
)
from mnist_desk.training.task_data import TaskData


@dataclass
class _Run:
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


class Trainer:
    """Runs one training run. Construct, then call ``run()`` (blocking) in whatever thread you
    like; ``controls`` (pause, resume, cancel) may be used from any other thread meanwhile."""

    def __init__(
        self,
        settings: TrainingSettings,
        callback: Callable[[Event], None] | None = None,
        *,
        data_dir: str | Path | None = None,
        download: bool = False,
        output: str | Path | None = None,
        extra_meta: dict[str, Any] | None = None,
        controls: RunSwitches | None = None,
    ):
        settings.validate()
        self.settings = settings
        self.callback = callback or (lambda event: None)
        self.data_dir = resolve_data_dir(data_dir)
        self.download = download
        self.output = Path(output) if output else None
        # Refused now, not after an hour of training: a model that cannot be saved is lost.
        check_training_can_start(self.output, self.data_dir, download)
        self.extra_meta = dict(extra_meta or {})
        self.model_kwargs: dict[str, Any] | None = None  # what build_model built with
        self.controls = controls or RunSwitches()
        self.model: nn.Module | None = None  # the model being trained, once the run has built it
        self.history: dict[str, list[dict[str, float]]] = {"train": [], "val": []}

    def _emit(self, event: Event) -> None:
        self.callback(event)

    # ---- what a run starts from (subclasses in tests and benchmarks hook in here) ----

    def build_model(self) -> nn.Module:
        """The model the run starts from; the architecture settings it was built with (from a
        starting checkpoint, maybe) are kept in ``model_kwargs``, not written into the settings."""
        model, self.model_kwargs = initial_model(self.settings)
        return model

    def _teacher(self, device: torch.device) -> nn.Module | None:
        """The frozen teacher for distillation: eval mode, no gradients."""
        teacher, about = load_teacher(self.settings, device)
        if about is not None:
            self.extra_meta["teacher"] = about
        return teacher

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
        kinds = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}
        optimizer = accel.uncompiled_optimizer(kinds[s.optimizer])
        if s.optimizer == "sgd":
            return optimizer(
                groups, lr=s.lr, momentum=0.9, nesterov=True, weight_decay=s.weight_decay, **kernel
            )
        betas = {"betas": s.betas} if s.betas is not None else {}
        return optimizer(groups, lr=s.lr, weight_decay=s.weight_decay, **betas, **kernel)

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
            logits = training_logits(model, inputs)
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

    # ---- the run ----

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
        device = resolve_device(self.settings.device)
        with seeded_torch_rng(self.settings.seed, device):
            run, plan = self._prepare(device)
            loop = StepLoop(run, plan, self.controls, self._emit, self.history)
            run.model.train()
            loop.run()
            return self._finish(run, loop)

    def task_data(self, splits: mdata.MnistSplits, device: torch.device) -> TaskData:
        """What the run trains, validates and tests on: the settings' task on MNIST's splits
        (a benchmark with a protocol of its own hooks in here)."""
        return TaskData(self.settings, splits, device)

    def _prepare(self, device: torch.device) -> tuple[_Run, LoopPlan]:
        """Data, model, optimizer, precision, teacher and the step counts of a run."""
        s = self.settings
        splits = mdata.load_splits(self.data_dir, download=self.download)
        task_data = self.task_data(splits, device)
        model = self.model = accel.prepare_model(self.build_model(), device)
        as_run = s if self.model_kwargs is None else replace(s, model_kwargs=self.model_kwargs)
        optimizer = self._optimizer(model, device)
        precision = accel.choose_precision(device, s.amp)
        per_epoch = steps_per_epoch(s, examples=task_data.examples_per_epoch)
        total = total_steps(s, examples=task_data.examples_per_epoch)
        run = _Run(
            settings=as_run,
            device=device,
            data=task_data,
            model=model,
            optimizer=optimizer,
            scheduler=self._scheduler(optimizer, total),
            scaler=accel.gradient_scaler(device, precision),
            precision=precision,
            teacher=self._teacher(device),
            compute_loss=self._loss,
            total_steps=total,
        )
        eval_every = max(1, min(per_epoch // max(1, s.evals_per_epoch), total // 4 or 1))
        plan = LoopPlan(
            total_steps=total,
            steps_per_epoch=per_epoch,
            eval_every=eval_every if task_data.val is not None else None,
            eval_from=s.eval_from,
            patience=s.patience,
            images_per_example=task_data.images_per_example,
            divergence_hint=LOWER_LR_NOW(lr=f"{s.lr:g}"),
        )
        return run, plan

    def _finish(self, run: _Run, loop: StepLoop) -> TrainingResult:
        """Test the best model, save it and report how the run ended."""
        if self.controls.discarded:  # e.g. the app is closing: nothing is tested, saved or reported
            return self._untested_result(run, loop, "stopped", loop.elapsed())
        if run.data.val is None and loop.step > 0 and loop.status != "diverged":
            run.keep_best()  # no validation set: the last weights are the run's model
        elif run.best_state is None and loop.status == "stopped" and loop.step > 0:
            loop.validate()  # a stop before the first evaluation still keeps what was learnt
        elapsed = loop.elapsed()
        self.history["stopped"] = [
            {"step": loop.step, "reason": loop.status, "message": loop.message}
        ]
        kept = run.best_state is not None
        if kept:
            result = self._test_and_save(run, loop, elapsed)
        else:
            result = self._untested_result(run, loop, loop.status, elapsed)
        if loop.status == "diverged":
            self._emit(FailedEvent(what_was_kept(loop.message, kept, result.checkpoint), result))
        else:
            self._emit(FinishedEvent(result))
        return result

    def _untested_result(
        self, run: _Run, loop: StepLoop, status: str, elapsed: float
    ) -> TrainingResult:
        return TrainingResult(
            status,
            loop.message,
            run.settings.to_dict(),
            loop.step,
            elapsed,
            None,
            None,
            None,
            self.history,
            images_seen=loop.images_seen,
            parameters=count_parameters(run.model),
            precision=run.precision.name,
        )

    def _test_and_save(self, run: _Run, loop: StepLoop, elapsed: float) -> TrainingResult:
        """The best weights scored on the test set (float32, as the app predicts), and saved
        with their metrics when the run has an output file."""
        run.model.load_state_dict(run.best_state)
        data, settings = run.data, run.settings.to_dict()
        best_val_error = loop.best_error if loop.validated else None
        report, test_loss, logits = full_report(run.model, *data.test, run.device, data.num_classes)
        metrics = tested_metrics(report, test_loss, best_val_error)
        digits = digit_metrics(run.model, run.settings.task, data.test_digits, run.device)
        metrics.update(digits)
        checkpoint = None
        if self.output is not None:
            # Honest confidence: the temperature of its readings, fitted on validation (not test).
            reused = run.best_val_logits if run.settings.task == CLASSIFIER else None
            calibration = (  # none without a validation set (a protocol of its own)
                calibration_meta(run.model, run.settings.task, data.val_digits, run.device, reused)
                if data.val_digits is not None
                else {}
            )
            meta = run_meta(
                settings,
                metrics,
                parameters=count_parameters(run.model),
                elapsed=elapsed,
                steps=loop.step,
                status=loop.status,
                extra={**self.extra_meta, **calibration},
            )
            checkpoint = save_trained_model(self.output, run.model, meta, self.history)
        return TrainingResult(
            loop.status,
            loop.message,
            settings,
            loop.step,
            elapsed,
            best_val_error,
            {**report.to_dict(), "loss": test_loss, **digit_summary(digits)},
            checkpoint,
            self.history,
            Predictions.from_logits(logits),
            images_seen=loop.images_seen,
            parameters=count_parameters(run.model),
            precision=run.precision.name,
        )
