"""MNIST's four IDX files: find them, check them, read them, or download them.

The files are read here with numpy rather than through ``torchvision.datasets.MNIST``: the IDX
format is a short header and raw bytes, the header is parsed anyway to name a damaged file,
and the app then needs no torchvision except to download (the CPU bundle ships without it).
A download uses torchvision's MNIST, imported only then; without it the message says where to
get the files instead.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
import zlib
from pathlib import Path

import numpy as np
import torch

from mnist_desk.errors import Phrase, UserError, Words
from mnist_desk.support.fileio import missing_folders, remove_empty_folders

NUM_CLASSES = 10
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
# Where torchvision downloads them from (its first mirror), for people without torchvision.
MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/"

# IDX files (MNIST's format): magic 0x00 0x00 0x08 (unsigned bytes) ndim, ndim big-endian int32
# sizes, then the data. name -> (ndim, the sizes after the first).
IDX_SHAPES = {name: ((3, (28, 28)) if "images" in name else (1, ())) for name in RAW_FILES}


class DataUnavailableError(UserError, RuntimeError):
    """MNIST is not where we looked and could not be downloaded."""


class DataCorruptError(UserError, RuntimeError):
    """An MNIST file is there but damaged (truncated, overwritten); the message names it."""


class DamagedFileError(DataCorruptError):
    """One MNIST file does not hold what its header declares (or no IDX header at all): its
    message says to delete the files so that they are downloaded again, which ``load_mnist_raw``
    words otherwise where the download is not allowed."""

    def __init__(self, path: Path, problem: Words, *, download: bool = True):
        fix = DAMAGED if download else DAMAGED_NO_DOWNLOAD
        super().__init__(fix(path=path, problem=problem, folder=path.parent))
        self.path, self.problem = path, problem


# The messages of a damaged MNIST, in words the window can translate (errors.Phrase).
DAMAGED = Phrase(
    "{path} is damaged: {problem}. Replace it with a good copy, or delete the MNIST files in "
    "{folder} so that they are downloaded again."
)
DAMAGED_NO_DOWNLOAD = Phrase(
    "{path} is damaged: {problem}. Replace it with a good copy, or delete the MNIST files in "
    "{folder} and allow the download (leave out --no-download; in the window: File > Download "
    "MNIST When Missing) so that they are downloaded again."
)
NOT_IDX = Phrase("it does not start like an MNIST (IDX) file")
WRONG_SHAPE = Phrase("it declares items of shape {shape}, not {expected}")
TRUNCATED = Phrase("truncated ({size} bytes, expected {expected})")
TOO_LONG = Phrase("longer than it declares ({size} bytes, expected {expected})")
NOT_GZIP = Phrase("it cannot be unpacked as a .gz file ({reason})")
UNREADABLE = Phrase("{path} cannot be read: {reason}")
LABELS_MISMATCH = Phrase(
    "{path} is damaged: it has {labels} labels for {images} images. Replace the MNIST files in "
    "{raw} with good copies."
)
LABELS_ABOVE_9 = Phrase(
    "{path} is damaged: it holds labels above 9. Replace the MNIST files in {raw} with good copies."
)


def raw_folder(root: Path | str) -> Path:
    """The folder that holds the four files: ``root/MNIST/raw`` (torchvision's layout)."""
    return Path(root) / "MNIST" / "raw"


def find_raw_file(raw: Path, name: str) -> Path | None:
    """``raw/name``, else ``raw/name.gz`` (as downloaded), else None."""
    for candidate in (raw / name, raw / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def mnist_present(root: Path | str) -> bool:
    """Whether all four files are in ``root/MNIST/raw`` (unpacked or .gz); nothing is read."""
    raw = raw_folder(root)
    return all(find_raw_file(raw, name) is not None for name in RAW_FILES)


def _damaged(path: Path, problem: Words) -> DamagedFileError:
    return DamagedFileError(path, problem)


def _idx_dims(path: Path, name: str, header: bytes, size: int) -> tuple[int, ...]:
    """The dimensions an IDX header declares, after checking that ``size`` bytes hold exactly
    that much data; DataCorruptError naming ``path`` otherwise."""
    ndim, rest = IDX_SHAPES[name]
    if len(header) < 4 + 4 * ndim or header[:3] != b"\x00\x00\x08" or header[3] != ndim:
        raise _damaged(path, NOT_IDX())
    dims = tuple(int.from_bytes(header[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    if dims[1:] != rest:
        raise _damaged(path, WRONG_SHAPE(shape=str(dims[1:]), expected=str(rest)))
    expected = 4 + 4 * ndim + math.prod(dims)
    if size != expected:
        wrong = TRUNCATED if size < expected else TOO_LONG
        raise _damaged(path, wrong(size=f"{size:,}", expected=f"{expected:,}"))
    return dims


def _read_bytes(path: Path) -> bytearray:
    """The file's bytes, unpacked if it is a .gz. A .gz that is cut short, corrupted inside or
    no gzip at all is damaged (replace it); a file the system cannot read is unreadable."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as f:
                return bytearray(f.read())
        with open(path, "rb") as f:
            return bytearray(f.read())
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:  # BadGzipFile is an OSError: first
        raise _damaged(path, NOT_GZIP(reason=str(e) or type(e).__name__)) from e
    except OSError as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise DataCorruptError(UNREADABLE(path=path, reason=reason)) from e


def read_idx_file(path: Path) -> np.ndarray:
    """One MNIST IDX file (unpacked or .gz) as a uint8 array of the shape its header declares;
    DataCorruptError naming the file if it is damaged."""
    name = path.name.removesuffix(".gz")
    data = _read_bytes(path)
    ndim = IDX_SHAPES[name][0]
    dims = _idx_dims(path, name, bytes(data[: 4 + 4 * ndim]), len(data))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def read_split(root: Path | str, split: str) -> tuple[torch.Tensor, torch.Tensor]:
    """``split`` ("train" or "t10k") from ``root/MNIST/raw``: uint8 (N, 28, 28) images and
    int64 (N,) labels; DataCorruptError if a file is damaged or the two disagree."""
    raw = raw_folder(root)
    found = {}
    for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
        path = find_raw_file(raw, f"{split}-{kind}")
        if path is None:
            raise DataUnavailableError(_missing_data_message(Path(root), A_FILE_MISSING()))
        found[kind] = path
    images = read_idx_file(found["images-idx3-ubyte"])
    labels = read_idx_file(found["labels-idx1-ubyte"])
    labels_path = found["labels-idx1-ubyte"]
    if len(images) != len(labels):
        raise DataCorruptError(
            LABELS_MISMATCH(
                path=labels_path, labels=f"{len(labels):,}", images=f"{len(images):,}", raw=raw
            )
        )
    if len(labels) and int(labels.max()) >= NUM_CLASSES:
        raise DataCorruptError(LABELS_ABOVE_9(path=labels_path, raw=raw))
    return torch.from_numpy(images), torch.from_numpy(labels.astype(np.int64))


# The messages of a missing MNIST, in words the window can translate (errors.Phrase).
MISSING = Phrase(
    "MNIST was not found in {raw} ({reason}).\n"
    "Either allow the download (needs internet: leave out --no-download; in the window: "
    "File > Download MNIST When Missing), or place the four files {files} "
    "(optionally .gz) in {raw}, or point the app elsewhere with --data-dir DIR, "
    "the MNIST_DESK_DATA environment variable or the data folder setting (in the window: "
    "File > MNIST Data Folder…); DIR must contain MNIST/raw."
)
# The download was allowed and tried: the advice is to try again online, not to allow it.
MISSING_NOT_DOWNLOADED = Phrase(
    "MNIST was not found in {raw} ({reason}).\n"
    "Either try again once this computer is online, or place the four files {files} "
    "(optionally .gz) in {raw}, or point the app elsewhere with --data-dir DIR, "
    "the MNIST_DESK_DATA environment variable or the data folder setting (in the window: "
    "File > MNIST Data Folder…); DIR must contain MNIST/raw."
)
A_FILE_MISSING = Phrase("a file is missing")
DOWNLOAD_NOT_ALLOWED = Phrase("download not allowed")
DOWNLOAD_FAILED = Phrase("download failed: {why}")
NO_DOWNLOADER = Phrase(
    "MNIST was not found in {raw}, and downloading needs torchvision, which is not installed.\n"
    "Download the four files {files} from {mirror} (or any MNIST mirror) and put them in {raw}; "
    "they may stay packed (.gz). Or point the app at a folder that has them with --data-dir DIR, "
    "the MNIST_DESK_DATA environment variable or the data folder setting (in the window: "
    "File > MNIST Data Folder…); DIR must contain MNIST/raw. Or install torchvision "
    "(pip install torchvision) and try again."
)
NO_DOWNLOADER_FROZEN = Phrase(
    "MNIST was not found in {raw}, and this build of mnist-desk reads MNIST but does not "
    "download it.\n"
    "Download the four files {files} from {mirror} (or any MNIST mirror) and put them in {raw}; "
    "they may stay packed (.gz). Or point the app at a folder that has them with --data-dir DIR, "
    "the MNIST_DESK_DATA environment variable or the data folder setting (in the window: "
    "File > MNIST Data Folder…); DIR must contain MNIST/raw."
)
ONE_LEVEL_TOO_DEEP = Phrase(
    "MNIST was not found in {raw}, but its files are in {found}: the data folder is the one "
    "that contains MNIST/raw. Use --data-dir {holder} (or set MNIST_DESK_DATA or the data "
    "folder setting to it)."
)

DATA_FOLDER_IS_A_FILE = Phrase(
    "The data folder {root} is a file, not a folder: give the folder that contains MNIST/raw "
    "with --data-dir DIR, the MNIST_DESK_DATA environment variable or the data folder setting "
    "(in the window: File > MNIST Data Folder…)."
)


def _missing_data_message(root: Path, reason, *, tried: bool = False) -> str:
    """``tried``: the download was allowed and failed."""
    phrase = MISSING_NOT_DOWNLOADED if tried else MISSING
    return phrase(raw=raw_folder(root), reason=reason, files=", ".join(RAW_FILES))


def _no_downloader_message(root: Path) -> str:
    frozen = getattr(sys, "frozen", False)
    return (NO_DOWNLOADER_FROZEN if frozen else NO_DOWNLOADER)(
        raw=raw_folder(root),
        files=", ".join(f"{name}.gz" for name in RAW_FILES),
        mirror=MNIST_MIRROR,
    )


def _refuse_a_folder_inside_the_layout(root: Path) -> None:
    """A data folder given as .../MNIST or .../MNIST/raw, which hold the files themselves: say
    which folder to give instead of looking in (or downloading to) .../MNIST/raw/MNIST/raw."""
    given = root.resolve()
    for holder in (given.parent, given.parent.parent):
        if raw_folder(holder) in (given, given / "raw") and mnist_present(holder):
            raise DataUnavailableError(
                ONE_LEVEL_TOO_DEEP(raw=raw_folder(root), found=raw_folder(holder), holder=holder)
            )


def download_mnist(root: Path) -> None:
    """Download the four files into ``root/MNIST/raw`` with torchvision (imported only here).

    DataUnavailableError saying where to get the files by hand if torchvision is not installed
    or the download fails; a failed download takes back the folders made for it (while they
    are empty: a file it wrote stays).
    """
    try:
        from torchvision.datasets import MNIST
    except ImportError as absent:
        raise DataUnavailableError(_no_downloader_message(root)) from absent
    made = missing_folders(raw_folder(root))
    try:
        root.mkdir(parents=True, exist_ok=True)
        for train in (True, False):
            MNIST(str(root), train=train, download=True)
    except BaseException as failed:  # network errors come in many types
        remove_empty_folders(made)  # also after Ctrl-C
        if not isinstance(failed, Exception):
            raise
        raise DataUnavailableError(
            _missing_data_message(
                root, DOWNLOAD_FAILED(why=_why_download_failed(failed)), tried=True
            )
        ) from failed


def _why_download_failed(failed: Exception) -> str:
    """torchvision's download error in a line: its text names every mirror it tried, each with
    its error on a line of its own (six lines for two mirrors, mostly addresses); a person needs
    the reasons, each once ("[Errno -2] Name or service not known": no connection)."""
    text = str(failed)
    tried = re.findall(r"^Tried \S+, got:\n(.+)$", text, flags=re.MULTILINE)
    reasons = [re.sub(r"^<urlopen error (.*)>$", r"\1", line.strip()) for line in tried]
    if reasons:
        return "no MNIST mirror could be reached: " + "; ".join(dict.fromkeys(reasons))
    return " ".join(text.split()) or type(failed).__name__


def load_mnist_raw(root: Path | str, *, download: bool = False) -> tuple[torch.Tensor, ...]:
    """Return (train_images, train_labels, test_images, test_labels) as uint8/int64 tensors,
    downloading the files first if they are missing and ``download`` allows it."""
    root = Path(root)
    if not mnist_present(root):
        _refuse_a_folder_inside_the_layout(root)
        if root.is_file():  # nothing can be placed in it, nor downloaded into it
            raise DataUnavailableError(DATA_FOLDER_IS_A_FILE(root=root))
        if not download:
            raise DataUnavailableError(_missing_data_message(root, DOWNLOAD_NOT_ALLOWED()))
        download_mnist(root)
    try:
        return (*read_split(root, "train"), *read_split(root, "t10k"))
    except DamagedFileError as damaged:
        if download:
            raise
        raise DamagedFileError(damaged.path, damaged.problem, download=False) from damaged
