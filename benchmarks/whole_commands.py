"""Row 1w: row 1 as a user meets it, whole commands from process start to a saved model, on a CPU
with native bf16 and on one without it.

``mnist-desk train --preset quick`` against the public recipe as a script
(``python -m benchmarks.public_recipe``, re-typed as in row 1), seeds 0, 1, 2, each project run
followed by the public recipe's run of the same seed, on two CPU kinds in the same run: the CPU as
it is, and the same CPU with native bf16 hidden (``ONEDNN_MAX_CPU_ISA=AVX2`` and
``ATEN_CPU_CAPABILITY=avx2``, as on a laptop with AVX2 only; ``MKL_ENABLE_INSTRUCTIONS=AVX2``
too, so that MKL's matrix products, the fully connected layers', cannot use AVX-512 on an Intel
CPU that has it). Each kind's environment is checked
first: a child reports torch's CPU capability and the precision the project would choose, and a
kind whose simulation did not take effect is reported as such instead of measured. Every run
records its load average (1 min) before and after.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Line, Options, child_env, log, median, repo_path, secs

SEEDS = (0, 1, 2)
TARGET = 0.99
GOAL_RATIO = 0.67
# oneDNN (convolutions), ATen's own kernels, and MKL (matrix products: torch's BLAS here). On
# AMD EPYC MKL takes its generic path anyway (MKL_VERBOSE shows no AVX-512, and a 256x800x256
# product took 1.38 ms without the variable and 1.30 ms with it); on an Intel CPU with AVX-512
# it would not, and the simulated laptop would multiply faster than a real one.
WITHOUT_BF16 = {
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "ATEN_CPU_CAPABILITY": "avx2",
    "MKL_ENABLE_INSTRUCTIONS": "AVX2",
}
KINDS = {"as it is": {}, "AVX2, no native bf16 (simulated)": WITHOUT_BF16}
ACCURACY = re.compile(r"test accuracy ([0-9.]+)%")
PROBE = (
    "import json, torch; from mnist_desk.support import acceleration as a; "
    "print(json.dumps({'capability': torch.backends.cpu.get_cpu_capability(), "
    "'native_bf16': a.cpu_has_native_bf16(), "
    "'precision': a.choose_precision(torch.device('cpu'), True).name}))"
)


def probe(env: dict[str, str]) -> dict:
    """What a process started with ``env`` sees: CPU capability, native bf16, chosen precision."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def project_command(seed: int, output: Path, opts: Options) -> list[str]:
    return [
        *("mnist-desk", "train", "--preset", "quick", "--seed", str(seed)),
        *("--threads", str(opts.threads), "--data-dir", repo_path(opts.data_dir), "--no-download"),
        *("-o", str(output), "-q"),
    ]


def public_command(seed: int, output: Path, opts: Options) -> list[str]:
    return [
        *("python", "-m", "benchmarks.public_recipe", "--seed", str(seed)),
        *(
            "--threads",
            str(opts.threads),
            "--data-dir",
            repo_path(opts.data_dir),
            "-o",
            str(output),
        ),
    ]


def timed(words: list[str], env: dict[str, str], output: Path) -> dict:
    """Run one whole command (its first word replaced by this Python's ``-m``); wall time from
    the start of the process to its exit, the test accuracy it printed, the model it saved."""
    argv = [sys.executable, "-m", "mnist_desk", *words[1:]]
    if words[0] == "python":
        argv = [sys.executable, *words[1:]]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    found = ACCURACY.findall(proc.stdout)
    return {
        "seconds": seconds,
        "accuracy": float(found[-1]) / 100 if found else None,
        "saved": output.is_file(),
        "exit": proc.returncode,
        "error": "" if proc.returncode == 0 else (proc.stderr.strip().splitlines() or [""])[-1],
        "load": f"{load_before:.2f} -> {os.getloadavg()[0]:.2f}",
    }


def reached(run: dict) -> bool:
    return run["exit"] == 0 and run["saved"] and (run["accuracy"] or 0) >= TARGET


