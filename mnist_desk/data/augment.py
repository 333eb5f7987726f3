"""Augmentation for how people draw: slant, aspect, elastic wobble, stroke thickness, doubled strokes.

MNIST's writers used pens on paper; the app's users draw with a mouse, thin or thick, slanted,
narrow or wide. ``drawn_augment`` adds that variety on top of the usual rotation/shift/zoom, for
a whole batch at once on the in-memory tensors (one ``grid_sample`` for every geometric change,
max-pooling for the thickness), so it costs little next to a training step. ``double`` draws some
digits twice, the second pass a pixel or so off the first, as when someone goes over a digit to
make it bold (the drawn-digit recipe's; 0 in the plain ``--aug-drawn``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import torch
import torch.nn.functional as F

from mnist_desk.imaging.field import MEAN, STD


@dataclass(frozen=True)
class DrawnAugment:
    """How strongly each change varies (each is drawn per image, uniformly in +-range)."""

    degrees: float = 10.0  # rotation
    translate: float = 0.1  # shift, fraction of the image
    scale: float = 0.1  # zoom, 1 +- this
    shear: float = 0.3  # slant: x += shear * y (0.3 is about 17 degrees)
    aspect: float = 0.2  # width / height, 1 +- this
    elastic: float = 1.0  # displacement, pixels (std at a 3x3 control grid, smoothly interpolated)
    thickness: float = 0.6  # chance that the stroke is thinned or thickened by up to one pixel
    double: float = 0.0  # chance that the digit is gone over again, 0.5-2.5 px off, turned +-4 deg


def _uniform(n: int, low: float, high: float, generator: torch.Generator | None) -> torch.Tensor:
    return torch.rand(n, generator=generator).mul_(high - low).add_(low)


def _geometry(
    n: int, settings: DrawnAugment, generator: torch.Generator | None, shape: list[int]
) -> torch.Tensor:
    """A sampling grid (n, 28, 28, 2): rotation, shear, aspect, zoom, shift and elastic wobble."""
    angle = _uniform(n, -settings.degrees, settings.degrees, generator) * (math.pi / 180)
    zoom = _uniform(n, 1 - settings.scale, 1 + settings.scale, generator)
    aspect = _uniform(n, 1 - settings.aspect, 1 + settings.aspect, generator)
    shear = _uniform(n, -settings.shear, settings.shear, generator)
    tx = _uniform(n, -settings.translate, settings.translate, generator) * 2
    ty = _uniform(n, -settings.translate, settings.translate, generator) * 2
    # Output -> input coordinates: the inverse of zoom * aspect, shear and rotation.
    cos, sin = torch.cos(angle), torch.sin(angle)
    sx, sy = 1 / (zoom * aspect.sqrt()), aspect.sqrt() / zoom
    theta = torch.stack([cos * sx, (shear - sin) * sx, tx, sin * sy, cos * sy, ty], 1)
    if settings.elastic <= 0:
        return _sampling_grid(theta.view(n, 2, 3), shape[-2], shape[-1])
    # Smooth random displacements: a 3x3 grid of offsets, upsampled bicubically.
    coarse = torch.randn(n, 2, 3, 3, generator=generator) * (settings.elastic * 2 / shape[-1])
    return _sampling_grid(torch.cat([theta.view(n, 2, 3), coarse.view(n, 2, 9)], 2), *shape[-2:])


def _sampling_grid(coefficients: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Each image's sampling grid (n, H, W, 2) from its coefficients (n, 2, 3 or 12): for x and
    for y, the weights of the output pixel's x, y and 1 (an affine map, as ``F.affine_grid``
    with align_corners=False), then of the 3x3 offsets bicubically upsampled (as
    ``F.interpolate(mode="bicubic", align_corners=True)``). The whole batch in one matrix
    product, many times faster than a small product per image."""
    n, _, terms = coefficients.shape
    grid = coefficients.view(n, -1) @ _pixel_terms(height, width, terms)
    return grid.view(n, height, width, 2)


