"""Row 15: Compare architectures in the window: the seed's four (mlp, lenet5, vit, deit) on a
1-epoch budget, from pressing Compare architectures to the verdict, with the GUI thread's timer
lateness throughout (run in a fresh process: benchmarks/gui_arch_compare.py)."""

from __future__ import annotations

import os

from benchmarks.common import Line, Options, log, run_json_child

ARCHS = "mlp,lenet5,vit,deit"
GOAL_S = 180.0
GOAL_P99_MS = 50.0


def run(opts: Options) -> list[Line]:
    args = ["--data-dir", str(opts.data_dir), "--archs", ARCHS, "--epochs", "1"]
    args += ["--train-threads", str(opts.threads)]  # --threads; by default the cores, as the window
    if opts.quick:
        args += ["--train-subset", "1024"]
    import torch

    capability = torch.backends.cpu.get_cpu_capability()  # AVX512 here: bf16 autocast is native
    log(f"row 15: Compare architectures in the window ({ARCHS}, 1 epoch each)")
    load_before = os.getloadavg()
    r = run_json_child("benchmarks.gui_arch_compare", args, opts, timeout=1200, tolerate_exit=True)
    if r["wall_s"] is None or r["verdict"] is None:
        return [Line("15", "Compare architectures in the window", f"failed: {r['problem']}")]
    load = f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after (1-min load average)"
    t, verdict = r["comparing"], r["verdict"]
    per_arch = "; ".join(
        f"{row['name']}: test {row['test_accuracy']:.2%}, drawn {row['drawn_digits']:.1%}, "
        f"{row['seconds']:.0f} s, {row['images_per_second']:,.0f} img/s"
        if row["test_accuracy"] is not None and row["drawn_digits"] is not None
        else f"{row['name']}: {row['status']} {row['problem']}"
        for row in verdict["rows"]
    )
    phases = ", ".join(
        f"{run['name']} {run.get('ended_s', 0) - run['started_s']:.0f} s" for run in r["runs"]
    )
    return [
        Line(
            "15",
            "Compare architectures in the window: the seed's four, 1 epoch each (CPU)",
            f"{r['wall_s']:.0f} s from pressing Compare to the verdict",
            f"≤ {GOAL_S:.0f} s",
            r["wall_s"] <= GOAL_S,
            f"{r['gui']}; {verdict['steps']:,} steps each (batch 128, bf16 autocast where "
            f"native, {r['train_threads']} training thread(s)), then each tested on MNIST test "
            f"and read the drawn digits; each run from its start to its end: {phases}; {per_arch}; "
            f"winner {verdict['winner']}; CPU capability {capability}; machine load {load}",
            data={**r, "cpu_capability": capability, "load": load},
        ),
        Line(
            "15",
            "GUI timer lateness while comparing architectures (CPU)",
            f"p50 {t['p50_ms']:.1f} ms, p99 {t['p99_ms']:.1f} ms, max stall {t['max_ms']:.0f} ms",
            f"p99 ≤ {GOAL_P99_MS:g} ms",
            t["p99_ms"] <= GOAL_P99_MS,
            f"{t['ticks']} ticks of a 10 ms precise QTimer from pressing Compare to the verdict; "
            f"GUI thread CPU {r['gui_cpu_s']:.1f} s; idle before: p99 "
            f"{r['idle'].get('p99_ms', 0):.1f} ms; machine load {load}",
        ),
    ]
