"""What the mnist-desk bundle leaves out, in one place: read by the spec, the torch hook and build.py.

Two kinds of rules:

* ``EXCLUDED_MODULES``: Python packages never imported by the app. Leaving them out of the
  analysis makes the build faster (fewer modules to scan) as well as smaller. Each was checked
  against ``sys.modules`` after a workload that imports every mnist_desk module, trains every
  architecture for a few steps, predicts and opens the window. ``probe_runtime_modules`` repeats
  the import part of that check at build time, so a newer torch that starts importing one of
  these at import time keeps it instead of producing a broken app.
* ``DROPPED_FILES``: files that hooks or binary analysis would copy but nothing loads at run time
  (headers, static archives, bitcode, build tools, alternative library builds).

Dropping CUDA runtime libraries that torch links against would break ``import torch``, so only
libraries with no ``DT_NEEDED`` reference from torch and no dlopen by the app's code paths are
listed; see packaging/README.md for the sizes.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys

# Packages never imported at run time. "optional" ones are imported by torch inside try/except.
EXCLUDED_MODULES = [
    # triton (~0.9 GB) compiles kernels for torch.compile, which the app never uses; torch
    # imports it only when installed (it is absent on Windows and macOS anyway).
    "triton",
    # GUI toolkits and notebooks nothing here uses.
    "tkinter",
    "_tkinter",
    "IPython",
    "matplotlib",
    # Development and packaging tools that torch references from dev-only code paths.
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "pytest",
    "_pytest",
    "pytestqt",
    "pluggy",
    "py",
    "pygments",
    "hypothesis",
    "networkx",  # torch.compile's partitioners only
    "jinja2",  # inductor code templates only
    "fsspec",  # torch.distributed.checkpoint only
    "tensorboard",
    # onnx stays: `export --format onnx` writes metadata and checks the graph with it. onnxruntime
    # (~80 MiB) only checks an export against torch; without it the app says so.
    "onnxruntime",
    "onnxscript",  # torch.export-based ONNX exporter only; the app uses the TorchScript-based one
    "caffe2",
    "torch.utils.tensorboard",
    "torch.utils.benchmark",
    "torch.utils.cpp_extension",
    "torch.utils.hipify",
    "torch.utils.bottleneck",
    # torch.compile's code generators (torch._inductor.config and friends stay: torch imports them).
    "torch._inductor.codegen",
    "torch._inductor.kernel",
    "torch._inductor.fx_passes",
    "torch._inductor.compile_worker",
    "torch._inductor.autoheuristic",
    "torch._inductor.lookup_table",
    # Multi-process training the app does not do (the parts torch imports itself stay).
    "torch.distributed.checkpoint",
    "torch.distributed.pipelining",
    "torch.distributed.elastic",
    "torch.distributed.launcher",
    "torch.distributed.optim",
    "torch.distributed._tools",
    "torch.ao.pruning",
    "torch.ao.ns",
    # torch's own test-suite helpers (torch.testing and the few _internal modules it imports stay).
    "torch.testing._internal.opinfo",
    "torch.testing._internal.optests",
    "torch.testing._internal.generated",
    "torch.testing._internal.distributed",
    # Qt modules the GUI does not use (most are not even in PySide6-Essentials).
    *(
        f"PySide6.{name}"
        for name in (
            "QtNetwork",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickWidgets",
            "QtQuickTest",
            "QtQmlFeatures",
            "QtLabsStyleKit",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebEngineQuick",
            "QtWebChannel",
            "QtWebSockets",
            "QtWebView",
            "QtHttpServer",
            "Qt3DCore",
            "Qt3DRender",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DAnimation",
            "Qt3DExtras",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtSpatialAudio",
            "QtTextToSpeech",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtPositioning",
            "QtLocation",
            "QtBluetooth",
            "QtNfc",
            "QtSensors",
            "QtSerialPort",
            "QtSerialBus",
            "QtRemoteObjects",
            "QtScxml",
            "QtSql",
            "QtTest",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtXml",
            "QtConcurrent",
        )
    ),
]

# Bundle-relative paths (fnmatch patterns, "/" separators) of files nothing loads at run time.
DROPPED_FILES = [
    "triton/*",
    # Build-time material shipped inside the torch wheel.
    "torch/include/*",
    "torch/share/*",
    "torch/bin/protoc*",
    # C++ test programs some torch wheels ship (the CPU wheel: ~120 MiB); torch_shm_manager stays.
    "torch/test/*",
    "torch/bin/test_*",
    "torch/bin/*Test",
    "torch/bin/*.pt",
    "torch/bin/*.ptl",
    "torch/bin/upgrader_models/*",
    "torch/lib/*.a",
    "torch/_inductor/codegen/*",
    "torch/_inductor/kernel/*",
    "*.pyi",
    "*.h",
    "*.hpp",
    "*.cuh",
    "*.cpp",
    "*.cmake",
    # NVIDIA wheels: headers, static archives, device bitcode.
    "nvidia/*/include/*",
    "nvidia/*/lib/*.a",
    "nvidia/*/lib/*.bc",
    # CUDA libraries torch neither links against nor opens: multi-GPU cuSOLVER, the FFTW and
    # BLAS drop-in shims, the alternative NVRTC build, and the CUPTI profiling extras.
    "nvidia/*/lib/libcusolverMg.so*",
    "nvidia/*/lib/libcufftw.so*",
    "nvidia/*/lib/libnvblas.so*",
    "nvidia/*/lib/libnvrtc*.alt.so*",
    "nvidia/*/lib/libnvperf_host.so*",
    "nvidia/*/lib/libnvperf_target.so*",
    "nvidia/*/lib/libpcsamplingutil.so*",
    "nvidia/*/lib/libcheckpoint.so*",
    # GPUDirect Storage over RDMA: needs InfiniBand libraries, and torch never enables it.
    "nvidia/*/lib/libcufile_rdma.so*",
    # NVSHMEM's bootstrap and transport plugins (MPI, UCX, InfiniBand) start multi-GPU symmetric
    # memory, which the app never does; torch itself needs only libnvshmem_host.
    "nvidia/nvshmem/lib/nvshmem_bootstrap_*",
    "nvidia/nvshmem/lib/nvshmem_transport_*",
]

# Files of the repository's resources/ folder that are sources, not resources.
RESOURCE_SOURCES = ["*.py", "*.ts", "README*", ".gitkeep", "__pycache__/*", "*.pyc"]


_active_exclusions: list[str] | None = None


def set_active_exclusions(excluded: list[str]) -> None:
    """The spec's final list (after the probe), for the hooks that run in the same process."""
    global _active_exclusions
    _active_exclusions = list(excluded)


