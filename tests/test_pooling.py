"""The zoo's max pooling reads faster on the CPU and gives exactly what nn.MaxPool2d gives."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from mnist_desk.models import CLASSIFIER, archs_for, build_model
from mnist_desk.models.gate import DigitGate
from mnist_desk.models.pooling import MaxPool2d


@pytest.mark.parametrize("shape", [(8, 32, 28, 28), (3, 128, 7, 7), (2, 1, 5, 5), (1, 16, 14, 14)])
def test_the_pooling_is_torchs_bit_for_bit(shape):
    x = torch.randn(shape, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        pooled = MaxPool2d(2)(x)
    assert torch.equal(pooled, nn.functional.max_pool2d(x, 2))
    assert pooled.is_contiguous()  # the next layer gets the layout it always got


def test_a_channels_last_input_keeps_its_layout():
    # A model trained in channels-last (the Trainer's) reads in it too: no round trip to NCHW.
    x = torch.randn(4, 16, 12, 12).contiguous(memory_format=torch.channels_last)
    with torch.inference_mode():
        pooled = MaxPool2d(2)(x)
    assert torch.equal(pooled, nn.functional.max_pool2d(x, 2))
    assert pooled.is_contiguous(memory_format=torch.channels_last) and not pooled.is_contiguous()


def test_training_pools_as_torch_does_and_gets_gradients():
    x = torch.randn(2, 4, 6, 6, requires_grad=True)
    MaxPool2d(2)(x).sum().backward()
    assert x.grad is not None and int((x.grad != 0).sum()) == 2 * 4 * 9


def with_torchs_pooling(model: nn.Module) -> nn.Module:
    plain = copy.deepcopy(model)
    for module in plain.modules():
        for name, child in module.named_children():
            if isinstance(child, MaxPool2d):
                setattr(module, name, nn.MaxPool2d(child.kernel_size, child.stride))
    return plain


@pytest.mark.parametrize("arch", [*archs_for(CLASSIFIER), "digit gate"])
def test_every_model_reads_exactly_as_with_torchs_pooling(arch):
    torch.manual_seed(0)
    model = (DigitGate() if arch == "digit gate" else build_model(CLASSIFIER, arch)).eval()
    x = torch.randn(8, 1, 28, 28)
    with torch.inference_mode():
        assert torch.equal(model(x), with_torchs_pooling(model)(x))
