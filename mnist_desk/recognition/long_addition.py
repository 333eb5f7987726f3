"""Adding two numbers column by column, the way the adders add two digits.

Each column (units first) has a distribution over its sum before the carry, 0..18: for a
classifier the convolution of its two digits' distributions; for an adder the adder's own answer
for those two digits. The total is the column sums carried the way a person carries, and its
probability is exact: a dynamic programme over the carry into each column sums every way the
columns can give that total.

Numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SUMS = 19  # a column's sum before the carry: 0..18
ZERO = np.eye(10)[0]  # a digit that is certainly 0 (where a shorter number has no digit)


def digit_columns(
    first: Sequence[np.ndarray], second: Sequence[np.ndarray]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Two numbers' digit distributions (left to right) -> the pairs of each column, units
    first; a shorter number's missing digits are a certain 0."""
    width = max(len(first), len(second))
    pad = lambda digits: [ZERO] * (width - len(digits)) + list(digits)  # noqa: E731
    return list(zip(pad(first)[::-1], pad(second)[::-1], strict=True))


def sum_distribution(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """P(a + b = s), s = 0..18, for two independent digits: the convolution."""
    return np.convolve(a, b)


def carried_total(sum_distributions: Sequence[int]) -> int:
    """The total of columns whose sums (units first, before the carry) are ``sum_distributions``."""
    return sum(int(s) * 10**i for i, s in enumerate(sum_distributions))


def total_probability(columns: Sequence[np.ndarray], total: int) -> float:
    """P(the columns add up to ``total``), exactly: each column's sum must be its digit of the
    total plus ten times the carry it passes on, less the carry it receives."""
    if total < 0 or not columns:
        return 0.0
    carry = np.array([1.0, 0.0])  # P(carry into the units column) = 0 for certain
    rest = total
    for column in columns:
        digit, rest = rest % 10, rest // 10
        after = np.zeros(2)
        for into in (0, 1):
            for out in (0, 1):
                s = digit + 10 * out - into
                if 0 <= s < SUMS:
                    after[out] += carry[into] * float(column[s])
        carry = after
    return float(carry[rest]) if rest in (0, 1) else 0.0


def most_likely_total(columns: Sequence[np.ndarray]) -> int:
    """The total of each column's likeliest sum, carried."""
    return carried_total([int(np.argmax(c)) for c in columns])
