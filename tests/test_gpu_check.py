"""scripts/gpu-check.sh, the check of the CUDA paths on a real GPU: it is there, it parses, and
where CUDA is missing it says so in words and runs nothing (no traceback, no folder left)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gpu-check.sh"


def test_the_script_is_there_executable_and_parses():
    assert SCRIPT.is_file() and os.access(SCRIPT, os.X_OK)
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)


def test_without_cuda_it_refuses_clearly_and_runs_nothing(tmp_path):
    out = tmp_path / "never-made"
    # An empty CUDA_VISIBLE_DEVICES hides every GPU from torch, as on a machine without one.
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "PYTHON": sys.executable}
    env["GPU_CHECK_OUT"] = str(out)
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 3
    assert "no CUDA here" in result.stderr and "nothing was run" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == "" and not out.exists()


def test_the_self_test_on_a_missing_cuda_device_is_a_user_error():
    import torch

    from mnist_desk.errors import UserError
    from mnist_desk.recognition.self_test import run_self_test

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    said = []
    with pytest.raises(UserError, match="CUDA"):
        run_self_test(said.append, device="cuda")
    assert said == []
