"""The C allocator keeps what a training step frees (support.allocator): counted in page faults
of a child process, with and without it (glibc only)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import REPO

# Three 14 MB blocks (a Quick step's largest activations) taken, written and freed 20 times.
CHURN = """
import ctypes, resource, sys
from mnist_desk.support.allocator import reuse_freed_memory
kept = reuse_freed_memory() if sys.argv[1] == "reuse" else None
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
size = 14 << 20
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    blocks = [libc.malloc(size) for _ in range(3)]
    for block in blocks:
        ctypes.memset(block, 1, size)
    for block in blocks:
        libc.free(block)
print(kept, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _page_faults(mode: str) -> tuple[str, int]:
    run = subprocess.run(
        [sys.executable, "-c", CHURN, mode], cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    kept, faults = run.stdout.split()
    return kept, int(faults)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_freed_memory_is_reused_instead_of_faulted_in_again():
    kept, reused = _page_faults("reuse")
    _, default = _page_faults("default")
    assert kept == "True"
    one_pass = 3 * (14 << 20) // 4096  # pages written once: the first pass faults them in
    assert default > 5 * one_pass  # glibc as it comes: fresh pages pass after pass
    assert reused < 2 * one_pass
