"""The digit gate: one small network that says whether a model input is a digit at all.

It is shared by every model (the zoo's classifiers, the adders' digit readers, the user's own
models): it reads the same 28x28 input they read and answers one of ``GATE_KINDS``, so no
classifier has to be retrained to say "that is not a digit". Trained by
``mnist_desk.training.gate`` on MNIST and drawn-style digits against the project's own
procedural non-digits (``mnist_desk.data.negatives``).
"""

from __future__ import annotations

from torch import nn

# What the gate tells apart: a digit, and the kinds of non-digit it can name (the reason shown).
GATE_KINDS = ("digit", "letter", "symbol", "scribble", "crossed-out")


class DigitGate(nn.Module):
    """conv-BN-ReLU 1->w k5, pool; w->2w, pool; 2w->4w, pool; global mean -> len(GATE_KINDS)."""

    def __init__(self, width: int = 16, kinds: int = len(GATE_KINDS)):
        super().__init__()
        w = width

        def block(c_in: int, c_out: int, kernel: int) -> list[nn.Module]:
            return [
                nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(inplace=True),
            ]

        self.features = nn.Sequential(
            *block(1, w, 5),
            nn.MaxPool2d(2),  # 28 -> 14
            *block(w, 2 * w, 3),
            nn.MaxPool2d(2),  # 14 -> 7
            *block(2 * w, 4 * w, 3),
            nn.MaxPool2d(2),  # 7 -> 3
            nn.Flatten(),
        )
        self.head = nn.Linear(4 * w * 9, kinds)

    def forward(self, x):
        return self.head(self.features(x))
