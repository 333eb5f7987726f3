"""A digit drawn as its outline (a hollow bold digit, a font's glyph traced round), filled.

Drawn as lines, an outline is a doubled line that the models often read as another digit (a
hollow 3's two sides make a closed loop, read as 8). Filled, even-odd (a 0's counter stays
open), it is a bold digit, which they read as MNIST's own. ``recognition.predictor`` reads an
outlined digit both ways and keeps the more confident reading.

No Qt: numpy and PIL.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from mnist_desk.imaging.field import Preprocessed
from mnist_desk.imaging.pictures import ink_to_input

SIDE = 112  # px: the outline is filled at 4x the model's field, then drawn the MNIST way
MARGIN = 4
EDGE = 2  # px at SIDE: the contour's own line, so a thin part of the glyph keeps its ink


def filled_outline(paths: Sequence[np.ndarray]) -> Preprocessed:
    """Closed contours (point arrays, any unit, y down) -> the model's input of the region they
    enclose, even-odd; blank if there is nothing to fill."""
    contours = [np.asarray(p, dtype=np.float64)[:, :2] for p in paths if len(p) >= 3]
    if not contours:
        return Preprocessed(None, None)
    every = np.concatenate(contours)
    low, size = every.min(0), float((every.max(0) - every.min(0)).max())
    if size <= 0:
        return Preprocessed(None, None)
    scale = (SIDE - 2 * MARGIN) / size
    polygons = [[tuple(xy) for xy in ((c - low) * scale + MARGIN).tolist()] for c in contours]
    region = Image.new("1", (SIDE, SIDE), 0)
    for polygon in polygons:
        layer = Image.new("1", (SIDE, SIDE), 0)
        ImageDraw.Draw(layer).polygon(polygon, fill=1)
        region = ImageChops.logical_xor(region, layer)
    draw = ImageDraw.Draw(region)
    for polygon in polygons:
        draw.line(polygon, fill=1, width=EDGE)
    return ink_to_input(np.asarray(region, dtype=np.float32))
