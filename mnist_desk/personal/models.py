"""Models made from the user's digits: where they are saved, the transfer adder that reads digits
with a personalised classifier, and a model's accuracy on the user's digits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from torch import nn

from mnist_desk.models import CLASSIFIER, TRANSFER
from mnist_desk.personal.data import to_tensors
from mnist_desk.personal.store import PersonalDigit
from mnist_desk.store.checkpoints import (
    Checkpoint,
    CheckpointError,
    load_checkpoint,
    make_meta,
    save_checkpoint,
    write_metrics_file,
)
from mnist_desk.support.config import resolve_models_dir, shipped_weights_dir
from mnist_desk.support.devices import resolve_device
from mnist_desk.training import evaluate


def accuracy(model: nn.Module, images, labels, device) -> float:
    """Share of ``images`` read as ``labels`` (NaN for none)."""
    if len(labels) == 0:
        return float("nan")
    _, error, _ = evaluate(model, images, labels, device)
    return 1.0 - error


def personal_model_path(arch: str, models_dir: str | Path | None = None) -> Path:
    """``classifier-ARCH-mine-YYYYmmdd-HHMMSS.pt`` in the user's models folder (never reused)."""
    folder = resolve_models_dir(models_dir)
    stem = f"{CLASSIFIER}-{arch}-mine-{datetime.now():%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}.pt", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.pt", n + 1
    return path


def transfer_adder_path(classifier_path: Path) -> Path:
    """Where a personal fine-tune saves the transfer adder that reads digits with the classifier
    at ``classifier_path``: beside it, ``classifier-X.pt`` -> ``transfer-X.pt`` (a classifier
    named otherwise gets ``NAME-transfer.pt``, never over another file's name)."""
    stem = classifier_path.stem
    if stem.startswith(f"{CLASSIFIER}-"):
        stem = stem.replace(f"{CLASSIFIER}-", f"{TRANSFER}-", 1)
    else:
        stem = f"{stem}-{TRANSFER}"
    return classifier_path.with_name(stem + classifier_path.suffix)


def save_personal_transfer_adder(
    classifier: nn.Module, classifier_path: Path, report, classifier_meta: dict
) -> str | None:
    """The shipped transfer adder reading digits with the personalised classifier, saved beside it
    as ``transfer-ARCH-mine-DATE.pt`` (its sum head works on the classifier's digit
    log-probabilities, so it takes the new classifier as it is). None if no adder fits."""
    from mnist_desk.store.catalog import shipped_checkpoint

    arch = classifier_meta["arch"]
    shipped = shipped_checkpoint(TRANSFER, arch)
    if not shipped.is_file():
        return None
    adder_ckpt = load_checkpoint(shipped)
    if adder_ckpt.model_kwargs != classifier_meta.get("model_kwargs", {}):
        return None  # a classifier of another width cannot slot in
    adder = adder_ckpt.build()
    adder.classifier.load_state_dict(classifier.state_dict())
    output = transfer_adder_path(classifier_path)
    meta = make_meta(
        TRANSFER,
        arch,
        model_kwargs=adder_ckpt.model_kwargs,
        # Its classifier is the personalised one: that is what it reads digits with. Its sum
        # accuracy was not re-measured (that costs 20,000 more images): none is claimed.
        metrics={"digit_test_accuracy": round(report.mnist_after, 6)},
        seed=classifier_meta.get("seed"),
        personal={
            "classifier": str(classifier_path),
            "base_adder": str(shipped),
            "method": report.method,
        },
        command=classifier_meta.get("command"),
        machine=classifier_meta.get("machine"),
    )
    save_checkpoint(output, adder, meta)
    write_metrics_file(output, meta)
    return str(output)


def evaluate_on_digits(
    checkpoint: Checkpoint, digits: Sequence[PersonalDigit], device: str = "cpu"
) -> dict[str, Any]:
    """A classifier's accuracy on the user's digits: all of them, and those it never trained on."""
    dev = resolve_device(device)
    model = checkpoint.build().to(dev)
    trained = set((checkpoint.meta.get("personal") or {}).get("trained_on") or [])
    unseen = [d for d in digits if d.id not in trained]
    x, y = to_tensors(digits)
    out: dict[str, Any] = {
        "checkpoint": str(checkpoint.path),
        "count": len(digits),
        "accuracy": accuracy(model, x, y, dev),
        "unseen_count": len(unseen),
        "unseen_accuracy": accuracy(model, *to_tensors(unseen), dev) if unseen else None,
        "trained_on_count": len(digits) - len(unseen),
    }
    return out


def classifier_behind(checkpoint: Checkpoint) -> Path | None:
    """The classifier a fine-tune on the user's digits starts from while ``checkpoint`` reads
    their digits: the checkpoint itself if it is a classifier; for a transfer adder made by a
    personal fine-tune, the personalised classifier it reads digits with; else None (the other
    adders read digits with weights of their own, which are no classifier file: start from the
    shipped classifier)."""
    if checkpoint.task == CLASSIFIER:
        return Path(checkpoint.path) if checkpoint.path else None
    behind = (checkpoint.meta.get("personal") or {}).get("classifier")
    if checkpoint.task == TRANSFER and behind and Path(behind).is_file():
        return Path(behind)
    return None


def classifier_last_used(
    digits: Sequence[PersonalDigit], models_dir: str | Path | None = None
) -> Path | None:
    """The classifier behind the model that read the user's newest digit: the one the window was
    using (each kept digit records its model's name, so a Qt-free command can tell). None when
    no digit names a model that is still there."""
    named = [d for d in digits if d.model]
    if not named:
        return None
    newest = max(named, key=lambda d: (d.created, d.id))
    for folder in (shipped_weights_dir(), resolve_models_dir(models_dir)):
        path = folder / f"{newest.model}.pt"
        if path.is_file():
            try:
                return classifier_behind(load_checkpoint(path))
            except CheckpointError:
                return None
    return None
