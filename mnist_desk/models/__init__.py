"""The model zoo: a registry from (task, arch) to a builder, and parameter counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from torch import nn

from mnist_desk.errors import Phrase, UserError, Words
from mnist_desk.models.adders import DigitSumAdder, ScratchAdder, TransferAdder
from mnist_desk.models.cnn import ReferenceCNN
from mnist_desk.models.convnet import ConvNet
from mnist_desk.models.deit import DeiT
from mnist_desk.models.lenet import LeNet5
from mnist_desk.models.mlp import MLP
from mnist_desk.models.quick import QuickDigitSumAdder, QuickNet
from mnist_desk.models.resnet import SmallResNet
from mnist_desk.models.vit import ViT


def QT_TRANSLATE_NOOP(context: str, title: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a title for the views' translation (Qt's lupdate finds it here); returns it as is.
    These titles are the one copy: the model picker and the Train tab translate them."""
    return title


class Title(Words):
    """One of these titles (``TASK_TITLES``, an ``Arch``'s) as words for the user: English as a
    ``str``, worded by the window in context "ModelTitles" (``ui.i18n.text_of``), as a Phrase's."""

    context = "ModelTitles"

    def __new__(cls, title: str) -> Title:
        words = str.__new__(cls, title)
        words.template, words.values = title, {}
        return words

    def __reduce__(self):
        return (Title, (self.template,))


CLASSIFIER = "classifier"
TRANSFER = "transfer"
SCRATCH = "scratch"
TASKS = (CLASSIFIER, TRANSFER, SCRATCH)
TASK_TITLES = {
    CLASSIFIER: QT_TRANSLATE_NOOP("ModelTitles", "Single-digit classifier"),
    TRANSFER: QT_TRANSLATE_NOOP("ModelTitles", "Transfer adder"),
    SCRATCH: QT_TRANSLATE_NOOP("ModelTitles", "Scratch adder"),
}


@dataclass(frozen=True)
class Arch:
    name: str
    title: str
    builder: Callable[..., nn.Module]


CLASSIFIERS: dict[str, Arch] = {
    a.name: a
    for a in (
        Arch("convnet", QT_TRANSLATE_NOOP("ModelTitles", "ConvNet (BN, default)"), ConvNet),
        Arch("quick", QT_TRANSLATE_NOOP("ModelTitles", "QuickNet (small and fast)"), QuickNet),
        Arch("cnn", QT_TRANSLATE_NOOP("ModelTitles", "Reference CNN"), ReferenceCNN),
        Arch("lenet5", QT_TRANSLATE_NOOP("ModelTitles", "LeNet-5"), LeNet5),
        Arch("resnet", QT_TRANSLATE_NOOP("ModelTitles", "Small ResNet"), SmallResNet),
        Arch("vit", QT_TRANSLATE_NOOP("ModelTitles", "Small ViT"), ViT),
        Arch("deit", QT_TRANSLATE_NOOP("ModelTitles", "DeiT (ViT + distillation token)"), DeiT),
        Arch("vit-distill", QT_TRANSLATE_NOOP("ModelTitles", "ViT, soft-distilled"), ViT),
        Arch("mlp", QT_TRANSLATE_NOOP("ModelTitles", "MLP"), MLP),
    )
}
# Scratch adders (trained from random weights on sums alone), each with one trunk for both
# images: "convnet" joins the two feature vectors in an MLP head; "convnet-digits" gives each
# image 10 digit probabilities and adds them exactly, so it learns to read digits.
SCRATCH_ARCHS: dict[str, Arch] = {
    a.name: a
    for a in (
        Arch("convnet", QT_TRANSLATE_NOOP("ModelTitles", "ConvNet trunk + MLP head"), ScratchAdder),
        Arch(
            "convnet-digits",
            QT_TRANSLATE_NOOP("ModelTitles", "ConvNet digits + exact sum"),
            DigitSumAdder,
        ),
        Arch(
            "quick-digits",
            QT_TRANSLATE_NOOP("ModelTitles", "QuickNet digits + exact sum"),
            QuickDigitSumAdder,
        ),
    )
}
DEFAULT_CLASSIFIER = "convnet"
DEFAULT_SCRATCH = "convnet-digits"  # the best on test and drawn sums (docs/recipes.md)
# Architectures trained from a teacher, and how: "hard" (DeiT's distillation token learns the
# teacher's argmax) or "soft" (KL divergence to the teacher's softened outputs).
DISTILLATION = {"deit": "hard", "vit-distill": "soft"}


class UnknownModelError(UserError, ValueError):
    pass


UNKNOWN_TASK = Phrase("unknown task {task}; choose one of {known}")
UNKNOWN_ARCH = Phrase("unknown architecture {arch} for task {task}; choose one of {known}")


def archs_for(task: str) -> tuple[str, ...]:
    if task in (CLASSIFIER, TRANSFER):
        return tuple(CLASSIFIERS)
    if task == SCRATCH:
        return tuple(SCRATCH_ARCHS)
    raise UnknownModelError(UNKNOWN_TASK(task=repr(task), known=TASKS))


def build_model(task: str, arch: str, **kwargs: Any) -> nn.Module:
    """Build an untrained model. For the transfer adder, ``arch`` names its classifier."""
    if arch not in archs_for(task):
        raise UnknownModelError(
            UNKNOWN_ARCH(arch=repr(arch), task=repr(task), known=archs_for(task))
        )
    if task == CLASSIFIER:
        return CLASSIFIERS[arch].builder(**kwargs)
    if task == TRANSFER:
        return TransferAdder(CLASSIFIERS[arch].builder(**kwargs))
    return SCRATCH_ARCHS[arch].builder(**kwargs)


def arch_info(task: str, arch: str) -> Arch | None:
    """The registry entry for ``arch`` under ``task`` (None if unknown)."""
    return (SCRATCH_ARCHS if task == SCRATCH else CLASSIFIERS).get(arch)


def default_arch(task: str) -> str:
    """The architecture each task starts with (the picker's and the training form's default)."""
    return DEFAULT_SCRATCH if task == SCRATCH else DEFAULT_CLASSIFIER


def reads_digits(model: nn.Module) -> bool:
    """Whether a model (classifier or adder) has its own 10 digit outputs per image."""
    return not isinstance(model, ScratchAdder)


def count_parameters(model: nn.Module) -> int:
    """Trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def first_layer_weights(model: nn.Module) -> np.ndarray | None:
    """A float32 copy of the first layer's weights (the first convolution or linear layer a
    model holds, in registration order: a transfer adder's is its classifier's), or None."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d | nn.Linear):
            return module.weight.detach().float().cpu().numpy().copy()
    return None


def is_adder(task: str) -> bool:
    return task in (TRANSFER, SCRATCH)


__all__ = [
    "CLASSIFIER",
    "CLASSIFIERS",
    "DEFAULT_CLASSIFIER",
    "DEFAULT_SCRATCH",
    "SCRATCH_ARCHS",
    "DISTILLATION",
    "SCRATCH",
    "TASKS",
    "TASK_TITLES",
    "TRANSFER",
    "DigitSumAdder",
    "ScratchAdder",
    "TransferAdder",
    "UnknownModelError",
    "arch_info",
    "archs_for",
    "build_model",
    "count_parameters",
    "default_arch",
    "is_adder",
    "reads_digits",
]
