import numpy as np
import pytest
from PIL import Image

from mnist_desk.imaging.drawn import to_grey
from mnist_desk.imaging.pictures import preprocess
from tests.support import mnist_test_digits


def _off_centre_inverted_oversized(
    digit28: np.ndarray, size=(300, 480), at=(20, 240), zoom=8
) -> np.ndarray:
    """A dark-on-light photo-like image: the digit 8x larger, far from the centre."""
    big = np.asarray(Image.fromarray(digit28).resize((28 * zoom, 28 * zoom), Image.BILINEAR))
    canvas = np.zeros(size, dtype=np.uint8)
    canvas[at[0] : at[0] + big.shape[0], at[1] : at[1] + big.shape[1]] = big
    return 255 - canvas


def test_an_off_centre_oversized_inverted_digit_comes_out_like_mnist():
    digits, labels = mnist_test_digits(20)
    for digit in digits:
        out = preprocess(_off_centre_inverted_oversized(digit))
        assert not out.blank and out.image28.shape == (28, 28)
        field = out.image28.astype(float)
        rows, cols = np.nonzero(field > 30)
        assert max(rows.max() - rows.min(), cols.max() - cols.min()) + 1 in (
            19,
            20,
            21,
        )  # longer side ~20 px
        ys, xs = np.indices(field.shape)
        cy, cx = (ys * field).sum() / field.sum(), (xs * field).sum() / field.sum()
        assert abs(cy - 14) <= 0.5 and abs(cx - 14) <= 0.5  # centre of mass where MNIST has it
        assert field[0].max() == 0 and field[:, 0].max() == 0  # white ink on a black field
        # and it looks like the original MNIST digit (which was made the same way)
        assert np.corrcoef(field.ravel(), digit.astype(float).ravel())[0, 1] > 0.8


def test_prediction_survives_polarity_size_and_position(tmp_path):
    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.recognition.predictor import Predictor

    predictor = Predictor.from_model("classifier-convnet")
    digits, labels = mnist_test_digits(50)
    photos = [picture_from_image(_off_centre_inverted_oversized(d)) for d in digits]
    predicted = [r.digit for r in predictor.predict_digits(photos)]
    direct = [r.digit for r in predictor.predict_digits([picture_from_image(d) for d in digits])]
    assert np.mean(np.array(predicted) == labels) >= 0.96
    assert np.mean(np.array(predicted) == np.array(direct)) >= 0.96


@pytest.mark.parametrize("background", [0, 255, 128])
def test_a_blank_image_is_blank_not_a_guess(background):
    assert preprocess(np.full((200, 200), background, dtype=np.uint8)).blank


def test_faint_noise_is_blank():
    rng = np.random.default_rng(0)
    noisy = (250 - rng.integers(0, 12, size=(100, 100))).astype(np.uint8)
    assert preprocess(noisy).blank


def test_colour_and_transparent_images_are_read():
    digit = mnist_test_digits(1)[0][0]
    rgb = np.stack([255 - digit] * 3, axis=-1)  # black ink on white, RGB
    rgba = np.zeros((28, 28, 4), dtype=np.uint8)
    rgba[..., 3] = digit  # black strokes on a transparent background
    for image in (rgb, rgba):
        out = preprocess(image)
        assert not out.blank and np.corrcoef(out.image28.ravel(), digit.ravel())[0, 1] > 0.8


def test_bad_shapes_are_a_clear_error():
    with pytest.raises(ValueError, match="expected an image"):
        to_grey(np.zeros((2, 2, 2, 2)))
