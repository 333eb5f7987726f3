"""What the Predictor answers: each digit, each box's number, and their sum.

Plain dataclasses (numpy arrays and floats), so the app layer and the views use them without
torch, and ``predict --json`` writes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class DigitResult:
    """One digit's reading. ``digit`` is None when the box is blank (``probabilities`` None too)
    or when what is drawn there is not read as a digit (``doubt`` says why; the probabilities
    the model gave are kept, to be shown but never used as an answer)."""

    digit: int | None
    probabilities: list[float] | None  # 10 values, None when blank
    image28: np.ndarray | None = field(default=None, repr=False)  # what the model saw
    doubt: str | None = None  # why this is not read as a digit (a short phrase), None if it is

    @property
    def blank(self) -> bool:
        return self.probabilities is None

    @property
    def confidence(self) -> float | None:
        return None if self.digit is None else self.probabilities[self.digit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "blank": self.blank,
            "digit": self.digit,
            "confidence": self.confidence,
            "probabilities": self.probabilities,
            **({"reason": self.doubt} if self.doubt else {}),
        }


BLANK_DIGIT = DigitResult(None, None)


@dataclass
class NumberResult:
    """One box's number: its digits left to right (none when the box is blank), and the pieces
    each was read from (stroke indices, or the picture's ink blobs)."""

    digits: tuple[DigitResult, ...] = ()
    pieces: tuple[tuple, ...] = ()

    @property
    def blank(self) -> bool:
        return not self.digits

    @property
    def value(self) -> int | None:
        """The number (a leading zero is kept in ``text``, not in the value); None when blank or
        when a digit is not read as one."""
        if self.blank or any(d.digit is None for d in self.digits):
            return None
        return int("".join(str(d.digit) for d in self.digits))

    @property
    def text(self) -> str:
        """The number as written, ``?`` for a digit not read as one ("" when blank)."""
        return "".join("?" if d.digit is None else str(d.digit) for d in self.digits)

    @property
    def doubt(self) -> str | None:
        """Why the box is not read as a number (the first doubtful digit's reason)."""
        return next((d.doubt for d in self.digits if d.doubt), None)

    @property
    def confidence(self) -> float | None:
        """The probability of the whole number: its digits' together (read independently)."""
        if self.value is None:
            return None
        return math.prod(d.confidence for d in self.digits)

    @property
    def single(self) -> DigitResult:
        """The box's digit when it holds exactly one; a blank result otherwise."""
        return self.digits[0] if len(self.digits) == 1 else BLANK_DIGIT

    def to_dict(self) -> dict[str, Any]:
        """The fields ``predict --json`` adds to an image's entry; a single digit keeps the
        fields it always had (``digit``, ``confidence``, ``probabilities``)."""
        one = len(self.digits) == 1
        reason = None
        if self.blank:
            reason = "blank: nothing drawn"
        elif self.value is None:
            reason = self.doubt
        return {
            "blank": self.blank,
            "digit": self.digits[0].digit if one else None,
            "confidence": self.confidence,
            "probabilities": self.digits[0].probabilities if one else None,
            "number": self.value,
            "digits": [d.digit for d in self.digits],
            **({"reason": reason} if reason else {}),
        }


@dataclass
class SumResult:
    """Both boxes' numbers and their sum.

    ``total``: the sum, None unless both boxes hold a number. ``confidence``: the probability of
    that whole sum (exact from the digits' or the adder's distributions, column by column with
    carries). ``probabilities``: P(sum = 0..18), only when each box holds one digit.
    ``source``: "digits" (a classifier's numbers added) or "adder" (the adder's columns)."""

    total: int | None
    probabilities: list[float] | None
    source: str
    numbers: tuple[NumberResult, NumberResult]
    confidence: float | None = None
    # A scratch adder that learned digits from sums: the digits it reads itself, each box's.
    adder_numbers: tuple[NumberResult, NumberResult] | None = None

    @property
    def digits(self) -> tuple[DigitResult, DigitResult]:
        """Each box's digit when it holds exactly one (blank otherwise)."""
        return self.numbers[0].single, self.numbers[1].single

    @property
    def adder_digits(self) -> tuple[DigitResult, DigitResult] | None:
        """The scratch adder's own reading of each box's single digit (None without one)."""
        if self.adder_numbers is None:
            return None
        return self.adder_numbers[0].single, self.adder_numbers[1].single

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "confidence": self.confidence,
            "source": self.source,
            "probabilities": self.probabilities,
            # the digits a scratch adder that learned them from sums reads itself: one per box
            # when each holds one digit, else each box's digits left to right
            "adder_digits": None if self.adder_numbers is None else self._adder_digit_lists(),
        }

    def _adder_digit_lists(self) -> list:
        numbers = self.adder_numbers or ()
        if all(len(n.digits) == 1 for n in numbers):
            return [n.digits[0].digit for n in numbers]
        return [[d.digit for d in n.digits] for n in numbers]