def _describe(run: dict) -> str:
    accuracy = "no accuracy" if run["accuracy"] is None else f"{run['accuracy']:.2%}"
    failed = f", exit {run['exit']}: {run['error']}" if run["exit"] else ""
    return f"{secs(run['seconds'])} ({accuracy}, load {run['load']}{failed})"


def measure(opts: Options, folder: Path) -> list[Line]:
    """Seed by seed, each kind in turn, the project's command then the public recipe's: load that
    comes and goes falls on both commands and both kinds alike."""
    envs = {kind: {**child_env(opts), **extra} for kind, extra in KINDS.items()}
    seen = {kind: probe(env) for kind, env in envs.items()}
    lines, measured = [], []
    for kind, extra in KINDS.items():
        if extra and (seen[kind]["capability"] != "AVX2" or seen[kind]["native_bf16"]):
            lines.append(
                Line(
                    "1w",
                    _name(kind),
                    f"not measured: the simulation did not take effect "
                    f"({_where(kind, seen[kind])})",
                )
            )
        else:
            measured.append(kind)
    seeds = SEEDS[:1] if opts.quick else SEEDS
    runs = {kind: {"project": [], "public": []} for kind in measured}
    for seed in seeds:
        for number, kind in enumerate(measured):
            log(f"row 1w ({kind}): seed {seed}")
            out = folder / f"{number}-quick-{seed}.pt"
            runs[kind]["project"].append(timed(project_command(seed, out, opts), envs[kind], out))
            out = folder / f"{number}-public-{seed}.pt"
            runs[kind]["public"].append(timed(public_command(seed, out, opts), envs[kind], out))
            project, public = runs[kind]["project"][-1], runs[kind]["public"][-1]
            log(f"  project {_describe(project)}; public {_describe(public)}")
    for kind in measured:
        lines.append(_line(kind, seen[kind], seeds, runs[kind], opts))
    return lines


def _name(kind: str, seen: dict | None = None) -> str:
    cpu = f"CPU {seen['capability']}, Quick in {seen['precision']}" if seen else f"CPU {kind}"
    return f"Whole command to {TARGET:.1%} test acc., Quick preset vs public recipe ({cpu})"


def _where(kind: str, seen: dict) -> str:
    return f"{kind}: capability {seen['capability']}, Quick computes in {seen['precision']}"


def _line(kind: str, seen: dict, seeds: tuple[int, ...], runs: dict, opts: Options) -> Line:
    project, public = runs["project"], runs["public"]
    p_median = median([r["seconds"] for r in project])
    q_median = median([r["seconds"] for r in public])
    ratio = p_median / q_median
    all_reached = all(reached(r) for r in project)
    command = " ".join(project_command(0, Path("MODEL.pt"), opts)).replace(" --seed 0", "")
    peer = " ".join(public_command(0, Path("MODEL.pt"), opts)).replace(" --seed 0", "")
    notes = (
        f"{_where(kind, seen)}; `{command}` vs `{peer}`, seeds {', '.join(map(str, seeds))}, "
        "interleaved with each other and with the other CPU kind; project: "
        + "; ".join(f"seed {s} {_describe(r)}" for s, r in zip(seeds, project, strict=True))
        + "; public: "
        + "; ".join(f"seed {s} {_describe(r)}" for s, r in zip(seeds, public, strict=True))
    )
    return Line(
        "1w",
        _name(kind, seen),
        f"median {secs(p_median)} vs {secs(q_median)}: **{ratio:.2f}x**; "
        f"{sum(reached(r) for r in project)}/{len(project)} project seeds and "
        f"{sum(reached(r) for r in public)}/{len(public)} public seeds at {TARGET:.1%}",
        f"<= {GOAL_RATIO}x, every project seed at {TARGET:.1%}",
        None if opts.quick else (all_reached and ratio <= GOAL_RATIO),
        notes,
        data={"probe": seen, "project": project, "public": public},
    )


def run(opts: Options) -> list[Line]:
    with tempfile.TemporaryDirectory(prefix="row-1w-") as folder:
        return measure(opts, Path(folder))
