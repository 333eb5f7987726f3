"""``mnist-desk self-test``: every shipped model reads the shipped sample digits as it did when
it was measured.

Samples are MNIST *test* digits (never trained on), the first of each class, stored
dark-on-light at 112x112 like a scan, so the check also covers polarity detection and rescaling.
Sums go through ``Predictor.predict_sum``, the path the window uses.

Each sample must be read right, except where a classifier's metrics file records that the model
misreads it (``sample_misreads``: file name -> the digit it reads, measured when the model was
shipped): there that same answer is expected. The check is of this installation, which must
compute what the measured model computed; how well a model reads is MNIST test's 10,000
digits' to say, not one of ten (the shipped ViT-distill reads 98.8% of MNIST test and, like
five of six drawn-recipe ViT-distills, reads the curled 3 of test digit 18 as a 9).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mnist_desk.support.config import resources_dir, shipped_weights_dir

MISREADS = "sample_misreads"  # the metrics file's key: sample file name -> the digit read


def sample_digits() -> list[tuple[int, Path]]:
    """(label, path) for each shipped sample, read from names like digit-3-test18.png."""
    found = []
    for path in sorted((resources_dir() / "samples").glob("digit-*.png")):
        match = re.match(r"digit-(\d)", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def recorded_misreads(checkpoint_path: Path) -> dict[str, int]:
    """The samples a shipped model's metrics file records it misreads, and what it reads;
    {} when the file or the key is missing (then every sample must be read right)."""
    from mnist_desk.store.checkpoints import read_metrics_file

    info = read_metrics_file(checkpoint_path) or {}
    try:
        return {str(name): int(digit) for name, digit in dict(info.get(MISREADS) or {}).items()}
    except (ValueError, TypeError):
        return {}


def run_self_test(
    say: Callable[[str], None] = print,
    window_check: Callable[[], tuple[bool, str]] | None = None,
    device: str | None = None,
) -> bool:
    """Check every shipped model on the sample digits, saying each result; True if all pass.
    ``device``: where the models run (``support.devices.resolve_device``; default the CPU).

    ``window_check`` (the CLI passes ``ui.app.open_and_close_window``) is run last and returns
    (ok, what it saw): the core knows nothing of the window, the entry point hands it in."""
    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.imaging.image_files import load_image
    from mnist_desk.recognition.predictor import Predictor
    from mnist_desk.store.checkpoints import CheckpointError, load_checkpoint
    from mnist_desk.support.devices import cuda_unavailable_reason, list_devices, resolve_device

    run_on = resolve_device(device)  # a CUDA device that is not there: a DeviceError, said first
    devices = [d.name for d in list_devices()]
    no_cuda = "" if len(devices) > 1 else f" (no CUDA: {cuda_unavailable_reason()})"
    say(f"devices: {', '.join(devices)}{no_cuda}; models run on {run_on}")
    samples = sample_digits()
    weights = sorted(shipped_weights_dir().glob("*.pt"))
    ok = bool(samples) and bool(weights)
    if not samples:
        say(f"FAIL no sample digits in {resources_dir() / 'samples'}")
    if not weights:
        say(f"FAIL no shipped weights in {shipped_weights_dir()}")
    images = [(label, picture_from_image(load_image(path))) for label, path in samples]
    # Pairs (a, b) whose sums cover 0..18.
    pairs = [
        (images[i], images[j]) for i, j in ((0, 0), (1, 2), (3, 4), (5, 6), (7, 8), (9, 9), (9, 0))
    ]
    for path in weights:
        try:
            predictor = Predictor(load_checkpoint(path), device=run_on)
        except CheckpointError as e:
            say(f"FAIL {path.name}: {e}")
            ok = False
            continue
        if predictor.task == "classifier":
            results = predictor.predict_digits([im for _, im in images])
            misreads = recorded_misreads(path)
            read = {p.name: r.digit for (_, p), r in zip(samples, results, strict=True)}
            expected = {p.name: misreads.get(p.name, label) for label, p in samples}
            wrong = [(expected[n], read[n]) for n in read if read[n] != expected[n]]
            right = sum(read[p.name] == label for label, p in samples)
            line = f"{path.name}: {right}/{len(images)} digits"
            known = [f"{name} as {digit}" for name, digit in sorted(misreads.items())]
            if known and not wrong:
                line += f" (reads {', '.join(known)}, as its metrics file records)"
        else:
            wrong = []
            for (la, a), (lb, b) in pairs:
                result = predictor.predict_sum(a, b)
                if result.total != la + lb:
                    wrong.append((la + lb, result.total))
            line = f"{path.name}: {len(pairs) - len(wrong)}/{len(pairs)} sums"
        say(
            ("ok   " if not wrong else "FAIL ")
            + line
            + (f"  wrong (expected, got): {wrong}" if wrong else "")
        )
        ok = ok and not wrong
    if window_check is not None:
        window_ok, message = window_check()
        say(("ok   " if window_ok else "FAIL ") + message)
        ok = ok and window_ok
    say("self-test passed" if ok else "self-test FAILED")
    return ok
