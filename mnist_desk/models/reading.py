"""A model's reading copy: the same function, laid out to read a few drawings fast.

Live recognition runs every model on a handful of 28x28 inputs per stroke, on the GUI thread,
on one core. There the layout costs as much as the arithmetic:

- each batch norm after a convolution is a pass of its own over the activations, and in
  evaluation it is only a per-channel scale and shift, which can be folded into the
  convolution's weights (``torch.nn.utils.fusion.fuse_conv_bn_eval``);
- oneDNN's convolutions and PyTorch's CPU max pooling run in channels-last, so a model kept in
  the usual (N, C, H, W) layout reorders its activations before and after each of them.

Measured on the 8 candidate digits of two 3-digit numbers (1 thread, AMD EPYC, AVX512): the
default classifier 1.77 -> 1.42 ms, the digit gate 0.81 -> 0.62 ms. The outputs are the same up
to float rounding (logits within 1e-5). The model itself is left as it is: training, the inside
view and explanations need its own layers.
"""

from __future__ import annotations

import copy

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval


def reading_copy(model: nn.Module) -> nn.Module:
    """An evaluation-mode copy of ``model`` with each batch norm that directly follows a
    convolution in an ``nn.Sequential`` folded into it, in channels-last memory format."""
    reader = copy.deepcopy(model).eval()
    for block in reader.modules():
        if isinstance(block, nn.Sequential):
            _fold_batch_norms(block)
    return reader.to(memory_format=torch.channels_last)


def _fold_batch_norms(block: nn.Sequential) -> None:
    for i in range(len(block) - 1):
        conv, norm = block[i], block[i + 1]
        if (
            type(conv) is nn.Conv2d
            and type(norm) is nn.BatchNorm2d
            and norm.track_running_stats
            and norm.running_mean is not None
        ):
            block[i] = fuse_conv_bn_eval(conv, norm)
            block[i + 1] = nn.Identity()
