"""The one device resolver: what torch can run on here, and a clear error for what it cannot."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path

import torch

from mnist_desk.errors import Phrase, UserError

NO_CUDA_BUILD = Phrase("this PyTorch build has no CUDA support")
NO_CUDA_DEVICE = Phrase("PyTorch sees no CUDA device (no NVIDIA GPU or driver found)")
UNKNOWN_DEVICE = Phrase("unknown device {name}: use cpu, cuda or cuda:N")
UNSUPPORTED_DEVICE = Phrase("unsupported device {name}: use cpu, cuda or cuda:N")
CUDA_UNAVAILABLE = Phrase("CUDA device {name} was requested, but {reason}. Use cpu.")
NO_SUCH_CUDA_DEVICE = Phrase("CUDA device {name} does not exist: torch sees {count} device(s).")


class DeviceError(UserError, RuntimeError):
    pass


@dataclass(frozen=True)
class DeviceInfo:
    name: str  # "cpu" or "cuda:N", what torch.device takes
    title: str  # what a person reads
    available: bool = True
    reason: str = ""  # why it is unavailable
    threads: int = 0  # the CPU's: the threads work on it uses (0 for a GPU)


def cuda_unavailable_reason() -> str:
    if torch.version.cuda is None:
        return NO_CUDA_BUILD()
    return NO_CUDA_DEVICE()


def list_devices(cpu_threads: int | None = None) -> list[DeviceInfo]:
    """CPU first, then every CUDA device torch sees. The CPU's title names ``cpu_threads``, the
    threads the work chosen on it will use (default: this thread's torch count)."""
    threads = cpu_threads or torch.get_num_threads()
    title = f"CPU ({threads} thread{'s' if threads != 1 else ''})"
    devices = [DeviceInfo("cpu", title, threads=threads)]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            devices.append(DeviceInfo(f"cuda:{i}", f"cuda:{i} — {torch.cuda.get_device_name(i)}"))
    return devices


def resolve_device(name: str | None = "cpu") -> torch.device:
    """'cpu', 'cuda', 'cuda:N' or 'auto' -> a torch.device that exists, or a DeviceError saying why not."""
    name = (name or "cpu").strip().lower()
    if name == "auto":
        return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(name)
    except RuntimeError as e:
        raise DeviceError(UNKNOWN_DEVICE(name=repr(name))) from e
    if device.type == "cpu":
        return device
    if device.type != "cuda":
        raise DeviceError(UNSUPPORTED_DEVICE(name=repr(name)))
    if not torch.cuda.is_available():
        raise DeviceError(CUDA_UNAVAILABLE(name=repr(name), reason=cuda_unavailable_reason()))
    index = device.index or 0
    if index >= torch.cuda.device_count():
        raise DeviceError(NO_SUCH_CUDA_DEVICE(name=repr(name), count=torch.cuda.device_count()))
    return torch.device("cuda", index)


def machine_description() -> str:
    """The machine a run was measured on, for metrics files: OS, CPU model, cores, GPU."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gpu = f", {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else ""
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{gpu}"
