"""Every argument of every subcommand says in its --help what it is: a newcomer reads the help,
not the code (positional image lists, --json switches and the like had none)."""

from __future__ import annotations

import argparse

from mnist_desk.cli.main import build_parser


def _subcommands(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                sub.format_help()  # adds the options a LazyOptionsParser adds late
                yield name, sub
                yield from ((f"{name} {n}", s) for n, s in _subcommands(sub))


def test_every_argument_of_every_subcommand_has_help():
    silent = [
        f"{name} {action.option_strings or action.dest}"
        for name, sub in _subcommands(build_parser())
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert silent == []
