"""Reading a picture file (a photo, a scan, a saved drawing) into pixels, safely: a file that
is missing, not an image or far too large is an ImageError in words the window can translate;
a large one is decoded small, since a digit ends up 20x20 anyway."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mnist_desk.errors import ImageError, Phrase

# Larger images are refused before they are decoded (a 50 MP RGB image is 150 MB in memory).
MAX_IMAGE_PIXELS = 50_000_000
# Larger images are reduced to this side while they are decoded: a digit ends up 20x20 anyway.
MAX_IMAGE_SIDE = 1024
IMAGE_TOO_LARGE = Phrase(
    "{path}: the image is too large (over {megapixels} megapixels); crop it to the digit or "
    "scale it down"
)
IMAGE_TOO_LARGE_SIZED = Phrase(
    "{path}: the image is too large (over {megapixels} megapixels); crop it to the digit or "
    "scale it down (it is {width} x {height})"
)
NO_SUCH_IMAGE = Phrase("{path}: no such image file")
NOT_AN_IMAGE = Phrase("{path}: not an image this app can read ({error})")


def load_image(path: str | Path) -> np.ndarray:
    """Read an image file into an array, at most MAX_IMAGE_SIDE pixels a side; an ImageError if
    it is missing, unreadable or over MAX_IMAGE_PIXELS."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    megapixels = MAX_IMAGE_PIXELS // 1_000_000
    try:
        with warnings.catch_warnings():
            # Our own cap below is lower than Pillow's bomb warning; do not print its warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:  # reads the header only
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageError(
                        IMAGE_TOO_LARGE_SIZED(
                            path=path, megapixels=megapixels, width=width, height=height
                        )
                    )
                return np.asarray(_decoded_small(img))
    except Image.DecompressionBombError as e:
        raise ImageError(IMAGE_TOO_LARGE(path=path, megapixels=megapixels)) from e
    except FileNotFoundError as e:
        raise ImageError(NO_SUCH_IMAGE(path=path)) from e
    except (UnidentifiedImageError, OSError) as e:
        raise ImageError(NOT_AN_IMAGE(path=path, error=e)) from e


def _decoded_small(img):
    """Decode ``img`` at most MAX_IMAGE_SIDE a side, in "L" or "RGBA": JPEGs decode at 1/2..1/8
    scale directly (draft), others are reduced by an integer factor, then resized smoothly."""
    mode = "RGBA" if img.mode in ("RGBA", "LA", "P", "PA") else "L"
    target = (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE)
    if max(img.size) > MAX_IMAGE_SIDE:
        img.draft(mode if mode == "L" else "RGB", target)  # a no-op except for JPEG
    factor = max(img.size) // MAX_IMAGE_SIDE
    if factor >= 2:  # before converting: the full-size image is held once, in its own mode
        if img.mode not in ("L", "LA", "RGB", "RGBA"):
            img = img.convert(mode)
        img = img.reduce(factor)  # a box average: thin strokes stay, as grey
    img = img.convert(mode)
    if max(img.size) > MAX_IMAGE_SIDE:
        img.thumbnail(target)
    return img
