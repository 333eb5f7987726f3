"""A run's training curves, kept beside its checkpoint: ``NAME.history.csv``.

One row per logged point, the training batches first, then the validation evaluations, with the
columns ``HISTORY_COLUMNS``. The training code's save step writes it (atomically) with the
checkpoint and its metrics file; the Models tab reads it back to draw and overlay the curves, and
the Train tab's "Export history" gives the same text.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from mnist_desk.errors import Phrase, UserError
from mnist_desk.support.fileio import atomic_write_bytes

HISTORY_COLUMNS = ("split", "step", "epoch", "time", "loss", "error")
HISTORY_SUFFIX = ".history.csv"
SPLITS = ("train", "val")

UNREADABLE = Phrase("{path}: cannot read the training history: {error}")
NOT_A_HISTORY = Phrase("{path}: not a training history (its columns are not {columns})")
NOT_A_NUMBER = Phrase("{path}, line {line}: not a number ({error})")

History = dict[str, list[dict[str, float]]]  # split -> points, each with HISTORY_COLUMNS[1:]


class HistoryError(UserError):
    """A history file that cannot be read: the message names the file and the problem."""


def history_path(checkpoint_path: str | Path) -> Path:
    """The history file that sits beside a checkpoint."""
    path = Path(checkpoint_path)
    return path.with_name(path.stem + HISTORY_SUFFIX)


def history_csv(history: History) -> str:
    """The text of a history file: the training points, then the validation points."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    for split in SPLITS:
        for point in history.get(split, []):
            writer.writerow([split] + [point.get(column, "") for column in HISTORY_COLUMNS[1:]])
    return out.getvalue()


def write_history(checkpoint_path: str | Path, history: History) -> Path:
    """Write ``history`` beside the checkpoint, atomically."""
    return atomic_write_bytes(history_path(checkpoint_path), history_csv(history).encode())


def read_history(path: str | Path) -> History:
    """A history file's points by split; a HistoryError if it is missing or malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise HistoryError(UNREADABLE(path=path, error=e)) from e
    rows = csv.DictReader(io.StringIO(text))
    if rows.fieldnames is None or not set(HISTORY_COLUMNS) <= set(rows.fieldnames):
        raise HistoryError(NOT_A_HISTORY(path=path, columns=HISTORY_COLUMNS))
    history: History = {split: [] for split in SPLITS}
    for line, row in enumerate(rows, start=2):
        split = row["split"]
        if split not in history:
            continue
        try:
            point = {c: float(row[c]) for c in HISTORY_COLUMNS[1:] if row[c] not in ("", None)}
        except ValueError as e:
            raise HistoryError(NOT_A_NUMBER(path=path, line=line, error=e)) from e
        if math.isfinite(point.get("step", math.nan)):
            history[split].append(point)
    return history
