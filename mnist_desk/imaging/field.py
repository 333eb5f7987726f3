"""The field every model reads: 28x28, white ink on black, the digit in a 20x20 box centred by
mass, normalised with MNIST's mean and standard deviation (MNIST's own format)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

FIELD = 28
BOX = 20
# MNIST's pixel mean and standard deviation (0..1 ink): every model's input is normalised with them.
MEAN = 0.1307
STD = 0.3081


@dataclass
class Preprocessed:
    image28: (
        np.ndarray | None
    )  # uint8 (28, 28), white on black: what the model sees; None when blank
    tensor: torch.Tensor | None  # float (1, 28, 28), normalised like training; None when blank

    @property
    def blank(self) -> bool:
        return self.tensor is None


def to_tensor(field: np.ndarray) -> torch.Tensor:
    """float (28, 28) ink 0..1 -> the (1, 28, 28) tensor normalised like training."""
    return ((torch.from_numpy(field)[None] - MEAN) / STD).float()


def _ink_levels() -> np.ndarray:
    levels = to_tensor(np.arange(256, dtype=np.float32)[None] / 255.0)
    return levels.numpy().reshape(256)


_INK_LEVELS = _ink_levels()  # to_tensor of each grey level k / 255, in the same float32 steps


def ink_tensor(image28: np.ndarray) -> torch.Tensor:
    """uint8 (28, 28) ink 0..255 -> ``to_tensor(image28 / 255)``, the same values, by looking
    each level up (one table read per pixel instead of two tensor passes)."""
    return torch.from_numpy(_INK_LEVELS[image28])[None]


def ink_tensors(images: np.ndarray) -> torch.Tensor:
    """uint8 (N, 28, 28) -> (N, 1, 28, 28): ``ink_tensor`` of each, looked up at once."""
    return torch.from_numpy(_INK_LEVELS[images])[:, None]


def centre_by_mass(box: np.ndarray) -> np.ndarray:
    """Place ``box`` (ink 0..1, at most 28x28) in a 28x28 field with its centre of mass at the
    field's centre."""
    rows, cols = np.flatnonzero(box.any(1)), np.flatnonzero(box.any(0))
    box = box[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = box.shape
    mass = box.sum()
    # (the same float64 products, summed in the same order, as with np.indices' full grids)
    cy = (np.arange(h)[:, None] * box).sum() / mass
    cx = (np.arange(w) * box).sum() / mass
    # Top-left corner that puts the centre of mass at pixel (14, 14), where MNIST's digits have
    # it (the mean over 2,000 test digits is (13.99, 14.00)), kept inside the field.
    top = min(max(round(FIELD / 2 - cy), 0), FIELD - h)  # python's min/max: np.clip is slow
    left = min(max(round(FIELD / 2 - cx), 0), FIELD - w)
    field = np.zeros((FIELD, FIELD), dtype=np.float32)
    field[top : top + h, left : left + w] = box
    return field
