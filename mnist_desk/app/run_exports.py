"""A finished run as the user takes it away: its history as CSV, its settings and metrics as
JSON, its duration as text."""

from __future__ import annotations

from typing import Any

from mnist_desk.store import history as store_history
from mnist_desk.training import TrainingResult


def format_duration(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour on."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def history_csv(result: TrainingResult) -> str:
    """One row per logged point: the training batches, then the validation evaluations (the
    text of the history file saved beside the checkpoint, ``store.history``)."""
    return store_history.history_csv(result.history)


def run_report(result: TrainingResult) -> dict[str, Any]:
    """The run's settings and metrics as plain values, for a JSON file."""
    return {
        "status": result.status,
        "message": result.message,
        "settings": result.settings,
        "steps": result.steps,
        "elapsed_s": round(result.elapsed, 3),
        "best_val_error": result.best_val_error,
        "test": result.test,
        "checkpoint": result.checkpoint,
        "stopped": result.history.get("stopped"),
    }
