"""Row 17: the standalone app's start against the same app run from a virtual environment.

The frozen CPU bundle (``make package``: dist/mnist-desk/mnist-desk, or ``$MNIST_DESK_BUNDLE``)
and ``python -m mnist_desk`` from the environment it was built from (.venv-package-cpu: the same
torch, no CUDA) start in turns, each a fresh process on the offscreen platform with empty
settings, timed by the app's own probe (``MNIST_DESK_STARTUP_PROBE=1``,
mnist_desk/ui/shell/startup_probe.py) from just before the process is spawned to the window's
first paint, as row 4 does. One untimed start of each first (the page cache). The development
environment (.venv, whatever torch it has) is timed the same way, for scale. Goal: the frozen
app's median within 1.5x the virtual environment's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    REPO,
    Line,
    Options,
    child_env,
    log,
    median,
    recorded_program,
    secs,
)

RUNS = 5
GOAL_RATIO = 1.5
PROBE_ENV = "MNIST_DESK_STARTUP_PROBE"
BUNDLE = Path(os.environ.get("MNIST_DESK_BUNDLE") or REPO / "dist" / "mnist-desk" / "mnist-desk")
BUILD_PYTHON = REPO / ".venv-package-cpu" / "bin" / "python"


def time_start(cmd: list[str], opts: Options, home: str) -> dict[str, float]:
    """Seconds from spawning ``cmd`` to its window's first paint and to its model being ready."""
    env = child_env(opts)
    env["XDG_CONFIG_HOME"], env["XDG_DATA_HOME"] = f"{home}/config", f"{home}/data"
    env[PROBE_ENV] = "1"
    for name in ("MNIST_DESK_RESOURCES", "PYTHONPATH"):  # each finds its own code
        env.pop(name, None)
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    marks = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "startup-probe":
            marks[parts[1]] = float(parts[2]) - start
    if "window-shown" not in marks:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"{cmd[0]}: no window-shown mark (exit {proc.returncode}): {tail}")
    return marks


def recorded_commands(commands: dict[str, list[str]]) -> dict[str, list[str]]:
    """The commands as the record names them: each program from the repository's root
    (``dist/mnist-desk/mnist-desk``, ``.venv/bin/python``), or by its name where it lies
    elsewhere, not by the folders of the one machine that ran them."""
    return {name: [recorded_program(cmd[0]), *cmd[1:]] for name, cmd in commands.items()}


def run(opts: Options) -> list[Line]:
    title = "Startup: standalone CPU app vs its virtual environment, to window shown"
    if not BUNDLE.exists():
        missing = recorded_program(BUNDLE)
        return [Line("17", title, f"not available: no bundle at {missing} (make package)")]
    venvs = {"build env": str(BUILD_PYTHON)} if BUILD_PYTHON.exists() else {}
    venvs["dev env"] = sys.executable
    commands = {"frozen": [str(BUNDLE)]} | {k: [p, "-m", "mnist_desk"] for k, p in venvs.items()}
    runs = 2 if opts.quick else RUNS
    log(f"row 17: {runs} starts each of {', '.join(commands)}, in turns")
    times: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as home:
        for name, cmd in commands.items():
            time_start(cmd, opts, f"{home}/warm-{name}")  # untimed: the page cache
        for i in range(runs):
            for name, cmd in commands.items():
                times[name].append(time_start(cmd, opts, f"{home}/{name}-{i}"))
    window = {name: median([t["window-shown"] for t in ts]) for name, ts in times.items()}
    reference = "build env" if "build env" in window else "dev env"
    ratio = window["frozen"] / window[reference]
    detail = "; ".join(
        f"{name} {secs(window[name])} (min {secs(min(t['window-shown'] for t in ts))})"
        for name, ts in times.items()
    )
    return [
        Line(
            "17",
            title,
            f"{ratio:.2f}x: frozen {secs(window['frozen'])} vs {reference} "
            f"{secs(window[reference])} (medians)",
            f"≤ {GOAL_RATIO:g}x",
            ratio <= GOAL_RATIO,
            f"{runs} fresh processes each, in turns, offscreen, first start, timed by the "
            f"app's own {PROBE_ENV} probe; medians: {detail}; build env = "
            f"{BUILD_PYTHON.parent.parent.name} (same torch), dev env = "
            f"{recorded_program(sys.executable)}",
            data={"runs": times, "commands": recorded_commands(commands)},
        )
    ]
