"""Checks made before a run starts, so that it is refused at once rather than losing its result.

A training run that cannot save its model, or that must download MNIST into a folder it cannot
write, is refused before any data is loaded, with a message that names the folder. The checks
leave no folder behind: a run that then fails (MNIST missing, Ctrl-C) leaves the disk as it was,
and the save makes the model's folder when there is a model to put in it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mnist_desk.data.mnist_files import mnist_present
from mnist_desk.errors import FolderError, Phrase
from mnist_desk.support.fileio import missing_folders, remove_empty_folders

CANNOT_WRITE = Phrase("cannot write {what} in {folder}: {reason}. {fix}, or {how_to_change}.")
MAKE_IT_WRITABLE = Phrase("Make it writable")
A_FILE_IN_THE_WAY = Phrase("a file is in the way where a folder should be")
MOVE_THAT_FILE = Phrase("Move that file")
OUTPUT_IS_A_FOLDER = Phrase(
    "{output} is a folder; give the file to save the model to, e.g. {example}"
)
THE_TRAINED_MODEL = Phrase("the trained model")
ANOTHER_MODELS_FOLDER = Phrase(
    "choose another models folder (--models-dir, MNIST_DESK_MODELS, or --output)"
)
THE_MNIST_DOWNLOAD = Phrase("the MNIST download")
ANOTHER_DATA_FOLDER = Phrase(
    "choose another data folder (--data-dir, MNIST_DESK_DATA, or the data folder setting)"
)


def check_writable_folder(
    folder: str | os.PathLike, what: str, how_to_change: str, *, keep: bool = True
) -> Path:
    """Create ``folder`` if needed and prove a file can be written in it; FolderError if not.
    With ``keep=False`` the folders made to try are removed again, for a writer that makes them
    itself when it writes (``atomic_write``, the MNIST download): a refused or failed command
    then leaves no empty folder behind."""
    folder = Path(folder)
    made = [] if keep else missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        reason, fix = e.strerror or str(e), MAKE_IT_WRITABLE()
        if isinstance(e, (FileExistsError, NotADirectoryError)):  # strerror: "File exists"
            reason, fix = A_FILE_IN_THE_WAY(), MOVE_THAT_FILE()
        raise FolderError(
            CANNOT_WRITE(
                what=what, folder=folder, reason=reason, fix=fix, how_to_change=how_to_change
            )
        ) from e
    finally:
        remove_empty_folders(made)
    return folder


def check_training_can_start(output: Path | None, data_dir: Path, download: bool) -> None:
    """The model's folder is writable, and so is the data folder if MNIST must be downloaded."""
    if output is not None:
        if output.is_dir():  # found only at the end of the run, it lost the model
            raise FolderError(OUTPUT_IS_A_FOLDER(output=output, example=output / "my-model.pt"))
        check_writable_folder(
            output.parent, THE_TRAINED_MODEL(), ANOTHER_MODELS_FOLDER(), keep=False
        )
    if download and not mnist_present(data_dir):
        check_writable_folder(data_dir, THE_MNIST_DOWNLOAD(), ANOTHER_DATA_FOLDER(), keep=False)
