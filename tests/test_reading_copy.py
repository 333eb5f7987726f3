"""The reading copy of a model (models.reading) reads what the model reads, and leaves it as it is."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from mnist_desk.models import CLASSIFIER, archs_for, build_model
from mnist_desk.models.gate import DigitGate
from mnist_desk.models.reading import reading_copy


def trained_looking(model: nn.Module) -> nn.Module:
    """Batch norms with statistics and affine terms of their own, as after training (a fresh
    one's identity would hide a fold that got them wrong)."""
    generator = torch.Generator().manual_seed(0)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            c = module.num_features
            module.running_mean.copy_(torch.randn(c, generator=generator) * 0.3)
            module.running_var.copy_(torch.rand(c, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(c, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(c, generator=generator) * 0.2)
    return model.eval()


@pytest.mark.parametrize("arch", archs_for(CLASSIFIER))
def test_every_classifier_reads_the_same_through_its_reading_copy(arch):
    model = trained_looking(build_model(CLASSIFIER, arch))
    x = torch.randn(8, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        expected = model(x)
        read = reading_copy(model)(x)
    torch.testing.assert_close(read, expected, rtol=1e-4, atol=1e-4)


def test_the_gates_batch_norms_are_folded_and_it_reads_in_channels_last():
    gate = trained_looking(DigitGate())
    before = {k: v.clone() for k, v in gate.state_dict().items()}
    reader = reading_copy(gate)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in reader.modules())
    assert sum(isinstance(m, nn.BatchNorm2d) for m in gate.modules()) == 3  # the gate's own
    conv = next(m for m in reader.modules() if isinstance(m, nn.Conv2d))
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    x = torch.randn(5, 1, 28, 28, generator=torch.Generator().manual_seed(2))
    with torch.inference_mode():
        torch.testing.assert_close(reader.judge(x)[0], gate.judge(x)[0], rtol=1e-5, atol=1e-5)
    assert all(torch.equal(v, before[k]) for k, v in gate.state_dict().items())
    assert gate.training is False and next(gate.parameters()).is_contiguous()


def test_a_batch_norm_in_training_mode_statistics_is_not_folded():
    # Without running statistics a batch norm normalises by each batch: not a fixed scale.
    block = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4, track_running_stats=False))
    assert isinstance(reading_copy(block)[1], nn.BatchNorm2d)
