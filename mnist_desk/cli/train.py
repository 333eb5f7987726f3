"""``mnist-desk train``: its options, generated from ``TrainingSettings``' fields, and the command.

Each settings field with CLI metadata (``training.settings.option``) becomes ``--its-name`` (or
the flag its metadata names) with its help, type and choices; every one defaults to None, which
keeps the task's or preset's own value (``presets.defaults_for``). Nothing here imports torch
at import time: the window is started through the same parser and must not wait for it.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import types
import typing
from pathlib import Path

from mnist_desk.cli.arguments import GLOBAL_OPTIONS, subcommand_options
from mnist_desk.cli.ctrl_c import EXIT_INTERRUPTED, ctrl_c_stops
from mnist_desk.errors import UserError

EXIT_OK, EXIT_FAILED = 0, 1


class LazyOptionsParser(argparse.ArgumentParser):
    """A subcommand's parser that adds its options the first time it parses or prints help:
    ``train``'s come from TrainingSettings, whose module loads torch (a second or two)."""

    def __init__(self, *args, add_options=None, **kwargs):
        # No abbreviated options: `self-test --model X` would otherwise be taken as --models-dir.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._add_options = add_options

    def _ensure_options(self) -> None:
        if self._add_options is not None:
            add, self._add_options = self._add_options, None
            add(self)

    def parse_known_args(self, args=None, namespace=None):
        self._ensure_options()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._ensure_options()
        return super().format_usage()

    def format_help(self) -> str:
        self._ensure_options()
        return super().format_help()


def flag_of(field) -> str:
    from mnist_desk.training.settings import cli_flag

    return cli_flag(field)


def dest_of(field) -> str:
    return flag_of(field).removeprefix("--").replace("-", "_")


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """One option per TrainingSettings field that has CLI metadata (training.settings.option)."""
    from mnist_desk.training import TrainingSettings, cli_options

    hints = typing.get_type_hints(TrainingSettings)
    for field in cli_options():
        help_text, choices = field.metadata["help"], field.metadata["choices"] or None
        kind = hints[field.name]
        if kind is bool:  # a switch to the opposite of the default: --no-augment, --aug-drawn
            parser.add_argument(flag_of(field), action="store_true", help=help_text)
            continue
        if typing.get_origin(kind) in (typing.Union, types.UnionType):  # int | None -> int
            kind = next(t for t in typing.get_args(kind) if t is not type(None))
        parser.add_argument(
            flag_of(field), type=None if kind is str else kind, choices=choices, help=help_text
        )


def add_train_parser(sub) -> None:
    """The ``train`` subcommand; ``sub`` was made with ``parser_class=LazyOptionsParser``."""

    def add_options(train: argparse.ArgumentParser) -> None:
        train.add_argument(
            "--task",
            default="classifier",
            choices=("classifier", "transfer", "scratch"),
            help="classifier (reads one digit, the default), or an adder of two digits: "
            "transfer (on the shipped classifier) or scratch",
        )
        from mnist_desk.training.presets import PRESETS

        train.add_argument(
            "--preset",
            choices=PRESETS,
            default=None,
            help="a classifier recipe, the same as the window's Preset: quick (about 99%% in "
            "seconds), standard (the shipped weights' recipe), best (99.5%% and drawn digits); "
            "options given beside it override its settings",
        )
        train.add_argument(
            "--arch",
            default=None,
            help="architecture: convnet, cnn, lenet5, resnet, vit, deit, vit-distill, mlp, "
            "quick (the Quick preset's recipe) (scratch adder: convnet, or convnet-digits, "
            "which learns to read digits from sums)",
        )
        add_settings_options(train)
        train.add_argument(
            "--model-arg",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="architecture setting, e.g. width=48",
        )
        train.add_argument("--output", "-o", help="checkpoint path (default: the models folder)")
        train.add_argument("--record-command", default=None, help=argparse.SUPPRESS)
        train.add_argument(
            "--quiet", "-q", action="store_true", help="no progress lines, only the result"
        )
        train.add_argument(
            "--my-digits",
            action="store_true",
            help="fine-tune a classifier on your own digits: --init-from MODEL, by default the "
            "classifier that read your newest digit in the window (else the shipped one)",
        )

    train = sub.add_parser(
        "train",
        parents=[subcommand_options(*GLOBAL_OPTIONS)],
        help="train a model and save it with its metrics",
        description="Train a model and save it with its metrics. Ctrl-C stops the run as the "
        "window's Stop does: the best model so far is tested and saved (a second Ctrl-C quits "
        "at once, saving nothing).",
        add_options=add_options,
    )
    train.set_defaults(func=cmd_train)


