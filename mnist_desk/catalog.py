"""Which models exist: the shipped ones in resources/weights and the user's own in the models folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mnist_desk.checkpoints import Checkpoint, CheckpointError, load_checkpoint, metrics_path
from mnist_desk.config import resolve_models_dir, shipped_weights_dir
from mnist_desk.models import CLASSIFIER, DEFAULT_CLASSIFIER


@dataclass(frozen=True)
class ModelEntry:
    path: Path
    task: str
    arch: str
    shipped: bool
    test_accuracy: float | None

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def title(self) -> str:
        where = "shipped" if self.shipped else "yours"
        acc = f", test {self.test_accuracy:.2%}" if self.test_accuracy is not None else ""
        return f"{self.name} ({where}{acc})"


def shipped_checkpoint(task: str, arch: str) -> Path:
    return shipped_weights_dir() / f"{task}-{arch}.pt"


def default_classifier_path() -> Path:
    return shipped_checkpoint(CLASSIFIER, DEFAULT_CLASSIFIER)


def _entry(path: Path, shipped: bool) -> ModelEntry | None:
    """Read the metrics JSON beside a checkpoint (cheap); fall back to the checkpoint's own metadata."""
    try:
        info = json.loads(metrics_path(path).read_text())
    except (OSError, ValueError):
        try:
            info = load_checkpoint(path).meta
        except CheckpointError:
            return None
    if "task" not in info or "arch" not in info:
        return None
    accuracy = (info.get("metrics") or {}).get("test_accuracy")
    return ModelEntry(path, info["task"], info["arch"], shipped, accuracy)


def list_models(models_dir: str | Path | None = None) -> list[ModelEntry]:
    """Shipped models first, then the user's, newest first."""
    entries: list[ModelEntry] = []
    shipped = shipped_weights_dir()
    if shipped.is_dir():
        entries += [e for p in sorted(shipped.glob("*.pt")) if (e := _entry(p, True))]
    user = resolve_models_dir(models_dir)
    if user.is_dir():
        paths = sorted(user.glob("*.pt"), key=lambda p: p.stat().st_mtime, reverse=True)
        entries += [e for p in paths if (e := _entry(p, False))]
    return entries


def resolve_model(
    name_or_path: str | Path | None, models_dir: str | Path | None = None
) -> Checkpoint:
    """A checkpoint from a file path or a model name (file stem) in the shipped or user folders."""
    if name_or_path is None:
        return load_checkpoint(default_classifier_path())
    path = Path(name_or_path)
    if path.suffix == ".pt" or path.exists():
        return load_checkpoint(path)
    for entry in list_models(models_dir):
        if entry.name == str(name_or_path):
            return load_checkpoint(entry.path)
    names = ", ".join(e.name for e in list_models(models_dir)) or "none found"
    raise CheckpointError(f"no model named {name_or_path!r}; known models: {names}")
