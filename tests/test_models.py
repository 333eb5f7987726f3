import pytest
import torch

from mnist_desk.models import (
    CLASSIFIER,
    CLASSIFIERS,
    SCRATCH,
    TRANSFER,
    UnknownModelError,
    archs_for,
    build_model,
    count_parameters,
)
from mnist_desk.models.adders import TransferAdder
from mnist_desk.recognition.long_addition import sum_distribution


@pytest.mark.parametrize("arch", list(CLASSIFIERS))
def test_classifier_output_shape_and_parameters(arch):
    model = build_model(CLASSIFIER, arch).eval()
    assert model(torch.randn(3, 1, 28, 28)).shape == (3, 10)
    assert 10_000 < count_parameters(model) < 2_000_000


@pytest.mark.parametrize("task", [TRANSFER, SCRATCH])
def test_adders_map_pairs_to_19_sums(task):
    model = build_model(task, archs_for(task)[0]).eval()
    assert model(torch.randn(4, 2, 1, 28, 28)).shape == (4, 19)
    assert count_parameters(model) > 0


def test_reference_cnn_is_layer_for_layer_the_seed():
    model = build_model(CLASSIFIER, "cnn")
    shapes = [tuple(p.shape) for p in model.parameters()]
    assert shapes == [
        (10, 1, 5, 5),
        (10,),
        (20, 10, 3, 3),
        (20,),
        (500, 2000),
        (500,),
        (10, 500),
        (10,),
    ]


def test_transfer_head_starts_as_the_exact_sum_distribution():
    torch.manual_seed(0)
    model = TransferAdder(build_model(CLASSIFIER, "mlp")).eval()
    pairs = torch.randn(6, 2, 1, 28, 28)
    with torch.no_grad():
        sum_probs = model(pairs).softmax(1).numpy()
        digit_probs = model.digit_logits(pairs).softmax(-1).numpy().astype("float64")
    for k in range(6):
        expected = sum_distribution(digit_probs[k, 0], digit_probs[k, 1])
        assert sum_probs[k] == pytest.approx(expected, abs=1e-5)
    # one-hot digits give their exact sum
    eye = torch.eye(10).log().clamp(min=-1e4)
    for a in range(10):
        for b in range(10):
            assert model.head(torch.cat([eye[a], eye[b]])[None]).argmax().item() == a + b


def test_scratch_adder_shares_one_trunk_for_both_images():
    model = build_model(SCRATCH, "convnet")
    trunks = [m for m in model.modules() if type(m).__name__ == "ConvTrunk"]
    assert len(trunks) == 1


def test_unknown_architecture_is_a_clear_error():
    with pytest.raises(UnknownModelError, match="unknown architecture 'nope'"):
        build_model(CLASSIFIER, "nope")
    with pytest.raises(UnknownModelError, match="unknown task"):
        archs_for("subtract")
