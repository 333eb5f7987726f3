"""A picture in MNIST's own format (28x28, its ink centred by mass) holds one digit and is read
as it is: the model sees the picture itself, as in its own test. Before, such a picture went
through the number reading and a flat digit was cut in two ("0" read as "62") or a 1-2 px speck
was read as a digit of its own ("1" read as "811")."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from mnist_desk.data.mnist import load_splits, to_uint8
from mnist_desk.imaging.drawn import picture_from_image
from mnist_desk.imaging.pictures import ink_map, mnist_format
from mnist_desk.recognition.doubt import REASONS
from mnist_desk.recognition.numbers import segment
from mnist_desk.recognition.predictor import Predictor
from tests.support import shared_data_dir

# MNIST validation digits the number reading cut in two or read a speck of as a digit
# (benchmarks: row 12's picture path; each was read right by the model alone).
ONCE_CUT = {50: "55", 68: "62", 103: "811", 148: "62", 234: "62", 276: "22", 363: "12"}


@pytest.fixture(scope="module")
def classifier():
    return Predictor.from_model("classifier-convnet")


@pytest.fixture(scope="module")
def val():
    return load_splits(shared_data_dir()).val


def scanned(image28: np.ndarray) -> np.ndarray:
    """An MNIST digit as a PNG shows it: dark ink on light paper."""
    return 255 - image28


@pytest.mark.parametrize("index", sorted(ONCE_CUT))
def test_an_mnist_digit_is_one_digit_whatever_its_shape(classifier, val, index):
    image = to_uint8(val.images[index : index + 1])[0, 0]
    (number,) = classifier.predict_numbers([picture_from_image(scanned(image))])
    assert number.text != ONCE_CUT[index]
    assert len(number.digits) == 1
    assert number.value == int(val.labels[index])


def test_the_model_sees_the_mnist_picture_itself(classifier, val):
    image = to_uint8(val.images[:1])[0, 0]
    (number,) = classifier.predict_numbers([picture_from_image(scanned(image))])
    seen = number.digits[0].image28.astype(int)
    assert np.abs(seen - image.astype(int)).max() <= 1  # the same pixels, but for rounding


def flat_zero(side: int, shift: int = 0) -> np.ndarray:
    """A wide, flat ring (dark on light), its middle ``shift`` px right of the centre."""
    rows, cols = np.indices((side, side))
    r = np.hypot(
        (cols - (side - 1) / 2 - shift) / (0.36 * side), (rows - (side - 1) / 2) / (0.18 * side)
    )
    return np.where(np.abs(r - 1) < 0.25, 0, 255).astype(np.uint8)


def test_only_a_centred_28x28_picture_counts_as_mnists_format():
    for image, expected in (
        (flat_zero(28), True),
        (flat_zero(28, shift=4), False),  # not centred by mass: drawn some other way
        (flat_zero(56), False),  # another size: a number, maybe
    ):
        ink = ink_map(image.astype(np.float32) / 255)
        assert mnist_format(ink) is expected


def test_a_flat_mnist_picture_is_one_candidate_and_a_large_one_may_be_two():
    assert len(segment(picture_from_image(flat_zero(28))).candidates) == 1
    assert len(segment(picture_from_image(flat_zero(280))).candidates) > 1


def speck(side: int, height: int = 2, width: int = 3) -> np.ndarray:
    """A ``side`` px square of white paper with a dark ``height`` x ``width`` blob mid-way."""
    image = np.full((side, side), 255, np.uint8)
    image[side // 2 : side // 2 + height, side // 2 : side // 2 + width] = 0
    return image


@pytest.mark.parametrize("side", [28, 64, 100, 1000])
def test_a_speck_of_ink_is_too_small_to_read(classifier, side):
    """A 3x2-pixel blob read "? (looks crossed out or overdrawn)" (or a scribble, or a 1)."""
    (number,) = classifier.predict_numbers([picture_from_image(speck(side))])
    assert number.value is None and number.digits
    assert {d.doubt for d in number.digits} == {REASONS["small"]}


def test_mnist_pictures_and_small_digits_are_not_too_small(classifier, val):
    """The size check leaves digits alone: MNIST's 28x28 pictures, a digit shrunk to about 7 px
    high on a small picture, and a digit 60 px high in a photo shrunk before its blobs are found."""
    images = to_uint8(val.images[:100])[:, 0]
    pictures = [picture_from_image(scanned(image)) for image in images]
    for image in images[:20]:
        small = np.full((40, 40), 255, np.uint8)
        small[10:20, 12:22] = scanned(np.asarray(Image.fromarray(image).resize((10, 10))))
        pictures.append(picture_from_image(small))
    for image in images[:3]:
        photo = np.full((2000, 2000), 255, np.uint8)
        photo[900:984, 900:984] = scanned(np.asarray(Image.fromarray(image).resize((84, 84))))
        pictures.append(picture_from_image(photo))
    numbers = classifier.predict_numbers(pictures)
    doubts = [d.doubt for number in numbers for d in number.digits]
    assert len(numbers) == 123 and REASONS["small"] not in doubts
