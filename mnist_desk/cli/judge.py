"""``mnist-desk train-gate`` (the shared "not a digit" gate), ``mnist-desk gate-threshold``
(choose a saved gate's threshold again) and ``mnist-desk calibrate`` (fit a checkpoint's
temperature on MNIST's validation split and save it back: a file, or one of the user's models by
name; never a shipped model by name, as its weights belong to the app)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shlex
import sys
from pathlib import Path

from mnist_desk.cli.arguments import (
    DATA_DIR,
    DEVICE,
    MODELS_DIR,
    NO_DOWNLOAD,
    subcommand_options,
)
from mnist_desk.cli.train import EXIT_OK, use_thread_count
from mnist_desk.errors import UserError


def add_parsers(sub) -> None:
    """The ``train-gate`` and ``calibrate`` subcommands (``sub``: LazyOptionsParser's)."""

    def add_gate_options(gate: argparse.ArgumentParser) -> None:
        from mnist_desk.training.gate_data import GateSettings  # loads torch: only when asked

        for f in dataclasses.fields(GateSettings):
            gate.add_argument(
                "--" + f.name.replace("_", "-"),
                type={"float": float, "float | None": float, "str | None": str}.get(f.type, int),
                default=f.default,
                help=f"(default {f.default})",
            )
        gate.add_argument("--output", "-o", required=True, help="where to save the gate")
        gate.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")

    gate = sub.add_parser(
        "train-gate",
        parents=[subcommand_options(DATA_DIR, NO_DOWNLOAD)],  # the gate trains on the CPU
        help='train the shared digit gate that says "not a digit" (for every model)',
        add_options=add_gate_options,
    )
    gate.set_defaults(func=cmd_train_gate)

    threshold = sub.add_parser(
        "gate-threshold",
        parents=[subcommand_options(DATA_DIR, NO_DOWNLOAD)],
        help="choose a saved digit gate's threshold again on its validation sets, in place",
    )
    threshold.add_argument("gate", type=Path, help="the gate's .pt file")
    threshold.add_argument("--reject-share", type=float, required=True, help="of MNIST's")
    threshold.add_argument(
        "--redrawn-reject-share", type=float, help="of the redrawn digits (default: the same)"
    )
    threshold.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    threshold.set_defaults(func=cmd_gate_threshold)

    calibrate = sub.add_parser(
        "calibrate",
        parents=[subcommand_options(DATA_DIR, MODELS_DIR, NO_DOWNLOAD, DEVICE)],
        help="fit each checkpoint's temperature on MNIST's validation split and save it back",
    )
    calibrate.add_argument(
        "checkpoints",
        nargs="+",
        metavar="MODEL",
        help=".pt files to calibrate, or names of your models (not the shipped ones)",
    )
    calibrate.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    calibrate.add_argument("--json", action="store_true", help="print what was fitted as JSON")
    calibrate.set_defaults(func=cmd_calibrate)


def _splits(args: argparse.Namespace):
    from mnist_desk.data.mnist import load_splits
    from mnist_desk.support.config import resolve_data_dir

    return load_splits(resolve_data_dir(args.data_dir), download=not args.no_download)


def _require_files(paths, readable: bool = False) -> None:
    """Each checkpoint is there (and, if ``readable``, reads as one), checked before MNIST is
    loaded (or downloaded) for it: a bad file is reported as itself, not as missing data."""
    for path in paths:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such checkpoint file")
        if readable:
            from mnist_desk.store.checkpoints import load_checkpoint

            load_checkpoint(path)


def calibration_files(given: list[str], models_dir: str | None) -> list[Path]:
    """The files ``calibrate`` saves back into: a path as given; a name (as ``--model`` takes
    one) only for a model of the user's, since a shipped model's weights belong to the app."""
    from mnist_desk.store.names import is_file_reference, model_files
    from mnist_desk.support.config import resolve_models_dir

    files = []
    for name in given:
        if is_file_reference(name):
            files.append(Path(name))
            continue
        found = model_files(models_dir)
        yours = [path.stem for path, shipped in found if not shipped]
        listed = f"your models: {', '.join(yours)}" if yours else "your models: none yet"
        match = next(((path, shipped) for path, shipped in found if path.stem == name), None)
        if match is None:
            raise UserError(
                f"no model named {name!r} in {resolve_models_dir(models_dir)} ({listed}); "
                "give the checkpoint's .pt file or the name of one of your models"
            )
        if match[1]:
            raise UserError(
                f"{name!r} is a shipped model, and calibrate saves the model back into its file: "
                f"the shipped weights belong to the app (and come calibrated). To calibrate it "
                f"all the same, copy {match[0]} to a file of your own and give that file "
                f"({listed})"
            )
        files.append(match[0])
    return files


def cmd_train_gate(args: argparse.Namespace) -> int:
    from mnist_desk.store.names import require_checkpoint_suffix
    from mnist_desk.support.config import resolve_data_dir
    from mnist_desk.support.devices import machine_description
    from mnist_desk.training.gate import train_gate
    from mnist_desk.training.gate_data import GateSettings
    from mnist_desk.training.preflight import check_training_can_start

    use_thread_count(args.threads)
    settings = GateSettings(
        **{f.name: getattr(args, f.name) for f in dataclasses.fields(GateSettings)}
    )
    # each refused now, before MNIST loads, not after the epochs: a gate that cannot be saved,
    # or trained, is lost
    settings.validate()
    if settings.init_from:
        _require_files([settings.init_from])
    require_checkpoint_suffix(args.output, "--output")
    check_training_can_start(
        Path(args.output), resolve_data_dir(args.data_dir), not args.no_download
    )
    train_gate(
        settings,
        _splits(args),
        Path(args.output),
        extra_meta={
            "command": "mnist-desk " + shlex.join(sys.argv[1:]),
            "machine": machine_description(),
        },
    )
    print(f"saved {args.output}")
    return EXIT_OK


def cmd_gate_threshold(args: argparse.Namespace) -> int:
    from mnist_desk.training.gate import rethreshold_gate
    from mnist_desk.training.ranges import require_share

    use_thread_count(args.threads)
    require_share(
        {
            "the share of MNIST's digits to turn away (--reject-share)": args.reject_share,
            "the share of redrawn digits to turn away (--redrawn-reject-share)": (
                args.redrawn_reject_share
            ),
        }
    )
    _require_files([args.gate])
    rethreshold_gate(
        args.gate,
        _splits(args),
        args.reject_share,
        args.redrawn_reject_share,
        "mnist-desk " + shlex.join(sys.argv[1:]),
    )
    print(f"saved {args.gate}")
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    from mnist_desk.support.devices import resolve_device
    from mnist_desk.training.calibration import recalibrate_checkpoint

    use_thread_count(args.threads)
    checkpoints = calibration_files(args.checkpoints, args.models_dir)
    _require_files(checkpoints, readable=True)
    splits = _splits(args)
    device = resolve_device(args.device)
    command = "mnist-desk " + shlex.join(sys.argv[1:])
    fitted = {}
    for path in checkpoints:
        fitted[str(path)] = recalibrate_checkpoint(path, splits.val, device, command)
        if not args.json:
            for what, c in fitted[str(path)].items():
                if what not in ("digits", "sums"):
                    continue
                print(
                    f"{path} {what}: temperature {c['temperature']:.4f}; validation NLL "
                    f"{c['before']['nll']:.4f} -> {c['after']['nll']:.4f}, ECE "
                    f"{c['before']['ece']:.2%} -> {c['after']['ece']:.2%}"
                )
    if args.json:
        print(json.dumps(fitted))
    return EXIT_OK
