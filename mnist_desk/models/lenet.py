"""LeNet-5 (LeCun et al. 1998) with the modern ReLU and max pooling in place of tanh and subsampling."""

from torch import nn

from mnist_desk.models.pooling import MaxPool2d


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2),  # C1: 28 -> 28 (the paper pads 28 to 32)
            nn.ReLU(inplace=True),
            MaxPool2d(2),  # S2: 28 -> 14
            nn.Conv2d(6, 16, 5),  # C3: 14 -> 10
            nn.ReLU(inplace=True),
            MaxPool2d(2),  # S4: 10 -> 5
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120),  # C5
            nn.ReLU(inplace=True),
            nn.Linear(120, 84),  # F6
            nn.ReLU(inplace=True),
            nn.Linear(84, 10),
        )

    def forward(self, x):
        return self.classifier(self.features(x))
