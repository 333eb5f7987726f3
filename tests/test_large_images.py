"""Huge images are refused before they are decoded; large ones are decoded small."""

from __future__ import annotations

import struct
import warnings
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw

from mnist_desk.errors import ImageError
from mnist_desk.imaging.drawn import picture_from_image
from mnist_desk.imaging.image_files import MAX_IMAGE_SIDE, load_image
from mnist_desk.recognition.predictor import Predictor


def png_header_only(path, width: int, height: int) -> None:
    """A PNG that claims width x height (its pixels are missing): enough to test a size cap."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\x00" * 100)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [12_000, 20_000])
def test_an_image_over_the_pixel_cap_is_refused_clearly_and_quietly(tmp_path, side):
    path = tmp_path / "huge.png"
    png_header_only(path, side, side)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ImageError, match="too large") as refused:
            load_image(path)
    assert "megapixels" in str(refused.value) and str(path) in str(refused.value)
    assert not [w for w in caught if "decompression" in str(w.message).lower()]


def test_a_large_photo_is_decoded_small_and_still_read(tmp_path):
    image = Image.new("RGB", (4000, 3000), (250, 248, 240))  # 12 MP of paper
    ImageDraw.Draw(image).line([(2000, 600), (2000, 2400)], fill=(20, 20, 30), width=120)
    for name in ("one.png", "one.jpg"):
        image.save(tmp_path / name)
        pixels = load_image(tmp_path / name)
        assert max(pixels.shape[:2]) <= MAX_IMAGE_SIDE
        assert pixels.shape[0] / pixels.shape[1] == pytest.approx(0.75, abs=0.01)
        (digit,) = Predictor.from_model().predict_digits([picture_from_image(pixels)])
        assert digit.digit == 1


def test_small_images_are_read_unchanged(tmp_path):
    pixels = np.zeros((28, 28), np.uint8)
    pixels[4:24, 13:15] = 255
    Image.fromarray(pixels).save(tmp_path / "small.png")
    assert np.array_equal(load_image(tmp_path / "small.png"), pixels)
