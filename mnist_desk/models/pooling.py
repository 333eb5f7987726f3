"""The zoo's max pooling: ``nn.MaxPool2d``, faster when a model reads on the CPU.

PyTorch's CPU max_pool2d is about ten times slower on the usual (N, C, H, W) memory layout than
on channels-last (pytorch/pytorch#51393): for the default classifier and the digit gate reading
the 8 candidate digits of two 3-digit numbers, pooling took as long as the convolutions. A
maximum is exact, so pooling in channels-last and handing back the usual layout gives the same
output bit for bit. Only where no gradient is taken (reading, evaluation): training, gradients
(explanations) and tracing (export) pool as PyTorch does.
"""

from __future__ import annotations

import torch
from torch import nn


class MaxPool2d(nn.MaxPool2d):
    """``nn.MaxPool2d`` (same arguments, no weights), pooled in channels-last on the CPU when
    no gradient is taken."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if (
            x.device.type != "cpu"
            or x.dim() != 4
            or torch.is_grad_enabled()
            or torch.jit.is_tracing()
            or torch.jit.is_scripting()
            or torch.compiler.is_compiling()
            or x.is_contiguous(memory_format=torch.channels_last)  # already fast, and stays so
        ):
            return super().forward(x)
        pooled = super().forward(x.contiguous(memory_format=torch.channels_last))
        return pooled.contiguous()  # the next layer gets the layout it always got
