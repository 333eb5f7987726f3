"""The PyInstaller bundle: build it into a temporary folder and run the frozen app headless.

Slow (a few minutes on 2 cores) and needs the flavour's build environment, so it is deselected
by default (pyproject's addopts) and run on its own: `make test-packaging` (the CPU flavour,
built with .venv-package-cpu's Python) or `make test-packaging FLAVOUR=cuda` (built with .venv's).
Without make: PACKAGE_PYTHON=.venv-package-cpu/bin/python PACKAGE_FLAVOUR=cpu
pytest -m packaging tests/test_packaging.py.
"""

from __future__ import annotations

import importlib.util
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
FLAVOUR = os.environ.get("PACKAGE_FLAVOUR", "cpu")
BUILD_PYTHON = os.environ.get("PACKAGE_PYTHON", sys.executable)
MNIST_DATA = Path(os.environ.get("MNIST_DESK_DATA", "/nonexistent"))
needs_mnist = pytest.mark.skipif(
    not (MNIST_DATA / "MNIST").exists(), reason="MNIST_DESK_DATA is not set to a folder with MNIST"
)
cpu_only = pytest.mark.skipif(FLAVOUR != "cpu", reason="a check of the CPU flavour")


def headless_env() -> dict[str, str]:
    """No display and no QT_QPA_PLATFORM: the frozen entry must pick offscreen for self-test."""
    unset = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MNIST_DESK_RESOURCES")
    return {k: v for k, v in os.environ.items() if k not in unset}


def packaging_build():
    """packaging/build.py as a module (by path: PyPA's "build" package has the same name)."""
    spec = importlib.util.spec_from_file_location(
        "packaging_build", ROOT / "packaging" / "build.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = packaging_build()


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    command = [BUILD_PYTHON, str(ROOT / "packaging" / "build.py"), "--flavour", FLAVOUR]
    command += ["--distpath", str(base / "dist"), "--workpath", str(base / "work")]
    code = subprocess.run(command, cwd=ROOT).returncode
    print(f"{FLAVOUR} bundle built in {time.monotonic() - started:.0f}s")
    assert code == 0, "the build failed (see the output above)"
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


def test_bundle_has_resources_and_no_triton(frozen_app):
    internal = frozen_app.parent / "_internal"
    assert sorted((internal / "resources" / "samples").glob("digit-*.png"))
    assert not (internal / "triton").exists()
    if FLAVOUR == "cuda":
        assert list((internal / "torchvision").glob("_C*")), "torchvision's ops library is missing"


@cpu_only
def test_the_cpu_bundle_holds_no_cuda_library_and_no_torchvision(frozen_app):
    bundle = frozen_app.parent
    everything = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    assert len(everything) > 100  # the listing saw the bundle
    assert build.cuda_libraries(bundle) == []
    assert not [p for p in everything if "/nvidia/" in f"/{p}" or "torchvision" in p]
    assert any(
        p.endswith(("libtorch_cpu.so", "torch_cpu.dll", "libtorch_cpu.dylib")) for p in everything
    )


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
    """torch lists its devices, every bundled CUDA library loads, and where torchvision is
    bundled (CUDA flavour) its compiled ops work ('operator torchvision::nms does not exist')."""
    result = run(frozen_app, "--bundle-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "device list: cpu" in result.stdout
    assert "bundle check passed" in result.stdout
    if FLAVOUR == "cpu":
        assert "(CUDA None)" in result.stdout and "torchvision: not bundled" in result.stdout
    else:
        assert "nms: [0, 2]" in result.stdout


@needs_mnist
def test_train_a_few_steps(frozen_app, tmp_path):
    """Training imports optimizers, schedulers and data code that nothing else touches; the
    CPU bundle reads MNIST without torchvision."""
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


@needs_mnist
@cpu_only
def test_a_quick_run_from_local_mnist(frozen_app, tmp_path):
    """The Quick preset, whole: QuickNet's recipe over the 50,000 training digits."""
    output = tmp_path / "quick.pt"
    # Seconds on two idle cores; allow for a machine shared with other work.
    args = ("train", "--no-download", "--arch", "quick", "-o", str(output))
    result = run(frozen_app, *args, timeout=1200)
    assert result.returncode == 0, result.stderr
    assert output.exists() and "test accuracy" in result.stdout


@cpu_only
def test_a_download_without_torchvision_says_where_to_get_mnist(frozen_app, tmp_path):
    result = run(frozen_app, "--data-dir", str(tmp_path), "train", "--steps", "1", "-q")
    assert result.returncode == 1
    err = result.stderr
    assert "does not download it" in err and "ossci-datasets" in err and "pip" not in err
    assert str(tmp_path / "MNIST" / "raw") in err and "Traceback" not in err
