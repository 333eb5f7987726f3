"""What each field of the Train tab's form is for: its tooltips, in the user's language (worded
in the ``TrainingForm`` context, where the translations file has them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from mnist_desk.training.settings import DRAWN_TEMPLATES

translate = QCoreApplication.translate
Tips = dict[QWidget, Callable[[], str]]


def choice_tips(form) -> Tips:
    """The tips of the form's choices: preset, task, architecture, starts, device."""
    return {
        form.preset_box: lambda: translate(
            "TrainingForm",
            "Quick: a small network, one pass and a bit over the training images, about "
            "99% test accuracy in seconds.\nStandard: the default ConvNet with augmentation "
            "over several epochs, as the shipped weights were trained (minutes).\nBest: a "
            "wider small network trained for drawn digits too: 99.5% test accuracy and "
            "drawn digits read as well as by the shipped model.",
        ),
        form.task_box: lambda: translate(
            "TrainingForm",
            "Classifier: reads one digit (0-9).\n"
            "Transfer adder: a trained classifier reads both digits, a small head adds them.\n"
            "Scratch adder: one network learns the sum (0-18) from the two images directly.",
        ),
        form.arch_box: lambda: translate("TrainingForm", "The network architecture"),
        form.init_box: lambda: translate(
            "TrainingForm",
            "The trained classifier the transfer adder starts from (shipped or yours); "
            "the architecture follows it",
        ),
        form.teacher_box: lambda: translate(
            "TrainingForm",
            "The trained classifier this transformer learns from (distillation): "
            "DeiT copies its answers, ViT-distill its softened probabilities",
        ),
        form.device_box: lambda: translate("TrainingForm", "Where to train: the CPU or a CUDA GPU"),
    }


def number_tips(form) -> Tips:
    """The tips of the form's numbers and switches: epochs, steps, batch, rates, seed, subset."""
    return {
        form.epochs_spin: lambda: translate(
            "TrainingForm", "Passes over the training set (or over the pairs drawn each epoch)"
        ),
        form.steps_spin: lambda: translate(
            "TrainingForm", "A fixed number of steps instead of epochs (0: use epochs)"
        ),
        form.batch_spin: lambda: translate(
            "TrainingForm", "Examples per step; smaller uses less memory"
        ),
        form.lr_spin: lambda: translate(
            "TrainingForm",
            "Learning rate (peak rate with the one-cycle schedule); arrows halve or double it",
        ),
        form.wd_spin: lambda: translate(
            "TrainingForm", "Weight decay: a pull of every weight towards zero"
        ),
        form.optimizer_box: lambda: translate(
            "TrainingForm", "AdamW is a good default; SGD uses Nesterov momentum 0.9"
        ),
        form.schedule_box: lambda: translate(
            "TrainingForm", "How the learning rate changes over the run"
        ),
        form.augment_check: lambda: translate(
            "TrainingForm", "Augmentation: harder training, better on drawn digits"
        ),
        form.drawn_check: lambda: translate(
            "TrainingForm",
            "The drawn-digit recipe of the shipped models: slant, wobble, thickness and "
            "doubled strokes, plus {count} digits drawn from templates in handwritten, "
            "printed and bold styles",
        ).format(count=f"{DRAWN_TEMPLATES:,}"),
        form.seed_spin: lambda: translate(
            "TrainingForm", "Fixes initial weights and data order, so runs can be compared"
        ),
        form.subset_spin: lambda: translate(
            "TrainingForm", "Train on the first N training images only, for quick experiments"
        ),
    }
