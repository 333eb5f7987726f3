"""Row 6: training throughput (images/s) per architecture, and the training process's peak memory.

Each architecture trains in a fresh process (``python -m benchmarks.throughput --arch A``), so its
peak RSS (VmHWM) is its own: interpreter, torch, MNIST in memory, the model, the optimizer and the
batches. The Trainer runs the project's default settings for the task; the first steps are
warm-up, then images are counted for a fixed time, and the run is cancelled before its first
evaluation. Adders count two images per pair.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from benchmarks.common import Line, Options, log, run_json_child


def architectures() -> list[tuple[str, str]]:
    """Every classifier in the registry, then the two adders on the default trunk."""
    from mnist_desk.models import CLASSIFIERS

    return [("classifier", a) for a in CLASSIFIERS] + [
        ("transfer", "convnet"),
        ("scratch", "convnet"),
    ]


WARMUP_STEPS = 5
SECONDS = 8.0


def measure(task: str, arch: str, device: str, seconds: float, threads: int, data_dir: str) -> dict:
    """The child's work: train until ``seconds`` of timed steps have passed; images/s and memory."""
    import torch

    from benchmarks.common import peak_rss_mib
    from mnist_desk.store.catalog import shipped_checkpoint
    from mnist_desk.training import StepEvent, Trainer, default_settings

    torch.set_num_threads(threads)
    settings = default_settings(task, arch)
    settings.device, settings.num_threads = device, threads
    settings.epochs = 100  # a long schedule, cancelled long before its end
    settings.evals_per_epoch = 1  # the first evaluation comes after one epoch: stop before it
    examples = settings.pairs_per_epoch if task != "classifier" else 50_000
    last_step = -(-examples // settings.batch_size) - 1
    if task == "transfer":
        settings.init_from = str(shipped_checkpoint("classifier", arch))
    marks: dict = {}

    def callback(event) -> None:
        if not isinstance(event, StepEvent):
            return
        if event.step == WARMUP_STEPS:
            if device.startswith("cuda"):
                torch.cuda.synchronize()
            marks["start"] = (time.perf_counter(), event.images_seen, event.step)
        elif "start" in marks:
            now = time.perf_counter()
            if now - marks["start"][0] >= seconds or event.step >= last_step:
                if device.startswith("cuda"):
                    torch.cuda.synchronize()
                    now = time.perf_counter()
                marks["end"] = (now, event.images_seen, event.step)
                trainer.controls.cancel(keep=False)

    trainer = Trainer(settings, callback, data_dir=data_dir)
    trainer.run()
    if "end" not in marks:
        raise RuntimeError("the run ended before the measurement did")
    (t0, i0, s0), (t1, i1, s1) = marks["start"], marks["end"]
    return {
        "task": task,
        "arch": arch,
        "device": device,
        "batch_size": settings.batch_size,
        "augment": settings.augment,
        "distill": getattr(settings, "distill", "none"),
        "images_per_s": (i1 - i0) / (t1 - t0),
        "steps": s1 - s0,
        "seconds": t1 - t0,
        "peak_rss_mib": peak_rss_mib(),
        "cuda_peak_mib": (torch.cuda.max_memory_allocated() / 2**20)
        if device.startswith("cuda")
        else None,
    }


def _needs_checkpoint(task: str, arch: str):
    """The checkpoint a run needs before it can start (transfer: its classifier; distillation:
    the teacher), or None."""
    from pathlib import Path

    from mnist_desk.store.catalog import shipped_checkpoint
    from mnist_desk.training import default_settings

    if task == "transfer":
        return shipped_checkpoint("classifier", arch)
    teacher = getattr(default_settings(task, arch), "teacher", None)
    return Path(teacher) if teacher else None


def run(opts: Options) -> list[Line]:
    seconds = 1.0 if opts.quick else SECONDS
    archs = architectures()
    if opts.quick:
        archs = archs[:1] + archs[-2:]
    lines = []
    for device in (["cpu"] if opts.cpu else []) + (["cuda"] if opts.cuda else []):
        for task, arch in archs:
            name = f"{task}-{arch}"
            needs = _needs_checkpoint(task, arch)
            if needs is not None and not needs.exists():
                lines.append(
                    Line(
                        "6",
                        f"Training throughput {name} ({device.upper()})",
                        f"not available: needs {needs.name} (shipped weights) to start from",
                    )
                )
                continue
            log(f"row 6: {name} on {device}, {seconds:g} s")
            try:
                r = run_json_child(
                    "benchmarks.throughput",
                    [
                        "--task",
                        task,
                        "--arch",
                        arch,
                        "--device",
                        device,
                        "--seconds",
                        str(seconds),
                        "--threads",
                        str(opts.threads),
                        "--data-dir",
                        str(opts.data_dir),
                    ],
                    opts,
                    timeout=seconds + 180,
                )
            except Exception as e:
                lines.append(
                    Line("6", f"Training throughput {name} ({device.upper()})", f"failed: {e}")
                )
                continue
            memory = f"peak RSS {r['peak_rss_mib']:.0f} MiB"
            if r["cuda_peak_mib"] is not None:
                memory += f", CUDA peak {r['cuda_peak_mib']:.0f} MiB"
            lines.append(
                Line(
                    "6",
                    f"Training throughput {name} ({device.upper()})",
                    f"{r['images_per_s']:,.0f} img/s; {memory}",
                    notes=f"default settings: batch {r['batch_size']}, augmentation "
                    f"{'on' if r['augment'] else 'off'}"
                    f"{'' if r['distill'] == 'none' else ', ' + r['distill'] + ' distillation (teacher forward included)'}"
                    f"; {r['steps']} steps in "
                    f"{r['seconds']:.1f} s after {WARMUP_STEPS} warm-up steps; fresh process",
                    data=r,
                )
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data-dir", required=True)
    a = parser.parse_args()
    print(json.dumps(measure(a.task, a.arch, a.device, a.seconds, a.threads, a.data_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
