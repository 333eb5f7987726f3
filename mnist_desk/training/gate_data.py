"""The digit gate's settings and sets: its training set (digits as written and redrawn with the
canvas's pen, drawn-style templates, the project's procedural non-digits) and the validation sets
its threshold is chosen on, each drawn once from the run's seed (``training.gate`` trains on
them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.data.negatives import non_digits, turned_digits
from mnist_desk.data.redrawn import centre_lines, redrawn_digits, trace
from mnist_desk.data.synthetic import synthetic_digits
from mnist_desk.errors import SettingsError
from mnist_desk.models.gate import NON_DIGIT_KINDS
from mnist_desk.training.ranges import (
    require_at_least_one,
    require_positive,
    require_share,
    require_zero_or_more,
)

DIGITS = 10  # targets 0..9 are digits, DIGITS + k the k-th of NON_DIGIT_KINDS


@dataclass
class GateSettings:
    """Everything that defines a gate run (``mnist-desk train-gate`` offers each as an option)."""

    width: int = 16
    digit_outputs: int = 10  # one per digit (1: a plain "digit" output)
    epochs: int = 6
    batch_size: int = 256
    lr: float = 3e-3
    weight_decay: float = 5e-4
    redrawn: int = 50_000  # MNIST training digits also redrawn with the canvas's pen
    templates: int = 5_000  # drawn-style template digits (data.synthetic)
    negatives: int = 60_000  # procedural non-digits, the four kinds in turn
    turned: int = 30_000  # training digits turned so that they are no digit (mirrored...)
    pen_shapes: float = 0.0  # share of the letters and symbols built from pen parts
    close_letters: float = 0.0  # share of the written letters that are close to a digit (a D)
    reject_share: float = 0.001  # of MNIST validation digits the gate may call "not a digit"
    # ... and of the same digits redrawn with the pen (None: reject_share). Some redrawings
    # come out broken (thinning cuts a stroke), so they may take the drawn-digit goal's 0.5%.
    redrawn_reject_share: float | None = None
    val_subset: int | None = None  # MNIST validation digits used (all 10,000 by default)
    init_from: str | None = None  # a ConvNet classifier whose trunk and digit head start the gate
    seed: int = 1

    def validate(self) -> None:
        """SettingsError naming the first value that cannot work, and its ``train-gate``
        option, before any data is drawn (the same checks as ``TrainingSettings``')."""
        if self.digit_outputs not in (1, DIGITS):
            raise SettingsError(
                f"the digit outputs (--digit-outputs) must be 1 or {DIGITS}, "
                f"not {self.digit_outputs}"
            )
        require_at_least_one(
            {
                "the width (--width)": self.width,
                "the number of epochs (--epochs)": self.epochs,
                "the batch size (--batch-size)": self.batch_size,
                "the validation subset (--val-subset)": self.val_subset,
            }
        )
        require_positive({"the learning rate (--lr)": self.lr})
        require_zero_or_more(
            {
                "the weight decay (--weight-decay)": self.weight_decay,
                "the redrawn digits (--redrawn)": self.redrawn,
                "the template digits (--templates)": self.templates,
                "the non-digits (--negatives)": self.negatives,
                "the turned digits (--turned)": self.turned,
            }
        )
        require_share(
            {
                "the share of pen-part shapes (--pen-shapes)": self.pen_shapes,
                "the share of close letters (--close-letters)": self.close_letters,
                "the reject share (--reject-share)": self.reject_share,
                "the redrawn reject share (--redrawn-reject-share)": self.redrawn_reject_share,
            }
        )


@dataclass
class GateData:
    """The gate's training set (images, kinds) and its validation sets."""

    train: tuple[torch.Tensor, torch.Tensor]  # images, targets (0..9 digits, DIGITS + kind)
    val_digits: torch.Tensor  # MNIST validation digits as written
    val_redrawn: torch.Tensor  # the same digits redrawn with the canvas's pen
    val_negatives: tuple[torch.Tensor, torch.Tensor]


def gate_data(splits: mdata.MnistSplits, s: GateSettings, log: Callable[[str], None]) -> GateData:
    """Render everything once, seeded: positives are kind 0, non-digits 1..4."""
    began = time.perf_counter()
    train = splits.train
    redrawn = redrawn_digits(train.images[: s.redrawn], s.seed)
    log(f"redrew {len(redrawn):,} training digits ({time.perf_counter() - began:.0f} s)")
    templates, template_labels = synthetic_digits(s.templates, s.seed)
    strokes = _crossing_strokes(splits)
    negatives, kinds = non_digits(
        s.negatives, s.seed, strokes, NON_DIGIT_KINDS, s.pen_shapes, s.close_letters
    )
    written = torch.cat([train.images, redrawn])
    written_labels = torch.cat([train.labels, train.labels[: len(redrawn)]])
    turned = turned_digits(written, written_labels, s.turned, s.seed)
    log(f"drew {len(negatives) + len(turned):,} non-digits ({time.perf_counter() - began:.0f} s)")
    images = torch.cat([written, templates, negatives, turned])
    targets = torch.cat(
        [written_labels, template_labels, kinds + DIGITS, torch.full((len(turned),), _SYMBOL)]
    )
    return GateData((images, targets), *validation_sets(splits, s, strokes))


# A digit turned over looks like a shape, not a digit.
_SYMBOL = DIGITS + NON_DIGIT_KINDS.index("symbol")


def _crossing_strokes(splits: mdata.MnistSplits) -> list:
    """Crossed-out drawings start from training digits that the redrawn positives do not use."""
    return [trace(line) for line in centre_lines(splits.train.images[-5_000:]).numpy()]


def validation_sets(splits: mdata.MnistSplits, s: GateSettings, strokes: list | None = None):
    """(MNIST validation digits, the same redrawn, (non-digits, targets)): what the threshold
    is chosen on and the gate is scored on, seeded by ``s.seed``."""
    strokes = _crossing_strokes(splits) if strokes is None else strokes
    val = splits.val.subset(s.val_subset)
    val_redrawn = redrawn_digits(val.images, s.seed + 2000)
    val_negatives, val_kinds = non_digits(
        len(val) // 2, s.seed + 1000, strokes, NON_DIGIT_KINDS, s.pen_shapes, s.close_letters
    )
    val_turned = turned_digits(val_redrawn, val.labels, len(val) // 4, s.seed + 3000)
    return (
        val.images,
        val_redrawn,
        (
            torch.cat([val_negatives, val_turned]),
            torch.cat([val_kinds + DIGITS, torch.full((len(val_turned),), _SYMBOL)]),
        ),
    )


def gate_targets(targets: torch.Tensor, digit_outputs: int) -> torch.Tensor:
    """GateData's targets for a gate with ``digit_outputs`` digit outputs (10, or 1)."""
    if digit_outputs == DIGITS:
        return targets
    return torch.where(targets < DIGITS, 0, targets - DIGITS + 1)
