"""Create the virtual environment the CPU bundle is built in: a CPU-only torch, no torchvision.

    python packaging/package_env.py .venv-package-cpu            # Linux, macOS
    py packaging\\package_env.py .venv-package-cpu                # Windows

It leaves the development environment (.venv) alone. Steps:

1. ``python -m venv VENV`` (if VENV has no python yet);
2. a CPU-only torch (``--torch``, default ``TORCH_CPU_VERSION``): ``torch==V+cpu`` from the
   indexes pip is configured with (a local wheel, or a mirror of PyTorch's CPU index), else
   from PyTorch's CPU index (``--torch-index``); on macOS PyPI's torch, which has no CUDA;
3. the app's run-time dependencies from pyproject.toml and its ``export`` extra, except torch,
   torchvision and onnxruntime (``NOT_BUNDLED`` says why), plus PyInstaller (the ``package``
   extra);
4. a check that the environment's torch has no CUDA (``torch.version.cuda is None``).

The package itself is not installed: the spec imports it from the checkout.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TORCH_CPU_VERSION = "2.13.0"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# Left out of the bundle's environment: torch is installed first (CPU-only), torchvision has no
# CPU-only build to match (the app reads MNIST without it), onnxruntime only checks an ONNX
# export (~80 MiB; the app says when it could not check).
NOT_BUNDLED = {"torch", "torchvision", "onnxruntime"}


def load_pyproject() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: pip carries the same parser
        from pip._vendor import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirement_name(requirement: str) -> str:
    """'PySide6-Essentials>=6.6; python_version < "3.12"' -> 'pyside6-essentials'."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if match is None:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def bundle_requirements() -> list[str]:
    """What the CPU bundle's environment installs besides torch: the run-time dependencies and
    the ``export`` extra (less NOT_BUNDLED), and the ``package`` extra (PyInstaller)."""
    project = load_pyproject()["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["export"]]
    return [r for r in wanted if requirement_name(r) not in NOT_BUNDLED] + list(extras["package"])


def venv_python(venv_dir: Path) -> Path:
    scripts = "Scripts" if sys.platform == "win32" else "bin"
    return venv_dir / scripts / ("python.exe" if sys.platform == "win32" else "python")


def pip(python: Path, *args: str, check: bool = True) -> int:
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", *args]
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, check=check).returncode


def torch_cuda(python: Path) -> tuple[str, str | None]:
    """(torch.__version__, torch.version.cuda) in the environment of ``python``."""
    out = subprocess.run(
        [str(python), "-c", "import torch; print(torch.__version__, torch.version.cuda)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return out[0], None if out[1] == "None" else out[1]


def install_cpu_torch(python: Path, version: str, index: str) -> None:
    if sys.platform == "darwin":  # PyPI's macOS wheels are CPU-only (plus Apple's MPS)
        pip(python, f"torch=={version}")
        return
    wanted = f"torch=={version}+cpu"
    if pip(python, "--only-binary=:all:", wanted, check=False) != 0:
        print(f"{wanted} is not on the configured indexes; trying {index}", flush=True)
        pip(python, "--only-binary=:all:", "--index-url", index, wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("venv", type=Path, help="the environment's folder, e.g. .venv-package-cpu")
    parser.add_argument(
        "--torch", default=TORCH_CPU_VERSION, help=f"torch version (default {TORCH_CPU_VERSION})"
    )
    parser.add_argument(
        "--torch-index",
        default=TORCH_CPU_INDEX,
        help=f"where CPU-only torch wheels are when pip's indexes have none (default {TORCH_CPU_INDEX})",
    )
    args = parser.parse_args(argv)

    python = venv_python(args.venv)
    if not python.exists():
        print(f"creating {args.venv}", flush=True)
        venv.EnvBuilder(with_pip=True).create(args.venv)
    install_cpu_torch(python, args.torch, args.torch_index)
    torch_version, cuda = torch_cuda(python)
    # Pinning torch to what is installed keeps any other requirement from replacing it.
    pip(python, f"torch=={torch_version}", *bundle_requirements())
    torch_version, cuda = torch_cuda(python)
    if cuda is not None:
        print(f"error: {args.venv} has torch {torch_version} with CUDA {cuda}", file=sys.stderr)
        return 1
    print(f"{args.venv}: torch {torch_version}, no CUDA; ready for packaging/build.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
