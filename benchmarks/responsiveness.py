"""Row 5: GUI responsiveness while training (run in a fresh process: benchmarks/gui_training.py)."""

from __future__ import annotations

from benchmarks.common import Line, Options, log, run_json_child

SECONDS = 25.0
GOAL_P99_MS = 50.0


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
            "GUI timer lateness while training (CPU)",
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
    ]
