"""Any image of one digit -> the 28x28 tensor MNIST models expect, by the steps MNIST itself used.

MNIST's digits were size-normalised to fit a 20x20 box (keeping the aspect ratio, antialiased) and
centred by centre of mass in a 28x28 field, white ink on black. We do the same to a canvas drawing,
a photo or a scan, after detecting whether its ink is dark-on-light or light-on-dark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from mnist_desk.data import MEAN, STD

FIELD = 28
BOX = 20
# Ink weaker than this fraction of the strongest ink is background noise (paper grain, JPEG).
NOISE_FLOOR = 0.2
# Below this contrast (0..1) an image has no ink worth reading: it is blank.
MIN_CONTRAST = 0.1


@dataclass
class Preprocessed:
    image28: (
        np.ndarray | None
    )  # uint8 (28, 28), white on black: what the model sees; None when blank
    tensor: torch.Tensor | None  # float (1, 28, 28), normalised like training; None when blank

    @property
    def blank(self) -> bool:
        return self.tensor is None


def to_grey(image: np.ndarray) -> np.ndarray:
    """(H, W), (H, W, 3) or (H, W, 4), any dtype -> float (H, W) in 0..1."""
    a = np.asarray(image)
    if a.ndim not in (2, 3) or a.size == 0:
        raise ValueError(f"expected an image of shape (H, W) or (H, W, C), got {a.shape}")
    a = a.astype(np.float32)
    if a.max(initial=0) > 1.0:
        a /= 255.0
    if a.ndim == 2:
        return a
    if a.shape[2] == 4:
        alpha = a[..., 3]
        if alpha.min() < 0.99:  # strokes on a transparent background: the alpha is the ink
            return alpha
        a = a[..., :3]
    if a.shape[2] == 1:
        return a[..., 0]
    return a[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def ink_map(grey: np.ndarray) -> np.ndarray | None:
    """float (H, W) 0..1 -> ink strength 0..1 with the background at 0; None if blank.

    Polarity comes from the border: the background is what the edges of the picture mostly show.
    """
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = float(np.median(border))
    ink = (background - grey) if background > 0.5 else (grey - background)
    peak = float(ink.max(initial=0))
    if peak < MIN_CONTRAST:
        return None
    ink = np.clip(ink / peak, 0, 1)
    ink[ink < NOISE_FLOOR] = 0
    return ink


def preprocess(image: np.ndarray) -> Preprocessed:
    """An image of one digit -> what the model sees (or blank)."""
    ink = ink_map(to_grey(image))
    if ink is None:
        return Preprocessed(None, None)
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))  # 10x np.nonzero's speed
    if len(rows) == 0:
        return Preprocessed(None, None)
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    box = F.interpolate(
        torch.from_numpy(np.ascontiguousarray(crop))[None, None],
        size=(new_h, new_w),
        mode="bilinear",
        antialias=True,
        align_corners=False,
    )[0, 0].clamp_(0, 1)
    field = centre_by_mass(box.numpy())
    image28 = (field * 255).round().astype(np.uint8)
    return Preprocessed(image28, to_tensor(field))


def to_tensor(field: np.ndarray) -> torch.Tensor:
    """float (28, 28) ink 0..1 -> the (1, 28, 28) tensor normalised like training."""
    return ((torch.from_numpy(field)[None] - MEAN) / STD).float()


def centre_by_mass(box: np.ndarray) -> np.ndarray:
    """Place ``box`` (ink 0..1, at most 28x28) in a 28x28 field with its centre of mass at the
    field's centre."""
    rows, cols = np.flatnonzero(box.any(1)), np.flatnonzero(box.any(0))
    box = box[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = box.shape
    mass = box.sum()
    ys, xs = np.indices(box.shape)
    cy, cx = (ys * box).sum() / mass, (xs * box).sum() / mass
    # Top-left corner that puts the centre of mass at pixel (14, 14), where MNIST's digits have
    # it (the mean over 2,000 test digits is (13.99, 14.00)), kept inside the field.
    top = int(np.clip(round(FIELD / 2 - cy), 0, FIELD - h))
    left = int(np.clip(round(FIELD / 2 - cx), 0, FIELD - w))
    field = np.zeros((FIELD, FIELD), dtype=np.float32)
    field[top : top + h, left : left + w] = box
    return field
