"""The data a run trains and is scored on, per task: digits and labels for a classifier, pairs of
digits and their sums for an adder. Its randomness (order, augmentation, pairs) comes from its own
seeded ``torch.Generator``, never from torch's process-wide one."""

from __future__ import annotations

import math
from collections.abc import Iterator

import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.models import is_adder
from mnist_desk.support.acceleration import intra_op_threads
from mnist_desk.training.settings import TrainingSettings, examples_per_epoch


class TaskData:
    """Batches for one task: digits and their labels, or pairs of digits and their sums."""

    def __init__(self, settings: TrainingSettings, splits: mdata.MnistSplits, device: torch.device):
        self.task = settings.task
        self.device = device
        self.aug_drawn = settings.aug_drawn or settings.drawn
        # Drawn-style augmentation (or the whole recipe) on a share of the batches, every batch
        # by default; the other batches get the random affine one if ``settings.augment``.
        self.drawn_share = settings.drawn_share if self.aug_drawn else 0.0
        self.affine_on = settings.augment
        self.batches_seen = 0  # batches so far: which of them the drawn share takes
        self.affine = {
            "degrees": settings.aug_degrees,
            "translate": settings.aug_translate,
            "scale": (1 - settings.aug_scale, 1 + settings.aug_scale),
        }
        self.generator = torch.Generator().manual_seed(settings.seed)
        self.train = splits.train.subset(settings.train_subset)
        if settings.template_digits:
            from mnist_desk.data.drawn import with_synthetic_digits

            styles = "all" if settings.drawn else "hand"
            seed = settings.seed if settings.template_seed is None else settings.template_seed
            self.train = with_synthetic_digits(self.train, settings.template_digits, seed, styles)
        self.train = self.train.to(device)
        self.aug_double = settings.drawn  # the recipe's doubled strokes
        pairs = is_adder(self.task)
        self.pairs_per_epoch = examples_per_epoch(settings) if pairs else 0
        # What an epoch goes through: its fresh pairs, or the training images.
        self.examples_per_epoch = examples_per_epoch(settings, len(splits.train))
        # The validation digits themselves: the temperature of a run's readings is fitted on them.
        self.val_digits = splits.val.subset(settings.val_subset)
        # None would mean no validation set: the run then keeps its last weights.
        self.val: tuple[torch.Tensor, torch.Tensor] | None = mdata.labelled_examples(
            self.val_digits, pairs=pairs
        )
        self.test = mdata.mnist_test_set(splits, pairs=pairs, subset=settings.test_subset)
        # The single test digits, to check an adder's own digit reading.
        self.test_digits = splits.test.subset(settings.test_subset) if pairs else None
        self.num_classes = mdata.NUM_SUMS if pairs else mdata.NUM_CLASSES

    @property
    def images_per_example(self) -> int:
        return 2 if is_adder(self.task) else 1

    def epoch_batches(self, batch_size: int) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        if is_adder(self.task):
            pairs = mdata.random_pairs(len(self.train), self.pairs_per_epoch, self.generator)
            pairs = pairs.to(self.device)
            for idx in mdata.iterate_batches(len(pairs), batch_size, shuffle=False):
                chosen = pairs[idx.to(self.device)]
                images = self.train.images[chosen]  # (B, 2, 1, 28, 28)
                images = self._augmented(images.flatten(0, 1)).view_as(images)
                yield images, self.train.labels[chosen].sum(1)
        else:
            for idx in mdata.iterate_batches(
                len(self.train), batch_size, shuffle=True, generator=self.generator
            ):
                idx = idx.to(self.device)
                images = self.train.images[idx]
                yield self._augmented(images), self.train.labels[idx]

    def _augmented(self, images: torch.Tensor) -> torch.Tensor:
        """This batch's images (N, 1, 28, 28) as training sees them: drawn-augmented if the
        drawn share takes it, else affine-augmented if asked for, else as they are."""
        if self._drawn_batch():
            return self._drawn_augmented(images)
        if self.affine_on:
            return mdata.random_affine(images, self.generator, **self.affine)
        return images

    def _drawn_batch(self) -> bool:
        """Whether this batch gets the drawn augmentation: with a share s, batch k
        does when floor((k + 1) * s) passes floor(k * s), so the share is spread evenly."""
        k, share = self.batches_seen, self.drawn_share
        self.batches_seen += 1
        return share == 1.0 or math.floor((k + 1) * share) > math.floor(k * share)

    def _drawn_augmented(self, images: torch.Tensor) -> torch.Tensor:
        """On one thread: its many small operations lose more to a second thread's start-up
        than they gain (a batch of 256, AVX2, 7 ms on one thread against 22 ms on two on a
        quiet machine, 30 ms and more under load), and give the same pixels either way."""
        from mnist_desk.data.drawn import RECIPE_DOUBLE, drawn_augment_like

        double = RECIPE_DOUBLE if self.aug_double else 0.0
        with intra_op_threads(1):
            return drawn_augment_like(images, self.generator, self.affine, double)
