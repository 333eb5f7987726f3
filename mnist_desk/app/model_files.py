"""What the Models tab does to models on disk, as work for a worker thread: measure a model on the
drawn digits, rename or delete a user's model, read training curves.

Each work function takes the worker's ``emit`` (unused: each answers once) and returns a typed
answer, never raises: a failure is an answer with the message for the user. The leaderboard
session (``app.leaderboard``) decides what may be done; these only do it. torch is imported
inside the work, in the worker's thread.
"""

from __future__ import annotations

import contextlib
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mnist_desk.app.curve_names import Labelled, distinct_labels
from mnist_desk.app.jobs import describe_error
from mnist_desk.errors import Phrase
from mnist_desk.store.names import CHECKPOINT_SUFFIX

Work = Callable[[Callable[[object], None]], object]

# Why a user's model was not deleted or renamed, in words the window translates.
CANNOT_DELETE = Phrase("{model}: cannot delete it: {reason}")
CANNOT_RENAME = Phrase("{model}: cannot rename it: {reason}")
NAME_TAKEN = Phrase("{name}: a model of that name exists")

MEASURE_COMMAND = "the Models tab's Measure (strokes rendered as in the window)"


@dataclass(frozen=True)
class Measured:
    """A model measured on the drawn digits (``error``: why not)."""

    path: str
    drawn: dict[str, Any] | None = None  # what was stored under "drawn"
    error: str = ""


@dataclass(frozen=True)
class FilesChanged:
    """A model renamed to ``new_path``, or deleted (``deleted``), or why it was not."""

    path: str
    deleted: bool = False
    new_path: str = ""
    error: str = ""


@dataclass(frozen=True)
class HistoryStep:
    """One logged training batch, with the names the curves read (``StepEvent``'s)."""

    step: float
    total_steps: int
    loss: float
    error: float
    elapsed: float


@dataclass(frozen=True)
class HistoryEval:
    """One validation evaluation, with the names the curves read (``EvalEvent``'s)."""

    step: float
    elapsed: float
    val_loss: float
    val_error: float


@dataclass(frozen=True)
class RunCurves:
    """One model's training curves, read from its history file."""

    name: str  # as a legend calls it (Words: the window says a title in its language)
    train: tuple[HistoryStep, ...]
    val: tuple[HistoryEval, ...]


@dataclass(frozen=True)
class CurvesRead:
    """The curves asked for, in order, and why some could not be read."""

    curves: tuple[RunCurves, ...]
    errors: tuple[str, ...] = ()


def companions(checkpoint: Path) -> list[Path]:
    """The files that belong to a checkpoint: itself, its metrics file, its history."""
    from mnist_desk.store.checkpoints import metrics_path
    from mnist_desk.store.history import history_path

    return [checkpoint, metrics_path(checkpoint), history_path(checkpoint)]


def measure_work(path: str, shipped: bool, models_dir: str | None) -> Work:
    """Load ``path``, read the drawn pairs with it, keep the figures with the model."""

    def work(emit: Callable[[object], None]) -> Measured:
        try:
            from mnist_desk.app.model_session import load_predictor
            from mnist_desk.evaluation.drawn_score import measure_drawn
            from mnist_desk.store.measurements import record_drawn
            from mnist_desk.support.acceleration import single_threaded_here

            single_threaded_here()  # as the window predicts: one thread (latency is per thread)
            measurement = measure_drawn(load_predictor(path, "cpu"))
            drawn = {
                **measurement.to_dict(),
                "command": MEASURE_COMMAND,
                "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
                "threads": 1,
            }
            record_drawn(path, drawn, shipped=shipped, models_dir=models_dir or None)
            return Measured(path, drawn)
        except Exception as e:  # noqa: BLE001 - the user reads why; the app keeps working
            return Measured(path, error=describe_error(e, f"measuring {path}"))

    return work


def delete_work(path: str) -> Work:
    """Delete a user's model: its checkpoint, then its metrics file and history."""

    def work(emit: Callable[[object], None]) -> FilesChanged:
        checkpoint = Path(path)
        try:
            checkpoint.unlink()
        except OSError as e:
            return FilesChanged(
                path,
                deleted=True,
                error=CANNOT_DELETE(model=checkpoint, reason=e.strerror or str(e)),
            )
        for companion in companions(checkpoint)[1:]:
            with contextlib.suppress(OSError):  # the model is gone; strays are harmless
                companion.unlink(missing_ok=True)
        return FilesChanged(path, deleted=True)

    return work


def rename_work(path: str, new_name: str) -> Work:
    """Rename a user's model and the files that belong to it; all or nothing."""

    def work(emit: Callable[[object], None]) -> FilesChanged:
        checkpoint = Path(path)
        target = checkpoint.with_name(new_name + CHECKPOINT_SUFFIX)
        moves = [
            (old, new)
            for old, new in zip(companions(checkpoint), companions(target), strict=True)
            if old.exists()
        ]
        if any(new.exists() for _, new in moves) or target.exists():
            return FilesChanged(path, error=NAME_TAKEN(name=target.stem))
        done: list[tuple[Path, Path]] = []
        try:
            for old, new in moves:
                old.rename(new)
                done.append((old, new))
        except OSError as e:
            for old, new in reversed(done):  # put back what was moved
                with contextlib.suppress(OSError):
                    new.rename(old)
            return FilesChanged(
                path, error=CANNOT_RENAME(model=checkpoint, reason=e.strerror or str(e))
            )
        return FilesChanged(path, new_path=str(target))

    return work


def curves_work(models: list[tuple[Labelled, str]]) -> Work:
    """The training curves of ``models`` ((model, history file) pairs), in order, each named
    as a legend calls it (``curve_names.distinct_labels``, among the curves read)."""

    def work(emit: Callable[[object], None]) -> CurvesRead:
        from mnist_desk.store.history import HistoryError, read_history

        curves, errors, read = [], [], []
        for model, history_file in models:
            try:
                history = read_history(history_file)
            except HistoryError as e:
                errors.append(str(e))
                continue
            steps = max((p["step"] for p in history["train"]), default=0)
            train = tuple(
                HistoryStep(
                    p["step"], int(steps), p.get("loss", 0.0), p.get("error", 0.0), p["time"]
                )
                for p in history["train"]
                if "time" in p
            )
            val = tuple(
                HistoryEval(p["step"], p["time"], p.get("loss", 0.0), p.get("error", 0.0))
                for p in history["val"]
                if "time" in p
            )
            curves.append(RunCurves(model.name, train, val))
            read.append(model)
        labels = distinct_labels(read)
        curves = [replace(c, name=label) for c, label in zip(curves, labels, strict=True)]
        return CurvesRead(tuple(curves), tuple(errors))

    return work
