"""The PyInstaller bundle: build it into a temporary folder and run the frozen app headless.

Slow (a few minutes on 2 cores) and needs PyInstaller (`pip install -e '.[package]'`), so it is
deselected by default (pyproject's addopts) and run on its own: `make test-packaging`, or
`pytest -m packaging tests/test_packaging.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

# the first test builds the bundle (about 5 minutes on 2 cores) within its own time limit
pytestmark = [pytest.mark.slow, pytest.mark.packaging, pytest.mark.timeout(1500)]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
HAS_WEIGHTS = any((ROOT / "resources" / "weights").glob("*.pt"))
needs_weights = pytest.mark.skipif(
    not HAS_WEIGHTS, reason="no shipped weights in resources/weights yet"
)


def headless_env() -> dict[str, str]:
    """No display and no QT_QPA_PLATFORM: the frozen entry must pick offscreen for self-test."""
    unset = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MNIST_DESK_RESOURCES")
    return {k: v for k, v in os.environ.items() if k not in unset}


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    sys.path.insert(0, str(ROOT / "packaging"))
    import build

    base = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    code = build.main(["--distpath", str(base / "dist"), "--workpath", str(base / "work")])
    print(f"bundle built in {time.monotonic() - started:.0f}s")
    assert code == 0, "PyInstaller build failed (see the output above)"
    exe = build.executable_path(base / "dist")
    assert exe.exists()
    yield exe
    shutil.rmtree(base, ignore_errors=True)


def run(exe: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        env=headless_env(),
        timeout=timeout,
        cwd=exe.parent,
    )
    print(result.stdout, result.stderr, sep="\n")
    return result


def test_version(frozen_app):
    from mnist_desk import __version__

    result = run(frozen_app, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mnist-desk {__version__}"


def test_bundle_has_resources_and_torchvision_ops(frozen_app):
    internal = frozen_app.parent / "_internal"
    assert sorted((internal / "resources" / "samples").glob("digit-*.png"))
    assert list((internal / "torchvision").glob("_C*")), "torchvision's operator library is missing"
    assert not (internal / "triton").exists()


@needs_weights
def test_self_test_with_window(frozen_app):
    result = run(frozen_app, "self-test", "--window")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    # torch's device list works inside the bundle (CUDA listed where a GPU exists).
    assert "devices: cpu" in result.stdout
    assert "FAIL" not in result.stdout


@needs_weights
def test_predict_sum(frozen_app):
    three, four = sorted(SAMPLES.glob("digit-3-*.png"))[0], sorted(SAMPLES.glob("digit-4-*.png"))[0]
    result = run(frozen_app, "predict", str(three), str(four))
    assert result.returncode == 0, result.stderr
    assert "sum: 3 + 4 = 7" in result.stdout


def test_bundle_check(frozen_app):
    """torchvision's compiled ops work ('operator torchvision::nms does not exist' otherwise),
    torch lists its devices, and every bundled CUDA library loads."""
    result = run(frozen_app, "--bundle-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "torchvision nms: [0, 2]" in result.stdout
    assert "device list: cpu" in result.stdout
    assert "bundle check passed" in result.stdout


@pytest.mark.skipif(
    not (Path(os.environ.get("MNIST_DESK_DATA", "/nonexistent")) / "MNIST").exists(),
    reason="MNIST_DESK_DATA is not set to a folder with MNIST",
)
def test_train_a_few_steps(frozen_app, tmp_path):
    """Training imports optimizers, schedulers and data code that nothing else touches."""
    output = tmp_path / "tiny.pt"
    result = run(
        frozen_app,
        "train",
        "--no-download",
        "--steps",
        "3",
        "--batch-size",
        "32",
        "--train-subset",
        "256",
        "--val-subset",
        "128",
        "--test-subset",
        "128",
        "--quiet",
        "--output",
        str(output),
    )
    assert result.returncode == 0, result.stderr
    assert output.exists()
    assert "test accuracy" in result.stdout
