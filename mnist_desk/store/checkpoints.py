"""One checkpoint format: a state_dict plus metadata, loaded with ``weights_only=True``.

A file is a dict ``{"format": FORMAT, "version": 1, "state_dict": ..., "meta": {...}}`` where
``meta`` holds only plain values (task, arch, model settings, normalisation, metrics, training
settings, seed, created, library versions), so nothing but tensors and primitives is unpickled.
"""

from __future__ import annotations

import errno
import importlib.metadata
import importlib.util
import io
import json
import pickle
import platform
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
from torch import nn

from mnist_desk import __version__
from mnist_desk.errors import Phrase, UserError
from mnist_desk.imaging.field import MEAN, STD
from mnist_desk.models import UnknownModelError, build_model
from mnist_desk.store.names import NO_SUCH_CHECKPOINT
from mnist_desk.support.fileio import atomic_write, atomic_write_json

FORMAT = "mnist-desk-checkpoint"
VERSION = 1


# How torch's weights-only unpickler words a refusal of an object that could run code.
_CARRIES_CODE = re.compile(r"Unsupported global|GLOBAL |Unsupported class|REDUCE|BUILD")
# How torch's zip reader words an archive that ends too soon or whose records are broken (a
# download or copy cut short); other RuntimeErrors (a zip of something else, ...) are not this.
_CUT_SHORT = re.compile(r"PytorchStreamReader failed reading (zip archive|file)")


FOREIGN_FILE = Phrase(
    "{path}: not an mnist-desk checkpoint (a PyTorch file, but from another program)"
)
UNSUPPORTED_VERSION = Phrase(
    "{path}: checkpoint format version {version} is not supported (this mnist-desk reads "
    "version {ours})"
)
INCOMPLETE_METADATA = Phrase("{path}: checkpoint lacks its weights or its task/arch metadata")
CUT_SHORT = Phrase(
    "{path} is not a complete mnist-desk model (the file is damaged or was cut short; download "
    "or train it again)"
)
CANNOT_READ = Phrase("{path}: cannot be read: {reason}")
CARRIES_CODE = Phrase(
    "{path}: refused: the file holds Python objects other than weights, which could run code "
    "when loaded. Only mnist-desk checkpoints can be opened."
)
DAMAGED = Phrase("{path}: not a readable checkpoint (truncated or corrupt): the data is damaged")
UNREADABLE = Phrase("{path}: not a readable checkpoint (truncated or corrupt): {error}")
CANNOT_BUILD = Phrase("{path}: cannot build the model it describes: {error}")
WEIGHTS_DO_NOT_FIT = Phrase("{path}: its weights do not fit a {task}/{arch} model: {detail}")


class CheckpointError(UserError, RuntimeError):
    """A checkpoint could not be read; the message names the file and the problem."""


@dataclass
class Checkpoint:
    task: str
    arch: str
    state_dict: dict[str, torch.Tensor]
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def model_kwargs(self) -> dict[str, Any]:
        return dict(self.meta.get("model_kwargs") or {})

    @property
    def metrics(self) -> dict[str, Any]:
        return dict(self.meta.get("metrics") or {})

    @property
    def test_accuracy(self) -> float | None:
        return self.metrics.get("test_accuracy")

    def build(self) -> nn.Module:
        """The model with these weights, in eval mode, on the CPU."""
        where = self.path or "checkpoint"
        try:
            model = build_model(self.task, self.arch, **self.model_kwargs)
        except (UnknownModelError, TypeError) as e:
            # str(e): the architecture's own Words, if it said them as a Phrase
            raise CheckpointError(CANNOT_BUILD(path=where, error=str(e))) from e
        try:
            model.load_state_dict(self.state_dict, strict=True)
        except RuntimeError as e:
            first = str(e).strip().splitlines()
            detail = " ".join(line.strip() for line in first[:4])
            raise CheckpointError(
                WEIGHTS_DO_NOT_FIT(path=where, task=self.task, arch=self.arch, detail=detail)
            ) from e
        return model.eval()


