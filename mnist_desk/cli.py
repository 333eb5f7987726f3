"""The one command-line entry: the GUI by default, and train, evaluate, predict, self-test."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from pathlib import Path

from mnist_desk.errors import UserError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_BUG = 70  # sysexits' EX_SOFTWARE: an unexpected error, its traceback is in the log


def machine_description() -> str:
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gpu = f", {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else ""
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{gpu}"


# ---- train ----------------------------------------------------------------------------------


def _parse_model_args(pairs: list[str]) -> dict:
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


def cmd_train(args: argparse.Namespace) -> int:
    if args.my_digits:
        from mnist_desk.my_digits_cli import cmd_train_personal

        return cmd_train_personal(args)
    from mnist_desk.config import resolve_models_dir
    from mnist_desk.presets import defaults_for
    from mnist_desk.training import (
        EvalEvent,
        FailedEvent,
        StepEvent,
        Trainer,
    )

    s = defaults_for(args.task, args.arch)  # "--arch quick": the quick recipe
    overrides = {
        "epochs": args.epochs,
        "max_steps": args.steps,
        "batch_size": args.batch_size,
        "optimizer": args.optimizer,
        "lr": args.lr,
        "weight_decay": args.weight_decay,
        "schedule": args.schedule,
        "seed": args.seed,
        "device": args.device,
        "patience": args.patience,
        "init_from": args.init_from,
        "label_smoothing": args.label_smoothing,
        "pairs_per_epoch": args.pairs_per_epoch,
        "head_lr_scale": args.head_lr_scale,
        "train_subset": args.train_subset,
        "val_subset": args.val_subset,
        "test_subset": args.test_subset,
        "num_threads": args.threads,
        "evals_per_epoch": args.evals_per_epoch,
        "teacher": args.teacher,
        "distill": args.distill,
        "distill_temperature": args.distill_temperature,
        "distill_alpha": args.distill_alpha,
        "aug_degrees": args.aug_degrees,
        "aug_translate": args.aug_translate,
        "aug_scale": args.aug_scale,
        "synthetic_digits": args.synthetic_digits,
    }
    for key, value in overrides.items():
        if value is not None:
            setattr(s, key, value)
    if args.no_augment:
        s.augment = False
    if args.aug_drawn:
        s.aug_drawn = True
    s.model_kwargs.update(_parse_model_args(args.model_arg))
    if s.task == "transfer" and not s.init_from:
        from mnist_desk.catalog import shipped_checkpoint

        s.init_from = str(shipped_checkpoint("classifier", s.arch))
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
    extra = {"command": command, "machine": machine_description()}

    trainer_started = False

    def report(event) -> None:
        nonlocal trainer_started
        trainer_started = trainer_started or isinstance(event, StepEvent)
        if (
            isinstance(event, StepEvent)
            and not args.quiet
            and (event.step % 50 == 0 or event.step == event.total_steps)
        ):
            rate = event.images_seen / max(event.elapsed, 1e-9)
            eta = (event.total_steps - event.step) * event.elapsed / event.step
            print(
                f"\rstep {event.step}/{event.total_steps}  epoch {event.epoch:.2f}  loss {event.loss:.4f}  "
                f"{rate:,.0f} img/s  ETA {eta:.0f}s   ",
                end="",
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, EvalEvent) and not args.quiet:
            print(
                f"\rstep {event.step}  epoch {event.epoch:.2f}  val loss {event.val_loss:.4f}  "
                f"val error {event.val_error:.2%}  best {event.best_val_error:.2%}  {event.elapsed:.0f}s"
                + " "
                * 10,
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, FailedEvent):
            # a new line only to end a progress line; an error is one line of its own
            end_progress = "\n" if not args.quiet and trainer_started else ""
            print(f"{end_progress}error: {event.message}", file=sys.stderr)

    trainer = Trainer(
        s,
        report,
        data_dir=args.data_dir,
        download=not args.no_download,
        output=output,
        extra_meta=extra,
    )
    try:
        result = trainer.run()
    except KeyboardInterrupt:
        return EXIT_FAILED
    if result is None or result.status == "diverged":
        return EXIT_FAILED
    if result.test:
        print(
            f"{result.status}: test accuracy {result.test['accuracy']:.2%} on {result.test['count']} "
            f"examples after {result.steps} steps in {result.elapsed:.0f}s; saved {result.checkpoint}"
        )
    return EXIT_OK


# ---- evaluate -------------------------------------------------------------------------------


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.my_digits:
        from mnist_desk.my_digits_cli import cmd_evaluate_personal

        return cmd_evaluate_personal(args)
    from mnist_desk.catalog import resolve_model
    from mnist_desk.data import fixed_pairs
    from mnist_desk.devices import resolve_device
    from mnist_desk.models import is_adder
    from mnist_desk.training import full_report

    ckpt = resolve_model(args.checkpoint, args.models_dir)
    device = resolve_device(args.device)
    model = ckpt.build().to(device)
    test = load_splits_or_fail(args).test.subset(args.subset)
    if is_adder(ckpt.task):
        inputs, labels = fixed_pairs(test, len(test))
        num_classes = 19
    else:
        inputs, labels, num_classes = test.images, test.labels, 10
    report, loss, _ = full_report(model, inputs, labels, device, num_classes)
    result = {
        "checkpoint": str(ckpt.path),
        "task": ckpt.task,
        "arch": ckpt.arch,
        "loss": loss,
        **report.to_dict(),
    }
    if args.json:
        print(json.dumps(result))
        return EXIT_OK
    what = "sum" if is_adder(ckpt.task) else "digit"
    print(f"{ckpt.path}: {ckpt.task}/{ckpt.arch}")
    print(
        f"test {what} accuracy {report.accuracy:.2%} on {report.count} examples (loss {loss:.4f})"
    )
    print(f"{'class':>5} {'precision':>9} {'recall':>7}")
    for c, (p, r) in enumerate(zip(report.precision, report.recall, strict=True)):
        print(f"{c:>5} {p:>9.4f} {r:>7.4f}")
    print("confusion matrix (rows: true, columns: predicted)")
    width = max(len(str(v)) for row in report.confusion for v in row) + 1
    print("     " + "".join(f"{c:>{width}}" for c in range(num_classes)))
    for c, row in enumerate(report.confusion):
        print(f"{c:>4} " + "".join(f"{v:>{width}}" for v in row))
    return EXIT_OK


def load_splits_or_fail(args: argparse.Namespace):
    from mnist_desk.config import resolve_data_dir
    from mnist_desk.data import load_splits

    return load_splits(resolve_data_dir(args.data_dir), download=not args.no_download)


# ---- predict --------------------------------------------------------------------------------


def cmd_predict(args: argparse.Namespace) -> int:
    from mnist_desk.inference import Predictor, load_image

    predictor = Predictor.from_model(args.model, device=args.device, models_dir=args.models_dir)
    images = [load_image(p) for p in args.images]
    digits = predictor.predict_digits(images)
    out: dict = {"model": predictor.describe(), "images": []}
    for path, d in zip(args.images, digits, strict=True):
        out["images"].append({"path": str(path), **d.to_dict()})
    total = predictor.predict_sum(images[0], images[1]) if len(images) == 2 else None
    if total is not None:
        out["sum"] = total.to_dict()
    if args.json:
        print(json.dumps(out))
        return EXIT_OK
    for entry, d in zip(out["images"], digits, strict=True):
        if d.blank:
            print(f"{entry['path']}: blank (no digit found)")
            continue
        probs = "  ".join(f"{i}:{p:.2f}" for i, p in enumerate(d.probabilities) if p >= 0.01)
        print(f"{entry['path']}: {d.digit}  (p={d.confidence:.3f}; {probs})")
    if total is not None:
        if total.total is None:
            print("sum: needs two digits")
        else:
            a, b = (d.digit for d in digits)
            print(
                f"sum: {a} + {b} = {total.total}  (p={total.confidence:.3f}, from the {total.source})"
            )
    return EXIT_OK


# ---- list ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    """Every model, shipped and the user's; an unreadable checkpoint is listed with the reason."""
    from mnist_desk.catalog import list_models

    entries = list_models(args.models_dir)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": e.name,
                        "path": str(e.path),
                        "task": e.task,
                        "arch": e.arch,
                        "shipped": e.shipped,
                        "test_accuracy": e.test_accuracy,
                        "problem": e.problem or None,
                    }
                    for e in entries
                ]
            )
        )
        return EXIT_OK
    for e in entries:
        if e.problem:
            print(f"{e.name:<32} unreadable: {e.problem}")
            continue
        accuracy = f"test {e.test_accuracy:.2%}" if e.test_accuracy is not None else ""
        where = "shipped" if e.shipped else "yours"
        print(f"{e.name:<32} {e.task}/{e.arch:<12} {where:<8} {accuracy}")
    return EXIT_OK


