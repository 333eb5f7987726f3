"""What each speed choice of the quick recipe buys: training-step throughput of QuickNet (batch
256, Adam) as the choices are switched on one by one, in this one process on the same threads.

Steps: public-recipe style (float32, contiguous NCHW, Adam's per-parameter loop), then
+ channels_last, + the fused Adam kernel, + bf16 autocast (where the CPU runs bf16 natively).
The fewer images the recipe needs (at most 1.6 epochs of 50k, stopped at the target, against the public
recipe's 60k) shows in row 1's times, not here.
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F

from benchmarks.common import Line, Options, log
from mnist_desk.data import mnist as mdata
from mnist_desk.models import CLASSIFIER, build_model
from mnist_desk.support import acceleration as accel

BATCH = 256
STEPS = 60
WARMUP = 5
CHOICES = (
    ("float32, NCHW, Adam loop (the public recipe's way)", False, False, False),
    ("+ channels_last", True, False, False),
    ("+ fused Adam", True, True, False),
    ("+ bf16 autocast (quick recipe)", True, True, True),
)


def step_throughput(
    images: torch.Tensor,
    labels: torch.Tensor,
    channels_last: bool,
    fused: bool,
    amp: bool,
    steps: int,
) -> float:
    """Training images per second over ``steps`` steps after a short warm-up."""
    device = torch.device("cpu")
    torch.manual_seed(0)
    model = build_model(CLASSIFIER, "quick")
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    kernel = accel.optimizer_kernel(device) if fused else {}
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.7, 0.9), **kernel)
    precision = accel.choose_precision(device, amp)
    batches = len(labels) // BATCH

    def step(i: int) -> None:
        x = images[(i % batches) * BATCH : (i % batches + 1) * BATCH]
        y = labels[(i % batches) * BATCH : (i % batches + 1) * BATCH]
        optimizer.zero_grad(set_to_none=True)
        with accel.autocast(device, precision):
            loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()

    for i in range(WARMUP):
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        step(i)
    return steps * BATCH / (time.perf_counter() - start)


def run(opts: Options) -> list[Line]:
    splits = mdata.load_splits(opts.data_dir)
    images, labels = splits.train.images[: 40 * BATCH], splits.train.labels[: 40 * BATCH]
    steps = 6 if opts.quick else STEPS
    rates = []
    for name, channels_last, fused, amp in CHOICES:
        rates.append(step_throughput(images, labels, channels_last, fused, amp, steps))
        log(f"  ablation {name}: {rates[-1]:,.0f} img/s")
    bf16 = "native" if accel.cpu_has_native_bf16() else "not native here: float32 kept"
    measured = "; ".join(
        f"{name} {rate:,.0f} img/s ({rate / rates[0]:.2f}x)"
        for (name, *_), rate in zip(CHOICES, rates, strict=True)
    )
    return [
        Line(
            "1",
            "Quick recipe, what each speed choice buys: QuickNet training throughput (CPU)",
            measured,
            notes=f"batch {BATCH}, {steps} steps after {WARMUP} warm-up, each choice added to the "
            f"ones before; bf16 {bf16}; {opts.threads} thread(s)",
            data={"img_per_s": dict(zip((c[0] for c in CHOICES), rates, strict=True))},
        )
    ]
