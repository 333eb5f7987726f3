"""``python -m benchmarks``: run the benchmark rows, print one markdown table, write RESULTS.md.

python -m benchmarks                 # every row (about 15 minutes on 2 CPU cores)
python -m benchmarks --quick         # a smoke run: a few steps and calls per row
python -m benchmarks --rows 1,3      # some rows only
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import REPO, Line, Options, cores, log, machine_info, set_threads

ROWS = {
    "1": ("time to 99% test accuracy, project vs reference", "benchmarks.time_to_accuracy"),
    "2": ("adders: time and steps to 98% test sum accuracy", "benchmarks.adders"),
    "3": ("recognition latency per shipped model", "benchmarks.latency"),
    "4": ("startup to window and to first prediction", "benchmarks.startup"),
    "5": ("GUI responsiveness while training", "benchmarks.responsiveness"),
    "6": ("training throughput and memory per architecture", "benchmarks.throughput"),
    "8": ("drawn digits and sums through the real window, every shipped model", "benchmarks.drawn"),
}
RESULTS = REPO / "benchmarks" / "RESULTS.md"


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
        "--output",
        help=f"write the table here (default: {RESULTS.relative_to(REPO)} for a full run, "
        "nothing for --quick)",
    )
    return parser.parse_args(argv)


def render(lines: list[Line], machine: dict[str, str], opts: Options, wall: float, cmd: str) -> str:
    head = "| # | Benchmark | Measured | Goal | Met | Notes |\n|---|---|---|---|---|---|\n"
    body = "".join(
        f"| {x.row} | {x.name} | {x.measured} | {x.goal} | {x.verdict} | {x.notes} |\n"
        for x in lines
    )
    about = ", ".join(f"{k}: {v}" for k, v in machine.items())
    mode = "quick smoke run (not a measurement)" if opts.quick else "full run"
    return f"Machine: {about}\n\nCommand: `{cmd}` ({mode}, {wall / 60:.1f} min)\n\n{head}{body}"


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

    opts = Options(
        quick=args.quick,
        data_dir=data_dir.resolve(),
        threads=args.threads,
        cuda=torch.cuda.is_available() and not args.no_cuda,
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
    lines: list[Line] = []
    for row in chosen:
        title, module_name = ROWS[row]
        row_start = time.perf_counter()
        log(f"row {row}: {title}")
        try:
            module = __import__(module_name, fromlist=["run"])
            lines += module.run(opts)
        except Exception as e:  # one broken row must not hide the others
            traceback.print_exc(file=sys.stderr)
            lines.append(Line(row, title, f"failed: {type(e).__name__}: {e}"))
        log(f"row {row} took {time.perf_counter() - row_start:.0f} s")
    wall = time.perf_counter() - started
    # Other work on the machine skews every number: say how busy it was.
    machine["load average (1 min) at start / end"] = f"{load_start:.2f} / {os.getloadavg()[0]:.2f}"

    cmd = (
        "python -m benchmarks"
        + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    )
    table = render(lines, machine, opts, wall, cmd.strip())
    print(table)
    output = Path(args.output) if args.output else (None if opts.quick else RESULTS)
    if output is not None:
        raw = {"machine": machine, "wall_s": wall, "lines": [x.__dict__ for x in lines]}
        output.write_text(
            "# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks`); "
            "see benchmarks/README.md for what each row measures.\n\n"
            f"{table}\n<details><summary>Raw numbers (JSON)</summary>\n\n```json\n"
            f"{json.dumps(raw, indent=1, default=str)}\n```\n</details>\n"
        )
        log(f"wrote {output}")
    log(f"all rows took {wall / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
