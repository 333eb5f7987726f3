"""What is inspected: the network that reads one 28x28 input, whatever the model in use.

A classifier is inspected as it is. An adder is inspected through its digit-reading trunk
(issue 24): the transfer adder's classifier and the digits-from-sums adders' own ConvNet or
QuickNet answer a digit; the joint scratch adder's trunk answers nothing on its own, so it is
inspected inside the whole adder, the other canvas's digit held fixed, and it answers the sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from mnist_desk.imaging.field import MEAN, STD
from mnist_desk.models import CLASSIFIER, ScratchAdder
from mnist_desk.models.mlp import MLP
from mnist_desk.models.vit import ViT

CONV, VIT, MLP_KIND = "conv", "vit", "mlp"


class _WithOtherDigit(nn.Module):
    """A joint scratch adder as a function of one image: the pair (this, other) -> 19 sums."""

    def __init__(self, adder: ScratchAdder, other: torch.Tensor, position: int):
        super().__init__()
        self.adder, self.position = adder, position
        self.register_buffer("other", other.reshape(1, 1, 28, 28), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        other = self.other.expand(len(x), -1, -1, -1)
        pair = (x, other) if self.position == 0 else (other, x)
        return self.adder(torch.stack(pair, 1))


@dataclass
class Subject:
    """``network`` maps a batch of normalised (B, 1, 28, 28) inputs to logits over ``classes``;
    ``reader`` is the module whose layers are shown (the network itself, or the trunk in it)."""

    network: nn.Module | None  # None: the reader answers nothing alone (the other digit is blank)
    reader: nn.Module
    kind: str  # CONV, VIT or MLP_KIND
    answers: str  # "digit" or "sum"
    batch_index: int = 0  # this input's place in the batch the reader sees (a pair: 0 or 1)

    @property
    def classes(self) -> int:
        return 19 if self.answers == "sum" else 10

    @property
    def distillation_token(self) -> bool:
        return self.kind == VIT and hasattr(self.reader, "dist_token")

    def logits(self, ink: torch.Tensor) -> torch.Tensor:
        """Logits for ink images (B, 1, 28, 28), 0..1 white on black (normalised here)."""
        assert self.network is not None
        return self.network(normalise(ink)).float()


def normalise(ink: torch.Tensor) -> torch.Tensor:
    return (ink - MEAN) / STD


def kind_of(module: nn.Module) -> str:
    if isinstance(module, ViT):
        return VIT
    if isinstance(module, MLP):
        return MLP_KIND
    return CONV


def subject_for(
    model: nn.Module, task: str, other_ink: torch.Tensor | None = None, position: int = 0
) -> Subject:
    """The subject for ``model`` (eval mode) of ``task``. A joint scratch adder needs the other
    canvas's ink (1, 28, 28) to answer; ``position`` is this canvas's place in the pair."""
    if task == CLASSIFIER:
        return Subject(model, model, kind_of(model), "digit")
    if isinstance(model, ScratchAdder):
        network = (
            None if other_ink is None else _WithOtherDigit(model, normalise(other_ink), position)
        )
        return Subject(network, model.trunk, CONV, "sum", position)
    classifier = model.classifier  # transfer and digits-from-sums adders read digits themselves
    return Subject(classifier, classifier, kind_of(classifier), "digit")