# ---- self-test ------------------------------------------------------------------------------


def cmd_self_test(args: argparse.Namespace) -> int:
    from mnist_desk.selftest import run_self_test

    return EXIT_OK if run_self_test(print, open_window=args.window) else EXIT_FAILED


def cmd_gui(args: argparse.Namespace) -> int:
    from mnist_desk.ui.app import run_gui

    return run_gui(args)


# ---- the parser -----------------------------------------------------------------------------


def global_options(default: object) -> argparse.ArgumentParser:
    """--data-dir, --models-dir, --no-download and --device, each defaulting to ``default``."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir",
        default=default,
        help="folder holding MNIST/raw (default: $MNIST_DESK_DATA or the per-user data folder)",
    )
    options.add_argument(
        "--models-dir",
        default=default,
        help="folder for your trained models (default: $MNIST_DESK_MODELS or the per-user folder)",
    )
    options.add_argument(
        "--no-download",
        action="store_true",
        default=False if default is None else default,
        help="never download MNIST; fail with instructions if it is missing",
    )
    options.add_argument("--device", default=default, help="cpu, cuda or cuda:N")
    return options


def build_parser() -> argparse.ArgumentParser:
    from mnist_desk import __version__

    # The global options are accepted before and after the subcommand. The subcommands' copies
    # default to SUPPRESS: a real default there would overwrite what the main parser parsed.
    common = global_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="mnist-desk",
        parents=[global_options(None)],
        description="Draw two digits, see them and their sum recognised; train the networks behind it.",
    )
    parser.add_argument("--version", action="version", version=f"mnist-desk {__version__}")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.set_defaults(func=cmd_gui)

    train = sub.add_parser(
        "train", parents=[common], help="train a model and save it with its metrics"
    )
    train.add_argument(
        "--task", default="classifier", choices=("classifier", "transfer", "scratch")
    )
    train.add_argument(
        "--arch",
        default=None,
        help="architecture: convnet, cnn, lenet5, resnet, vit, deit, vit-distill, mlp "
        "(scratch adder: convnet, or convnet-digits, which learns to read digits from sums)",
    )
    train.add_argument("--epochs", type=float)
    train.add_argument("--steps", type=int, help="a step budget instead of epochs")
    train.add_argument("--batch-size", type=int)
    train.add_argument("--optimizer", choices=("adamw", "adam", "sgd"))
    train.add_argument("--lr", type=float)
    train.add_argument("--weight-decay", type=float)
    train.add_argument("--schedule", choices=("onecycle", "cosine", "constant"))
    train.add_argument("--label-smoothing", type=float)
    train.add_argument(
        "--no-augment", action="store_true", help="train without random affine augmentation"
    )
    train.add_argument("--seed", type=int)
    train.add_argument(
        "--patience",
        type=int,
        help="stop after this many evaluations without a better validation error",
    )
    train.add_argument(
        "--init-from",
        help="the classifier checkpoint to start from: the transfer adder's (default: the shipped one), "
        "or a classifier to fine-tune",
    )
    train.add_argument(
        "--head-lr-scale",
        type=float,
        help="transfer adder: the head's learning rate relative to --lr",
    )
    train.add_argument(
        "--teacher",
        help="distillation: the teacher classifier checkpoint (deit and vit-distill default to the shipped convnet)",
    )
    train.add_argument(
        "--distill",
        choices=("none", "hard", "soft"),
        help="distillation mode (deit: hard, vit-distill: soft)",
    )
    train.add_argument("--distill-temperature", type=float, help="soft distillation temperature")
    train.add_argument(
        "--distill-alpha", type=float, help="soft distillation: weight of the teacher term"
    )
    train.add_argument(
        "--aug-degrees", type=float, help="augmentation: random rotation, +- degrees"
    )
    train.add_argument(
        "--aug-translate", type=float, help="augmentation: random shift, +- fraction of the image"
    )
    train.add_argument("--aug-scale", type=float, help="augmentation: random zoom, 1 +- this")
    train.add_argument(
        "--aug-drawn",
        action="store_true",
        help="augmentation for drawn digits too: slant, aspect, elastic wobble, stroke thickness",
    )
    train.add_argument(
        "--synthetic-digits",
        type=int,
        help="add this many drawn-style template digits (flag 1s, crossed 7s, closed 4s...)",
    )
    train.add_argument("--pairs-per-epoch", type=int)
    train.add_argument("--evals-per-epoch", type=int)
    train.add_argument("--train-subset", type=int)
    train.add_argument("--val-subset", type=int)
    train.add_argument("--test-subset", type=int)
    train.add_argument("--threads", type=int, help="CPU threads for torch")
    train.add_argument(
        "--model-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="architecture setting, e.g. width=48",
    )
    train.add_argument("--output", "-o", help="checkpoint path (default: the models folder)")
    train.add_argument("--record-command", default=None, help=argparse.SUPPRESS)
    train.add_argument("--quiet", "-q", action="store_true")
    train.add_argument(
        "--my-digits",
        action="store_true",
        help="fine-tune a classifier on your own digits: --init-from MODEL, by default the "
        "classifier that read your newest digit in the window (else the shipped one)",
    )
    train.set_defaults(func=cmd_train)

    evaluate = sub.add_parser(
        "evaluate", parents=[common], help="test accuracy, per-class metrics and confusion matrix"
    )
    evaluate.add_argument(
        "checkpoint", help="a .pt file, or a model name such as classifier-convnet"
    )
    evaluate.add_argument("--subset", type=int, help="only the first N test examples")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument(
        "--my-digits", action="store_true", help="accuracy on your own digits instead of MNIST"
    )
    evaluate.set_defaults(func=cmd_evaluate)

    predict = sub.add_parser(
        "predict", parents=[common], help="recognise digits in image files (two give their sum)"
    )
    predict.add_argument("images", nargs="+", type=Path)
    predict.add_argument(
        "--model",
        default=None,
        help="a .pt file or model name (default: the shipped best classifier)",
    )
    predict.add_argument("--json", action="store_true")
    predict.set_defaults(func=cmd_predict)

    listing = sub.add_parser(
        "list", parents=[common], help="the models you can use; unreadable ones with the reason"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    self_test = sub.add_parser(
        "self-test", parents=[common], help="check every shipped model on shipped sample digits"
    )
    self_test.add_argument(
        "--window", action="store_true", help="also open and close the main window (offscreen)"
    )
    self_test.set_defaults(func=cmd_self_test)

    from mnist_desk.my_digits_cli import add_parsers as add_my_digits_parsers

    add_my_digits_parsers(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_gui)
    from mnist_desk.logs import install_thread_hook, report_unexpected

    install_thread_hook()
    try:
        return func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except UserError as e:  # the user's to fix: one line, no traceback
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as e:  # a bug: the traceback goes to the log, the user learns where
        print(f"error: {report_unexpected(e, 'mnist-desk ' + str(func.__name__))}", file=sys.stderr)
        return EXIT_BUG
