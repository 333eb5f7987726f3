"""Two ways to learn the sum of two digits, each mapping a pair of images to 19 logits (sums 0..18).

Inputs are pairs shaped (B, 2, 1, 28, 28).
"""

import torch
from torch import nn

from mnist_desk.models.convnet import ConvTrunk


def exact_sum_head_init(linear: nn.Linear, sharpness: float = 4.0) -> None:
    """Set ``linear`` (20 -> 19) so that two one-hot digit vectors i, j give argmax at i + j.

    With centred values s' = s - 9, i' = i - 4.5, j' = j - 4.5:
    logit_s = -k (s' - i' - j')^2 = k (2 s' i' + 2 s' j' - s'^2) - k (i' + j')^2, and the last
    term is the same for every s, so it drops out of the softmax: what is left is linear in the
    two probability vectors. ``sharpness`` k is the logit gap to a neighbouring sum.
    """
    s = torch.arange(19, dtype=torch.float32)[:, None] - 9
    d = torch.arange(10, dtype=torch.float32)[None, :] - 4.5
    with torch.no_grad():
        linear.weight.copy_(sharpness * torch.cat([2 * s * d, 2 * s * d], 1))
        linear.bias.copy_(-sharpness * s.squeeze(1) ** 2)


class TransferAdder(nn.Module):
    """A trained classifier's 10 probabilities per image; the 20 concatenated -> small head -> 19."""

    def __init__(self, classifier: nn.Module):
        super().__init__()
        self.classifier = classifier
        self.head = nn.Sequential(nn.Linear(20, 19), nn.Linear(19, 19))
        exact_sum_head_init(self.head[0])
        with torch.no_grad():  # the second layer starts as the identity, so the exact init holds
            self.head[1].weight.copy_(torch.eye(19))
            self.head[1].bias.zero_()

    def digit_logits(self, pair: torch.Tensor) -> torch.Tensor:
        """Classifier logits for both images: (B, 2, 10)."""
        b = pair.shape[0]
        return self.classifier(pair.flatten(0, 1)).view(b, 2, 10)

    def forward(self, pair):
        probs = self.digit_logits(pair).softmax(-1)
        return self.head(probs.flatten(1))


class ScratchAdder(nn.Module):
    """One conv trunk shared by both images; the two feature vectors -> MLP -> 19. No digit labels."""

    def __init__(self, width: int = 32, hidden: int = 256, dropout: float = 0.1):
        super().__init__()
        self.trunk = ConvTrunk(width)
        f = self.trunk.out_features
        self.head = nn.Sequential(
            nn.Linear(2 * f, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(inplace=True),
            nn.Linear(hidden, 19),
        )

    def forward(self, pair):
        b = pair.shape[0]
        features = self.trunk(pair.flatten(0, 1)).view(b, -1)
        return self.head(features)
