"""MNIST as the dataset browser shows it: each split's digits as 0..255 pixels and labels, numpy.

``read_dataset`` loads MNIST (seconds the first time) and converts it once, in the worker that
calls it, so the view pages through plain arrays and never touches a tensor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class LabelledPixels:
    """One split: uint8 (N, 28, 28) white-on-black digits and their int64 (N,) labels."""

    pixels: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def indices(self, digit: int | None = None) -> np.ndarray:
        """The samples showing ``digit`` (all of them for None), in the split's order."""
        if digit is None:
            return np.arange(len(self))
        return np.flatnonzero(self.labels == digit)


@dataclass(frozen=True)
class Dataset:
    """The fixed 50k/10k/10k split the models are trained, validated and tested on."""

    train: LabelledPixels
    val: LabelledPixels
    test: LabelledPixels


def read_dataset(data_dir: str | Path | None, download: bool = False) -> Dataset:
    """MNIST's splits as pixels (``DataUnavailableError`` says how to get a missing MNIST)."""
    from mnist_desk.data import mnist as mdata

    splits = mdata.load_splits(data_dir, download=download)
    parts = {
        name: LabelledPixels(
            mdata.to_uint8(getattr(splits, name).images[:, 0]),
            getattr(splits, name).labels.numpy().astype(np.int64),
        )
        for name in SPLITS
    }
    return Dataset(**parts)
