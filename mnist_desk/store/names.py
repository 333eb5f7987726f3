"""Which file a model name names: the one rule behind ``--model NAME|FILE`` everywhere.

A name is a checkpoint's file stem, looked up among the shipped weights first, then the user's
models folder (newest first). Anything that ends in ``.pt`` or exists is a file, as given. No torch
here: the window's command line checks a name before the window opens, without waiting for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from mnist_desk.errors import Phrase, UserError
from mnist_desk.support.config import resolve_models_dir, shipped_weights_dir

CHECKPOINT_SUFFIX = ".pt"


class ModelNotFoundError(UserError, LookupError):
    """No checkpoint file, and no model of that name, in the shipped or the user's folder."""


def model_files(models_dir: str | os.PathLike | None = None) -> list[tuple[Path, bool]]:
    """Every checkpoint file as (path, shipped): the shipped ones by name, then the user's,
    newest first (the order names are looked up in)."""
    files: list[tuple[Path, bool]] = []
    shipped = shipped_weights_dir()
    if shipped.is_dir():
        files += [(p, True) for p in sorted(shipped.glob(f"*{CHECKPOINT_SUFFIX}"))]
    user = resolve_models_dir(models_dir)
    if user.is_dir():
        paths = sorted(user.glob(f"*{CHECKPOINT_SUFFIX}"), key=_modified, reverse=True)
        files += [(p, False) for p in paths]
    return files


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def is_file_reference(name_or_path: str | os.PathLike) -> bool:
    """Whether ``name_or_path`` names a file rather than a model (it ends in .pt, or exists)."""
    path = Path(name_or_path)
    return path.suffix == CHECKPOINT_SUFFIX or path.exists()


def find_model_file(
    name_or_path: str | os.PathLike, models_dir: str | os.PathLike | None = None
) -> Path | None:
    """The checkpoint ``name_or_path`` refers to: the file itself, or the first model of that
    name (shipped before the user's); None when it is neither."""
    if is_file_reference(name_or_path):
        return Path(name_or_path)
    name = str(name_or_path)
    return next((path for path, _ in model_files(models_dir) if path.stem == name), None)


def require_checkpoint_suffix(path: str | os.PathLike, option: str) -> Path:
    """``path`` as a file to save a model to (``option`` names where it was given): it must end
    in .pt, as the models folder lists only .pt files, and the metrics (``x.json``) and history
    files saved beside a model take its name with their own suffix: a model saved as ``x.json``
    would be overwritten by its own metrics. A folder is left to the writability checks."""
    path = Path(path)
    if path.suffix != CHECKPOINT_SUFFIX and not path.is_dir():
        raise UserError(
            f"the model file ({option}) must end in {CHECKPOINT_SUFFIX}: give "
            f"{path.with_suffix(CHECKPOINT_SUFFIX)} instead of {path}"
        )
    return path


UNKNOWN_MODEL = Phrase("no model named {name}; known models: {known}")
UNKNOWN_MODEL_NONE_FOUND = Phrase("no model named {name}; known models: none found")
NO_SUCH_CHECKPOINT = Phrase("{path}: no such checkpoint file")


def unknown_model_message(name: str, known: list[str]) -> str:
    """What to tell a user who named a model that does not exist."""
    return (UNKNOWN_MODEL if known else UNKNOWN_MODEL_NONE_FOUND)(
        name=repr(name), known=tuple(known)
    )


def require_model_file(
    name_or_path: str | os.PathLike, models_dir: str | os.PathLike | None = None
) -> Path:
    """Like ``find_model_file``, but a missing file or an unknown name is a ModelNotFoundError
    that lists the models there are."""
    path = find_model_file(name_or_path, models_dir)
    if path is None:
        known = [p.stem for p, _ in model_files(models_dir)]
        raise ModelNotFoundError(unknown_model_message(str(name_or_path), known))
    if not path.is_file():
        raise ModelNotFoundError(NO_SUCH_CHECKPOINT(path=path))
    return path
