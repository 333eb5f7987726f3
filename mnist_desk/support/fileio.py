"""Atomic file writes: a temp file beside the target, then a rename, so a crash never leaves half a file."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

TEMP_SUFFIX = ".tmp"
# A temp file's name says which process writes it: ".{target}.{pid}.{random}.tmp".
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
STALE_AFTER_S = 3600  # where a writer's pid cannot be checked: its temp file is stale after this


def _process_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, at import (before any worker thread): os.umask can only be read by setting it.
_UMASK = _process_umask()


def _mode_for(path: Path) -> int:
    """The permissions ``path`` would get from an ordinary write: an existing file's own, else
    what the umask allows (mkstemp's temp files are private, 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(file)`` on a temp file in the target folder, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _process_alive(pid: int) -> bool | None:
    """Whether process ``pid`` exists (None where that cannot be asked)."""
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, under another user
        return True
    return True


def remove_stale_temp_files(folder: str | os.PathLike) -> list[Path]:
    """Delete the temp files of atomic writes whose writer died (killed, power cut) in ``folder``;
    a temp file whose writer is still running is left alone. Returns what was removed."""
    removed = []
    try:
        candidates = list(Path(folder).glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for candidate in candidates:
        match = _TEMP_NAME.match(candidate.name)
        if match is None:
            continue
        alive = _process_alive(int(match.group(1)))
        if alive is None:
            try:
                alive = time.time() - candidate.stat().st_mtime < STALE_AFTER_S
            except OSError:
                continue
        if alive:  # a write in progress (perhaps in this very process): leave it
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    return atomic_write(path, lambda f: f.write(data))


def atomic_write_json(path: str | os.PathLike, obj: Any) -> Path:
    return atomic_write_bytes(path, (json.dumps(obj, indent=2) + "\n").encode())


def missing_folders(folder: str | os.PathLike) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first: the folders a
    ``mkdir(parents=True)`` of it would make, for ``remove_empty_folders`` to take back."""
    missing = []
    for candidate in (Path(folder), *Path(folder).parents):
        if candidate.exists() or candidate.is_symlink():
            break
        missing.append(candidate)
    return missing


def remove_empty_folders(folders: list[Path]) -> None:
    """Remove ``folders`` (deepest first) as long as they are empty: a folder that holds anything,
    a file or a folder not in the list, stays, and so do the ones above it."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone, or not ours to remove)
            if folder.exists():
                return
