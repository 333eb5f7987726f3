"""Any image of one digit -> the 28x28 tensor MNIST models expect, by the steps MNIST itself used.

MNIST's digits were size-normalised to fit a 20x20 box (keeping the aspect ratio, antialiased) and
centred by centre of mass in a 28x28 field, white ink on black. We do the same to a canvas drawing,
a photo or a scan, after detecting whether its ink is dark-on-light or light-on-dark.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from mnist_desk.imaging.drawn import border_level, to_grey
from mnist_desk.imaging.field import BOX, FIELD, Preprocessed, centre_by_mass, to_tensor

# Ink weaker than this fraction of the strongest ink is background noise (paper grain, JPEG).
NOISE_FLOOR = 0.2
# Below this contrast (0..1) an image has no ink worth reading: it is blank.
MIN_CONTRAST = 0.1


def ink_map(grey: np.ndarray, noise_floor: float = NOISE_FLOOR) -> np.ndarray | None:
    """float (H, W) 0..1 -> ink strength 0..1 with the background at 0, ink weaker than
    ``noise_floor`` of the strongest dropped; None if blank.

    Polarity comes from the border: the background is what the edges of the picture mostly show.
    """
    background = border_level(grey)
    ink = (background - grey) if background > 0.5 else (grey - background)
    peak = float(ink.max(initial=0))
    if peak < MIN_CONTRAST:
        return None
    ink = np.clip(ink / peak, 0, 1)
    ink[ink < noise_floor] = 0
    return ink


def preprocess(image: np.ndarray) -> Preprocessed:
    """An image of one digit -> what the model sees (or blank): a picture in MNIST's own format
    as it is, any other redrawn the MNIST way."""
    grey = to_grey(image)
    ink = ink_map(grey)
    if ink is None:
        return Preprocessed(None, None)
    return as_is(grey) if mnist_format(ink) else ink_to_input(ink)


def mnist_format(ink: np.ndarray) -> bool:
    """Whether a picture's ink map is a digit in MNIST's own format: 28x28, centred by mass
    (within ``MNIST_CENTRE`` px). Such a picture holds one digit already drawn the MNIST way;
    drawn again (cropped, scaled, its faint edges dropped) it reads worse than as it is."""
    if ink.shape != (FIELD, FIELD):
        return False
    mass = float(ink.sum())
    if mass <= 0:
        return False
    rows, cols = np.indices(ink.shape)
    centre = np.array([(rows * ink).sum(), (cols * ink).sum()]) / mass
    return bool(np.abs(centre - (FIELD - 1) / 2).max() <= MNIST_CENTRE)


MNIST_CENTRE = 1.5  # px: MNIST centred each digit's mass on a whole pixel


def as_is(grey: np.ndarray) -> Preprocessed:
    """A 28x28 picture (float 0..1) as the model's input, every grey level of its ink kept."""
    field = ink_map(grey, noise_floor=0.0)
    if field is None:
        return Preprocessed(None, None)
    field = field.astype(np.float32)
    return Preprocessed((field * 255).round().astype(np.uint8), to_tensor(field))


def ink_to_input(ink: np.ndarray) -> Preprocessed:
    """Ink strength (H, W) 0..1, background 0 -> what the model sees: the ink's box scaled into
    20x20 (aspect kept, antialiased), centred by mass in 28x28; blank if there is no ink."""
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))  # 10x np.nonzero's speed
    if len(rows) == 0:
        return Preprocessed(None, None)
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    box = F.interpolate(
        torch.from_numpy(np.ascontiguousarray(crop, dtype=np.float32))[None, None],
        size=(new_h, new_w),
        mode="bilinear",
        antialias=True,
        align_corners=False,
    )[0, 0].clamp_(0, 1)
    field = centre_by_mass(box.numpy())
    image28 = (field * 255).round().astype(np.uint8)
    return Preprocessed(image28, to_tensor(field))
