"""The adders' side of long addition: each column's two digits handed to the adder, units first.

A shorter number's missing digit is a 0: a certain one (logits) for the heads that take digit
probabilities (the transfer adder, the adder that learned digits from sums), a 0 drawn by the
stroke renderer for the scratch adder that takes images. ``long_addition`` carries the columns'
sums into a total.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from mnist_desk.imaging.strokes import render_strokes
from mnist_desk.recognition.results import DigitResult

# A logit margin that makes a digit certain (p = 1 - 1e-10), in the range the heads saw.
CERTAIN = 25.0


def sums_from_digits(
    model: nn.Module, first_logits: torch.Tensor, second_logits: torch.Tensor
) -> torch.Tensor:
    """(columns, 19) sum logits of an adder with a digit-probability head, units first, for two
    numbers' digit logits (n, 10) left to right."""
    width = max(len(first_logits), len(second_logits))
    columns = torch.stack(
        [padded_logits(first_logits, width), padded_logits(second_logits, width)], 1
    )
    return model.sum_logits(columns.flip(0))


def sums_from_images(model: nn.Module, first: torch.Tensor, second: torch.Tensor) -> torch.Tensor:
    """(columns, 19) sum logits of an adder that reads images, units first, for two numbers'
    model inputs (n, 1, 28, 28) left to right."""
    width = max(len(first), len(second))
    images = torch.stack([padded_images(first, width), padded_images(second, width)], 1)
    return model(images.flip(0))


def plain_digit(logits: torch.Tensor) -> DigitResult:
    """One digit as a classifier of the adder's reads it: no temperature, no judge."""
    probabilities = logits.softmax(-1).cpu().numpy()
    return DigitResult(int(probabilities.argmax()), [float(v) for v in probabilities])


def padded_logits(logits: torch.Tensor, width: int) -> torch.Tensor:
    """(n, 10) digit logits, left-padded to ``width`` digits with a certain 0."""
    zero = torch.full((width - len(logits), 10), -CERTAIN, device=logits.device)
    zero[:, 0] = 0.0
    return torch.cat([zero, logits.float()])


_ZERO_INPUT: torch.Tensor | None = None


def zero_input() -> torch.Tensor:
    """The 0 the scratch adder is shown where a shorter number has no digit: an upright oval
    drawn by the stroke renderer, the way every drawn digit reaches the models."""
    global _ZERO_INPUT
    if _ZERO_INPUT is None:
        t = np.linspace(0, 2 * np.pi, 40)
        oval = np.c_[0.5 + 0.3 * np.sin(t), 0.5 - 0.5 * np.cos(t)]
        _ZERO_INPUT = render_strokes([oval]).tensor
    return _ZERO_INPUT


def padded_images(images: torch.Tensor, width: int) -> torch.Tensor:
    """(n, 1, 28, 28) inputs, left-padded to ``width`` digits with ``zero_input()``."""
    zero = zero_input().to(images.device)[None].expand(width - len(images), -1, -1, -1)
    return torch.cat([zero, images])
