"""Where a Quick whole command spends its time, phase by phase, on both CPU kinds (issue 26).

    python scripts/quick-phases.py --data-dir ../shared/datasets [--threads 2] [--seed 0]

Runs ``mnist-desk train --preset quick`` in a fresh process per CPU kind (as it is, and native bf16
hidden as in benchmark row 1w), with timers around the phases the command goes through, and prints
one table per kind: seconds and share of the whole process's wall time. "Start and exit" is what
the process took outside ``main`` (interpreter start, the exit and its teardown).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PHASES = (
    "imports (torch, the CLI's training modules)",
    "reading MNIST",
    "optimizer",
    "training steps",
    "validation",
    "final test",
    "calibration",
    "save",
)


def child(argv: list[str]) -> None:
    """Run the command in this process, timing each phase; print the phases as JSON."""
    began = time.perf_counter()
    spent = dict.fromkeys(PHASES, 0.0)
    import torch  # noqa: F401

    from mnist_desk.cli.main import main
    from mnist_desk.training import learner, loop, steps

    spent[PHASES[0]] = time.perf_counter() - began

    def timed(owner, name: str, phase: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - start

        setattr(owner, name, wrapper)

    timed(loop.mdata, "load_splits", PHASES[1])
    timed(loop, "build_optimizer", PHASES[2])
    timed(steps.StepLoop, "run", PHASES[3])
    timed(learner.RunParts, "validate", PHASES[4])
    timed(loop, "full_report", PHASES[5])
    timed(loop, "calibration_meta", PHASES[6])
    timed(loop, "save_trained_model", PHASES[7])
    status = main(argv)
    spent[PHASES[3]] -= spent[PHASES[4]]  # the loop's time holds its validations
    print(json.dumps({"status": status, "main_s": time.perf_counter() - began, "phases": spent}))
    gc.disable()  # the way out the command takes (cli.main.console)
    gc.freeze()


def measure(kind: str, extra: dict[str, str], args: argparse.Namespace, folder: Path) -> None:
    from benchmarks.whole_commands import probe

    env = {**os.environ, **extra, "PYTHONPATH": str(REPO)}
    capability = probe(env)["capability"]
    command = ["train", "--preset", "quick", "--seed", str(args.seed), "--threads"]
    command += [str(args.threads), "--data-dir", args.data_dir, "--no-download", "-q"]
    command += ["-o", str(folder / f"quick-{capability}.pt")]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *command], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{kind}: the command failed: {proc.stderr.strip()[-500:]}")
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    phases = {**found["phases"], "start and exit": wall - found["main_s"]}
    print(
        f"\n{kind}: capability {capability}, wall {wall:.2f} s, load {load:.2f} -> "
        f"{os.getloadavg()[0]:.2f}"
    )
    print("| phase | seconds | share |\n|---|---|---|")
    for phase, seconds in phases.items():
        print(f"| {phase} | {seconds:.2f} | {seconds / wall:.1%} |")


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        from benchmarks.whole_commands import KINDS

        for kind, extra in KINDS.items():
            measure(kind, extra, args, Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
