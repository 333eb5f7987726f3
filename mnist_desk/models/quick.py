"""QuickNet: the smallest network that still reaches 99% test accuracy in one pass over MNIST.

Two plain convolutions, each pooled before its ReLU (the ReLU then runs on a quarter of the
values), and one hidden fully connected layer; no batch norm, so a step is a handful of oneDNN
kernels. Its layer sizes are those of the fastest public MNIST recipe (tuomaso/train_mnist_fast),
whose training it is compared with in benchmark row 1.
"""

import torch
from torch import nn

from mnist_desk.models.adders import DigitSumAdder
from mnist_desk.models.pooling import MaxPool2d


class QuickNet(nn.Module):
    """conv 1->c1 k5, maxpool 2, ReLU; conv c1->c2 k3, maxpool 2, ReLU; fc c2*25 -> hidden -> 10."""

    def __init__(self, c1: int = 24, c2: int = 32, hidden: int = 256):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, 5),  # 28 -> 24
            MaxPool2d(2),  # 24 -> 12
            nn.ReLU(inplace=True),
            nn.Conv2d(c1, c2, 3),  # 12 -> 10
            MaxPool2d(2),  # 10 -> 5
            nn.ReLU(inplace=True),
            nn.Flatten(),
        )
        self.classifier = nn.Sequential(
            nn.Linear(c2 * 25, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, 10)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class QuickDigitSumAdder(DigitSumAdder):
    """Digits learned from sums (``DigitSumAdder``), each image read by a QuickNet instead of
    the ConvNet: about a sixth of the multiply-adds per image, so "Compare adders" gets a
    scratch adder past 97% sum accuracy within its minute on two cores."""

    def __init__(self, c1: int = 24, c2: int = 32, hidden: int = 256):
        super().__init__()
        self.classifier = QuickNet(c1, c2, hidden)
