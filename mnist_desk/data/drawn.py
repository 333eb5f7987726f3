"""The training side of drawn digits: the hook between the Trainer and augment/stroke_templates.

Kept apart from training.py so the loop stays one concern: ``TaskData`` calls these two functions
when ``TrainingSettings.aug_drawn`` or ``synthetic_digits`` asks for them.
"""

from __future__ import annotations

import torch

from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.data.mnist import Split
from mnist_desk.data.synthetic import synthetic_digits


def with_synthetic_digits(train: Split, count: int, seed: int) -> Split:
    """``train`` with ``count`` template digits (rendered once, seeded) appended."""
    images, labels = synthetic_digits(count, seed)
    return Split(
        torch.cat([train.images, images.to(train.images.dtype)]), torch.cat([train.labels, labels])
    )


def drawn_augment_like(
    images: torch.Tensor, generator: torch.Generator, affine: dict[str, float | tuple[float, float]]
) -> torch.Tensor:
    """Drawn-style augmentation with the run's own rotation, shift and zoom ranges."""
    low, high = affine["scale"]
    settings = DrawnAugment(
        degrees=float(affine["degrees"]),
        translate=float(affine["translate"]),
        scale=(float(high) - float(low)) / 2,
    )
    return drawn_augment(images, generator, settings)
