"""The Trainer: one run of any task, used by the CLI, the window, the tests and the benchmarks.

``Trainer.run()`` prepares a run (data, model, optimizer, schedule, teacher), has the one step
loop (``steps.StepLoop``: pause, cancel, divergence, reporting, validation) take its steps, then
tests the best model, saves it and reports. What the loop drives is a
``learner.RunParts``: the run's parts.

Process-wide torch state is left as the caller set it: the thread count is the process owner's
to choose (``acceleration.intra_op_threads``), and the random generator that weight init and
dropout draw from is seeded for the run inside ``fork_rng``, which gives it back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import torch
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.models import CLASSIFIER, count_parameters
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
from mnist_desk.training.evaluation import digit_metrics, digit_summary, full_report
from mnist_desk.training.events import (
    Event,
    FailedEvent,
    FinishedEvent,
    Predictions,
    TrainingCancelled,
    TrainingResult,
    failed_run_message,
)
from mnist_desk.training.learner import (
    RunParts,
    build_optimizer,
    build_scheduler,
    training_loss,
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

    def _prepare(self, device: torch.device) -> tuple[RunParts, LoopPlan]:
        """Data, model, optimizer, precision, teacher and the step counts of a run."""
        s = self.settings
        splits = mdata.load_splits(self.data_dir, download=self.download)
        task_data = self.task_data(splits, device)
        model = self.model = accel.prepare_model(self.build_model(), device)
        as_run = s if self.model_kwargs is None else replace(s, model_kwargs=self.model_kwargs)
        optimizer = build_optimizer(s, model, device)
        precision = accel.choose_precision(device, s.amp)
        per_epoch = steps_per_epoch(s, examples=task_data.examples_per_epoch)
        total = total_steps(s, examples=task_data.examples_per_epoch)
        run = RunParts(
            settings=as_run,
            device=device,
            data=task_data,
            model=model,
            optimizer=optimizer,
            scheduler=build_scheduler(s, optimizer, total),
            scaler=accel.gradient_scaler(device, precision),
            precision=precision,
            teacher=self._teacher(device),
            compute_loss=partial(training_loss, s),
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

    def _finish(self, run: RunParts, loop: StepLoop) -> TrainingResult:
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
        self, run: RunParts, loop: StepLoop, status: str, elapsed: float
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

    def _test_and_save(self, run: RunParts, loop: StepLoop, elapsed: float) -> TrainingResult:
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
