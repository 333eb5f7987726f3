"""The Trainer: one training loop for every task, used by the CLI, the window and the tests.

``Trainer.run()`` prepares a run (data, model, optimizer, schedule, teacher), takes its steps
(validating when due, stopping early, on a cancel or when the loss diverges), then tests the best
model, saves it and reports. Each of those is one method below; what they share is a ``_Run``.

Process-wide torch state is left as the caller set it: the thread count is the process owner's
to choose (``acceleration.intra_op_threads``), and the random generator that weight init and
dropout draw from is seeded for the run inside ``fork_rng``, which gives it back afterwards.
"""

from __future__ import annotations

import contextlib
import copy
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.models import TRANSFER, count_parameters
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
from mnist_desk.training.controls import RunControls
from mnist_desk.training.evaluation import (
    EvaluationInterrupted,
    digit_metrics,
    digit_summary,
    evaluate,
    full_report,
)
from mnist_desk.training.events import (
    EpochEvent,
    EvalEvent,
    Event,
    FailedEvent,
    FinishedEvent,
    Predictions,
    StepEvent,
    TrainingCancelled,
    TrainingResult,
    failed_run_message,
)
from mnist_desk.training.preflight import check_training_can_start
from mnist_desk.training.settings import TrainingSettings, steps_per_epoch, total_steps
from mnist_desk.training.task_data import TaskData


@contextlib.contextmanager
def seeded_torch_rng(seed: int, device: torch.device) -> Iterator[None]:
    """torch's process-wide generator (and the run's GPU's) seeded for one run, then given back
    as it was. Initial weights and dropout draw from it, and torch has no per-call generator for
    them; everything else a run draws (order, augmentation, pairs) comes from TaskData's own."""
    if device.type == "cuda":
        gpus = [device.index if device.index is not None else torch.cuda.current_device()]
    else:
        gpus = []
    with torch.random.fork_rng(devices=gpus):
        torch.random.default_generator.manual_seed(seed)
        if gpus:
            with torch.cuda.device(device):
                torch.cuda.manual_seed(seed)
        yield


