"""The user's digits as training data: enough of each digit, which are held out, as tensors.

Held-out digits are chosen here, before anything trains, by a hash of each digit's id and the
seed: the same digits are held out every time, and ``PersonalTrainer`` trains on the rest only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.errors import Phrase, UserError
from mnist_desk.personal.store import PersonalDigit

MIN_PER_CLASS = 5  # below this many of a digit, fine-tuning would memorise, not learn
NOT_ENOUGH = Phrase(
    "Fine-tuning needs at least {minimum} of each digit to learn your hand rather than memorise "
    "a few drawings: draw and keep {need} (you have {have})."
)
ONE_MORE = Phrase("{n} more {digit}")
MORE = Phrase("{n} more {digit}s")
ONE_DIGIT = Phrase("{n} digit")
DIGITS = Phrase("{n} digits")


def digit_count(n: int):
    """A count of digits ("1 digit", "3 digits") in words the window can translate."""
    return (ONE_DIGIT if n == 1 else DIGITS)(n=f"{n:,}")


class NotEnoughDigits(UserError, ValueError):
    """Too few personal digits of some classes; the message says how many more of each."""


def missing_per_class(labels: Sequence[int], minimum: int = MIN_PER_CLASS) -> dict[int, int]:
    """How many more of each digit are needed to reach ``minimum`` (only those short of it)."""
    counts = np.bincount(np.asarray(labels, np.int64), minlength=10)
    return {d: minimum - int(n) for d, n in enumerate(counts) if n < minimum}


def check_enough(labels: Sequence[int], minimum: int = MIN_PER_CLASS) -> None:
    missing = missing_per_class(labels, minimum)
    if missing:
        need = tuple((ONE_MORE if n == 1 else MORE)(n=n, digit=d) for d, n in missing.items())
        have = digit_count(len(labels))
        raise NotEnoughDigits(NOT_ENOUGH(minimum=minimum, need=need, have=have))


def _rank(item_id: str, seed: int) -> str:
    """A stable pseudo-random order: the same digits are held out every time for a seed."""
    return hashlib.sha256(f"{seed}:{item_id}".encode()).hexdigest()


def split_personal(
    items: Sequence[PersonalDigit], holdout: float, seed: int = 0
) -> tuple[list[PersonalDigit], list[PersonalDigit]]:
    """(learn, held out): per digit, a fixed share held out, chosen by a hash of id and seed."""
    learn, held = [], []
    for label in range(10):
        mine = sorted((d for d in items if d.label == label), key=lambda d: _rank(d.id, seed))
        k = round(len(mine) * holdout)
        held += mine[:k]
        learn += mine[k:]
    return learn, held


def folds_of(items: Sequence[PersonalDigit], k: int, seed: int = 0) -> list[list[PersonalDigit]]:
    """``k`` folds, each digit's examples dealt round-robin in hash order (stratified)."""
    folds: list[list[PersonalDigit]] = [[] for _ in range(k)]
    for label in range(10):
        mine = sorted((d for d in items if d.label == label), key=lambda d: _rank(d.id, seed))
        for i, d in enumerate(mine):
            folds[i % k].append(d)
    return folds


def to_tensors(items: Sequence[PersonalDigit]) -> tuple[torch.Tensor, torch.Tensor]:
    images = np.stack([d.image28 for d in items]) if items else np.zeros((0, 28, 28), np.uint8)
    labels = torch.tensor([d.label for d in items], dtype=torch.int64)
    return mdata.normalize_uint8(torch.from_numpy(images)), labels
