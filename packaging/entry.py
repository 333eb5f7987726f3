"""The frozen app's entry point: what `mnist-desk` runs inside the PyInstaller bundle.

It only prepares the process (multiprocessing, a console on Windows, a headless Qt platform
for `self-test` where no display exists) and then hands over to ``mnist_desk.cli.main.main``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

# Commands that never need a screen; on a machine without one they run on Qt's offscreen platform.
HEADLESS_COMMANDS = {"self-test"}


def has_display() -> bool:
    """Whether a window could be shown; Windows and macOS always have a window server."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen_if_headless(argv: list[str]) -> None:
    if HEADLESS_COMMANDS.intersection(argv) and not has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def attach_parent_console() -> None:
    """Windowed Windows builds have no stdout; borrow the console they were started from, if any."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    else:
        # Started from Explorer: keep print() harmless.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115


def bundle_check() -> int:
    """`mnist-desk --bundle-check` (hidden): what `python -c` would tell about the frozen bundle.

    Prints the bundled torch (version, CUDA or not) and its view of the devices, runs a
    torchvision operator where torchvision is bundled (its compiled ops library is the part
    PyInstaller misses most easily) and loads every bundled CUDA library, so a library with an
    unresolved dependency shows up even on a machine without a GPU.
    """
    import ctypes
    import glob

    import torch

    from mnist_desk.support.devices import list_devices

    ok = True
    print(f"torch {torch.__version__} (CUDA {torch.version.cuda})")
    print(f"cuda available: {torch.cuda.is_available()}, devices: {torch.cuda.device_count()}")
    print("device list: " + ", ".join(d.name for d in list_devices()))
    try:
        import torchvision
        from torchvision.ops import nms
    except ImportError:
        print("torchvision: not bundled (MNIST is read without it; no download)")
    else:
        boxes = torch.tensor(
            [[0.0, 0.0, 10.0, 10.0], [1.0, 1.0, 10.0, 10.0], [20.0, 20.0, 30.0, 30.0]]
        )
        kept = nms(boxes, torch.tensor([0.9, 0.8, 0.7]), 0.5).tolist()
        print(f"torchvision {torchvision.__version__} nms: {kept}")
        ok = ok and kept == [0, 2]
    if torch.version.cuda:
        print(f"cudnn: {torch.backends.cudnn.version()}")
    libraries = sorted(
        glob.glob(os.path.join(getattr(sys, "_MEIPASS", ""), "nvidia", "*", "lib", "*.so*"))
    )
    failed = []
    for path in libraries:
        try:
            ctypes.CDLL(path)
        except OSError as e:
            failed.append(f"{os.path.basename(path)}: {e}")
    print(f"CUDA libraries loaded: {len(libraries) - len(failed)}/{len(libraries)}")
    for line in failed:
        print(f"  FAIL {line}")
    ok = ok and not failed
    print("bundle check passed" if ok else "bundle check FAILED")
    return 0 if ok else 1


def main() -> int:
    # DataLoader workers and any spawned child re-run this executable; let them do their job.
    multiprocessing.freeze_support()
    attach_parent_console()
    use_offscreen_if_headless(sys.argv[1:])
    if sys.argv[1:2] == ["--bundle-check"]:
        return bundle_check()
    from mnist_desk.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
