"""Build the one-folder mnist-desk bundle with PyInstaller and report what it weighs.

    python packaging/build.py                         # -> dist/mnist-desk/mnist-desk
    python packaging/build.py --distpath /tmp/d --workpath /tmp/w --check

Prints the build time, the bundle size and the biggest parts. ``--check`` then runs the built
executable's ``--version`` and ``self-test`` (headless).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "mnist-desk.spec"
APP_NAME = "mnist-desk"


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
    """Run the built app headless: --version and self-test must succeed."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    ok = True
    for args in (["--version"], ["self-test"]):
        print(f"\n$ {exe} {' '.join(args)}", flush=True)
        ok = subprocess.run([str(exe), *args], env=env).returncode == 0 and ok
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build", help="default: build/")
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
        "--check", action="store_true", help="run the built app's --version and self-test"
    )
    parser.add_argument(
        "--log-level", default="WARN", help="PyInstaller's log level (default: WARN)"
    )
    args = parser.parse_args(argv)

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
        f"--workpath={args.workpath}",
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
    report(args.distpath / APP_NAME)
    exe = executable_path(args.distpath)
    print(f"built {exe} in {elapsed / 60:.1f} min")
    if args.check and not check(exe):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
