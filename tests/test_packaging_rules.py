"""The packaging scripts' rules, without building anything (tests/test_packaging.py builds)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.support import REPO


def packaging_script(name: str):
    """packaging/NAME.py as a module (by path: PyPA's "build" package has the same name)."""
    spec = importlib.util.spec_from_file_location(
        f"packaging_{name}", REPO / "packaging" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = packaging_script("build")
package_env = packaging_script("package_env")


def test_cuda_libraries_are_found_wherever_they_lie(tmp_path):
    for name in (
        "_internal/nvidia/cudnn/lib/libcudnn_ops.so.9",
        "_internal/torch/lib/libcublas.so.13",
        "_internal/libnccl.so.2",
        "_internal/nvidia/cu13/lib/libnvrtc.so.13",
        "_internal/torch/lib/cudart64_13.dll",
        "_internal/torch/lib/libtorch_cpu.so",
        "_internal/PySide6/Qt/lib/libQt6Core.so.6",
        "_internal/numpy.libs/libscipy_openblas64_.so",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    found = build.cuda_libraries(tmp_path)
    assert found == sorted(
        [
            "_internal/libnccl.so.2",
            "_internal/nvidia/cu13/lib/libnvrtc.so.13",
            "_internal/nvidia/cudnn/lib/libcudnn_ops.so.9",
            "_internal/torch/lib/cudart64_13.dll",
            "_internal/torch/lib/libcublas.so.13",
        ]
    )


def test_a_flavour_is_refused_in_the_wrong_environment():
    assert "own environment" in build.wrong_environment("cpu", "13.0")
    assert "no CUDA" in build.wrong_environment("cuda", None)
    assert build.wrong_environment("cpu", None) is None
    assert build.wrong_environment("cuda", "13.0") is None


def test_the_cpu_environment_gets_the_run_time_dependencies_but_no_torchvision():
    pytest.importorskip("tomllib")
    names = {package_env.requirement_name(r) for r in package_env.bundle_requirements()}
    assert {"numpy", "pyside6-essentials", "pyqtgraph", "pillow", "onnx", "pyinstaller"} <= names
    assert not names & {"torch", "torchvision", "onnxruntime", "pytest"}


def test_the_archive_says_what_it_holds():
    name = build.archive_name("cpu")
    assert name.startswith("mnist-desk-0.") and name.endswith("-cpu")
    assert ("linux" in name) == sys.platform.startswith("linux")