def library_versions() -> dict[str, str]:
    """The versions a checkpoint records; torchvision's only where it is installed (the app
    needs it only to download MNIST), read without importing it."""
    import numpy

    versions = {
        "mnist_desk": __version__,
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "python": platform.python_version(),
    }
    if importlib.util.find_spec("torchvision") is not None:
        try:
            versions["torchvision"] = importlib.metadata.version("torchvision")
        except importlib.metadata.PackageNotFoundError:  # a bundle without its metadata
            import torchvision

            versions["torchvision"] = torchvision.__version__
    return versions


def make_meta(
    task: str,
    arch: str,
    *,
    model_kwargs: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
    seed: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    meta = {
        "task": task,
        "arch": arch,
        "model_kwargs": model_kwargs or {},
        "normalization": {"mean": MEAN, "std": STD, "polarity": "white-on-black"},
        "metrics": metrics or {},
        "settings": settings or {},
        "seed": seed,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": library_versions(),
    }
    meta.update(extra)
    # Round-trip through JSON: proves meta holds only plain values that weights_only accepts.
    return json.loads(json.dumps(meta))


def save_checkpoint(path: str | Path, model: nn.Module, meta: dict[str, Any]) -> Path:
    """Write the model's weights (no optimizer state) and ``meta`` atomically."""
    state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    payload = {"format": FORMAT, "version": VERSION, "state_dict": state, "meta": meta}
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    return atomic_write(path, lambda f: f.write(buffer.getvalue()))


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read a checkpoint safely; any problem becomes a CheckpointError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(NO_SUCH_CHECKPOINT(path=path))
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # torch.load reports damaged files through many exception types
        raise CheckpointError(_why_unreadable(path, e)) from e
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(FOREIGN_FILE(path=path))
    if payload.get("version") != VERSION:
        raise CheckpointError(
            UNSUPPORTED_VERSION(path=path, version=payload.get("version"), ours=VERSION)
        )
    meta = payload.get("meta") or {}
    state = payload.get("state_dict")
    if not isinstance(state, dict) or "task" not in meta or "arch" not in meta:
        raise CheckpointError(INCOMPLETE_METADATA(path=path))
    return Checkpoint(task=meta["task"], arch=meta["arch"], state_dict=state, meta=meta, path=path)


def _why_unreadable(path: Path, error: Exception) -> str:
    """What ``torch.load``'s ``error`` means to the user; an error that is none of the known
    kinds keeps its own type and words."""
    if (
        isinstance(error, EOFError)  # an empty file
        or (isinstance(error, RuntimeError) and _CUT_SHORT.search(str(error)))
        # torch's zip reader on some archives cut short (it seeks to before their start)
        or (isinstance(error, OSError) and error.errno == errno.EINVAL)
    ):
        return CUT_SHORT(path=path)
    if isinstance(error, OSError):  # not the file's bytes: the disk or its permissions
        return CANNOT_READ(path=path, reason=error.strerror or error)
    if isinstance(error, pickle.UnpicklingError):
        if _CARRIES_CODE.search(str(error)):
            return CARRIES_CODE(path=path)
        # garbage bytes fail the same unpickler
        return DAMAGED(path=path)
    return UNREADABLE(path=path, error=f"{type(error).__name__}: {error}")


def metrics_path(checkpoint_path: str | Path) -> Path:
    """The metrics JSON that sits beside a checkpoint."""
    return Path(checkpoint_path).with_suffix(".json")


def read_metrics_file(checkpoint_path: str | Path) -> dict[str, Any] | None:
    """The metrics JSON beside a checkpoint, or None if there is none that reads as an object."""
    try:
        info = json.loads(metrics_path(checkpoint_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def write_metrics_file(checkpoint_path: str | Path, meta: dict[str, Any]) -> Path:
    """The human-readable twin of a checkpoint's metadata."""
    summary = {
        k: meta[k] for k in ("task", "arch", "metrics", "seed", "created", "versions") if k in meta
    }
    keys = ("command", "machine", "train_time_s", "model_kwargs", "settings", "parameters")
    for key in (*keys, "threshold_command", "temperature", "sum_temperature", "calibration"):
        if key in meta:
            summary[key] = meta[key]
    return atomic_write_json(metrics_path(checkpoint_path), summary)