def active_exclusions() -> list[str]:
    return list(EXCLUDED_MODULES if _active_exclusions is None else _active_exclusions)


def is_excluded_module(name: str, excluded: list[str] | None = None) -> bool:
    return any(
        name == prefix or name.startswith(prefix + ".")
        for prefix in (EXCLUDED_MODULES if excluded is None else excluded)
    )


def is_dropped_file(dest: str) -> bool:
    dest = dest.replace(os.sep, "/")
    return any(fnmatch.fnmatch(dest, pattern) for pattern in DROPPED_FILES)


# What the frozen app imports before it does anything: the probe imports the same. torchvision
# only downloads MNIST and is not in the CPU flavour's environment; where it is, it is bundled.
_PROBE = """
import importlib, json, pkgutil, sys
import torch, mnist_desk
try:
    import torchvision
except ImportError:
    pass
for info in pkgutil.walk_packages(mnist_desk.__path__, "mnist_desk."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def probe_runtime_modules(python: str = sys.executable, cwd: str | None = None) -> set[str]:
    """Modules loaded by importing torch, torchvision (if installed) and every mnist_desk module
    (Qt offscreen)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [python, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env=env,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def safe_exclusions(runtime_modules: set[str]) -> tuple[list[str], list[str]]:
    """(excluded, kept): EXCLUDED_MODULES minus any a probe saw imported."""
    excluded, kept = [], []
    for prefix in EXCLUDED_MODULES:
        used = any(m == prefix or m.startswith(prefix + ".") for m in runtime_modules)
        # triton is optional for torch: it is imported when present, and torch copes without it.
        (kept if used and prefix != "triton" else excluded).append(prefix)
    return excluded, kept
