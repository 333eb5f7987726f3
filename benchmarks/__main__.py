"""``python -m benchmarks``: run the benchmark rows, print one markdown table, update RESULTS.md.

python -m benchmarks                 # every row (about 15 minutes on 2 CPU cores)
python -m benchmarks --quick         # a smoke run: a few steps and calls per row, writes nothing
python -m benchmarks --rows 1,3      # some rows only: RESULTS.md keeps the other rows' last runs
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import (
    REPO,
    Line,
    Options,
    cores,
    log,
    machine_info,
    repo_path,
    set_threads,
)
from benchmarks.results import RESULTS_MD, render_table, save_row, write_results_md

ROWS = {
    "1": ("time to 99% test accuracy, project vs reference", "benchmarks.time_to_accuracy"),
    "1w": (
        "row 1 as whole commands, on a CPU with and without native bf16",
        "benchmarks.whole_commands",
    ),
    "1b": (
        "the Best preset as a whole command beside the public recipe's",
        "benchmarks.best_preset",
    ),
    "2": ("adders: time and steps to 98% test sum accuracy", "benchmarks.adders"),
    "3": ("recognition latency per shipped model", "benchmarks.latency"),
    "4": ("startup to window and to first prediction", "benchmarks.startup"),
    "5": ("GUI responsiveness while training", "benchmarks.responsiveness"),
    "6": ("training throughput and memory per architecture", "benchmarks.throughput"),
    "7": ("MNIST addition, standard protocol (N=1), 1 epoch", "benchmarks.addition_protocol"),
    "8": ("drawn digits and sums through the real window, every shipped model", "benchmarks.drawn"),
    "9": (
        "MNIST addition, standard protocol (N=1), 10 epochs",
        "benchmarks.addition_protocol:run_scallop_budget",
    ),
    "10": ("teach it your hand: fine-tune on personal digits", "benchmarks.personal"),
    "11": ("drawn numbers and their sums through the real window", "benchmarks.numbers"),
    "12": ('"not a digit" and honest confidence through the real window', "benchmarks.not_a_digit"),
    "13": ("faithful heatmaps: the deletion test", "benchmarks.faithfulness"),
    "14": ("the Inside dock: live, and never blocking", "benchmarks.inside"),
    "15": (
        "Compare architectures in the window: the seed's four, 1 epoch",
        "benchmarks.arch_compare",
    ),
    "17": (
        "standalone CPU app: startup against its virtual environment",
        "benchmarks.frozen_startup",
    ),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: a few steps and calls")
    parser.add_argument("--rows", default=",".join(ROWS), help="comma-separated rows, e.g. 1,3")
    parser.add_argument("--data-dir", help="folder holding MNIST/raw (default: $MNIST_DESK_DATA)")
    parser.add_argument(
        "--threads", type=int, default=cores(), help="torch threads (default: cores)"
    )
    parser.add_argument("--no-cuda", action="store_true", help="skip the CUDA rows even with a GPU")
    parser.add_argument(
        "--cuda-only",
        action="store_true",
        help="rows that measure on the CPU and on CUDA (1, 3, 6) measure on CUDA only",
    )
    parser.add_argument(
        "--output",
        help="write this run's table here instead of updating "
        f"{RESULTS_MD.relative_to(REPO)} (a --quick run writes nothing by default)",
    )
    return parser.parse_args(argv)


def render(lines: list[Line], machine: dict[str, str], opts: Options, wall: float, cmd: str) -> str:
    about = ", ".join(f"{k}: {v}" for k, v in machine.items())
    mode = "quick smoke run (not a measurement)" if opts.quick else "full run"
    return f"Machine: {about}\n\nCommand: `{cmd}` ({mode}, {wall / 60:.1f} min)\n\n{render_table(lines)}"


def recorded_command(argv: list[str]) -> str:
    """This run's command as RESULTS.md records it: a path inside or beside the repository
    (``--data-dir /work/shared/datasets``) relative to its root (``../shared/datasets``)."""

    def word(text: str) -> str:
        option, equals, value = text.partition("=")
        if equals and option.startswith("--") and os.path.isabs(value):
            return f"{option}={repo_path(value)}"
        return repo_path(text) if os.path.isabs(text) else text

    return " ".join(["python -m benchmarks", *map(word, argv)])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = Path(
        args.data_dir or os.environ.get("MNIST_DESK_DATA") or REPO.parent / "shared/datasets"
    )
    if not (data_dir / "MNIST" / "raw").is_dir():
        print(
            f"error: no MNIST in {data_dir}/MNIST/raw; set MNIST_DESK_DATA or --data-dir",
            file=sys.stderr,
        )
        return 1
    import torch

    if args.cuda_only and not torch.cuda.is_available():
        print("error: --cuda-only, but PyTorch sees no CUDA device here", file=sys.stderr)
        return 1
    opts = Options(
        quick=args.quick,
        data_dir=data_dir.resolve(),
        threads=args.threads,
        cuda=torch.cuda.is_available() and not args.no_cuda,
        cpu=not args.cuda_only,
    )
    set_threads(opts.threads)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    chosen = [r.strip() for r in args.rows.split(",") if r.strip()]
    unknown = [r for r in chosen if r not in ROWS]
    if unknown:
        print(
            f"error: unknown rows {', '.join(unknown)}; rows are {', '.join(ROWS)}", file=sys.stderr
        )
        return 2

    machine = machine_info(opts.threads)
    load_start = os.getloadavg()[0]
    started = time.perf_counter()
    cmd = recorded_command(argv if argv is not None else sys.argv[1:])
    lines: list[Line] = []
    for row in chosen:
        title, module_name = ROWS[row]
        row_start, row_load = time.perf_counter(), os.getloadavg()[0]
        row_machine = machine
        log(f"row {row}: {title}")
        try:
            module_path, _, function = module_name.partition(":")  # "module[:function]"
            module = __import__(module_path, fromlist=["run"])
            row_lines = getattr(module, function or "run")(opts)
            # A row that times on a thread count of its own (row 3: one, as the window reads)
            # records that count, not --threads.
            own_threads = getattr(module, "TORCH_THREADS", None)
            if own_threads is not None:
                row_machine = {**machine, "torch threads": str(own_threads)}
        except Exception as e:  # one broken row must not hide the others
            traceback.print_exc(file=sys.stderr)
            row_lines = [Line(row, title, f"failed: {type(e).__name__}: {e}")]
        row_wall = time.perf_counter() - row_start
        log(f"row {row} took {row_wall:.0f} s")
        lines += row_lines
        if not opts.quick and not args.output:
            # Other work on the machine skews every number: keep how busy it was with the row.
            run = {
                "machine": row_machine,
                "command": cmd,
                "load": f"{row_load:.2f} / {os.getloadavg()[0]:.2f}",
                "wall_s": row_wall,
            }
            save_row(row, title, row_lines, run)
    wall = time.perf_counter() - started
    machine["load average (1 min) at start / end"] = f"{load_start:.2f} / {os.getloadavg()[0]:.2f}"
    table = render(lines, machine, opts, wall, cmd)
    print(table)
    if args.output:
        raw = {"machine": machine, "wall_s": wall, "lines": [x.__dict__ for x in lines]}
        Path(args.output).write_text(
            f"# Benchmark results\n\n{table}\n```json\n{json.dumps(raw, indent=1, default=str)}\n```\n"
        )
        log(f"wrote {args.output}")
    elif not opts.quick:
        log(f"wrote {write_results_md()}")
    log(f"all rows took {wall / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
