"""The model input's tensor is looked up from its 8-bit ink, with the same values as before."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.imaging.drawn import Stroke, Strokes
from mnist_desk.imaging.field import ink_tensor, to_tensor


def test_every_ink_level_looks_up_what_to_tensor_computes():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (28, 28)).astype(np.uint8)
    image[0, : 256 - 28 * 27] = 0
    image.ravel()[:256] = np.arange(256)  # every level at least once
    looked_up = ink_tensor(image)
    computed = to_tensor(np.asarray(image, dtype=np.float32) / 255.0)
    assert looked_up.dtype == torch.float32 and looked_up.shape == (1, 28, 28)
    assert torch.equal(looked_up, computed)
    assert ((image.astype(np.float32) / 255.0 * 255).round() == image).all()  # the round trip


def test_a_strokes_xy_is_its_points_made_once_and_read_only():
    stroke = Stroke(((0.1, 0.2, 1.0), (0.3, 0.4, 0.5)), 0.05)
    xy = stroke.xy
    assert xy.dtype == np.float64 and xy.tolist() == [[0.1, 0.2], [0.3, 0.4]]
    assert stroke.xy is xy and not xy.flags.writeable
    with pytest.raises(ValueError):
        xy[0, 0] = 1.0
    drawing = Strokes((stroke, Stroke(((0.5, 0.5, 1.0),), 0.05)))
    assert [p.tolist() for p in drawing.paths()] == [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.5]]]
    assert Stroke((), 0.05).xy.shape == (0, 2)
