"""The model zoo: a registry from (task, arch) to a builder, and parameter counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torch import nn

from mnist_desk.models.adders import ScratchAdder, TransferAdder
from mnist_desk.models.cnn import ReferenceCNN
from mnist_desk.models.convnet import ConvNet
from mnist_desk.models.deit import DeiT
from mnist_desk.models.lenet import LeNet5
from mnist_desk.models.mlp import MLP
from mnist_desk.models.quick import QuickNet
from mnist_desk.models.resnet import SmallResNet
from mnist_desk.models.vit import ViT

CLASSIFIER = "classifier"
TRANSFER = "transfer"
SCRATCH = "scratch"
TASKS = (CLASSIFIER, TRANSFER, SCRATCH)
TASK_TITLES = {
    CLASSIFIER: "Single-digit classifier",
    TRANSFER: "Transfer adder",
    SCRATCH: "Scratch adder",
}


@dataclass(frozen=True)
class Arch:
    name: str
    title: str
    builder: Callable[..., nn.Module]


CLASSIFIERS: dict[str, Arch] = {
    a.name: a
    for a in (
        Arch("convnet", "ConvNet (BN, default)", ConvNet),
        Arch("quick", "QuickNet (99% in seconds)", QuickNet),
        Arch("cnn", "Reference CNN", ReferenceCNN),
        Arch("lenet5", "LeNet-5", LeNet5),
        Arch("resnet", "Small ResNet", SmallResNet),
        Arch("vit", "Small ViT", ViT),
        Arch("deit", "DeiT (ViT + distillation token)", DeiT),
        Arch("vit-distill", "ViT, soft-distilled", ViT),
        Arch("mlp", "MLP", MLP),
    )
}
SCRATCH_ARCHS = ("convnet",)  # the trunk family the scratch adder shares between both images
DEFAULT_CLASSIFIER = "convnet"
# Architectures trained from a teacher, and how: "hard" (DeiT's distillation token learns the
# teacher's argmax) or "soft" (KL divergence to the teacher's softened outputs).
DISTILLATION = {"deit": "hard", "vit-distill": "soft"}


class UnknownModelError(ValueError):
    pass


def archs_for(task: str) -> tuple[str, ...]:
    if task in (CLASSIFIER, TRANSFER):
        return tuple(CLASSIFIERS)
    if task == SCRATCH:
        return SCRATCH_ARCHS
    raise UnknownModelError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")


def build_model(task: str, arch: str, **kwargs: Any) -> nn.Module:
    """Build an untrained model. For the transfer adder, ``arch`` names its classifier."""
    if arch not in archs_for(task):
        raise UnknownModelError(
            f"unknown architecture {arch!r} for task {task!r}; choose one of {', '.join(archs_for(task))}"
        )
    if task == CLASSIFIER:
        return CLASSIFIERS[arch].builder(**kwargs)
    if task == TRANSFER:
        return TransferAdder(CLASSIFIERS[arch].builder(**kwargs))
    return ScratchAdder(**kwargs)


def count_parameters(model: nn.Module) -> int:
    """Trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def is_adder(task: str) -> bool:
    return task in (TRANSFER, SCRATCH)


__all__ = [
    "CLASSIFIER",
    "CLASSIFIERS",
    "DEFAULT_CLASSIFIER",
    "DISTILLATION",
    "SCRATCH",
    "TASKS",
    "TASK_TITLES",
    "TRANSFER",
    "ScratchAdder",
    "TransferAdder",
    "UnknownModelError",
    "archs_for",
    "build_model",
    "count_parameters",
    "is_adder",
]
