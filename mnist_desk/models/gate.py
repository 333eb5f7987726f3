"""The digit gate: one small network that says whether a model input is a digit at all.

It is shared by every model (the zoo's classifiers, the adders' digit readers, the user's own
models): it reads the same 28x28 input they read and answers which digit it is or which kind of non-digit (``NON_DIGIT_KINDS``), so no
classifier has to be retrained to say "that is not a digit". Trained by
``mnist_desk.training.gate`` on MNIST and drawn-style digits against the project's own
procedural non-digits (``mnist_desk.data.negatives``).
"""

from __future__ import annotations

import torch
from torch import nn

from mnist_desk.models.pooling import MaxPool2d

# The kinds of non-digit the gate can name (the reason shown). Before them come its digit
# outputs: one per digit, so that it has to know each digit's shapes to call a drawing a digit
# (a gate that only knew "digit or not" learnt the non-digits it was shown, not the digits).
NON_DIGIT_KINDS = ("letter", "symbol", "scribble", "crossed-out")


class DigitGate(nn.Module):
    """conv-BN-ReLU 1->w k5, pool; w->2w, pool; 2w->4w, pool -> ``digit_outputs`` digit
    classes (10, or 1 for a plain "digit") then the ``NON_DIGIT_KINDS``."""

    def __init__(self, width: int = 16, digit_outputs: int = 10):
        super().__init__()
        w = width
        self.digit_outputs = digit_outputs

        def block(c_in: int, c_out: int, kernel: int) -> list[nn.Module]:
            return [
                nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(inplace=True),
            ]

        self.features = nn.Sequential(
            *block(1, w, 5),
            MaxPool2d(2),  # 28 -> 14
            *block(w, 2 * w, 3),
            MaxPool2d(2),  # 14 -> 7
            *block(2 * w, 4 * w, 3),
            MaxPool2d(2),  # 7 -> 3
            nn.Flatten(),
        )
        self.head = nn.Linear(4 * w * 9, digit_outputs + len(NON_DIGIT_KINDS))

    def forward(self, x):
        return self.head(self.features(x))

    def judge(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(probability that each input is a digit, index in NON_DIGIT_KINDS of the likeliest
        non-digit kind)."""
        p = self(x).float().softmax(1)
        return p[:, : self.digit_outputs].sum(1), p[:, self.digit_outputs :].argmax(1)
