"""The training side of drawn digits: the hook between the Trainer and augment/synthetic.

Kept apart from training so the loop stays one concern: ``TaskData`` calls these two functions
when ``TrainingSettings.aug_drawn``, ``synthetic_digits`` or ``drawn`` (the whole drawn-digit
recipe) asks for them.
"""

from __future__ import annotations

import torch

from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.data.mnist import Split
from mnist_desk.data.synthetic import HAND, synthetic_digits

# The drawn-digit recipe's augmentation: a third of the digits gone over twice.
RECIPE_DOUBLE = 0.3


def with_synthetic_digits(train: Split, count: int, seed: int, styles: str = HAND) -> Split:
    """``train`` with ``count`` template digits (rendered once, seeded) appended."""
    images, labels = synthetic_digits(count, seed, styles)
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
