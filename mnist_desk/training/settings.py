"""What defines a run: ``TrainingSettings``, each task's defaults, and the one step count.

Each field that the command line exposes carries its help text (and choices, and its flag where
the flag is not the field's name) in the dataclass field's metadata, so ``mnist-desk train``'s
options are generated from this class instead of copied by hand (``cli_options``).
"""

from __future__ import annotations

import math
from dataclasses import Field, asdict, dataclass, field, fields
from typing import Any

from mnist_desk.data.mnist import TRAIN_SIZE
from mnist_desk.errors import SettingsError
from mnist_desk.models import (
    CLASSIFIER,
    DISTILLATION,
    SCRATCH,
    TRANSFER,
    UnknownModelError,
    archs_for,
    default_arch,
    is_adder,
)
from mnist_desk.training.ranges import (
    require_at_least_one,
    require_positive,
    require_share,
    require_zero_or_more,
)

OPTIMIZERS = ("adamw", "adam", "sgd")
SCHEDULES = ("onecycle", "cosine", "constant")
DISTILL_MODES = ("none", "hard", "soft")
DRAWN_TEMPLATES = 20_000  # template digits the drawn-digit recipe adds to the 50,000 MNIST ones


def option(default: Any, help: str, *, flag: str | None = None, choices: tuple = ()) -> Any:
    """A settings field that ``mnist-desk train`` offers as ``--flag`` (default: the field's
    name with dashes); a bool field is a switch that sets the opposite of its default."""
    metadata = {"help": help, "flag": flag, "choices": choices}
    return field(default=default, metadata=metadata)


