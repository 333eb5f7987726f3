"""Row 4: startup, from process start to the main window shown and to the first prediction possible.

Median of 5 fresh processes on the offscreen Qt platform. "Process start" is the moment just before
this process spawns the child (so the interpreter's own start-up and every import count); the
child reports ``time.monotonic()`` marks, which share the clock on Linux.

If the app has its own probe (``MNIST_DESK_STARTUP_PROBE=1``: print ``startup-probe window-shown
T`` and ``startup-probe prediction-ready T`` with T = ``time.monotonic()``, then quit), the row
runs ``python -m mnist_desk`` with it. Otherwise it runs ``benchmarks/startup_probe.py``, which
starts the real entry point and watches for the first painted frame (see that file).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

from benchmarks.common import REPO, Line, Options, child_env, log, median, secs

RUNS = 5
GOAL_WINDOW_S = 1.5
PROBE_ENV = "MNIST_DESK_STARTUP_PROBE"


def app_has_probe() -> bool:
    """Whether the app's code mentions the probe variable (cheaper than waiting for a timeout)."""
    return any(
        PROBE_ENV in p.read_text(errors="replace") for p in (REPO / "mnist_desk").rglob("*.py")
    )


def _one_run(opts: Options, use_app_probe: bool, home: str) -> dict:
    env = child_env(opts)
    # A first start: no saved settings, window geometry or user models, and none written back.
    env["XDG_CONFIG_HOME"], env["XDG_DATA_HOME"] = f"{home}/config", f"{home}/data"
    if use_app_probe:
        cmd = [sys.executable, "-m", "mnist_desk"]
        env[PROBE_ENV] = "1"
    else:
        cmd = [sys.executable, "-m", "benchmarks.startup_probe"]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    done = time.monotonic()
    marks: dict = {}
    if use_app_probe:
        for line in proc.stdout.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "startup-probe":
                marks[parts[1].replace("-", "_")] = float(parts[2])
    else:
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        marks = json.loads(lines[-1]) if lines else {}
    if "window_shown" not in marks:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"no window-shown mark (exit {proc.returncode}): {tail}")
    out = {"window": marks["window_shown"] - start, "process": done - start}
    if "prediction_ready" in marks:
        out["prediction"] = marks["prediction_ready"] - start
    out["detail"] = {k: v for k, v in marks.items() if isinstance(v, str)}
    return out


def window_class(result: dict) -> str:
    """The note's "; window class X" where the probe said which class it saw (the stand-alone
    probe does; the app's own probe watches only the MainWindow and does not say)."""
    shown = result["detail"].get("window_class")
    return f"; window class {shown}" if shown else ""


def interpreter_baseline(opts: Options) -> float:
    """A bare ``python -c pass``, for scale: the part of start-up no app code can change."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], env=child_env(opts), check=True)
    return time.monotonic() - start


def run(opts: Options) -> list[Line]:
    runs = 2 if opts.quick else RUNS
    use_app_probe = app_has_probe()
    how = (
        f"the app's own {PROBE_ENV} probe"
        if use_app_probe
        else "benchmarks/startup_probe.py (the real entry point, first painted frame)"
    )
    log(f"row 4: {runs} fresh processes via {how}")
    with tempfile.TemporaryDirectory() as home:
        results = [_one_run(opts, use_app_probe, home) for _ in range(runs)]
    bare = median([interpreter_baseline(opts) for _ in range(3)])
    window = [r["window"] for r in results]
    lines = [
        Line(
            "4",
            "Startup: process start -> main window shown",
            f"median {secs(median(window))} (min {secs(min(window))}, max {secs(max(window))})",
            f"≤ {GOAL_WINDOW_S:g} s",
            median(window) <= GOAL_WINDOW_S,
            f"{runs} fresh processes, offscreen, first start (empty settings); measured with "
            f"{how}; bare interpreter "
            f"start {secs(bare)}{window_class(results[0])}",
            data={"runs": results, "bare_interpreter_s": bare},
        )
    ]
    ready = [r["prediction"] for r in results if "prediction" in r]
    if ready:
        source = results[0]["detail"].get("predictor", "the app")
        lines.append(
            Line(
                "4",
                "Startup: process start -> first prediction possible",
                f"median {secs(median(ready))} (min {secs(min(ready))}, max {secs(max(ready))})",
                notes=f"model loaded and one predict_sum returned ({source})",
            )
        )
    else:
        error = results[0]["detail"].get("prediction_error", "no prediction mark")
        lines.append(
            Line(
                "4",
                "Startup: process start -> first prediction possible",
                f"not available: {error}",
            )
        )
    return lines
