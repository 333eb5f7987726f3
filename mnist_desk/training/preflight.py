"""Checks made before a run starts, so that it is refused at once rather than losing its result.

A training run that cannot save its model, or that must download MNIST into a folder it cannot
write, is refused before any data is loaded, with a message that names the folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mnist_desk.data.mnist_files import mnist_present
from mnist_desk.errors import FolderError


def check_writable_folder(folder: str | os.PathLike, what: str, how_to_change: str) -> Path:
    """Create ``folder`` if needed and prove a file can be written in it; FolderError if not."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        reason, fix = e.strerror or str(e), "Make it writable"
        if isinstance(e, (FileExistsError, NotADirectoryError)):  # strerror: "File exists"
            reason, fix = "a file is in the way where a folder should be", "Move that file"
        raise FolderError(
            f"cannot write {what} in {folder}: {reason}. {fix}, or {how_to_change}."
        ) from e
    return folder


def check_training_can_start(output: Path | None, data_dir: Path, download: bool) -> None:
    """The model's folder is writable, and so is the data folder if MNIST must be downloaded."""
    if output is not None:
        if output.is_dir():  # found only at the end of the run, it lost the model
            raise FolderError(
                f"{output} is a folder; give the file to save the model to, "
                f"e.g. {output / 'my-model.pt'}"
            )
        check_writable_folder(
            output.parent,
            "the trained model",
            "choose another models folder (--models-dir, MNIST_DESK_MODELS, or --output)",
        )
    if download and not mnist_present(data_dir):
        check_writable_folder(
            data_dir,
            "the MNIST download",
            "choose another data folder (--data-dir, MNIST_DESK_DATA, or the data folder setting)",
        )
