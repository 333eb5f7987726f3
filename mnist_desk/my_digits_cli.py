"""The command line for My digits: ``my-digits list|import|export``, and the personal training
and evaluation behind ``train --my-digits`` and ``evaluate MODEL --my-digits``."""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    """The ``my-digits`` subcommand and its actions."""
    parser = sub.add_parser(
        "my-digits",
        parents=[common],
        help="your own digits (corrections kept from the window): list, import, export",
    )
    actions = parser.add_subparsers(dest="my_digits_action", required=True)
    listing = actions.add_parser("list", help="count and list your digits")
    listing.add_argument("--json", action="store_true", help="one JSON object, every digit")
    listing.add_argument("--misread", action="store_true", help="only those the model misread")
    importing = actions.add_parser(
        "import", help="add digits from DIR/0/*.png ... DIR/9/*.png (and its my-digits.csv)"
    )
    importing.add_argument("folder")
    exporting = actions.add_parser(
        "export", help="write your digits to DIR/0/*.png ... DIR/9/*.png plus my-digits.csv"
    )
    exporting.add_argument("folder")
    parser.set_defaults(func=cmd_my_digits)


def cmd_my_digits(args: argparse.Namespace) -> int:
    from mnist_desk.my_digits import MyDigitsStore

    store = MyDigitsStore()
    for problem in store.problems:
        print(f"warning: unreadable digit file skipped: {problem}", file=sys.stderr)
    if args.my_digits_action == "list":
        return _list(store, args)
    if args.my_digits_action == "import":
        from mnist_desk.my_digits_io import import_digits

        report = import_digits(store, args.folder)
        print("\n".join(report.lines()))
        return EXIT_FAILED if report.nothing_imported else EXIT_OK
    from mnist_desk.my_digits_io import export_digits

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
    print(f"{len(store)} digits in {store.folder}, {store.misread_count()} of them misread")
    print("digit " + " ".join(f"{d:>4}" for d in range(10)))
    print("count " + " ".join(f"{n:>4}" for n in counts))
    for d in items:
        read = "?" if d.predicted is None else str(d.predicted)
        mark = "  misread" if d.misread else ""
        print(f"{d.id}  {d.label}  read {read}  {d.model or '-'}  {d.created}{mark}")
    return EXIT_OK
