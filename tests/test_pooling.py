"""The zoo's max pooling reads faster on the CPU and gives exactly what nn.MaxPool2d gives."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from mnist_desk.models import CLASSIFIER, archs_for, build_model, pooling
from mnist_desk.models.gate import DigitGate
from mnist_desk.models.pooling import MaxPool2d, pooled_2x2


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
@pytest.mark.parametrize("layout", [torch.contiguous_format, torch.channels_last])
def test_every_model_reads_exactly_as_with_torchs_pooling(arch, layout):
    torch.manual_seed(0)
    model = (DigitGate() if arch == "digit gate" else build_model(CLASSIFIER, arch)).eval()
    model = model.to(memory_format=layout)  # channels-last: as a reading copy reads
    x = torch.randn(8, 1, 28, 28)
    with torch.inference_mode():
        assert torch.equal(model(x), with_torchs_pooling(model)(x))


@pytest.mark.parametrize(
    "shape", [(8, 32, 28, 28), (8, 128, 7, 7), (3, 5, 9, 6), (1, 1, 2, 2), (2, 3, 3, 4)]
)
def test_strided_pooling_is_torchs(shape):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(shape, generator=g)
    x[torch.rand(shape, generator=g) < 0.2] = 0.0  # ties, as after a ReLU
    x[torch.rand(shape, generator=g) < 0.05] = float("nan")
    for layout in (torch.contiguous_format, torch.channels_last):
        y = x.contiguous(memory_format=layout)
        expected = nn.functional.max_pool2d(y, 2)
        torch.testing.assert_close(pooled_2x2(y), expected, rtol=0, atol=0, equal_nan=True)


def test_a_large_channels_last_batch_pools_by_views_and_keeps_its_layout(monkeypatch):
    calls = []
    monkeypatch.setattr(pooling, "pooled_2x2", lambda x: calls.append(x.shape) or pooled_2x2(x))
    x = torch.randn(4, 32, 28, 28).contiguous(memory_format=torch.channels_last)
    small = x[:1, :4, :14, :14].contiguous(memory_format=torch.channels_last)
    with torch.inference_mode():
        pooled = MaxPool2d(2)(x)
        MaxPool2d(2)(small)  # 196 windows: torch's kernel
        other = MaxPool2d(2, ceil_mode=True)(x[:, :, :27, :27])  # not plain 2x2: torch's kernel
    assert calls == [x.shape]
    assert torch.equal(pooled, nn.functional.max_pool2d(x, 2))
    assert pooled.is_contiguous(memory_format=torch.channels_last)
    assert torch.equal(other, nn.functional.max_pool2d(x[:, :, :27, :27], 2, ceil_mode=True))
