"""Fine-tune a classifier on the user's own digits ("classifier, personalised"), without Qt.

Starts from a trained classifier and trains it on the user's digits (oversampled, augmented the
way drawn digits vary) mixed in every batch with MNIST training images ("replay"), so the new
hand is learnt without forgetting MNIST. For the same reason batch-norm statistics stay frozen,
the replayed images also learn the base model's outputs (distillation), and the saved weights
keep only part of the change (a weight-space mix with the base model). It reports before/after
accuracy on the user's digits held out from training (cross-validated when there are few) and on
MNIST test, and saves a new model ``classifier-ARCH-mine-DATE``.

Held-out personal digits never enter training: ``split_personal`` decides which digits are held
out before anything is trained, the training batches are drawn from the learn part only, and the
model's metadata lists the ids it was trained on. Its steps are the one step loop's
(``training.steps.StepLoop``: pause, cancel, divergence, reporting, validation), so it speaks the
Trainer's event language and the app shows it live.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from mnist_desk.data import mnist as mdata
from mnist_desk.errors import Phrase, SettingsError
from mnist_desk.models import CLASSIFIER, TASK_TITLES, Title, count_parameters
from mnist_desk.personal.data import (
    NotEnoughDigits,  # noqa: F401 - raised by PersonalTrainer: callers catch it from here
    check_enough,
    folds_of,
    split_personal,
    to_tensors,
)
from mnist_desk.personal.models import (
    accuracy,
    personal_model_path,
    save_personal_transfer_adder,
)
from mnist_desk.personal.recipe import (
    FineTuneSteps,
    PersonalSettings,
    fast_layout,
    freeze_batch_norm,
    keep_share_of_change,
)
from mnist_desk.personal.report import (
    CROSS_VALIDATION,
    GIVEN_HELD_OUT,
    HOLDOUT,
    PersonalReport,
    PersonalResult,
)
from mnist_desk.personal.store import PersonalDigit
from mnist_desk.store.checkpoints import (
    load_checkpoint,
    make_meta,
    save_checkpoint,
    write_metrics_file,
)
from mnist_desk.support.acceleration import uncompiled_optimizer
from mnist_desk.support.config import resolve_data_dir
from mnist_desk.support.devices import resolve_device
from mnist_desk.training import (
    Event,
    FailedEvent,
    FinishedEvent,
    Predictions,
    TrainingCancelled,
    failed_run_message,
    full_report,
    predict_logits,
    seeded_torch_rng,
)
from mnist_desk.training.calibration import calibration_meta
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.steps import LOWER_LR, LoopPlan, StepLoop

TEST_SIZE = 10_000  # the official MNIST test set
DIVERGED = Phrase("Fine-tuning diverged; nothing was saved.")
NOT_A_CLASSIFIER = Phrase(
    "{path}: a model of another kind ({title}); fine-tuning on your digits starts from a "
    "single-digit classifier"
)


class PersonalTrainer:
    """One personal fine-tune, with the Trainer's controls (cancel, pause, resume: thread-safe)
    and events, so the CLI, the GUI's worker and the tests drive it the same way."""

    def __init__(
        self,
        settings: PersonalSettings,
        digits: Sequence[PersonalDigit],
        callback: Callable[[Event], None] | None = None,
        *,
        data_dir: str | Path | None = None,
        download: bool = False,
        output: str | Path | None = None,
        models_dir: str | Path | None = None,
        extra_meta: dict[str, Any] | None = None,
        held_out: Sequence[PersonalDigit] | None = None,
        controls: RunSwitches | None = None,
    ):
        """``held_out``: digits to report on instead of splitting ``digits`` (all of them train)."""
        self.settings = settings
        self.digits = list(digits)
        self.given_held_out = None if held_out is None else list(held_out)
        check_enough([d.label for d in self.digits], settings.min_per_class)
        self.base = load_checkpoint(settings.init_from or _default_classifier())
        if self.base.task != CLASSIFIER:
            title = TASK_TITLES.get(self.base.task)
            raise SettingsError(
                NOT_A_CLASSIFIER(
                    path=str(self.base.path), title=Title(title) if title else self.base.task
                )
            )
        self.callback = callback or (lambda event: None)
        self.data_dir = resolve_data_dir(data_dir)
        self.download = download
        self.models_dir = models_dir
        self.output = Path(output) if output else None
        self.extra_meta = extra_meta or {}
        self.history: dict[str, list[dict[str, float]]] = {"train": [], "val": []}
        self.controls = controls or RunSwitches()
        self.model: nn.Module | None = None  # the model being fine-tuned, while it is
        self.transfer_checkpoint: str | None = None  # the personalised transfer adder, if saved
        self.images_seen = 0  # by the reported fine-tune (cross-validation folds are not)

    def plan(self) -> tuple[str, list[PersonalDigit], list[PersonalDigit]]:
        """(method, learn, held out) for the final model; cross-validation reports on folds."""
        if self.given_held_out is not None:
            return GIVEN_HELD_OUT(), self.digits, self.given_held_out
        counts = np.bincount([d.label for d in self.digits], minlength=10)
        if counts.min() < self.settings.cv_below:
            return CROSS_VALIDATION(folds=self.settings.folds), self.digits, []
        learn, held = split_personal(self.digits, self.settings.holdout, self.settings.seed)
        return HOLDOUT(), learn, held

    def run(self) -> PersonalResult | None:
        """Fine-tune, report, save. Emits FinishedEvent or FailedEvent like the Trainer."""
        try:
            return self._run()
        except TrainingCancelled:
            return None
        except Exception as e:  # the user's errors become a message, bugs keep their traceback
            message = failed_run_message(e)
            if message is None:
                raise
            self.callback(FailedEvent(message))
            return None

    def _run(self) -> PersonalResult:
        s = (
            self.settings
        )  # threads: the caller's (the CLI once, the window per run), as the Trainer's
        device = resolve_device(s.device)
        start = time.perf_counter()
        splits = mdata.load_splits(self.data_dir, download=self.download)
        method, learn, held = self.plan()
        test = splits.test.subset(s.test_subset)
        base = fast_layout(self.base.build().to(device))
        mnist_before = self._mnist_before(base, test, device)
        if held:
            held_x, held_y = to_tensors(held)
            personal_before = accuracy(base, held_x, held_y, device)
        else:  # cross-validation: every digit is held out once, by a model that never saw it
            personal_before, personal_after, cv_count = self._cross_validate(splits, device)
        model, status, steps = self._fine_tune(learn, splits, device, start, report=True)
        if held:
            personal_after = accuracy(model, held_x, held_y, device)
            per_class = _per_class(model, held_x, held_y, device)
            cv_count = len(held)
        else:
            per_class = []
        test_report, test_loss, test_logits = full_report(
            model, test.images, test.labels, device, 10
        )
        mnist_after = test_report.accuracy
        report = PersonalReport(
            method,
            personal_before,
            personal_after,
            cv_count,
            len(learn),
            mnist_before,
            mnist_after,
            len(test),
            str(self.base.path or ""),
            per_class,
        )
        elapsed = time.perf_counter() - start
        checkpoint = None
        if self.controls.discarded:
            status = "stopped"
        elif status != "diverged":
            checkpoint = self._save(model, report, learn, elapsed, steps, status)
        result = PersonalResult(
            status=status,
            message=report.summary(),
            settings={"task": CLASSIFIER, "arch": self.base.arch, **s.to_dict()},
            steps=steps,
            elapsed=elapsed,
            best_val_error=self.history["val"][-1]["error"] if self.history["val"] else None,
            test={**test_report.to_dict(), "loss": test_loss},
            checkpoint=checkpoint,
            history=self.history,
            test_predictions=Predictions.from_logits(test_logits),
            images_seen=self.images_seen,
            parameters=count_parameters(model),
            personal=report,
        )
        if status == "diverged":
            self.callback(FailedEvent(DIVERGED(), result))
        elif not self.controls.discarded:
            self.callback(FinishedEvent(result))
        return result

    def _mnist_before(self, base: nn.Module, test: mdata.Split, device) -> float:
        """The base model's MNIST test accuracy: as recorded in its checkpoint when that was
        measured on this very test set (the same weights on the same images), else measured."""
        recorded = self.base.metrics
        if recorded.get("test_count") == len(test) == TEST_SIZE and "test_accuracy" in recorded:
            return float(recorded["test_accuracy"])
        return accuracy(base, test.images, test.labels, device)

    def _cross_validate(self, splits, device) -> tuple[float, float, int]:
        s = self.settings
        folds = folds_of(self.digits, s.folds, s.seed)
        right_before = right_after = total = 0
        base = self.base.build().to(device)
        for i, fold in enumerate(folds):
            learn = [d for j, f in enumerate(folds) if j != i for d in f]
            model, _, _ = self._fine_tune(learn, splits, device, time.perf_counter(), report=False)
            x, y = to_tensors(fold)
            right_before += round(accuracy(base, x, y, device) * len(y))
            right_after += round(accuracy(model, x, y, device) * len(y))
            total += len(y)
        return right_before / total, right_after / total, total

    def _fine_tune(
        self,
        learn: Sequence[PersonalDigit],
        splits: mdata.MnistSplits,
        device: torch.device,
        start: float,
        report: bool,
    ) -> tuple[nn.Module, str, int]:
        """Train a fresh copy of the base model on ``learn`` plus replay; (model, status, steps).
        torch's global generator is seeded for the run and given back (``seeded_torch_rng``)."""
        with seeded_torch_rng(self.settings.seed, device):
            return self._train_copy(learn, splits, device, start, report)

    def _train_copy(self, learn, splits, device, start, report) -> tuple[nn.Module, str, int]:
        s = self.settings
        model = fast_layout(self.base.build().to(device))
        if report:
            self.model = model
        model.train()
        freeze_batch_norm(model)
        adamw = uncompiled_optimizer(torch.optim.AdamW)
        optimizer = adamw(model.parameters(), lr=s.lr, weight_decay=s.weight_decay)
        teacher = None
        if s.replay_distill > 0:
            teacher = fast_layout(self.base.build().to(device).eval().requires_grad_(False))
        mine_x, mine_y = to_tensors(learn)
        mine_x, mine_y = mine_x.to(device), mine_y.to(device)
        learner = FineTuneSteps(
            settings=s,
            device=device,
            model=model,
            optimizer=optimizer,
            scheduler=torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=s.steps),
            teacher=teacher,
            mine=(mine_x, mine_y),
            replay=splits.train,
            replay_weights=self._replay_weights(mine_x, mine_y, splits.train, device),
            val=splits.val.subset(s.val_subset),
            generator=torch.Generator().manual_seed(s.seed),
        )
        plan = LoopPlan(
            total_steps=s.steps,
            steps_per_epoch=s.steps,  # the fine-tune is one pass: its "epoch" is the run
            eval_every=max(1, s.steps // max(1, s.evals)),
            divergence_hint=LOWER_LR(),
            report=report,  # the cross-validation folds run quietly
        )
        history = self.history if report else None
        loop = StepLoop(learner, plan, self.controls, self.callback, history, started=start).run()
        if self.controls.discarded:  # e.g. the app is closing: nothing is kept or reported
            raise TrainingCancelled
        if report:
            self.images_seen = loop.images_seen
        model.eval()
        if s.keep_change != 1.0:
            keep_share_of_change(model, self.base.state_dict, s.keep_change)
        return model, loop.status, loop.step

    def _replay_weights(self, mine_x, mine_y, replay, device) -> torch.Tensor | None:
        """Per MNIST training image: 1, plus more for the classes the user's digits were misread as."""
        if self.settings.replay_confusions <= 0 or len(mine_y) == 0:
            return None
        base = self.base.build().to(device)
        with torch.no_grad():
            read = predict_logits(base, mine_x, device).argmax(1).cpu()
        wrong = read != mine_y.cpu()
        mistaken_for = torch.bincount(read[wrong], minlength=10).float() / len(mine_y)
        per_class = 1 + self.settings.replay_confusions * 30 * mistaken_for
        return per_class[replay.labels.cpu()]

    def _save(self, model, report, learn, elapsed, steps, status) -> str:
        arch = self.base.arch
        output = self.output or personal_model_path(arch, self.models_dir)
        metrics = {
            "test_accuracy": round(report.mnist_after, 6),
            "test_count": report.mnist_count,
            "personal_accuracy_before": round(report.personal_before, 6),
            "personal_accuracy_after": round(report.personal_after, 6),
            "personal_held_out": report.personal_count,
            "mnist_accuracy_before": round(report.mnist_before, 6),
        }
        meta = make_meta(
            CLASSIFIER,
            arch,
            model_kwargs=self.base.model_kwargs,
            metrics=metrics,
            settings=self.settings.to_dict(),
            seed=self.settings.seed,
            parameters=count_parameters(model),
            train_time_s=round(elapsed, 1),
            steps=steps,
            status=status,
            personal={
                "base_model": report.base_model,
                "method": report.method,
                "trained_on": [d.id for d in learn],
                "learn_count": len(learn),
            },
            **self.extra_meta,
            # Honest confidence: its temperature, fitted on MNIST's validation split as every run's.
            **calibration_meta(
                model,
                CLASSIFIER,
                mdata.load_splits(self.data_dir, download=self.download).val,
                resolve_device(self.settings.device),
            ),
        )
        path = save_checkpoint(output, model.cpu(), meta)
        write_metrics_file(output, meta)
        self.transfer_checkpoint = save_personal_transfer_adder(model, output, report, meta)
        return str(path)


def _per_class(model, images, labels, device) -> list[float]:
    with torch.no_grad():
        from mnist_desk.training import predict_logits

        predicted = predict_logits(model, images, device).argmax(1)
    out = []
    for c in range(10):
        mask = labels == c
        out.append(float((predicted[mask] == c).float().mean()) if mask.any() else math.nan)
    return out


def _default_classifier() -> Path:
    from mnist_desk.store.catalog import default_classifier_path

    return default_classifier_path()
