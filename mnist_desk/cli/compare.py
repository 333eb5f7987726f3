"""``mnist-desk compare --archs mlp,lenet5,cnn,vit``: Compare architectures from the command line.

The same app-layer code as the window's Compare architectures: a ``TrainingSession`` (its worker
inline) trains each architecture in turn on one budget (``training.arch_comparison``), and the
verdict (``app.arch_verdict``) is printed as a table and in words, or as one JSON object with a
row per architecture.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from mnist_desk.cli.arguments import GLOBAL_OPTIONS, subcommand_options

EXIT_OK, EXIT_FAILED = 0, 1
SEED_FOUR = "mlp,lenet5,vit,deit"  # training.arch_comparison.SEED_FOUR, without loading torch


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "compare",
        parents=[subcommand_options(*GLOBAL_OPTIONS)],
        help="train several architectures on one budget and compare them",
        description="Train each architecture in turn on the same data, seed and budget (each "
        "with its own recipe; DeiT with its teacher), then test each, read the project's drawn "
        "digits with it, and say which wins. The models are saved in the models folder.",
    )
    parser.add_argument(
        "--archs",
        default=SEED_FOUR,
        help=f"comma-separated classifier architectures (default: {SEED_FOUR}, the seed's four)",
    )
    parser.add_argument("--epochs", type=float, default=None, help="passes each (default 1)")
    parser.add_argument("--steps", type=int, default=None, help="a step budget instead of epochs")
    parser.add_argument("--batch-size", type=int, default=None, help="examples per step (128)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (0)")
    parser.add_argument("--train-subset", type=int, default=None, help="first N training images")
    parser.add_argument("--val-subset", type=int, default=None, help="first N validation images")
    parser.add_argument("--test-subset", type=int, default=None, help="first N test images")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    parser.add_argument("--json", action="store_true", help="one JSON object, a row per arch")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=cmd_compare)


def budget_from_args(args: argparse.Namespace):
    """``arch_comparison.default_budget()`` with the options given."""
    from mnist_desk.training.arch_comparison import default_budget

    budget = default_budget()
    given = {
        "epochs": args.epochs,
        "max_steps": args.steps,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "train_subset": args.train_subset,
        "val_subset": args.val_subset,
        "test_subset": args.test_subset,
        "num_threads": args.threads,
        "device": args.device,
    }
    return replace(budget, **{name: value for name, value in given.items() if value is not None})


def progress_printer(quiet: bool):
    """The session's events as progress lines on stderr."""
    from mnist_desk.app.training_events import Evaluated, RunEnded, RunStarted, StepsDone

    def show(event) -> None:
        if quiet:
            return
        if isinstance(event, RunStarted):
            print(f"{event.name}: {event.total_steps:,} steps", file=sys.stderr)
        elif isinstance(event, StepsDone):
            step = event.steps[-1]
            rate = step.images_seen / max(step.elapsed, 1e-9)
            print(
                f"\r  step {step.step}/{step.total_steps}  loss {step.loss:.4f}  "
                f"{rate:,.0f} img/s   ",
                end="",
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, Evaluated):
            point = event.point
            print(
                f"\r  step {point.step}  val error {point.val_error:.2%}  {point.elapsed:.0f}s"
                + " " * 20,
                file=sys.stderr,
                flush=True,
            )
        elif isinstance(event, RunEnded):  # the problem's first line (what is wrong): its whole
            # message, with what to do, ends the comparison if every architecture would meet it
            problem = f": {event.problem.splitlines()[0]}" if event.problem else ""
            print(f"  {event.status}{problem}", file=sys.stderr, flush=True)

    return show


def table(verdict) -> str:
    """The rows as a plain-text table."""

    def cell(value, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    lines = [
        f"{'architecture':<34} {'test':>7} {'drawn':>7} {'params':>9} {'time':>7} {'img/s':>7}"
    ]
    for r in verdict.rows:
        lines.append(
            f"{r.name:<34} {cell(r.test_accuracy, '.2%'):>7} {cell(r.drawn_digits, '.1%'):>7} "
            f"{cell(r.parameters, ','):>9} {cell(r.seconds, '.0f') + 's':>7} "
            f"{cell(r.images_per_second, ',.0f'):>7}"
        )
    return "\n".join(lines)


def cmd_compare(args: argparse.Namespace) -> int:
    from mnist_desk.app.arch_verdict import verdict_lines
    from mnist_desk.app.jobs import InlineWorker
    from mnist_desk.app.training_events import ComparisonEnded
    from mnist_desk.app.training_session import TrainingSession
    from mnist_desk.errors import UserError
    from mnist_desk.support.devices import machine_description

    session = TrainingSession(
        InlineWorker(),
        data_dir=args.data_dir,
        download=not args.no_download,
        models_dir=args.models_dir,
    )
    outcomes = []
    session.on_event(progress_printer(args.quiet))
    session.on_event(
        lambda e: outcomes.append(e.outcome) if isinstance(e, ComparisonEnded) else None
    )
    refused = session.compare_architectures(args.archs, budget_from_args(args))
    if refused is not None:
        raise UserError(refused.detail or refused.problem.value)
    outcome = outcomes[-1] if outcomes else None
    if outcome is None:
        return EXIT_FAILED
    if outcome.problem:
        raise UserError(outcome.problem)
    verdict = outcome.verdict
    words = verdict_lines(verdict)
    if args.json:
        data = {**verdict.to_dict(), "verdict": words, "machine": machine_description()}
        print(json.dumps(data, indent=2))
    else:
        print(table(verdict))
        print()
        print("\n".join(words))
    return EXIT_OK if verdict.decided else EXIT_FAILED
