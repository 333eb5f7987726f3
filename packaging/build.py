"""Build the one-folder mnist-desk bundle with PyInstaller and report what it holds.

    python packaging/build.py --flavour cpu           # -> dist/mnist-desk/mnist-desk
    python packaging/build.py --flavour cuda --distpath /tmp/d --workpath /tmp/w --check

Run it with the Python of the flavour's environment (cpu: packaging/package_env.py's; cuda: one
with a CUDA torch): it refuses a torch of the other kind. Prints the build time, the bundled
torch (version, CUDA or not), the bundle size and its biggest parts; a CPU bundle that holds a
CUDA library fails. ``--check`` then runs the built executable's ``--version``,
``--bundle-check`` and ``self-test`` (headless); ``--archive`` packs the bundle for download.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import platform
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "mnist-desk.spec"
APP_NAME = "mnist-desk"
FLAVOURS = ("cpu", "cuda")
# NVIDIA's libraries (CUDA runtime, cuBLAS, cuDNN, NCCL, NVRTC, ...), on any platform.
CUDA_LIBRARY_PATTERNS = ("libcu*", "libcudnn*", "libnccl*", "libnv*", "cu*64_*.dll", "cudnn*.dll")


def executable_path(distpath: Path) -> Path:
    """The built executable inside the bundle (the .app's inner binary on macOS)."""
    app = distpath / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    if app.exists():
        return app
    suffix = ".exe" if sys.platform == "win32" else ""
    return distpath / APP_NAME / f"{APP_NAME}{suffix}"


def file_sizes(bundle: Path) -> dict[str, int]:
    """Bundle-relative path -> bytes, for regular files only (symlinks cost nothing)."""
    sizes = {}
    for dirpath, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                sizes[path.relative_to(bundle).as_posix()] = path.stat().st_size
    return sizes


def part_of(path: str) -> str:
    """The group a file is reported under: nvidia/<pkg>, torch/lib, PySide6, ..."""
    parts = path.split("/")
    if parts[0] == "_internal":
        parts = parts[1:]
    if len(parts) == 1:
        return "(top level: python, system libraries, executable)"
    if parts[0] == "nvidia" and len(parts) > 2:
        return f"nvidia/{parts[1]} (CUDA libraries)"
    if parts[0] == "torch":
        return "torch/lib" if parts[1] == "lib" else "torch (python, data)"
    return parts[0]


def mib(size: int) -> str:
    return f"{size / 2**20:8.1f} MiB"


def cuda_libraries(bundle: Path) -> list[str]:
    """Bundle-relative paths of every NVIDIA library in ``bundle`` (none in a CPU bundle)."""
    return sorted(
        path
        for path in file_sizes(bundle)
        if any(fnmatch.fnmatch(path.rsplit("/", 1)[-1], p) for p in CUDA_LIBRARY_PATTERNS)
    )


def build_torch(python: str = sys.executable) -> tuple[str, str | None]:
    """(torch version, CUDA version or None) of the environment the bundle is built from."""
    out = subprocess.run(
        [python, "-c", "import torch; print(torch.__version__, torch.version.cuda)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return out[0], None if out[1] == "None" else out[1]


def wrong_environment(flavour: str, cuda: str | None) -> str | None:
    """Why this environment cannot build ``flavour``, or None."""
    if flavour == "cpu" and cuda is not None:
        return (
            f"this Python's torch has CUDA {cuda}; build the CPU flavour in its own environment: "
            "python packaging/package_env.py .venv-package-cpu, then run this script with "
            ".venv-package-cpu's python (or: make package)"
        )
    if flavour == "cuda" and cuda is None:
        return (
            "this Python's torch has no CUDA; install a CUDA build first, e.g. pip install torch "
            "--index-url https://download.pytorch.org/whl/cu130 (Linux, Windows; macOS has none)"
        )
    return None


def archive_name(flavour: str) -> str:
    """mnist-desk-0.1.0-linux-x86_64-cpu: what, which version, for which machine."""
    sys.path.insert(0, str(ROOT))
    from mnist_desk import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{APP_NAME}-{__version__}-{system}-{platform.machine().lower()}-{flavour}"


def write_archive(distpath: Path, flavour: str) -> Path:
    """The bundle as one file to download: .zip on Windows, .tar.gz elsewhere (keeps symlinks
    and the executable bit)."""
    base = distpath / archive_name(flavour)
    app = f"{APP_NAME}.app" if (distpath / f"{APP_NAME}.app").exists() else APP_NAME
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=distpath, base_dir=app))


def report(bundle: Path, parts: int = 14, files: int = 12) -> int:
    sizes = file_sizes(bundle)
    total = sum(sizes.values())
    groups: dict[str, int] = defaultdict(int)
    for path, size in sizes.items():
        groups[part_of(path)] += size
    print(f"\nbundle {bundle}: {total / 2**30:.2f} GiB in {len(sizes)} files")
    print("biggest parts:")
    for name, size in sorted(groups.items(), key=lambda kv: -kv[1])[:parts]:
        print(f"  {mib(size)}  {size / total:5.1%}  {name}")
    print("biggest files:")
    for path, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:files]:
        print(f"  {mib(size)}  {path}")
    return total