@dataclass
class _Run:
    """One run's parts and how far it has got: what the loop's methods share."""

    settings: TrainingSettings  # as run: with the model settings the model was really built with
    device: torch.device
    data: TaskData
    model: nn.Module
    optimizer: torch.optim.Optimizer
    scheduler: Any
    scaler: torch.amp.GradScaler
    precision: accel.Precision
    teacher: nn.Module | None
    steps_per_epoch: int
    total_steps: int
    eval_every: int
    start: float = 0.0
    paused: float = 0.0  # seconds spent paused, left out of every timing
    step: int = 0
    epoch: int = 0
    images_seen: int = 0
    status: str = "completed"
    message: str = "training finished"
    best_error: float = math.inf
    best_state: dict[str, torch.Tensor] | None = None
    evals_since_best: int = 0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start - self.paused

    def end(self, status: str, message: str) -> None:
        self.status, self.message = status, message


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
        controls: RunControls | None = None,
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
        self.controls = controls or RunControls()
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
            run = self._prepare(device)
            self._train(run)
            return self._finish(run)

    def _prepare(self, device: torch.device) -> _Run:
        """Data, model, optimizer, precision, teacher and the step counts of a run."""
        s = self.settings
        splits = mdata.load_splits(self.data_dir, download=self.download)
        task_data = TaskData(s, splits, device)
        model = self.model = accel.prepare_model(self.build_model(), device)
        as_run = s if self.model_kwargs is None else replace(s, model_kwargs=self.model_kwargs)
        optimizer = self._optimizer(model, device)
        precision = accel.choose_precision(device, s.amp)
        scaler = accel.gradient_scaler(device, precision)
        teacher = self._teacher(device)
        per_epoch = steps_per_epoch(s, len(splits.train))
        total = total_steps(s, len(splits.train))
        return _Run(
            settings=as_run,
            device=device,
            data=task_data,
            model=model,
            optimizer=optimizer,
            scheduler=self._scheduler(optimizer, total),
            scaler=scaler,
            precision=precision,
            teacher=teacher,
            steps_per_epoch=per_epoch,
            total_steps=total,
            eval_every=max(1, min(per_epoch // max(1, s.evals_per_epoch), total // 4 or 1)),
            start=time.perf_counter(),
        )

    def _train(self, run: _Run) -> None:
        """Epoch after epoch until the step budget is spent or the run ends otherwise."""
        run.model.train()
        while run.status == "completed" and run.step < run.total_steps:
            for inputs, labels in run.data.epoch_batches(self.settings.batch_size):
                if not self._step(run, inputs, labels):
                    break
            if run.status == "completed":
                run.epoch += 1
                self._emit(EpochEvent(run.epoch, run.step, run.elapsed()))

    def _step(self, run: _Run, inputs: torch.Tensor, labels: torch.Tensor) -> bool:
        """One optimizer step, reported, then a validation if one is due. False once the run
        has taken its last step or ended (stopped, diverged, stopped early)."""
        s = self.settings
        run.paused += self.controls.wait_if_paused()
        if self.controls.cancelled:
            run.end("stopped", f"stopped by the user at step {run.step}")
            return False
        with accel.autocast(run.device, run.precision):
            loss, logits, parts = self._loss(run.model, run.teacher, inputs, labels)
        if not torch.isfinite(loss):
            run.end(
                "diverged",
                f"Training diverged: the loss became {loss.item()} at step {run.step + 1}. "
                f"Try a lower learning rate (now {s.lr:g}).",
            )
            return False
        run.optimizer.zero_grad(set_to_none=True)
        run.scaler.scale(loss).backward()
        run.scaler.step(run.optimizer)
        run.scaler.update()
        if run.scheduler is not None:
            run.scheduler.step()
        run.step += 1
        run.images_seen += len(labels) * run.data.images_per_example
        self._report_step(
            run, loss.item(), (logits.argmax(1) != labels).float().mean().item(), parts
        )
        due = run.step % run.eval_every == 0 and run.step >= s.eval_from * run.total_steps
        if due or run.step == run.total_steps:
            try:
                self._validate(run, interruptible=True)
            except EvaluationInterrupted:
                run.end("stopped", f"stopped by the user at step {run.step}")
                return False
            if s.patience is not None and run.evals_since_best > s.patience:
                run.end(
                    "early-stopped",
                    f"stopped early at step {run.step}: validation error did not improve "
                    f"for {s.patience} evaluations",
                )
                return False
        return run.step < run.total_steps

    def _report_step(self, run: _Run, loss: float, error: float, parts: dict[str, float]) -> None:
        elapsed = run.elapsed()
        epoch = run.step / run.steps_per_epoch
        point = {"step": run.step, "epoch": epoch, "loss": loss, "error": error, "time": elapsed}
        self.history["train"].append({**point, **parts})
        lr = run.optimizer.param_groups[0]["lr"]
        self._emit(
            StepEvent(
                run.step, run.total_steps, epoch, loss, error, lr, run.images_seen, elapsed, parts
            )
        )

    def _validate(self, run: _Run, interruptible: bool = False) -> None:
        """Score the validation set; keep a copy of the weights if they are the best so far."""
        # During training a cancel ends a long validation pass between batches, so a window
        # closing mid-run is not held up by it.
        should_stop = (lambda: self.controls.cancelled) if interruptible else None
        began = time.perf_counter()
        # Validation only ranks checkpoints: it may run in the training precision. The test
        # report at the end is float32, as the app's predictions are.
        loss, error, _ = evaluate(run.model, *run.data.val, run.device, should_stop, run.precision)
        if error < run.best_error:
            run.best_error, run.evals_since_best = error, 0
            run.best_state = copy.deepcopy(
                {k: v.detach().cpu() for k, v in run.model.state_dict().items()}
            )
        else:
            run.evals_since_best += 1
        now = run.elapsed()
        epoch = run.step / run.steps_per_epoch
        self.history["val"].append(
            {
                "step": run.step,
                "epoch": epoch,
                "loss": loss,
                "error": error,
                "time": now,
                "eval_seconds": time.perf_counter() - began,  # its share: eval_share()
            }
        )
        self._emit(EvalEvent(run.step, epoch, loss, error, run.best_error, now))

    def _finish(self, run: _Run) -> TrainingResult:
        """Test the best model, save it and report how the run ended."""
        if self.controls.discarded:  # e.g. the app is closing: nothing is tested, saved or reported
            return self._untested_result(run, "stopped", run.elapsed())
        if run.best_state is None and run.status == "stopped" and run.step > 0:
            self._validate(run)  # a stop before the first evaluation still keeps what was learnt
        elapsed = run.elapsed()
        self.history["stopped"] = [{"step": run.step, "reason": run.status, "message": run.message}]
        if run.best_state is None:
            result = self._untested_result(run, run.status, elapsed)
            kept = " No checkpoint was kept (no evaluation had run)."
        else:
            result = self._test_and_save(run, elapsed)
            where = f": {result.checkpoint}" if result.checkpoint else ""
            kept = f" The best model so far was kept{where}."
        if run.status == "diverged":
            self._emit(FailedEvent(run.message + kept, result))
        else:
            self._emit(FinishedEvent(result))
        return result

    def _untested_result(self, run: _Run, status: str, elapsed: float) -> TrainingResult:
        settings = run.settings.to_dict()
        return TrainingResult(
            status,
            run.message,
            settings,
            run.step,
            elapsed,
            None,
            None,
            None,
            self.history,
            images_seen=run.images_seen,
            parameters=count_parameters(run.model),
        )

    def _test_and_save(self, run: _Run, elapsed: float) -> TrainingResult:
        """The best weights scored on the test set (float32, as the app predicts), and saved
        with their metrics when the run has an output file."""
        run.model.load_state_dict(run.best_state)
        data, settings = run.data, run.settings.to_dict()
        report, test_loss, logits = full_report(run.model, *data.test, run.device, data.num_classes)
        metrics = tested_metrics(report, test_loss, run.best_error)
        digits = digit_metrics(run.model, run.settings.task, data.test_digits, run.device)
        metrics.update(digits)
        checkpoint = None
        if self.output is not None:
            # Honest confidence: the temperature of its readings, fitted on validation (not test).
            calibration = calibration_meta(
                run.model, run.settings.task, data.val_digits, run.device
            )
            meta = run_meta(
                settings,
                metrics,
                parameters=count_parameters(run.model),
                elapsed=elapsed,
                steps=run.step,
                status=run.status,
                extra={**self.extra_meta, **calibration},
            )
            checkpoint = save_trained_model(self.output, run.model, meta, self.history)
        return TrainingResult(
            run.status,
            run.message,
            settings,
            run.step,
            elapsed,
            run.best_error,
            {**report.to_dict(), "loss": test_loss, **digit_summary(digits)},
            checkpoint,
            self.history,
            Predictions.from_logits(logits),
            images_seen=run.images_seen,
            parameters=count_parameters(run.model),
        )
