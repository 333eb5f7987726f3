"""The one command-line entry: the GUI by default, and train, evaluate, predict, self-test."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path
from typing import NoReturn

from mnist_desk.cli.ctrl_c import EXIT_INTERRUPTED
from mnist_desk.cli.evaluate import cmd_evaluate
from mnist_desk.cli.train import EXIT_FAILED, EXIT_OK, LazyOptionsParser, add_train_parser
from mnist_desk.errors import UserError

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command killed by SIGPIPE
EXIT_BUG = 70  # sysexits' EX_SOFTWARE: an unexpected error, its traceback is in the log


# ---- predict --------------------------------------------------------------------------------


def cmd_predict(args: argparse.Namespace) -> int:
    """Read the number in each image (the window's way: ink blobs grouped into digits); two
    images also give their sum, added by the model as the window adds them."""
    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.imaging.image_files import load_image
    from mnist_desk.recognition.predictor import Predictor

    predictor = Predictor.from_model(args.model, device=args.device, models_dir=args.models_dir)
    images = [picture_from_image(load_image(p)) for p in args.images]
    summed = predictor.predict_sum(images[0], images[1]) if len(images) == 2 else None
    numbers = summed.numbers if summed is not None else predictor.predict_numbers(images)
    out: dict = {"model": predictor.describe(), "images": []}
    for path, number in zip(args.images, numbers, strict=True):
        out["images"].append({"path": str(path), **number.to_dict()})
    if summed is not None:
        out["total"] = summed.total  # null unless both images are read as numbers
        out["sum"] = summed.to_dict()
    if args.json:
        print(json.dumps(out))
        return EXIT_OK
    for entry, number in zip(out["images"], numbers, strict=True):
        print(f"{entry['path']}: {_number_line(number)}")
    if summed is not None:
        if summed.total is None:
            print("sum: needs a number in each image")
        else:
            a, b = (n.text for n in summed.numbers)
            print(
                f"sum: {a} + {b} = {summed.total}  "
                f"(p={summed.confidence:.3f}, from the {summed.source})"
            )
    return EXIT_OK


def _number_line(number) -> str:
    """One image's reading for the terminal: the digit and its probabilities, or the number and
    each digit's probability, or why there is none."""
    if number.blank:
        return "blank (no digit found)"
    if len(number.digits) == 1 and number.value is not None:
        d = number.digits[0]
        probs = "  ".join(f"{i}:{p:.2f}" for i, p in enumerate(d.probabilities) if p >= 0.01)
        return f"{d.digit}  (p={d.confidence:.3f}; {probs})"
    digits = ", ".join(
        f"? ({d.doubt})" if d.digit is None else f"{d.digit} (p={d.confidence:.3f})"
        for d in number.digits
    )
    if number.value is None:
        return f"not a number: {number.text}  [{digits}]"
    return f"{number.text}  (p={number.confidence:.3f}; digits {digits})"


# ---- list ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    """Every model, shipped and the user's; an unreadable checkpoint is listed with the reason."""
    from mnist_desk.store.catalog import list_models

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
        print(f"{e.name:<32} {e.task + '/' + e.arch:<24} {where:<8} {accuracy}")
    return EXIT_OK


# ---- self-test ------------------------------------------------------------------------------


def cmd_self_test(args: argparse.Namespace) -> int:
    from mnist_desk.recognition.self_test import run_self_test

    window_check = None
    if args.window:
        from mnist_desk.ui.shell.app import open_and_close_window as window_check
    ok = run_self_test(print, window_check, device=getattr(args, "device", None))
    return EXIT_OK if ok else EXIT_FAILED


def require_a_display() -> None:
    """On Linux without a display (SSH, a container) Qt aborts with "Reinstalling the
    application may fix this problem"; say what is wrong and what works instead."""
    import os

    if not sys.platform.startswith("linux"):
        return
    if any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return
    raise UserError(
        "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Run mnist-desk on a desktop, or use its commands here: mnist-desk predict IMAGE, "
        "mnist-desk train, mnist-desk --help"
    )


def cmd_gui(args: argparse.Namespace) -> int:
    require_a_display()
    model = getattr(args, "model", None)
    if model:  # checked before the window opens: an unknown name is an error, not a fallback
        from mnist_desk.store.names import require_model_file

        args.model = str(require_model_file(model, args.models_dir))
    from mnist_desk.ui.shell.app import run_gui

    return run_gui(args)


# ---- the parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from mnist_desk import __version__
    from mnist_desk.cli.arguments import (
        DATA_DIR,
        DEVICE,
        GLOBAL_OPTIONS,
        MODELS_DIR,
        at_least_one,
        global_options,
        subcommand_options,
    )

    # The global options are accepted before the subcommand, and after it those it uses.
    parser = argparse.ArgumentParser(
        prog="mnist-desk",
        parents=[global_options(None)],
        allow_abbrev=False,  # an abbreviation could name another option (--model: --models-dir)
        description="Draw two digits, see them and their sum recognised; train the networks behind it.",
    )
    parser.add_argument("--version", action="version", version=f"mnist-desk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=LazyOptionsParser)

    gui = sub.add_parser(
        "gui",
        parents=[subcommand_options(DATA_DIR, MODELS_DIR, DEVICE)],
        help="open the window (the default)",
    )
    gui.add_argument(
        "--model",
        default=None,
        help="open with this .pt file or model name, as `predict --model` takes it "
        "(default: the model used last, else the shipped best classifier)",
    )
    gui.set_defaults(func=cmd_gui)

    add_train_parser(sub)

    evaluate = sub.add_parser(
        "evaluate",
        parents=[subcommand_options(*GLOBAL_OPTIONS)],
        help="test accuracy, per-class metrics and confusion matrix",
    )
    evaluate.add_argument(
        "checkpoint", help="a .pt file, or a model name such as classifier-convnet"
    )
    evaluate.add_argument("--subset", type=at_least_one, help="only the first N test examples")
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="one JSON object; confusion_examples lists the test indices behind each mistake cell",
    )
    evaluate.add_argument(
        "--confusion-images",
        type=Path,
        metavar="DIR",
        help="write every misread test image to DIR/true-T/said-S/test-NNNNN.png",
    )
    evaluate.add_argument(
        "--my-digits", action="store_true", help="accuracy on your own digits instead of MNIST"
    )
    evaluate.set_defaults(func=cmd_evaluate)

    predict = sub.add_parser(
        "predict",
        parents=[subcommand_options(MODELS_DIR, DEVICE)],
        help="recognise digits in image files (two give their sum)",
    )
    predict.add_argument(
        "images",
        nargs="+",
        type=Path,
        help="image files (PNG, JPEG, ...), each holding a number of one or more digits",
    )
    predict.add_argument(
        "--model",
        default=None,
        help="a .pt file or model name (default: the shipped best classifier)",
    )
    predict.add_argument(
        "--json",
        action="store_true",
        help="one JSON object: per image its number, digits and (if none) the reason; "
        "for two images their total",
    )
    predict.set_defaults(func=cmd_predict)

    listing = sub.add_parser(
        "list",
        parents=[subcommand_options(MODELS_DIR)],
        help="the models you can use; unreadable ones with the reason",
    )
    listing.add_argument("--json", action="store_true", help="one JSON list, an object per model")
    listing.set_defaults(func=cmd_list)

    self_test = sub.add_parser(
        "self-test",
        parents=[subcommand_options(DEVICE)],
        help="check every shipped model on shipped sample digits",
    )
    self_test.add_argument(
        "--window", action="store_true", help="also open and close the main window (offscreen)"
    )
    self_test.set_defaults(func=cmd_self_test)

    from mnist_desk.cli.compare import add_parser as add_compare_parser
    from mnist_desk.cli.export import add_parser as add_export_parser
    from mnist_desk.cli.inside import add_parsers as add_inside_parsers
    from mnist_desk.cli.judge import add_parsers as add_judge_parsers
    from mnist_desk.cli.my_digits import add_parsers as add_my_digits_parsers

    add_compare_parser(sub)
    add_export_parser(sub)
    add_inside_parsers(sub)
    add_my_digits_parsers(sub)
    add_judge_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:  # train's options load torch while they are parsed: a Ctrl-C there is no traceback
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    func = getattr(args, "func", cmd_gui)
    from mnist_desk.support.allocator import reuse_freed_memory
    from mnist_desk.support.logs import install_thread_hook, report_unexpected

    reuse_freed_memory()  # this process's choice, as its thread count: training steps run faster
    install_thread_hook()
    try:
        status = func(args)
        sys.stdout.flush()  # here, so that a reader gone early is caught below
        return status
    except BrokenPipeError:  # `mnist-desk list | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except UserError as e:  # the user's to fix: one line, no traceback
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as e:  # a bug: the traceback goes to the log, the user learns where
        print(f"error: {report_unexpected(e, 'mnist-desk ' + str(func.__name__))}", file=sys.stderr)
        return EXIT_BUG


def _silence_stdout() -> None:
    """Point stdout at the null device: the interpreter's last flush would fail again."""
    import contextlib
    import os

    # ValueError, io.UnsupportedOperation: no real file descriptor (e.g. captured by a test)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def console() -> NoReturn:
    """The ``mnist-desk`` command and ``python -m mnist_desk``: ``main``, then exit with its status.

    On the way out the cyclic garbage collector is switched off and what is alive is frozen: the
    interpreter's teardown of torch's ~300,000 objects otherwise runs collection after collection,
    0.55 of the 0.8 s a finished command took to give the prompt back (2 cores). Exit handlers
    still run, and every file the command wrote is closed by then."""
    status = main()
    gc.disable()
    gc.freeze()
    raise SystemExit(status)
