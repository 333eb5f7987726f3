"""A reader that stops early (`mnist-desk list | head -1`) ends the command quietly, as it
ends `cat`: no "this is a bug" message, no traceback in the log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_closed_stdout_is_not_reported_as_a_bug(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    env = {
        **os.environ,
        "MNIST_DESK_LOG_DIR": str(tmp_path / "logs"),
        "MNIST_DESK_MODELS": str(tmp_path / "models"),
        "PYTHONPATH": str(ROOT),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mnist_desk", "list", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr.decode() == ""
    assert not (tmp_path / "logs" / "mnist-desk.log").exists()
