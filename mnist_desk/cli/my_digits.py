"""The command line for My digits: ``my-digits list|import|export``, and the personal training
and evaluation behind ``train --my-digits`` and ``evaluate MODEL --my-digits``."""

from __future__ import annotations

import argparse
import json
import sys

from mnist_desk.cli.ctrl_c import EXIT_INTERRUPTED, ctrl_c_stops
from mnist_desk.support.wording import count_of

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(sub) -> None:
    """The ``my-digits`` subcommand and its actions."""
    parser = sub.add_parser(
        "my-digits",
        help="your own digits (corrections kept from the window): list, import, export",
    )
    actions = parser.add_subparsers(dest="my_digits_action", required=True)
    listing = actions.add_parser("list", help="count and list your digits")
    listing.add_argument("--json", action="store_true", help="one JSON object, every digit")
    listing.add_argument("--misread", action="store_true", help="only those the model misread")
    importing = actions.add_parser(
        "import", help="add digits from DIR/0/*.png ... DIR/9/*.png (and its my-digits.csv)"
    )
    importing.add_argument(
        "folder", metavar="DIR", help="a folder with a subfolder per digit: DIR/0 ... DIR/9"
    )
    exporting = actions.add_parser(
        "export", help="write your digits to DIR/0/*.png ... DIR/9/*.png plus my-digits.csv"
    )
    exporting.add_argument(
        "folder", metavar="DIR", help="the folder to write to (made if it is not there)"
    )
    parser.set_defaults(func=cmd_my_digits)


def cmd_my_digits(args: argparse.Namespace) -> int:
    from mnist_desk.personal.store import MyDigitsStore

    store = MyDigitsStore()
    for problem in store.problems:
        print(f"warning: unreadable digit file skipped: {problem}", file=sys.stderr)
    if args.my_digits_action == "list":
        return _list(store, args)
    if args.my_digits_action == "import":
        from mnist_desk.personal.folders import import_digits

        report = import_digits(store, args.folder)
        print("\n".join(report.lines()))
        return EXIT_FAILED if report.nothing_imported else EXIT_OK
    from mnist_desk.personal.folders import export_digits

    if not len(store):
        print(f"error: no digits to export (your digits live in {store.folder})", file=sys.stderr)
        return EXIT_FAILED
    print(export_digits(store, args.folder).summary())
    return EXIT_OK


def _list(store, args: argparse.Namespace) -> int:
    items = store.items(misread_only=args.misread)
    counts = store.counts()
    if args.json:
        out = {
            "folder": str(store.folder),
            "count": len(store),
            "counts": counts,
            "misread": store.misread_count(),
            "digits": [d.summary() for d in items],
            "problems": store.problems,
        }
        print(json.dumps(out))
        return EXIT_OK
    misread = store.misread_count()
    print(f"{count_of(len(store), 'digit')} in {store.folder}; misread by their model: {misread}")
    print("digit " + " ".join(f"{d:>4}" for d in range(10)))
    print("count " + " ".join(f"{n:>4}" for n in counts))
    for d in items:
        read = "?" if d.predicted is None else str(d.predicted)
        mark = "  misread" if d.misread else ""
        print(f"{d.id}  {d.label}  read {read}  {d.model or '-'}  {d.created}{mark}")
    return EXIT_OK


def cmd_train_personal(args: argparse.Namespace) -> int:
    """``train --task classifier --my-digits``: fine-tune on your digits, print before/after."""
    import shlex

    from mnist_desk.errors import UserError
    from mnist_desk.personal.fine_tune import PersonalTrainer
    from mnist_desk.personal.models import classifier_last_used
    from mnist_desk.personal.recipe import PersonalSettings
    from mnist_desk.personal.store import MyDigitsStore
    from mnist_desk.store.catalog import resolve_model
    from mnist_desk.support.devices import machine_description
    from mnist_desk.training import EvalEvent, FailedEvent

    if args.task != "classifier":
        raise UserError("--my-digits fine-tunes a classifier: use --task classifier")
    settings = PersonalSettings(device=args.device or "cpu")
    store = MyDigitsStore()
    if args.init_from:
        settings.init_from = str(resolve_model(args.init_from, args.models_dir).path)
    else:  # the classifier in use in the window, as the newest digit recorded it
        last = classifier_last_used(store.items(), args.models_dir)
        settings.init_from = str(last) if last else None
        if last and not args.quiet:
            print(f"starting from {last.stem}, which read your newest digit", file=sys.stderr)
    for name, value in (
        ("steps", args.steps),
        ("batch_size", args.batch_size),
        ("lr", args.lr),
        ("seed", args.seed),
        ("num_threads", args.threads),
        ("test_subset", args.test_subset),
        ("val_subset", args.val_subset),
    ):
        if value is not None:
            setattr(settings, name, value)
    command = args.record_command or "mnist-desk " + shlex.join(sys.argv[1:])

    def report(event) -> None:
        if isinstance(event, EvalEvent) and not args.quiet:
            print(
                f"step {event.step}  MNIST val error {event.val_error:.2%}  {event.elapsed:.1f}s",
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, FailedEvent):
            print(f"error: {event.message}", file=sys.stderr)

    trainer = PersonalTrainer(
        settings,
        store.items(),
        report,
        data_dir=args.data_dir,
        download=not args.no_download,
        output=args.output,
        models_dir=args.models_dir,
        extra_meta={"command": command, "machine": machine_description()},
    )
    with ctrl_c_stops(trainer.controls):  # as train's Ctrl-C: the model so far is kept
        result = trainer.run()
    if result is None or result.personal is None or not result.checkpoint:
        return EXIT_FAILED
    print(
        f"fine-tuned {result.personal.base_model} on {result.personal.learn_count} of your digits"
    )
    print("\n".join(result.personal.lines()))
    print(f"{result.steps} steps in {result.elapsed:.1f}s; saved {result.checkpoint}")
    if trainer.transfer_checkpoint:
        print(f"the transfer adder with it: {trainer.transfer_checkpoint}")
    return EXIT_INTERRUPTED if trainer.controls.cancelled else EXIT_OK


def cmd_evaluate_personal(args: argparse.Namespace) -> int:
    """``evaluate MODEL --my-digits``: accuracy on your digits (and on those it never saw)."""
    from mnist_desk.errors import UserError
    from mnist_desk.personal.models import evaluate_on_digits
    from mnist_desk.personal.store import MyDigitsStore
    from mnist_desk.store.catalog import resolve_model

    ckpt = resolve_model(args.checkpoint, args.models_dir)
    if ckpt.task != "classifier":
        raise UserError(f"{ckpt.path}: --my-digits evaluates a single-digit classifier")
    store = MyDigitsStore()
    if not len(store):
        raise UserError(f"you have no digits yet (they live in {store.folder})")
    result = evaluate_on_digits(ckpt, store.items(), args.device or "cpu")
    if args.json:
        print(json.dumps(result))
        return EXIT_OK
    print(f"{ckpt.path}: your digits: {result['accuracy']:.1%} of {result['count']} read right")
    if result["trained_on_count"]:
        unseen = result["unseen_accuracy"]
        print(
            f"  it was fine-tuned on {result['trained_on_count']} of them; on the other "
            f"{result['unseen_count']}: " + ("-" if unseen is None else f"{unseen:.1%}")
        )
    return EXIT_OK
