"""The range checks every run's settings make before any data loads (``TrainingSettings`` for
``train`` and the window, ``GateSettings`` for ``train-gate``): each takes ``{what: value}``,
where ``what`` names the value and its option, and raises a SettingsError for the first value out
of range. NaN is out of every range."""

from __future__ import annotations

import math

from mnist_desk.errors import SettingsError


def require_at_least_one(counts: dict[str, int | None]) -> None:
    """Counts (None: not given). 0 is not "no limit": a budget or a subset of nothing is a
    mistake to say so."""
    for what, count in counts.items():
        if count is not None and count < 1:
            raise SettingsError(f"{what} must be at least 1, not {count}")


def require_positive(values: dict[str, float]) -> None:
    """Finite numbers above 0 (a learning rate, a number of epochs)."""
    for what, value in values.items():
        if not (math.isfinite(value) and value > 0):
            raise SettingsError(f"{what} must be a positive number, not {value:g}")


def require_zero_or_more(values: dict[str, float | None]) -> None:
    """Finite numbers, 0 or more (None: not given)."""
    for what, value in values.items():
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise SettingsError(f"{what} must be 0 or more, not {value:g}")


def require_share(values: dict[str, float | None]) -> None:
    """Shares, in [0, 1] (None: not given)."""
    for what, value in values.items():
        if value is not None and not 0 <= value <= 1:
            raise SettingsError(f"{what} must be in [0, 1], not {value:g}")
