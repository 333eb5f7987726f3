"""What "Compare architectures" trains: several classifiers on one budget, built below Qt.

Every contender gets the same data (subsets), seed, augmentation, batch size, precision, threads,
validation schedule and budget (epochs, or a step count); each keeps its own optimizer recipe
(``presets.defaults_for``: learning rate, weight decay, schedule), and DeiT and ViT-distill their
teacher (the shipped convnet), as the seed's comparison trained each model with its own recipe.

The default budget is one pass over the 50,000 training images in batches of 128, bf16 autocast
where the CPU runs it natively, no augmentation (it slows early learning), validation on 2,000
images four times a pass: the seed's four (mlp, lenet5, vit, deit) are meant to be compared in
about three minutes on two cores (benchmark row 15).
"""

from __future__ import annotations

from dataclasses import replace

from mnist_desk.errors import Phrase, SettingsError
from mnist_desk.models import CLASSIFIER, archs_for
from mnist_desk.training.presets import defaults_for
from mnist_desk.training.settings import TrainingSettings, total_steps

TOO_FEW = Phrase("a comparison needs at least two architectures")

SEED_FOUR = ("mlp", "lenet5", "vit", "deit")
COMPARE_EPOCHS = 1.0
COMPARE_BATCH = 128
COMPARE_VAL_IMAGES = 2000
COMPARE_EVALS_PER_EPOCH = 4

# What every contender shares with the budget (the rest is its own recipe).
SHARED_FIELDS = (
    "epochs",
    "max_steps",
    "batch_size",
    "seed",
    "device",
    "augment",
    "aug_degrees",
    "aug_translate",
    "aug_scale",
    "aug_drawn",
    "drawn_share",
    "synthetic_digits",
    "evals_per_epoch",
    "eval_from",
    "train_subset",
    "val_subset",
    "test_subset",
    "num_threads",
    "amp",
)


def default_budget(base: TrainingSettings | None = None) -> TrainingSettings:
    """The default comparison budget, keeping ``base``'s device, seed and threads."""
    budget = TrainingSettings(
        task=CLASSIFIER,
        epochs=COMPARE_EPOCHS,
        batch_size=COMPARE_BATCH,
        augment=False,
        amp=True,
        val_subset=COMPARE_VAL_IMAGES,
        evals_per_epoch=COMPARE_EVALS_PER_EPOCH,
    )
    if base is not None:
        budget = replace(budget, device=base.device, seed=base.seed, num_threads=base.num_threads)
    return budget


def parse_archs(text: str | list[str]) -> list[str]:
    """Architectures from "mlp,lenet5" (or a list): each a classifier, none twice, at least two."""
    names = text.split(",") if isinstance(text, str) else list(text)
    archs = [name.strip() for name in names if name.strip()]
    known = archs_for(CLASSIFIER)
    unknown = [arch for arch in archs if arch not in known]
    if unknown:
        raise SettingsError(
            f"unknown architecture {', '.join(unknown)}; choose among {', '.join(known)}"
        )
    if len(set(archs)) != len(archs):
        raise SettingsError("each architecture can be compared once")
    if len(archs) < 2:
        raise SettingsError(TOO_FEW())
    return archs


def architecture_settings(
    archs: list[str], budget: TrainingSettings
) -> tuple[int, list[TrainingSettings]]:
    """(each contender's steps, their settings in ``archs``' order): each architecture's own
    recipe with everything in SHARED_FIELDS taken from ``budget``."""
    shared = {name: getattr(budget, name) for name in SHARED_FIELDS}
    contenders = [replace(defaults_for(CLASSIFIER, arch), **shared) for arch in archs]
    for settings in contenders:
        settings.validate()
    return total_steps(contenders[0]), contenders