@dataclass
class TrainingSettings:
    """Everything that defines a run. The CLI, the GUI and the tests all build one of these."""

    task: str = CLASSIFIER
    arch: str = "convnet"
    epochs: float = option(8.0, "passes over the training set")
    max_steps: int | None = option(None, "a step budget instead of epochs", flag="--steps")
    batch_size: int = option(128, "examples per step")
    optimizer: str = option("adamw", "the optimizer", choices=OPTIMIZERS)
    lr: float = option(3e-3, "learning rate (the peak, for onecycle)")
    weight_decay: float = option(5e-4, "weight decay")
    betas: tuple[float, float] | None = None  # Adam(W) betas; set, OneCycle no longer cycles beta1
    schedule: str = option("onecycle", "learning-rate schedule", choices=SCHEDULES)
    label_smoothing: float = option(0.0, "label smoothing of the cross-entropy")
    augment: bool = option(True, "train without random affine augmentation", flag="--no-augment")
    aug_degrees: float = option(10.0, "augmentation: random rotation, +- degrees")
    aug_translate: float = option(0.1, "augmentation: random shift, +- fraction of the image")
    aug_scale: float = option(0.1, "augmentation: random zoom, 1 +- this")
    aug_drawn: bool = option(
        False,
        "augmentation for drawn digits too: slant, aspect, elastic wobble, stroke thickness",
    )
    synthetic_digits: int = option(
        0, "add this many drawn-style template digits (flag 1s, crossed 7s, closed 4s...)"
    )
    drawn: bool = option(
        False,
        "the drawn-digit recipe: the drawn augmentation with doubled strokes, and "
        f"{DRAWN_TEMPLATES:,} template digits of every digit in handwritten, printed and bold "
        "styles (--synthetic-digits: another count)",
    )
    template_seed: int | None = option(
        None,
        "the template digits' own seed (default: the run's); a set the project ships rendered "
        "(mnist_desk/data/templates) is read, not rendered",
    )
    drawn_share: float = option(
        1.0,
        "the drawn augmentation (--aug-drawn, --drawn) on this share of the batches, spread "
        "evenly; the others are augmented as without it",
    )
    seed: int = option(0, "random seed: weights, data order, augmentation, pairs")
    device: str = "cpu"  # a global option of the CLI (--device), not one of train's own
    evals_per_epoch: int = option(2, "validation passes per epoch")
    eval_from: float = 0.0  # validate only after this fraction of the run (and always at its end)
    patience: int | None = option(
        None, "stop after this many evaluations without a better validation error"
    )
    pairs_per_epoch: int = option(50_000, "adders: fresh random training pairs per epoch")
    init_from: str | None = option(
        None,
        "the classifier checkpoint to start from: the transfer adder's (default: the shipped "
        "one), or a classifier to fine-tune",
    )
    head_lr_scale: float = option(10.0, "transfer adder: the head's learning rate relative to --lr")
    teacher: str | None = option(
        None,
        "distillation: the teacher classifier checkpoint (deit and vit-distill default to the "
        "shipped convnet)",
    )
    distill: str = option(
        "none", "distillation mode (deit: hard, vit-distill: soft)", choices=DISTILL_MODES
    )
    distill_temperature: float = option(4.0, "soft distillation temperature")
    distill_alpha: float = option(0.5, "soft distillation: weight of the teacher term")
    train_subset: int | None = option(None, "train on the first N training images only")
    val_subset: int | None = option(None, "validate on the first N validation images only")
    test_subset: int | None = option(None, "test on the first N test images only")
    num_threads: int | None = option(None, "CPU threads for torch", flag="--threads")
    amp: bool = option(
        False, "mixed precision (bf16, or fp16 on older GPUs) where the device runs it natively"
    )
    model_kwargs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def template_digits(self) -> int:
        """Synthetic template digits added to the training images: those asked for, or the
        drawn-digit recipe's."""
        return self.synthetic_digits or (DRAWN_TEMPLATES if self.drawn else 0)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainingSettings:
        known = {f.name for f in fields(cls)}
        kept = {k: v for k, v in values.items() if k in known}
        if kept.get("betas") is not None:  # JSON turns the tuple into a list
            kept["betas"] = tuple(kept["betas"])
        return cls(**kept)

    def validate(self) -> None:
        """SettingsError (or UnknownModelError) naming what cannot work, before any data loads."""
        if self.task not in (CLASSIFIER, TRANSFER, SCRATCH):
            raise SettingsError(f"unknown task {self.task!r}")
        if self.arch not in archs_for(self.task):
            raise UnknownModelError(
                f"unknown architecture {self.arch!r} for the {self.task} task; "
                f"choose one of {', '.join(archs_for(self.task))}"
            )
        if self.optimizer not in OPTIMIZERS:
            raise SettingsError(
                f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}"
            )
        if self.schedule not in SCHEDULES:
            raise SettingsError(
                f"unknown schedule {self.schedule!r}; choose one of {', '.join(SCHEDULES)}"
            )
        if self.distill not in DISTILL_MODES:
            raise SettingsError(
                f"unknown distillation mode {self.distill!r}; choose none, hard or soft"
            )
        if self.distill != "none" and not self.teacher:
            raise SettingsError(
                "distillation needs a teacher: set teacher to a classifier checkpoint"
            )
        if self.distill == "hard" and self.arch != "deit":
            raise SettingsError(
                "hard distillation needs the deit architecture (its distillation token)"
            )
        if not 0 < self.drawn_share <= 1:
            raise SettingsError("the drawn augmentation's share of batches must be in (0, 1]")
        self._validate_ranges()

    def _validate_ranges(self) -> None:
        """Values torch would reject mid-run (or that would train nothing, or never end)."""
        positive = {
            "the learning rate (--lr)": self.lr,
            "the head's learning-rate scale (--head-lr-scale)": self.head_lr_scale,
            "the distillation temperature (--distill-temperature)": self.distill_temperature,
        }
        if self.max_steps is None:  # a step budget replaces the epochs
            positive["the number of epochs (--epochs)"] = self.epochs
        require_positive(positive)
        require_zero_or_more(
            {
                "the weight decay (--weight-decay)": self.weight_decay,
                "the patience (--patience)": self.patience,
                "the augmentation's rotation (--aug-degrees)": self.aug_degrees,
                "the number of template digits (--synthetic-digits)": self.synthetic_digits,
            }
        )
        require_share(
            {
                "the label smoothing (--label-smoothing)": self.label_smoothing,
                "the augmentation's shift (--aug-translate)": self.aug_translate,
                "the distillation weight (--distill-alpha)": self.distill_alpha,
            }
        )
        if not 0 <= self.aug_scale < 1:  # a zoom of 1 - scale: none at all from 1 on
            raise SettingsError(
                f"the augmentation's zoom (--aug-scale) must be at least 0 and below 1, "
                f"not {self.aug_scale:g}"
            )
        require_at_least_one(
            {
                "the batch size (--batch-size)": self.batch_size,
                "the pairs per epoch (--pairs-per-epoch)": self.pairs_per_epoch,
                "the step budget (--steps)": self.max_steps,
                "the training subset (--train-subset)": self.train_subset,
                "the validation subset (--val-subset)": self.val_subset,
                "the test subset (--test-subset)": self.test_subset,
                "the thread count (--threads)": self.num_threads,
            }
        )