@cache
def _pixel_terms(height: int, width: int, terms: int) -> torch.Tensor:
    """(2 * terms, H * W * 2): row (c, k) holds term k of every pixel in coordinate c's place
    and zeros in the other's, so a product with (n, 2 * terms) coefficients is the grid."""
    identity = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    xy = F.affine_grid(identity, [1, 1, height, width], align_corners=False).view(-1, 2)
    columns = [xy, torch.ones(len(xy), 1)]
    if terms > 3:
        rows, cols = _bicubic_matrix(height), _bicubic_matrix(width)
        columns.append(torch.einsum("hi,wj->hwij", rows, cols).reshape(height * width, 9))
    per_pixel = torch.cat(columns, 1).T  # (terms, H * W)
    blocks = torch.zeros(2, terms, height * width, 2)
    blocks[0, :, :, 0], blocks[1, :, :, 1] = per_pixel, per_pixel
    return blocks.view(2 * terms, -1)


@cache
def _bicubic_matrix(size: int) -> torch.Tensor:
    """(size, 3): bicubic upsampling of 3 values to ``size``, as ``F.interpolate`` does it."""
    basis = torch.eye(3).view(3, 1, 1, 3)
    return F.interpolate(basis, size=(1, size), mode="bicubic", align_corners=True)[:, 0, 0].T


def _neighbourhood(ink: torch.Tensor, pick, fill: float) -> torch.Tensor:
    """``pick`` (torch.maximum or torch.minimum) over each pixel's 3x3 neighbourhood, outside
    the image ``fill``: max_pool2d(3, stride 1, padding 1) as four elementwise steps, many
    times faster on one-channel images."""
    padded = F.pad(ink, (1, 1, 1, 1), value=fill)
    rows = pick(pick(padded[..., :-2, :], padded[..., 1:-1, :]), padded[..., 2:, :])
    return pick(pick(rows[..., :-2], rows[..., 1:-1]), rows[..., 2:])


def _thickness(ink: torch.Tensor, settings: DrawnAugment, generator: torch.Generator | None):
    """Thicken (dilate) or thin (erode) some images' strokes by a random fraction of a pixel."""
    n = ink.shape[0]
    amount = _uniform(n, -1, 1, generator)
    amount[torch.rand(n, generator=generator) >= settings.thickness] = 0
    amount = amount.to(ink.device).view(n, 1, 1, 1)
    thick = _neighbourhood(ink, torch.maximum, -math.inf)
    thin = _neighbourhood(ink, torch.minimum, math.inf)
    # Erosion alone can wipe out a thin digit: never thin below half the original ink.
    thin = torch.maximum(thin, ink * 0.5)
    grown = ink + amount.clamp(min=0) * (thick - ink)
    return grown + (-amount).clamp(min=0) * (thin - ink)


def _doubled(ink: torch.Tensor, settings: DrawnAugment, generator: torch.Generator | None):
    """Some images drawn again over themselves, shifted by 0.5-2.5 px (up to about a pen's
    width) and turned slightly."""
    n = ink.shape[0]
    chosen = torch.rand(n, generator=generator) < settings.double
    k = int(chosen.sum())
    if k == 0:
        return ink
    distance = _uniform(k, 0.5, 2.5, generator) * (2 / ink.shape[-1])
    direction = _uniform(k, 0, 2 * math.pi, generator)
    angle = _uniform(k, -4, 4, generator) * (math.pi / 180)
    cos, sin = torch.cos(angle), torch.sin(angle)
    shift_x, shift_y = distance * torch.cos(direction), distance * torch.sin(direction)
    theta = torch.stack([cos, -sin, shift_x, sin, cos, shift_y], 1).view(k, 2, 3)
    part = ink[chosen.to(ink.device)]
    grid = _sampling_grid(theta, *ink.shape[-2:]).to(ink.device, ink.dtype)
    again = F.grid_sample(part, grid, align_corners=False, padding_mode="zeros")
    out = ink.clone()
    out[chosen.to(ink.device)] = torch.maximum(part, again)
    return out


def drawn_augment(
    images: torch.Tensor,
    generator: torch.Generator | None = None,
    settings: DrawnAugment | None = None,
) -> torch.Tensor:
    """A batch (N, 1, 28, 28) normalised like training -> the same, as if drawn by other hands."""
    settings = settings or DrawnAugment()
    n = images.shape[0]
    ink = images * STD + MEAN  # 0..1, black background: zeros pad correctly
    ink = _thickness(ink, settings, generator)
    if settings.double > 0:
        ink = _doubled(ink, settings, generator)
    grid = _geometry(n, settings, generator, list(images.shape)).to(images.device, images.dtype)
    out = F.grid_sample(ink, grid, align_corners=False, padding_mode="zeros")
    return (out.clamp_(0, 1) - MEAN) / STD
