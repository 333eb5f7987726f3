"""The reference CNN this project started from, kept layer for layer so results compare."""

from torch import nn

from mnist_desk.models.pooling import MaxPool2d


class ReferenceCNN(nn.Module):
    """conv 1->10 k5, ReLU, maxpool 2, conv 10->20 k3, ReLU, flatten 2000, fc 500, fc 10."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 10, 5),  # 28 -> 24
            nn.ReLU(inplace=True),
            MaxPool2d(2),  # 24 -> 12
            nn.Conv2d(10, 20, 3),  # 12 -> 10
            nn.ReLU(inplace=True),
            nn.Flatten(),  # 20 * 10 * 10 = 2000
            nn.Linear(2000, 500),
            nn.ReLU(inplace=True),
            nn.Linear(500, 10),
        )

    def forward(self, x):
        return self.net(x)
