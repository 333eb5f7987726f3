"""Which models exist: the shipped ones in resources/weights and the user's own in the models folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mnist_desk.models import CLASSIFIER, DEFAULT_CLASSIFIER, SCRATCH
from mnist_desk.store.checkpoints import (
    CANNOT_READ,
    Checkpoint,
    CheckpointError,
    load_checkpoint,
    read_metrics_file,
)
from mnist_desk.store.history import history_path
from mnist_desk.store.measurements import DRAWN, shipped_drawn
from mnist_desk.store.names import find_model_file, model_files, unknown_model_message
from mnist_desk.support.config import resolve_models_dir, shipped_weights_dir
from mnist_desk.support.fileio import remove_stale_temp_files


@dataclass(frozen=True)
class ModelFacts:
    """What a model's metadata and metrics file say of it (None or "": not recorded)."""

    parameters: int | None = None
    created: str = ""  # ISO 8601, UTC
    train_time_s: float | None = None
    command: str = ""  # the command that trained it (models trained in the window have none)
    seed: int | None = None
    settings: dict[str, Any] = field(default_factory=dict, compare=False)  # what the run used
    drawn_digits: float | None = None  # drawn digits it reads itself (the shown ones' reader's)
    drawn_sums: float | None = None
    latency_ms: float | None = None  # median time of one digit pair (drawn-set measurement)
    measured: str = ""  # when the drawn figures were measured
    history: Path | None = None  # its training curves (``store.history``), when kept


@dataclass(frozen=True)
class ModelEntry:
    path: Path
    task: str
    arch: str
    shipped: bool
    test_accuracy: float | None
    problem: str = ""  # why the checkpoint cannot be read ("" when it can); never loaded then
    facts: ModelFacts = field(default_factory=ModelFacts)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def readable(self) -> bool:
        return not self.problem


def shipped_checkpoint(task: str, arch: str) -> Path:
    return shipped_weights_dir() / f"{task}-{arch}.pt"


def default_classifier_path() -> Path:
    return shipped_checkpoint(CLASSIFIER, DEFAULT_CLASSIFIER)


# (path, size, mtime) -> the checkpoint's metadata, or why it cannot be read: each user
# checkpoint is opened once per version of the file, not on every listing.
_CHECKED: dict[tuple[str, int, int], dict[str, Any] | str] = {}


def _check_user_checkpoint(path: Path) -> dict[str, Any] | str:
    """The metadata of a user checkpoint (read safely, as it would be loaded), or the problem."""
    try:
        stat = path.stat()
    except OSError as e:
        return CANNOT_READ(path=path, reason=e.strerror or e)
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _CHECKED:
        try:
            _CHECKED[key] = load_checkpoint(path).meta
        except CheckpointError as e:
            _CHECKED[key] = str(e)
    return _CHECKED[key]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _facts(path: Path, task: str, info: dict[str, Any], drawn: Any) -> ModelFacts:
    """The facts in ``info`` (a metrics file or checkpoint metadata) and ``drawn`` (its drawn
    measurement). A scratch adder's own digits are ``adder_digit_accuracy``: the digits the
    window shows beside it come from the default classifier."""
    drawn = drawn if isinstance(drawn, dict) else {}
    digits_key = "adder_digit_accuracy" if task == SCRATCH else "digit_accuracy"
    history = history_path(path)
    parameters = _number(info.get("parameters"))
    seed = _number(info.get("seed"))
    settings = info.get("settings")
    return ModelFacts(
        parameters=int(parameters) if parameters is not None else None,
        created=str(info.get("created") or ""),
        train_time_s=_number(info.get("train_time_s")),
        command=str(info.get("command") or ""),
        seed=int(seed) if seed is not None else None,
        settings=settings if isinstance(settings, dict) else {},
        drawn_digits=_number(drawn.get(digits_key)),
        drawn_sums=_number(drawn.get("sum_accuracy")),
        latency_ms=_number(drawn.get("latency_ms")),
        measured=str(drawn.get("measured") or ""),
        history=history if history.is_file() else None,
    )


def _entry(path: Path, shipped: bool, models_dir: str | Path | None = None) -> ModelEntry:
    """Shipped models: the metrics JSON beside them (cheap, and they are tested). The user's:
    the checkpoint itself, read safely, so a corrupt or foreign file is listed with its problem,
    plus what was measured of it later (kept in its metrics file)."""
    metrics_file = read_metrics_file(path)
    use_file = shipped and metrics_file is not None
    info: dict[str, Any] | str = metrics_file if use_file else _check_user_checkpoint(path)
    if isinstance(info, dict) and not ("task" in info and "arch" in info):
        info = f"{path}: its metadata lacks the task or the architecture"
    if isinstance(info, str):
        return ModelEntry(path, "", "", shipped, None, problem=info)
    accuracy = (info.get("metrics") or {}).get("test_accuracy")
    drawn = (metrics_file or {}).get(DRAWN)
    if shipped:
        drawn = shipped_drawn(path, models_dir) or drawn
    facts = _facts(path, info["task"], info, drawn)
    return ModelEntry(path, info["task"], info["arch"], shipped, accuracy, facts=facts)


def list_models(models_dir: str | Path | None = None) -> list[ModelEntry]:
    """Shipped models first, then the user's, newest first (``names.model_files``' order, in
    which names are looked up). Unreadable checkpoints are listed too, with ``problem`` saying
    why; callers show them and never load them. Temp files left by a save that was killed are
    removed from the user's folder on the way."""
    user = resolve_models_dir(models_dir)
    if user.is_dir():
        remove_stale_temp_files(user)
    return [_entry(path, shipped, models_dir) for path, shipped in model_files(models_dir)]


def resolve_model(
    name_or_path: str | Path | None, models_dir: str | Path | None = None
) -> Checkpoint:
    """A checkpoint from a file path or a model name (file stem) in the shipped or user folders
    (``names.find_model_file``: the rule ``--model`` follows everywhere)."""
    if name_or_path is None:
        return load_checkpoint(default_classifier_path())
    path = find_model_file(name_or_path, models_dir)
    if path is not None:
        return load_checkpoint(path)
    known = [e.name + (" (unreadable)" if e.problem else "") for e in list_models(models_dir)]
    raise CheckpointError(unknown_model_message(str(name_or_path), known))
