"""Argument types and the global options shared by the subcommands' parsers."""

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


DATA_DIR, MODELS_DIR, NO_DOWNLOAD, DEVICE = (
    "--data-dir",
    "--models-dir",
    "--no-download",
    "--device",
)
GLOBAL_OPTIONS = (DATA_DIR, MODELS_DIR, NO_DOWNLOAD, DEVICE)


def global_options(
    default: object, names: tuple[str, ...] = GLOBAL_OPTIONS
) -> argparse.ArgumentParser:
    """A parent parser of the global options ``names`` (all four by default), each defaulting to
    ``default``."""
    options = argparse.ArgumentParser(add_help=False)
    if DATA_DIR in names:
        options.add_argument(
            DATA_DIR,
            default=default,
            help="folder holding MNIST/raw (default: $MNIST_DESK_DATA or the per-user data folder)",
        )
    if MODELS_DIR in names:
        options.add_argument(
            MODELS_DIR,
            default=default,
            help="folder for your trained models (default: $MNIST_DESK_MODELS or the per-user folder)",
        )
    if NO_DOWNLOAD in names:
        options.add_argument(
            NO_DOWNLOAD,
            action="store_true",
            default=False if default is None else default,
            help="never download MNIST; fail with instructions if it is missing",
        )
    if DEVICE in names:
        options.add_argument(DEVICE, default=default, help="cpu, cuda or cuda:N")
    return options


def subcommand_options(*names: str) -> argparse.ArgumentParser:
    """The global options a subcommand uses, accepted after it too; those it would ignore (MNIST's
    for a command that reads none, the device for one that runs on the CPU) it does not offer.
    They default to SUPPRESS: a real default would overwrite what the main parser parsed."""
    return global_options(argparse.SUPPRESS, names)
