"""Argument types shared by the subcommands' parsers."""

from __future__ import annotations

import argparse


def at_least_one(text: str) -> int:
    """A count such as ``--subset N``: 0 or less is a usage error, not an empty or reversed
    slice (``[:-5]`` is all but the last five)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value
