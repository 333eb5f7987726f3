"""Heatmaps as pictures (no Qt): a diverging colour scale centred on zero, PNG files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mnist_desk.support.fileio import atomic_write

# Blue (pushed away) - white (nothing) - red (pushed toward): ColorBrewer's RdBu ends.
_NEGATIVE = np.array([33, 102, 172], np.float32)
_ZERO = np.array([247, 247, 247], np.float32)
_POSITIVE = np.array([178, 24, 43], np.float32)


def symmetric_scale(heatmap: np.ndarray) -> float:
    """The scale's two ends, -s..s: the 99th percentile of the non-zero magnitudes, so that one
    extreme pixel does not wash out the rest (1 when all are zero)."""
    magnitudes = np.abs(heatmap[heatmap != 0])
    top = float(np.percentile(magnitudes, 99)) if magnitudes.size else 0.0
    return top if top > 0 else 1.0


def heatmap_rgb(heatmap: np.ndarray, ink: np.ndarray | None = None) -> np.ndarray:
    """(h, w) scores -> (h, w, 3) uint8 on the diverging scale; the ink, when given, is drawn
    over it in a faint grey so the digit can be read through the colours."""
    t = np.clip(heatmap / symmetric_scale(heatmap), -1, 1)[..., None]
    rgb = np.where(t >= 0, _ZERO + t * (_POSITIVE - _ZERO), _ZERO - t * (_NEGATIVE - _ZERO))
    if ink is not None:
        rgb = rgb * (1 - 0.2 * np.asarray(ink, np.float32)[..., None])
    return rgb.round().clip(0, 255).astype(np.uint8)


def enlarged(image: np.ndarray, factor: int) -> np.ndarray:
    """Each pixel as a ``factor`` x ``factor`` block (crisp, as the model sees it)."""
    return np.repeat(np.repeat(image, factor, 0), factor, 1)


def write_png(path: str | Path, image: np.ndarray) -> Path:
    """An (h, w) grey or (h, w, 3) RGB uint8 image as PNG, written atomically."""
    from PIL import Image

    picture = Image.fromarray(np.ascontiguousarray(image))
    return atomic_write(path, lambda f: picture.save(f, format="PNG"))
