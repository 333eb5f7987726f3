"""Speed that does not change what a run learns: mixed precision, memory layout, optimizer kernels
and host-to-device transfer, each chosen per device so the same code runs on a CPU or a GPU.

Every helper degrades to plain float32 PyTorch where the hardware lacks the feature, so the CPU
fallback (what the tests exercise) runs the same lines as a CUDA machine.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
from collections.abc import Iterator
from dataclasses import dataclass

import torch
from torch import nn


def cpu_has_native_bf16() -> bool:
    """True where oneDNN runs bfloat16 natively (AVX512-BF16 or AMX): there bf16 autocast pays;
    elsewhere it is emulated and slower than float32."""
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


@dataclass(frozen=True)
class Precision:
    """How a run computes: autocast dtype (None: float32 throughout) and whether it scales gradients."""

    dtype: torch.dtype | None
    scale_gradients: bool = False

    @property
    def name(self) -> str:
        return {None: "float32", torch.bfloat16: "bfloat16", torch.float16: "float16"}[self.dtype]


FLOAT32 = Precision(None)


def choose_precision(device: torch.device, amp: bool) -> Precision:
    """Mixed precision where it helps: bf16 on CUDA devices that have it, else fp16 with gradient
    scaling; bf16 on CPUs with native bf16; float32 otherwise (or when ``amp`` is off)."""
    if not amp:
        return FLOAT32
    if device.type == "cuda":
        if torch.cuda.is_bf16_supported():
            return Precision(torch.bfloat16)
        return Precision(torch.float16, scale_gradients=True)
    if device.type == "cpu" and cpu_has_native_bf16():
        return Precision(torch.bfloat16)
    return FLOAT32


def autocast(device: torch.device, precision: Precision) -> contextlib.AbstractContextManager:
    """The autocast region for a forward pass (a no-op at float32)."""
    if precision.dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device.type, dtype=precision.dtype)


def gradient_scaler(device: torch.device, precision: Precision) -> torch.amp.GradScaler:
    """A GradScaler that is active only for float16 (bf16 and float32 need none)."""
    enabled = precision.scale_gradients and device.type == "cuda"
    return torch.amp.GradScaler("cuda" if enabled else "cpu", enabled=enabled)


def optimizer_kernel(device: torch.device) -> dict[str, bool]:
    """The fastest available update kernel: fused (one kernel for all parameters) on CUDA and on
    CPUs where this torch has it; it removes a Python loop over parameters from every step."""
    if device.type in ("cuda", "cpu"):
        return {"fused": True}
    return {}


@functools.cache
def uncompiled_optimizer(kind: type[torch.optim.Optimizer]) -> type[torch.optim.Optimizer]:
    """``kind`` (a torch.optim optimizer class) for runs that torch.compile never traces: the
    same update with the same kernels, without the guards torch.optim puts around ``step``,
    ``zero_grad`` and ``add_param_group`` for the compiler. Each guard imports torch._dynamo on
    its first call: 1.1 s of a 10-12 s Quick command on 2 cores (scripts/quick-phases.py), for
    nothing here. ``kind`` itself where this torch's optimizer is not shaped that way.

    ``step``'s guard also turns gradients off for the update (torch.optim's non-differentiable
    default); the unguarded step does the same with ``torch.no_grad``."""
    unguarded = {
        name: inspect.unwrap(getattr(kind, name))
        for name in ("step", "zero_grad", "add_param_group")
    }
    if any(unguarded[name] is getattr(kind, name) for name in unguarded):
        return kind
    step = unguarded["step"]

    @functools.wraps(step)
    def step_without_gradients(self, *args, **kwargs):
        with torch.no_grad():
            return step(self, *args, **kwargs)

    methods = {**unguarded, "step": step_without_gradients, "__doc__": kind.__doc__}
    return type(kind.__name__, (kind,), methods)


def prepare_model(model: nn.Module, device: torch.device) -> nn.Module:
    """Move to the device, channels_last for convolutional models (faster oneDNN/cuDNN kernels)."""
    model = model.to(device)
    if any(isinstance(m, nn.Conv2d) for m in model.modules()):
        model = model.to(memory_format=torch.channels_last)
    return model


def to_device(tensor: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Host -> device copy; to a GPU from pinned memory without blocking the host."""
    if device.type != "cuda" or tensor.device.type == "cuda":
        return tensor.to(device)
    return tensor.pin_memory().to(device, non_blocking=True)


def batches_to_device(
    tensor: torch.Tensor, device: torch.device, batch_size: int
) -> Iterator[torch.Tensor]:
    """Slices of a host tensor on ``device``; on a GPU the next slice's copy overlaps this one's use."""
    for start in range(0, len(tensor), batch_size):
        yield to_device(tensor[start : start + batch_size], device)


def single_threaded_here() -> None:
    """Run this thread's torch work on one core, so that only a training thread owns an OpenMP team.

    For every app thread that runs torch but does not train (the GUI thread, the model loader),
    before its first torch operation. Why: torch's OpenMP (libgomp) keeps a team of worker threads
    for each thread that ran a parallel operation, for that thread's life. Once the process holds
    more of them than the machine has cores, every waiting worker sleeps after ~100 spins instead
    of ~300,000, and each of the many small parallel operations of a training step pays a futex
    wake-up. Measured on 2 cores (the Quick recipe, 100 steps, 3 runs each): trained from the main
    thread 14,000-14,900 img/s (the CLI); from a second thread while the first owned a 2-thread
    team 10,200-13,000 (the window before this); with the first thread on one core
    14,500-15,400. Predicting two digits needs no second core.
    """
    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def training_threads(cores: int | None = None, *, interactive: bool) -> int:
    """Threads for training. A batch job (the CLI) takes every core. A run in the window:

    - 1-2 cores: every core. The training thread and its OpenMP team run at a lower priority
      (app.training_run.lower_this_threads_priority), so the GUI thread takes a core the moment
      it wakes; leaving one of two cores idle would halve training for a GUI thread that needs a
      few percent of one.
    - 3-8 cores: all but one, kept for the GUI thread, prediction and the rest of the desktop.
    - more: all but two, at most 16 (batches this small stop scaling there).
    """
    if cores is None:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
    if not interactive or cores <= 2:
        return cores
    if cores <= 8:
        return cores - 1
    return min(16, cores - 2)


@contextlib.contextmanager
def intra_op_threads(threads: int | None) -> Iterator[None]:
    """Run the block with torch's intra-op thread count at ``threads`` (None: as it is), then
    set it back. For the code that owns a training thread (the window's worker); a batch
    process (the CLI) sets the count once at its start instead.

    Measured (torch 2.15, OpenMP build): ``torch.set_num_threads`` sets OpenMP's thread count,
    an ICV each thread has its own copy of, for the calling thread only: a thread that already
    ran torch (the GUI thread, its Predictor) keeps its count. But torch also keeps the number
    process-wide, and a thread that first runs torch later starts from it. Setting it back when
    the run ends limits that to threads started during the run; torch offers nothing narrower.
    The Trainer itself never calls it."""
    # Nothing asked, or the count it already is: nothing to set (setting it also empties
    # torch's oneDNN computation cache).
    if not threads or threads == (previous := torch.get_num_threads()):
        yield
        return
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
