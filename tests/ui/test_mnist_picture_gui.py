"""An MNIST digit dropped on a box, as a student would from a folder of MNIST PNGs, is read as
one digit and shown as the model sees it, however flat (this "0" was once read as "62")."""

from __future__ import annotations

import numpy as np
from PIL import Image

from mnist_desk.data.mnist import load_splits, to_uint8
from tests.support import shared_data_dir
from tests.ui.test_drawing_pad import _drop, shown_digit

FLAT_ZERO = 68  # MNIST validation digit: a wide, flat 0


def test_a_dropped_flat_mnist_zero_is_one_digit_shown_as_it_is(window, tmp_path):
    val = load_splits(shared_data_dir()).val
    assert int(val.labels[FLAT_ZERO]) == 0
    image = to_uint8(val.images[FLAT_ZERO : FLAT_ZERO + 1])[0, 0]
    path = tmp_path / "mnist-0.png"
    Image.fromarray(255 - image).save(path)  # dark ink on light paper, as MNIST PNGs often are

    _drop(window.canvases[0], path)

    panel = window.panels[0]
    assert shown_digit(window, 0) == "0"
    assert not panel.number_view.isVisible()  # one digit, not a number
    seen = panel.result_view.preview.image.astype(int)
    assert np.abs(seen - image.astype(int)).max() <= 1  # the picture itself, not redrawn


def test_a_dropped_speck_of_ink_is_too_small_to_read(window, tmp_path):
    """A picture of a 3x2-pixel blob read "? (looks crossed out or overdrawn)"."""
    image = np.full((64, 64), 255, np.uint8)
    image[30:32, 30:33] = 0
    path = tmp_path / "speck.png"
    Image.fromarray(image).save(path)

    _drop(window.canvases[0], path)

    assert shown_digit(window, 0) == "?"
    label = window.panels[0].result_view.confidence_label.text()
    assert label == "Not a digit: too small to read"
