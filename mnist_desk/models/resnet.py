"""A small residual network: conv 1->20 k5, residual block, conv 20->15 k3, residual block, fc."""

from torch import nn

from mnist_desk.models.pooling import MaxPool2d


class ResidualBlock(nn.Module):
    """Two 3x3 convolutions whose output is added back to the input (He et al. 2016)."""

    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(channels),
        )
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(x + self.body(x))


class SmallResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 20, 5),  # 28 -> 24
            nn.ReLU(inplace=True),
            MaxPool2d(2),  # 24 -> 12
            ResidualBlock(20),
            nn.Conv2d(20, 15, 3),  # 12 -> 10
            nn.ReLU(inplace=True),
            MaxPool2d(2),  # 10 -> 5
            ResidualBlock(15),
            nn.Flatten(),
            nn.Linear(15 * 5 * 5, 10),
        )

    def forward(self, x):
        return self.net(x)
