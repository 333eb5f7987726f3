import numpy as np
import pytest

from mnist_desk.errors import ImageError
from mnist_desk.imaging.drawn import Blank, picture_from_image
from mnist_desk.imaging.image_files import load_image
from mnist_desk.recognition.long_addition import sum_distribution
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.recognition.self_test import sample_digits


@pytest.fixture(scope="module")
def samples():
    return {label: picture_from_image(load_image(path)) for label, path in sample_digits()}


def test_sum_distribution_is_the_convolution():
    a, b = np.zeros(10), np.zeros(10)
    a[3], b[5] = 0.75, 1.0
    a[4] = 0.25
    dist = sum_distribution(a, b)
    assert len(dist) == 19 and dist[8] == 0.75 and dist[9] == 0.25


def test_classifier_reads_digits_and_adds_them(samples):
    predictor = Predictor.from_model("classifier-convnet")
    result = predictor.predict_sum(samples[3], samples[5])
    assert [d.digit for d in result.digits] == [3, 5]
    assert result.total == 8 and result.source == "digits"
    assert sum(result.probabilities) == pytest.approx(1, abs=1e-5)
    assert result.confidence > 0.9


@pytest.mark.parametrize("name", ["transfer-convnet", "scratch-convnet"])
def test_adders_predict_the_sum_from_both_images(samples, name):
    predictor = Predictor.from_model(name)
    result = predictor.predict_sum(samples[7], samples[9])
    assert result.source == "adder" and result.total == 16 and len(result.probabilities) == 19
    assert [d.digit for d in result.digits] == [7, 9]  # the digits still come from a classifier


@pytest.mark.parametrize("blank", [Blank(), picture_from_image(np.full((280, 280), 255, np.uint8))])
def test_a_blank_drawing_or_picture_gives_no_digit_and_no_sum(samples, blank):
    predictor = Predictor.from_model("classifier-convnet")
    result = predictor.predict_sum(samples[2], blank)
    assert result.digits[1].blank and result.digits[1].probabilities is None
    assert result.total is None and result.digits[0].digit == 2


def test_unreadable_images_are_clear_errors(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    with pytest.raises(ImageError, match="not an image"):
        load_image(bad)
    with pytest.raises(ImageError, match="no such image"):
        load_image(tmp_path / "absent.png")


@pytest.mark.parametrize("name", ["transfer-convnet", "scratch-convnet"])
def test_the_adders_sum_is_the_models_own_forward_on_the_pair(samples, name):
    """The transfer adder's sum reuses the digit logits; it must equal a plain forward pass
    (with the sum temperature the checkpoint was calibrated with)."""
    import torch

    from mnist_desk.imaging.pictures import preprocess

    predictor = Predictor.from_model(name)
    result = predictor.predict_sum(samples[7], samples[9])
    pair = torch.stack([preprocess(samples[i].grey).tensor for i in (7, 9)])[None]
    with torch.no_grad():
        expected = (predictor.model(pair) / predictor.sum_temperature).softmax(1)[0].numpy()
    np.testing.assert_allclose(result.probabilities, expected, atol=1e-5)
    assert result.total == int(expected.argmax())