def check(exe: Path) -> bool:
    """Run the built app headless: --version, --bundle-check and self-test must succeed."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    ok = True
    for args in (["--version"], ["--bundle-check"], ["self-test"]):
        print(f"\n$ {exe} {' '.join(args)}", flush=True)
        ok = subprocess.run([str(exe), *args], env=env).returncode == 0 and ok
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--flavour",
        choices=FLAVOURS,
        default="cpu",
        help="cpu (default): no CUDA, ~0.7 GB; cuda: today's torch with CUDA, ~4 GB",
    )
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--workpath", type=Path, default=None, help="default: build/FLAVOUR")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    window = parser.add_mutually_exclusive_group()
    window.add_argument(
        "--windowed",
        action="store_true",
        help="no console (default on Windows and macOS)",
    )
    window.add_argument("--console", action="store_true", help="console (default on Linux)")
    parser.add_argument(
        "--no-strip", action="store_true", help="keep symbol tables in torch's libraries"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="run the built app's --version, --bundle-check and self-test",
    )
    parser.add_argument(
        "--archive",
        action="store_true",
        help="also pack the bundle into DISTPATH/mnist-desk-VERSION-OS-ARCH-FLAVOUR.tar.gz (.zip on Windows)",
    )
    parser.add_argument(
        "--log-level", default="WARN", help="PyInstaller's log level (default: WARN)"
    )
    args = parser.parse_args(argv)
    workpath = args.workpath or ROOT / "build" / args.flavour

    torch_version, cuda = build_torch()
    problem = wrong_environment(args.flavour, cuda)
    if problem:
        print(f"error: {args.flavour} flavour: {problem}", file=sys.stderr)
        return 2

    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "PyInstaller is not installed: pip install -e '.[package]' (or: make package)",
            file=sys.stderr,
        )
        return 2

    spec_args = [
        flag
        for flag, wanted in (
            ("--windowed", args.windowed),
            ("--console", args.console),
            ("--no-strip", args.no_strip),
        )
        if wanted
    ]
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        f"--log-level={args.log_level}",
        f"--distpath={args.distpath}",
        f"--workpath={workpath}",
        *(["--clean"] if args.clean else []),
        str(SPEC),
        *(["--", *spec_args] if spec_args else []),
    ]
    print("$ " + " ".join(command), flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(
            f"PyInstaller failed (exit {result.returncode}) after {elapsed:.0f}s", file=sys.stderr
        )
        return result.returncode
    bundle = args.distpath / APP_NAME
    total = report(bundle)
    exe = executable_path(args.distpath)
    found_cuda = cuda_libraries(bundle)
    print(f"built {exe} in {elapsed / 60:.1f} min")
    print(
        f"flavour {args.flavour}: torch {torch_version}, "
        + (f"CUDA {cuda}" if cuda else "no CUDA")
        + f", {len(found_cuda)} CUDA libraries, {total / 2**20:.0f} MiB on disk"
    )
    if args.flavour == "cpu" and found_cuda:
        print("error: the CPU bundle holds CUDA libraries: " + ", ".join(found_cuda[:8]))
        return 1
    if args.check and not check(exe):
        return 1
    if args.archive:
        started = time.monotonic()
        archive = write_archive(args.distpath, args.flavour)
        print(
            f"archive {archive}: {archive.stat().st_size / 2**20:.0f} MiB "
            f"(packed in {time.monotonic() - started:.0f}s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