def cli_options() -> list[Field]:
    """The fields ``mnist-desk train`` offers as options, in the dataclass's order."""
    return [f for f in fields(TrainingSettings) if "help" in f.metadata]


def cli_flag(option_field: Field) -> str:
    """The option ``mnist-desk train`` offers for a settings field: ``--its-name`` by default."""
    return option_field.metadata["flag"] or "--" + option_field.name.replace("_", "-")


def default_settings(task: str, arch: str | None = None) -> TrainingSettings:
    """Good starting points per task (what the shipped weights were trained with, at fewer epochs)."""
    if task == TRANSFER:
        return TrainingSettings(
            task=task,
            arch=arch or "convnet",
            epochs=3,
            lr=1e-4,
            weight_decay=0.0,
            head_lr_scale=10.0,
            schedule="cosine",
        )
    if task == SCRATCH:
        arch = arch or default_arch(SCRATCH)
        return TrainingSettings(task=task, arch=arch, epochs=10, lr=3e-3)
    arch = arch or "convnet"
    if arch in ("vit", "deit", "vit-distill"):
        settings = TrainingSettings(
            task=task, arch=arch, epochs=15, lr=2e-3, weight_decay=0.05, batch_size=256
        )
        if arch in DISTILLATION:
            from mnist_desk.store.catalog import default_classifier_path

            settings.distill = DISTILLATION[arch]
            settings.teacher = str(default_classifier_path())
            if settings.distill == "soft":
                # Chosen on validation error among T=4/a=0.5 (1.45%), T=3/a=0.1 (1.37%, DeiT's
                # soft setting) and T=1/a=0.5 (1.36%), 20 epochs each, seed 1.
                settings.distill_temperature, settings.distill_alpha = 1.0, 0.5
        return settings
    return TrainingSettings(task=task, arch=arch)


# ---- the step count: the Trainer runs to it, the CLI and the Train tab show it -------------


def examples_per_epoch(settings: TrainingSettings, train_images: int = TRAIN_SIZE) -> int:
    """Training examples in one epoch: an adder's fresh random pairs, or a classifier's
    training images (``train_subset`` of the ``train_images`` there are, plus synthetic digits)."""
    if is_adder(settings.task):
        return min(settings.pairs_per_epoch, settings.train_subset or settings.pairs_per_epoch)
    subset = settings.train_subset
    images = train_images if subset is None else min(subset, train_images)
    return images + settings.template_digits


def steps_per_epoch(
    settings: TrainingSettings, train_images: int = TRAIN_SIZE, *, examples: int | None = None
) -> int:
    """Optimizer steps in one epoch (its last batch may be smaller); ``examples``: an epoch's
    examples when the run's data says (a protocol of its own), else ``examples_per_epoch``."""
    if examples is None:
        examples = examples_per_epoch(settings, train_images)
    return math.ceil(examples / settings.batch_size)


def total_steps(
    settings: TrainingSettings, train_images: int = TRAIN_SIZE, *, examples: int | None = None
) -> int:
    """The number of steps a run of these settings takes: the one count the Trainer runs to and
    the CLI and the window show (``train_images``: the training split's size, MNIST's 50,000;
    ``examples``: as in ``steps_per_epoch``)."""
    if settings.max_steps:
        return settings.max_steps
    per_epoch = steps_per_epoch(settings, train_images, examples=examples)
    return max(1, round(settings.epochs * per_epoch))
