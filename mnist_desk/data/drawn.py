"""The training side of drawn digits: the hook between the Trainer and augment/synthetic.

Kept apart from training so the loop stays one concern: ``TaskData`` calls these two functions
when ``TrainingSettings.aug_drawn``, ``synthetic_digits`` or ``drawn`` (the whole drawn-digit
recipe) asks for them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.data.mnist import Split
from mnist_desk.data.synthetic import HAND, synthetic_digits
from mnist_desk.imaging.field import MEAN, STD

# The drawn-digit recipe's augmentation: a third of the digits gone over twice.
RECIPE_DOUBLE = 0.3


def shipped_templates_path(count: int, seed: int, styles: str) -> Path:
    """Where the project ships a set of template digits rendered ahead of time, beside this
    module (``scripts/render-templates.py`` writes it; the app's resources folder, where the
    evaluation glyphs are, is never read by training)."""
    return Path(__file__).resolve().parent / "templates" / f"{styles}-{count}-seed{seed}.npz"


def template_digits(count: int, seed: int, styles: str = HAND) -> tuple[torch.Tensor, torch.Tensor]:
    """``synthetic_digits(count, seed, styles)``: read from the shipped set where there is one
    (the same tensors exactly: the renderer's ink is whole 255ths; 20 ms instead of about 0.6 ms
    a digit), else rendered now."""
    path = shipped_templates_path(count, seed, styles)
    if not path.is_file():
        return synthetic_digits(count, seed, styles)
    with np.load(path) as shipped:
        ink = torch.from_numpy(shipped["images"]).float() / 255.0
        labels = torch.from_numpy(shipped["labels"]).long()
    return ((ink - MEAN) / STD).float(), labels


def with_synthetic_digits(train: Split, count: int, seed: int, styles: str = HAND) -> Split:
    """``train`` with ``count`` template digits (rendered once, seeded) appended."""
    images, labels = template_digits(count, seed, styles)
    return Split(
        torch.cat([train.images, images.to(train.images.dtype)]), torch.cat([train.labels, labels])
    )


def drawn_augment_like(
    images: torch.Tensor,
    generator: torch.Generator,
    affine: dict[str, float | tuple[float, float]],
    double: float = 0.0,
) -> torch.Tensor:
    """Drawn-style augmentation with the run's own rotation, shift and zoom ranges; ``double``:
    the chance that a digit is gone over twice."""
    low, high = affine["scale"]
    settings = DrawnAugment(
        degrees=float(affine["degrees"]),
        translate=float(affine["translate"]),
        scale=(float(high) - float(low)) / 2,
        double=double,
    )
    return drawn_augment(images, generator, settings)
