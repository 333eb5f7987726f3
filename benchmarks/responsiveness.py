"""Row 5: GUI responsiveness while training (run in a fresh process: benchmarks/gui_training.py).

Two runs in the window: the Standard preset for 25 s (the long run a user leaves going), and the
Quick preset from pressing Start to its result. The Quick one is timed against the same recipe
from the command line (``mnist-desk train --preset quick``, a fresh process with the CLI's own
thread count) right after it, ``PAIRS`` pairs interleaved, on the CPU as it is and again with
native bf16 hidden (``whole_commands.KINDS``, checked the same way as row 1w).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Line, Options, child_env, log, run_json_child
from benchmarks.whole_commands import KINDS, probe
from mnist_desk.store.checkpoints import load_checkpoint

SECONDS = 25.0
GOAL_P99_MS = 50.0
GOAL_WINDOW_VS_CLI = 1.3
PAIRS = 3


def run(opts: Options) -> list[Line]:
    seconds = 4.0 if opts.quick else SECONDS
    log(f"row 5: 10 ms GUI timer while the default classifier trains for {seconds:g} s")
    r = run_json_child(
        "benchmarks.gui_training",
        [
            "--seconds",
            str(seconds),
            "--threads",
            str(opts.threads),
            "--data-dir",
            str(opts.data_dir),
            "--preset",
            "standard",
        ],
        opts,
        timeout=seconds + 120,
        tolerate_exit=True,
    )
    t, idle, steady = r["training"], r["idle"], r["after_first_step"]
    rate = r["images"] / r["train_elapsed_s"] if r["train_elapsed_s"] else 0.0

    def fmt(x: dict) -> str:
        if not x:
            return "n/a"
        return f"p50 {x['p50_ms']:.1f} ms, p99 {x['p99_ms']:.1f} ms, max {x['max_ms']:.0f} ms"

    return [
        Line(
            "5",
            "GUI timer lateness while training, Standard preset (CPU)",
            f"p50 {t['p50_ms']:.1f} ms, p99 {t['p99_ms']:.1f} ms, max stall {t['max_ms']:.0f} ms",
            f"p99 ≤ {GOAL_P99_MS:g} ms",
            t["p99_ms"] <= GOAL_P99_MS,
            f"{t['ticks']} ticks of a 10 ms precise QTimer over {seconds:g} s from pressing "
            f"start (MNIST loading included); {r['gui']}; {r['arch']} with the form's defaults "
            f"(batch {r['batch_size']}, {r['train_threads']} training thread(s)): {r['steps']} "
            f"steps at {rate:,.0f} img/s. Once training: {fmt(steady)}; "
            f"before the first step: {fmt(r['before_first_step'])}; idle: {fmt(idle)}"
            + (
                f". After the measurement the app process exited with code {r['exit_code']} "
                f"({r['exit_error']})"
                if "exit_code" in r
                else ""
            ),
            data=r,
        ),
        Line(
            "5",
            "Peak memory of the GUI process while training (CPU)",
            f"{r['peak_rss_mib']:.0f} MiB RSS" if r["peak_rss_mib"] else "not available",
            notes="VmHWM of the whole app process: Qt, the window and its loaded model, MNIST "
            "in memory, the model being trained, optimizer state and batches",
            data={"peak_rss_mib": r["peak_rss_mib"]},
        ),
        *quick_window_vs_cli(opts, fmt),
    ]


def _cli_quick(opts: Options, folder: Path, extra_env: dict[str, str]) -> dict:
    """The Quick preset from the command line in a fresh process (the recipe the window's Quick
    preset trains, drawn digits included): its wall time and metrics."""
    output = folder / "cli-quick.pt"
    cmd = [sys.executable, "-m", "mnist_desk", "train", "--preset", "quick", "--quiet"]
    cmd += ["--data-dir", str(opts.data_dir), "--no-download", "-o", str(output)]
    if opts.quick:
        cmd += ["--steps", "16", "--train-subset", "2048", "--val-subset", "1000"]
    env = {**child_env(opts), **extra_env}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
    wall = time.perf_counter() - start
    meta = json.loads(output.with_suffix(".json").read_text())
    steps = load_checkpoint(output).meta["steps"]  # the metrics file leaves the step count out
    return {
        "wall_s": wall,
        "trainer_s": meta["train_time_s"],
        "steps": steps,
        "test_accuracy": meta["metrics"]["test_accuracy"],
        "threads": meta["settings"]["num_threads"],
    }


def quick_window_vs_cli(opts: Options, fmt) -> list[Line]:
    """The Quick preset run to its end in the window, then the same recipe from the CLI, on the
    CPU as it is and, where it has native bf16, with bf16 hidden (as row 1w does): a laptop
    without it must not find the window much slower than the command line either."""
    lines = []
    for kind, extra in KINDS.items():
        seen = probe({**child_env(opts), **extra})
        cpu = f"CPU {seen['capability']}, Quick in {seen['precision']}"
        if extra and (seen["capability"] != "AVX2" or seen["native_bf16"]):
            name = f"Quick preset: window vs CLI, training time ({kind})"
            lines.append(
                Line("5", name, f"not measured: the simulation did not take effect ({cpu})")
            )
            continue
        lines += _window_vs_cli(opts, fmt, kind, extra, cpu, lateness=not extra)
    return lines


def _window_vs_cli(
    opts: Options, fmt, kind: str, extra: dict[str, str], cpu: str, *, lateness: bool
) -> list[Line]:
    """``PAIRS`` window runs and CLI runs, interleaved; the median of the pairs' ratios. One pair
    alone moved between 1.1x and 1.9x on the same quiet machine (2026-12-06, AVX2 simulated)."""
    name = f"Quick preset: window vs CLI, training time ({cpu})"
    pairs = []
    for number in range(1 if opts.quick else PAIRS):
        log(f"row 5 ({kind}), pair {number + 1}: the Quick preset in the window, start to result")
        args = ["--until-finished", "--preset", "quick", "--data-dir", str(opts.data_dir)]
        args += ["--seconds", "400"]  # only the child's hang guard here: it runs to the end
        window = run_json_child(
            "benchmarks.gui_training", args, opts, timeout=900, tolerate_exit=True, extra_env=extra
        )
        log(f"row 5 ({kind}), pair {number + 1}: the quick recipe from the CLI")
        with tempfile.TemporaryDirectory() as folder:
            cli = _cli_quick(opts, Path(folder), extra)
        if "trainer_s" not in window["finished"]:
            return [Line("5", name, "failed: no result came back")]
        pairs.append((window, cli, window["finished"]["trainer_s"] / cli["trainer_s"]))
    window, cli, ratio = sorted(pairs, key=lambda pair: pair[2])[len(pairs) // 2]
    end = window["finished"]
    each = "; ".join(
        f"{w['finished']['trainer_s']:.1f} s vs {c['trainer_s']:.1f} s ({r:.2f}x)"
        for w, c, r in pairs
    )
    accurate = all(
        min(w["finished"]["test_accuracy"] or 0, c["test_accuracy"]) >= 0.99 for w, c, _ in pairs
    )
    batch = window["batch_size"]
    w_rate = end["steps"] * batch / end["trainer_s"]
    c_rate = cli["steps"] * batch / cli["trainer_s"]
    t = window["training"]
    lines = [
        Line(
            "5",
            name,
            f"{ratio:.2f}x ({end['trainer_s']:.1f} s vs {cli['trainer_s']:.1f} s; "
            f"{w_rate:,.0f} vs {c_rate:,.0f} img/s)",
            f"≤ {GOAL_WINDOW_VS_CLI:g}x, 99.0% test",
            ratio <= GOAL_WINDOW_VS_CLI and accurate,
            f"{kind}; median of {len(pairs)} interleaved pairs ({each}), the median pair below; "
            f"the Trainer's clock (training + validation) of each; window: "
            f"{window['arch']}, "
            f"{window['train_threads']} training thread(s), test {end['test_accuracy']:.2%}, "
            f"validation {end['eval_share']:.1%} of the run, GUI thread CPU "
            f"{end.get('gui_cpu_s', float('nan')):.1f} s, Start to result "
            f"{end['wall_s']:.1f} s (MNIST loading, test report, saving included); CLI: "
            f"{cli['threads'] or 'all'} thread(s), test {cli['test_accuracy']:.2%}, process "
            f"wall {cli['wall_s']:.1f} s (interpreter start and imports included)",
            data={
                "kind": kind,
                "cpu": cpu,
                "window": window,
                "cli": cli,
                "ratios": [r for *_, r in pairs],
            },
        )
    ]
    if lateness:
        lines.append(
            Line(
                "5",
                "GUI timer lateness while training, Quick preset (CPU)",
                f"p50 {t['p50_ms']:.1f} ms, p99 {t['p99_ms']:.1f} ms, max stall {t['max_ms']:.0f} ms",
                f"p99 ≤ {GOAL_P99_MS:g} ms",
                t["p99_ms"] <= GOAL_P99_MS,
                f"{t['ticks']} ticks from pressing Start to the result; once training: "
                f"{fmt(window['after_first_step'])}",
            )
        )
    return lines
