"""Where a run's weights come from and go to: the starting model (fresh, a classifier to fine-tune,
the transfer adder's pretrained classifier), the distillation teacher, and the saved checkpoint
with its metrics file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from torch import nn

from mnist_desk.errors import FolderError, Phrase, SettingsError
from mnist_desk.models import CLASSIFIER, TRANSFER, build_model
from mnist_desk.store.checkpoints import (
    load_checkpoint,
    make_meta,
    save_checkpoint,
    write_metrics_file,
)
from mnist_desk.store.history import History, write_history
from mnist_desk.training.metrics import ClassificationReport
from mnist_desk.training.settings import TrainingSettings

COULD_NOT_SAVE = Phrase(
    "could not save the trained model to {output}: {reason}. Its test accuracy was {accuracy}; "
    "free some space or choose another models folder, and train again."
)


def initial_model(settings: TrainingSettings) -> tuple[nn.Module, dict[str, Any]]:
    """The model a run starts from, and the architecture settings it was built with: the
    settings' own, or for a transfer adder or a fine-tune the starting checkpoint's (the caller
    records those; ``settings`` is left as it was given)."""
    s = settings
    model = _build_as_given(s)
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
        return model, ckpt.model_kwargs
    if s.init_from:  # fine-tuning a trained classifier or scratch adder
        ckpt = load_checkpoint(s.init_from)
        if ckpt.task != s.task or ckpt.arch != s.arch:
            raise SettingsError(
                f"{s.init_from} is a {ckpt.task}/{ckpt.arch} checkpoint; fine-tuning needs "
                f"a {s.task}/{s.arch} one"
            )
        return ckpt.build(), ckpt.model_kwargs
    return model, dict(s.model_kwargs)


def _build_as_given(s: TrainingSettings) -> nn.Module:
    """A fresh model; architecture settings that cannot build it are the user's to fix."""
    try:
        return build_model(s.task, s.arch, **s.model_kwargs)
    except (TypeError, ValueError, RuntimeError) as e:
        if not s.model_kwargs:  # nothing the user gave: a bug, with its traceback
            raise
        given = ", ".join(f"{k}={v}" for k, v in s.model_kwargs.items())
        raise SettingsError(
            f"the architecture settings ({given}; --model-arg) do not build a {s.arch} model: {e}"
        ) from e


def load_teacher(
    settings: TrainingSettings, device: torch.device
) -> tuple[nn.Module | None, dict[str, Any] | None]:
    """The frozen distillation teacher (eval mode, no gradients) and what the metrics file
    says of it; (None, None) without distillation."""
    s = settings
    if s.distill == "none":
        return None, None
    ckpt = load_checkpoint(s.teacher)
    if ckpt.task != CLASSIFIER:
        raise SettingsError(
            f"{s.teacher} is a {ckpt.task} checkpoint; a teacher must be a classifier"
        )
    about = {
        "path": str(s.teacher),
        "arch": ckpt.arch,
        "test_accuracy": ckpt.test_accuracy,
        "mode": s.distill,
    }
    teacher = ckpt.build().to(device).eval()
    teacher.requires_grad_(False)
    return teacher, about


def tested_metrics(
    report: ClassificationReport, test_loss: float, best_val_error: float | None
) -> dict[str, Any]:
    """The metrics a checkpoint's file records of its test pass."""
    return {
        "test_accuracy": round(report.accuracy, 6),
        "test_error": round(1 - report.accuracy, 6),
        "test_loss": round(test_loss, 6),
        "test_count": report.count,
        "best_val_error": None if best_val_error is None else round(best_val_error, 6),
        "per_class_precision": report.precision,
        "per_class_recall": report.recall,
        "confusion": report.confusion,
    }


def save_trained_model(
    output: Path, model: nn.Module, meta: dict[str, Any], history: History | None = None
) -> str:
    """Save the checkpoint, its metrics file and the run's ``history`` (its curves) beside it,
    each atomically; the path saved.

    A failed save (the disk full) is a FolderError that gives the run's test accuracy: the file
    it would have replaced is untouched."""
    try:
        checkpoint = str(save_checkpoint(output, model.cpu(), meta))
        write_metrics_file(output, meta)
        if history is not None:
            write_history(output, history)
    except OSError as e:
        accuracy = meta["metrics"]["test_accuracy"]
        raise FolderError(
            COULD_NOT_SAVE(output=output, reason=e.strerror or e, accuracy=f"{accuracy:.2%}")
        ) from e
    return checkpoint


def run_meta(
    settings: dict[str, Any],
    metrics: dict[str, Any],
    *,
    parameters: int,
    elapsed: float,
    steps: int,
    status: str,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """A checkpoint's metadata for a run of ``settings`` (a dict: what the run really used)."""
    return make_meta(
        settings["task"],
        settings["arch"],
        model_kwargs=settings["model_kwargs"],
        metrics=metrics,
        settings=settings,
        seed=settings["seed"],
        parameters=parameters,
        train_time_s=round(elapsed, 1),
        steps=steps,
        status=status,
        **extra,
    )
