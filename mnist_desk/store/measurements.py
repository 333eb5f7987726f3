"""What was measured of a model after it was saved (drawn digits, drawn sums, latency), kept
where the catalog reads it.

A user's model keeps it in its own metrics file, under ``drawn`` (the key the shipped metrics
files use for the same figures). Shipped models' files belong to the app and may be read-only, so
what the user measures of them goes to one file in the user's models folder, keyed by name and
tied to the checkpoint's size and time: replaced weights are measured again, not misreported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mnist_desk.errors import FolderError, Phrase
from mnist_desk.store.checkpoints import metrics_path
from mnist_desk.support.config import resolve_models_dir
from mnist_desk.support.fileio import atomic_write_json

DRAWN = "drawn"
SHIPPED_MEASUREMENTS = "shipped-measurements.json"
NOT_KEPT = Phrase("could not keep the measurement of {model}: {reason}")


def _signature(checkpoint: Path) -> list[int]:
    stat = checkpoint.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``; {} when the file is missing or not such an object."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def shipped_measurements_path(models_dir: str | Path | None = None) -> Path:
    return resolve_models_dir(models_dir) / SHIPPED_MEASUREMENTS


def record_drawn(
    checkpoint: str | Path, drawn: dict[str, Any], *, shipped: bool, models_dir=None
) -> Path:
    """Keep ``drawn`` (``evaluation.drawn_score.DrawnMeasurement`` and when, where, how) with the
    model; the file written. A FolderError if it cannot be written."""
    checkpoint = Path(checkpoint)
    try:
        if shipped:
            path = shipped_measurements_path(models_dir)
            kept = _read_json(path)
            kept[checkpoint.stem] = {"signature": _signature(checkpoint), DRAWN: drawn}
            return atomic_write_json(path, kept)
        path = metrics_path(checkpoint)
        info = _read_json(path)
        info[DRAWN] = drawn
        return atomic_write_json(path, info)
    except OSError as e:
        raise FolderError(NOT_KEPT(model=checkpoint.stem, reason=e.strerror or e)) from e


def shipped_drawn(checkpoint: Path, models_dir=None) -> dict[str, Any] | None:
    """What the user measured of a shipped model (None: nothing, or of other weights)."""
    kept = _read_json(shipped_measurements_path(models_dir)).get(checkpoint.stem)
    try:
        current = _signature(checkpoint)
    except OSError:
        return None
    if isinstance(kept, dict) and kept.get("signature") == current:
        drawn = kept.get(DRAWN)
        return drawn if isinstance(drawn, dict) else None
    return None
