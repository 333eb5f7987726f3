"""What "Compare adders" trains: both adders on the same step budget, built below Qt.

Its default budget is meant to finish a meaningful comparison (both adders past 97% test sum
accuracy) in about a minute on two CPU cores, so it does not take the classifier form's epochs
and batch size: 300 steps of 128 pairs each, bf16 autocast where native, no augmentation (it slows
early learning), validation on 2,000 pairs. The transfer adder starts from the chosen trained
classifier; the scratch adder is QuickNet learning digits through the exact sum.
"""

from __future__ import annotations

import math
from dataclasses import replace

from mnist_desk.models import SCRATCH, TRANSFER
from mnist_desk.training import TrainingSettings, default_settings

COMPARE_STEPS = 300
COMPARE_BATCH = 128
COMPARE_VAL_PAIRS = 2000
SCRATCH_ARCH = "quick-digits"


def default_budget(form: TrainingSettings) -> TrainingSettings:
    """The default comparison budget, keeping the form's device, seed, threads and subsets."""
    return replace(
        form,
        max_steps=COMPARE_STEPS,
        batch_size=COMPARE_BATCH,
        augment=False,
        amp=True,
        val_subset=form.val_subset or COMPARE_VAL_PAIRS,
        evals_per_epoch=4,
    )


def scratch_settings() -> TrainingSettings:
    """The scratch adder's recipe for the comparison: QuickNet digits + exact sum, Adam with the
    quick recipe's betas, OneCycle."""
    return replace(
        default_settings(SCRATCH, SCRATCH_ARCH),
        optimizer="adam",
        lr=3e-3,
        betas=(0.7, 0.9),
        weight_decay=0.0,
    )


def comparison_settings(
    budget: TrainingSettings, init_from: str, arch: str
) -> tuple[int, TrainingSettings, TrainingSettings]:
    """(steps, transfer settings, scratch settings) for a comparison on ``budget``'s steps (or
    epochs), batch size, seed, device, precision, augmentation and data subsets."""
    shared = dict(
        batch_size=budget.batch_size,
        seed=budget.seed,
        device=budget.device,
        augment=budget.augment,
        amp=budget.amp,
        train_subset=budget.train_subset,
        val_subset=budget.val_subset,
        test_subset=budget.test_subset,
        evals_per_epoch=budget.evals_per_epoch,
        num_threads=budget.num_threads,
    )
    scratch = replace(scratch_settings(), epochs=budget.epochs, **shared)
    steps = budget.max_steps or scratch_steps(scratch)
    transfer = replace(
        default_settings(TRANSFER, arch), init_from=str(init_from), max_steps=steps, **shared
    )
    return steps, transfer, replace(scratch, max_steps=steps)


def scratch_steps(settings: TrainingSettings) -> int:
    """Steps an adder run takes by epochs (pairs drawn per epoch / batch size)."""
    pairs = min(settings.pairs_per_epoch, settings.train_subset or settings.pairs_per_epoch)
    return max(1, round(settings.epochs * math.ceil(pairs / settings.batch_size)))