def parse_model_args(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if not key or not _:
            raise UserError(f"--model-arg takes KEY=VALUE, got {pair!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def settings_from_args(args: argparse.Namespace):
    """The task's (or preset's) settings with every option the user gave applied."""
    from mnist_desk.training import cli_options
    from mnist_desk.training.presets import defaults_for, preset_settings

    if args.preset is None:
        settings = defaults_for(args.task, args.arch)  # "--arch quick": the quick recipe
    elif args.task != "classifier":
        raise UserError(f"--preset is a classifier recipe; the {args.task} task has none")
    else:
        settings = preset_settings(args.preset)
        if args.arch is not None and args.arch != settings.arch:
            # the preset's schedule on another network: its layer sizes belong to its own
            settings.arch, settings.model_kwargs = args.arch, {}
    for field in cli_options():
        given = getattr(args, dest_of(field))
        if isinstance(field.default, bool):  # a switch: given, it flips the default
            if given:
                setattr(settings, field.name, not field.default)
        elif given is not None:
            setattr(settings, field.name, given)
    if args.device is not None:
        settings.device = args.device
    settings.model_kwargs.update(parse_model_args(args.model_arg))
    if settings.task == "transfer" and not settings.init_from:
        from mnist_desk.store.catalog import shipped_checkpoint

        settings.init_from = str(shipped_checkpoint("classifier", settings.arch))
    return settings


def progress_printer(quiet: bool):
    """The Trainer's callback for a terminal: a progress line, validations, errors."""
    from mnist_desk.training import EvalEvent, FailedEvent, StepEvent

    trainer_started = False

    def report(event) -> None:
        nonlocal trainer_started
        trainer_started = trainer_started or isinstance(event, StepEvent)
        if (
            isinstance(event, StepEvent)
            and not quiet
            and (event.step % 50 == 0 or event.step == event.total_steps)
        ):
            rate = event.images_seen / max(event.elapsed, 1e-9)
            eta = (event.total_steps - event.step) * event.elapsed / event.step
            print(
                f"\rstep {event.step}/{event.total_steps}  epoch {event.epoch:.2f}  "
                f"loss {event.loss:.4f}  {rate:,.0f} img/s  ETA {eta:.0f}s   ",
                end="",
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, EvalEvent) and not quiet:
            print(
                f"\rstep {event.step}  epoch {event.epoch:.2f}  val loss {event.val_loss:.4f}  "
                f"val error {event.val_error:.2%}  best {event.best_val_error:.2%}  "
                f"{event.elapsed:.0f}s" + " " * 10,
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, FailedEvent):
            # a new line only to end a progress line; an error is one line of its own
            end_progress = "\n" if not quiet and trainer_started else ""
            print(f"{end_progress}error: {event.message}", file=sys.stderr)

    return report


def use_thread_count(threads: int | None) -> None:
    """``--threads``: this process's choice, made once before anything runs (not a trainer's);
    None or 0 leaves torch's own."""
    import torch

    if threads is not None and threads < 1:  # torch's own refusal is a traceback
        raise UserError(f"the thread count (--threads) must be at least 1, not {threads}")
    if threads:
        torch.set_num_threads(threads)


def cmd_train(args: argparse.Namespace) -> int:
    from mnist_desk.store.names import require_checkpoint_suffix

    use_thread_count(args.threads)
    if args.output:  # refused now, not once the run has ended and saved it under that name
        require_checkpoint_suffix(args.output, "--output")
    if args.my_digits:
        from mnist_desk.cli.my_digits import cmd_train_personal

        return cmd_train_personal(args)
    from mnist_desk.support.config import resolve_models_dir
    from mnist_desk.support.devices import machine_description
    from mnist_desk.training import Trainer

    s = settings_from_args(args)
    output = Path(args.output) if args.output else None
    if output is None:
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        output = resolve_models_dir(args.models_dir) / f"{s.task}-{s.arch}-{stamp}.pt"
    command = (
        "mnist-desk " + shlex.join(sys.argv[1:])
        if args.record_command is None
        else args.record_command
    )
    trainer = Trainer(
        s,
        progress_printer(args.quiet),
        data_dir=args.data_dir,
        download=not args.no_download,
        output=output,
        extra_meta={"command": command, "machine": machine_description()},
    )
    with ctrl_c_stops(trainer.controls):
        result = trainer.run()
    if result is None or result.status == "diverged":
        return EXIT_FAILED
    if result.test:
        print(
            f"{result.status}: test accuracy {result.test['accuracy']:.2%} on "
            f"{result.test['count']} examples after {result.steps} steps in "
            f"{result.elapsed:.0f}s; saved {result.checkpoint}"
        )
    elif result.status == "stopped":
        print(f"stopped after {result.steps} steps, before any evaluation: nothing was saved")
    return EXIT_INTERRUPTED if trainer.controls.cancelled else EXIT_OK
