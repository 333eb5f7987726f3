"""What every benchmark row shares: the machine description, result lines, timing helpers, memory.

A row is a list of ``Line``s: one measured contender or quantity each, with its goal and whether
the goal was met. Numbers are as measured; nothing is scaled, retried or dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = 0  # every training run here uses this seed unless a row says otherwise


@dataclass
class Options:
    """Settings shared by all rows, parsed once in ``__main__``."""

    quick: bool = False
    data_dir: Path = Path(".")
    threads: int = 1
    cuda: bool = False
    cpu: bool = True  # False (--cuda-only): rows that measure on both devices skip the CPU


@dataclass
class Line:
    """One line of the results table."""

    row: str  # "1", "2", ...
    name: str  # what was measured
    measured: str  # the number(s), formatted
    goal: str = ""  # the goal, if the row has one
    met: bool | None = None  # None: no goal, or the goal cannot be judged
    notes: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # raw numbers, for RESULTS.md's JSON block

    @property
    def verdict(self) -> str:
        return {True: "yes", False: "**no**", None: ""}[self.met]


def repo_path(path: str | os.PathLike, root: Path = REPO) -> str:
    """``path`` as a command run from the repository root names it, for the record: inside or
    beside the repository (also through a link beside it, as a worktree's ``../shared`` is)
    relative to the root, e.g. ``../shared/datasets``; any other path as it is. The commands
    in RESULTS.md then name no folder of the one machine that ran them (they run from the root:
    ``cwd=REPO``)."""
    given = Path(os.path.abspath(path))
    real = given.resolve()
    beside = root.parent
    if beside == Path(beside.anchor):  # a repository at the top of the disk: only inside it
        beside = root
    candidates = [given, real]
    with contextlib.suppress(OSError):
        for link in beside.iterdir():
            if link.is_symlink() and real.is_relative_to(target := link.resolve()):
                candidates.append(link / real.relative_to(target))
    for candidate in candidates:
        if candidate.is_relative_to(beside):
            return Path(os.path.relpath(candidate, root)).as_posix()
    return str(path)


TEMP = "TMP"  # a run's temporary folder, as the record names it


def temp_path(path: str | os.PathLike, folder: str | os.PathLike) -> str:
    """``path`` inside the run's temporary ``folder`` as the record names it, ``TMP/models/m.pt``:
    the folder's own name is random and gone once the row ends. A path outside it: its name."""
    path, folder = Path(os.path.abspath(path)), Path(os.path.abspath(folder))
    if not path.is_relative_to(folder):
        return path.name
    return (Path(TEMP) / path.relative_to(folder)).as_posix()


def recorded_program(path: str | os.PathLike) -> str:
    """A program as the record names it: inside or beside the repository from its root
    (``.venv/bin/python``, ``dist/mnist-desk/mnist-desk``), elsewhere by its name only
    (``python3.12``), never by a folder of the one machine that ran it."""
    shown = repo_path(path)
    return Path(path).name if os.path.isabs(shown) else shown


def cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info(threads: int) -> dict[str, str]:
    import torch

    from mnist_desk.support.acceleration import cpu_has_native_bf16

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": str(cores()),
        # What the CPU path computes with: speed figures differ by this more than by the CPU.
        "cpu capability": torch.backends.cpu.get_cpu_capability(),
        "native bf16": "yes" if cpu_has_native_bf16() else "no",
        "gpu": gpu,
        "torch": torch.__version__,
        "torch threads": str(threads),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation, as numpy does it."""
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q))


def median(values: list[float]) -> float:
    return percentile(values, 50)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


# ---- memory ----------------------------------------------------------------------------------


def _status_kib(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def lateness_stats(lateness_s: list[float]) -> dict[str, float]:
    """A QTimer's lateness (seconds each tick) summed up in ms: ticks, p50, p99, max ({} if none)."""
    import numpy as np

    a = np.asarray(lateness_s) * 1000
    if a.size == 0:
        return {}
    return {
        "ticks": int(a.size),
        "p50_ms": float(np.percentile(a, 50)),
        "p99_ms": float(np.percentile(a, 99)),
        "max_ms": float(a.max()),
    }


def peak_rss_mib() -> float | None:
    """This process's peak resident memory so far (VmHWM), MiB; None where /proc is missing."""
    kib = _status_kib("VmHWM")
    if kib is None:
        try:
            import resource

            kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        except (ImportError, OSError):
            return None
    return kib / 1024


def reset_peak_rss() -> bool:
    """Start the peak (VmHWM) again from the current RSS (Linux: clear_refs 5); False if unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# ---- torch helpers ---------------------------------------------------------------------------


def set_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


@contextlib.contextmanager
def as_the_window_reads() -> Iterator[None]:
    """The block on one torch thread, as the window reads a drawing on its GUI thread
    (``support.acceleration.single_threaded_here``): what a user waits for. The thread count
    is set back afterwards."""
    import torch

    from mnist_desk.support.acceleration import single_threaded_here

    threads = torch.get_num_threads()
    single_threaded_here()
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def sync(device: Any) -> None:
    """Wait for queued GPU work, so a timer measures it."""
    import torch

    if str(device).startswith("cuda"):
        torch.cuda.synchronize()


# ---- child processes -------------------------------------------------------------------------


def child_env(opts: Options) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["MNIST_DESK_DATA"] = str(opts.data_dir)
    env["OMP_NUM_THREADS"] = str(opts.threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_json_child(
    module: str,
    args: list[str],
    opts: Options,
    timeout: float,
    *,
    tolerate_exit: bool = False,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process; its last stdout line is a JSON object.

    With ``tolerate_exit``, a process that printed its result and then failed on the way out is
    still read; its exit code and last stderr line come back as ``exit_code`` and ``exit_error``.
    ``extra_env`` is added to the child's environment (e.g. a simulated CPU kind).
    """
    cmd = [sys.executable, "-m", module, *args]
    env = {**child_env(opts), **(extra_env or {})}
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    if not lines or (proc.returncode != 0 and not tolerate_exit):
        raise RuntimeError(f"{module} exited {proc.returncode}: {' | '.join(tail)}")
    result = json.loads(lines[-1])
    if proc.returncode != 0:
        result["exit_code"], result["exit_error"] = proc.returncode, tail[-1] if tail else ""
    return result


def log(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
