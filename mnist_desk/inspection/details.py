"""One unit seen large: its map, its value range, and what feeds it (issue 24, "click a map").

A unit is one map of a convolution, one head's attention, or one hidden unit of an MLP. What
feeds it: a convolution's kernel slices over the input maps that contribute most to this map
(contribution: the mean magnitude of that slice's correlation with its input map); an MLP unit's
incoming weights, and those weights times the values they read; an attention head's map over
the input digit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from mnist_desk.inspection.inside import Layer

FEEDS_SHOWN = 4


@dataclass
class Feed:
    """One thing that feeds a unit: ``source`` the input map or unit number (-1: the image)."""

    source: int
    weights: np.ndarray  # the kernel slice (k, k), or the incoming weights as an image
    contribution: float  # mean magnitude of what it adds to the unit
    product: np.ndarray | None = None  # weights times what they read, where that is an image


@dataclass
class UnitDetail:
    image: np.ndarray
    low: float
    high: float
    feeds: list[Feed] = field(default_factory=list)
    bias: float | None = None


def conv_detail(layer: Layer, unit: int) -> UnitDetail:
    """A convolution's map ``unit``: the map, and the kernel slices over its strongest inputs."""
    image = layer.maps[unit]
    feeds = []
    if layer.kernels is not None and layer.inputs is not None:
        kernels = torch.from_numpy(layer.kernels[unit]).float()[:, None]  # (in, 1, k, k)
        inputs = torch.from_numpy(layer.inputs).float()[None]  # (1, in, h, w)
        pad = layer.kernel // 2 if layer.maps.shape[-1] == layer.inputs.shape[-1] else 0
        with torch.no_grad():
            parts = F.conv2d(inputs, kernels, padding=pad, groups=len(kernels))[0]
        strength = parts.abs().mean((1, 2)).numpy()
        for source in np.argsort(-strength)[:FEEDS_SHOWN]:
            feeds.append(Feed(int(source), layer.kernels[unit, source], float(strength[source])))
    return UnitDetail(image, float(image.min()), float(image.max()), feeds)


def dense_detail(layer: Layer, unit: int, side: int = 28) -> UnitDetail:
    """A hidden unit of an MLP: its value, its incoming weights (as a 28x28 image when it reads
    the image) and those weights times what they read."""
    value = float(layer.maps[unit].reshape(-1)[0])
    weights = layer.kernels[unit] if layer.kernels is not None else np.zeros(0)
    read = layer.inputs if layer.inputs is not None else np.zeros_like(weights)
    product = weights * read
    if weights.size == side * side:
        shape = (side, side)
    else:  # a deeper layer reads units: lay them out as a near-square grid
        columns = int(np.ceil(np.sqrt(weights.size)))
        shape = (int(np.ceil(weights.size / columns)), columns)
        pad = shape[0] * shape[1] - weights.size
        weights, product = np.pad(weights, (0, pad)), np.pad(product, (0, pad))
    feed = Feed(-1, weights.reshape(shape), float(np.abs(product).mean()), product.reshape(shape))
    return UnitDetail(np.full((1, 1), value, np.float32), value, value, [feed])
