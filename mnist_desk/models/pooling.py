"""The zoo's max pooling: ``nn.MaxPool2d``, faster when a model reads on the CPU.

PyTorch's CPU max_pool2d is about ten times slower on the usual (N, C, H, W) memory layout than
on channels-last (pytorch/pytorch#51393): for the default classifier and the digit gate reading
the 8 candidate digits of two 3-digit numbers, pooling took as long as the convolutions. A
maximum is exact, so pooling in channels-last and handing back the usual layout gives the same
output bit for bit. Only where no gradient is taken (reading, evaluation): training, gradients
(explanations) and tracing (export) pool as PyTorch does.

A large batch of 2x2 windows (``STRIDED_FROM`` or more: the first layers of a few candidate
digits) is pooled as two elementwise maxima of strided views, rows then columns: in
channels-last each row pair is a long contiguous run, and on 1 thread (AMD EPYC, AVX512) this
took (8, 32, 28, 28) from about 90-130 us to 50 us and (8, 16, 28, 28) from 70-90 to 30 us,
while small batches (7x7 maps, one digit) were as fast or faster with PyTorch's kernel. The
values are the same (a maximum is exact, NaN propagates either way); only the sign of a zero
tied with a zero may differ, which no later layer can tell apart from a sum.
"""

from __future__ import annotations

import torch
from torch import nn

STRIDED_FROM = 8192  # 2x2 windows in a batch (N * C * H/2 * W/2) from which views pool faster


def pooled_2x2(x: torch.Tensor) -> torch.Tensor:
    """``F.max_pool2d(x, 2)`` (kernel 2, stride 2, no padding, floor mode) as two elementwise
    maxima of strided views of ``x`` (N, C, H, W); the layout of ``x`` is kept."""
    h, w = x.shape[-2] // 2 * 2, x.shape[-1] // 2 * 2
    rows = torch.maximum(x[..., 0:h:2, :w], x[..., 1:h:2, :w])
    return torch.maximum(rows[..., 0::2], rows[..., 1::2])


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
        ):
            return super().forward(x)
        channels_last = x.is_contiguous(memory_format=torch.channels_last)
        if channels_last and self._plain_2x2() and _windows(x) >= STRIDED_FROM:
            return pooled_2x2(x)
        if channels_last:  # already fast, and stays so
            return super().forward(x)
        pooled = super().forward(x.contiguous(memory_format=torch.channels_last))
        return pooled.contiguous()  # the next layer gets the layout it always got

    def _plain_2x2(self) -> bool:
        return (
            self.kernel_size in (2, (2, 2))
            and self.stride in (2, (2, 2))
            and self.padding in (0, (0, 0))
            and self.dilation in (1, (1, 1))
            and not self.ceil_mode
            and not self.return_indices
        )


def _windows(x: torch.Tensor) -> int:
    n, c, h, w = x.shape
    return n * c * (h // 2) * (w // 2)
