"""Shared helpers for fault injection: kill a process in the middle of a file write.

``kill_mid_write(code)`` runs ``code`` in a fresh Python process in which every atomic write
(``mnist_desk.support.fileio.atomic_write``: checkpoints, metrics files, personal digits, anything saved
"atomically") stops halfway through its data, and SIGKILLs that process as soon as one is stopped
there. The caller then checks that the previous file is intact and that the temp file left
behind is cleaned up on the next start. Example::

    left_behind = kill_mid_write(f"from mnist_desk.store.checkpoints import ...; save_checkpoint({str(path)!r}, ...)")
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.support import REPO

# Runs in the child before the caller's code: atomic writes write half their bytes, say so in the
# marker file, and hang there until the process is killed.
_PRELUDE = """
import os, sys, time
import mnist_desk.support.fileio as _fileio

_MARKER = sys.argv[1]
_real_fdopen = _fileio.os.fdopen


class _StopsHalfway:
    def __init__(self, file):
        self._file = file

    def write(self, data):
        half = max(1, len(data) // 2)
        self._file.write(data[:half])
        self._file.flush()
        os.fsync(self._file.fileno())
        with open(_MARKER, "w") as marker:
            marker.write(self._file.name if isinstance(self._file.name, str) else "fd")
        while True:  # wait here for SIGKILL
            time.sleep(1)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._file.__exit__(*exc)


def _fdopen(fd, mode="r", *args, **kwargs):
    file = _real_fdopen(fd, mode, *args, **kwargs)
    return _StopsHalfway(file) if "w" in mode else file


_fileio.os = type(sys)("os_with_slow_writes")
_fileio.os.__dict__.update(os.__dict__)
_fileio.os.fdopen = _fdopen
"""


def kill_mid_write(code: str, tmp_path: Path, timeout_s: float = 120) -> None:
    """Run ``code`` in a child Python; SIGKILL it while an atomic write is halfway through.
    Fails the test if the child ends, or never reaches a write, within ``timeout_s``."""
    marker = tmp_path / f"mid-write-{time.monotonic_ns()}.marker"
    script = _PRELUDE + "\n" + textwrap.dedent(code)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(marker)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout_s
    try:
        while not marker.exists():
            if child.poll() is not None:
                out, err = child.communicate()
                raise AssertionError(
                    f"the child ended (status {child.returncode}) before any atomic write:\n"
                    f"{err.decode(errors='replace')[-3000:]}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no atomic write began within {timeout_s} s")
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()


def temp_files(folder: Path) -> list[Path]:
    """Atomic writes' temp files in ``folder`` (what a killed write leaves behind)."""
    return sorted(folder.glob(".*.tmp"))
