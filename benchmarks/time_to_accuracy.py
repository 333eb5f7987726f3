"""Row 1: time to 99.0% test accuracy, the project's training versus the reference pipeline it replaces.

Both contenders run in this one process, one after the other, on the same threads, so their ratio
holds on a noisy machine. Each counts only training + evaluation wall time (not data loading).

- project: the Trainer (in-memory tensors, batched indexing, OneCycle, AdamW, channels_last), with
  the fast settings below; at each of its evaluation events the test set is scored and the run is
  cancelled once it reaches the target.
- reference: the seed CNN trained the classic way: a DataLoader over torchvision's MNIST with
  ToTensor + Normalize per sample, batch 64, shuffled, Adam lr 1e-3, the test set scored after
  each epoch, until the target or the epoch cap.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from benchmarks.common import SEED, Line, Options, log, secs, sync
from benchmarks.targets import train_to_target
from mnist_desk import data as mdata
from mnist_desk.models.cnn import ReferenceCNN
from mnist_desk.training import TrainingSettings

TARGET = 0.99
REFERENCE_EPOCH_CAP = 6
GOAL_SPEEDUP = 10.0
GOAL_SECONDS = 20.0


def fast_settings(device: str, threads: int) -> TrainingSettings:
    """The project's quickest route to 99% on a CPU, chosen from measured candidates: the same
    ReferenceCNN as the reference pipeline (so the comparison is of pipelines, not networks),
    the project's in-memory batches, AdamW and a 2-epoch OneCycle at peak lr 4e-3, no
    augmentation (it slows early convergence), and the Trainer's own validation (which only picks
    the checkpoint to keep) on 1,000 images, since scoring all 10,000 at each of the 8
    evaluations cost about 8 s of the run. The target is always checked on the full test set.

    Measured on this 2-core machine, idle, 2 threads, time to 99.0% test (seed 0 unless named):
    lr 3e-3 with full validation 28.0 s; lr 3e-3, validation 2,000 19.6 s, 1,000 18.6 s;
    lr 4e-3, validation 1,000: 12.8 s (seed 0), 15.8 s (seed 1), 16.1 s (seed 2); the same
    with label smoothing 0.1: 13.2, 13.7, 18.4 s; batch 256 (lr 3e-3 or 5e-3) and 1.8 epochs
    never got there (98.89%, 98.96%, 98.96%). Earlier, on a busy machine: lenet5 4 epochs
    37.6 s; convnet width 16 2 epochs 52.9 s."""
    return TrainingSettings(
        task="classifier",
        arch="cnn",
        epochs=2,
        batch_size=128,
        lr=4e-3,
        augment=False,
        evals_per_epoch=4,
        val_subset=1000,
        seed=SEED,
        device=device,
        num_threads=threads,
    )


@dataclass
class ReferenceRun:
    reached: bool
    seconds: float  # wall time to the target, or of the whole capped run
    epochs: int
    accuracies: list[float]


def reference_time_to_target(opts: Options, device: str, epoch_cap: int) -> ReferenceRun:
    """The seed pipeline, written out as the classic PyTorch MNIST example does it."""
    from torch.utils.data import DataLoader, Subset
    from torchvision import datasets, transforms

    transform = transforms.Compose(
        [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]
    )
    train = datasets.MNIST(str(opts.data_dir), train=True, download=False, transform=transform)
    test = datasets.MNIST(str(opts.data_dir), train=False, download=False, transform=transform)
    if opts.quick:
        train, test = Subset(train, range(2048)), Subset(test, range(1000))
    torch.manual_seed(SEED)
    train_loader = DataLoader(
        train, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(SEED)
    )
    test_loader = DataLoader(test, batch_size=1000)
    model = ReferenceCNN().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    elapsed, accuracies = 0.0, []
    for epoch in range(1, epoch_cap + 1):
        start = time.perf_counter()
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = F.cross_entropy(model(images), labels)
            loss.backward()
            optimizer.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for images, labels in test_loader:
                images, labels = images.to(device), labels.to(device)
                correct += (model(images).argmax(1) == labels).sum().item()
        sync(device)
        elapsed += time.perf_counter() - start
        accuracies.append(correct / len(test))
        log(f"  reference epoch {epoch}: test {accuracies[-1]:.4f}, {elapsed:.1f} s")
        if accuracies[-1] >= TARGET:
            return ReferenceRun(True, elapsed, epoch, accuracies)
    return ReferenceRun(False, elapsed, epoch_cap, accuracies)


def run(opts: Options) -> list[Line]:
    lines: list[Line] = []
    for device in ["cpu"] + (["cuda"] if opts.cuda else []):
        lines += _run_on(opts, device)
    return lines


def _run_on(opts: Options, device: str) -> list[Line]:
    where = "CPU" if device == "cpu" else "CUDA"
    splits = mdata.load_splits(opts.data_dir)  # loaded once, before either clock starts
    settings = fast_settings(device, opts.threads)
    test_images, test_labels = splits.test.images, splits.test.labels
    epoch_cap = REFERENCE_EPOCH_CAP
    if opts.quick:  # a smoke run: a few steps each, the code paths only
        settings.train_subset, settings.max_steps, settings.val_subset = 2048, 16, 1000
        test_images, test_labels = test_images[:1000], test_labels[:1000]
        epoch_cap = 1

    log(f"row 1 ({where}): project training to {TARGET:.1%} test accuracy")
    project = train_to_target(settings, opts.data_dir, test_images, test_labels, TARGET)
    log(f"row 1 ({where}): reference pipeline (cap {epoch_cap} epochs)")
    reference = reference_time_to_target(opts, device, epoch_cap)

    width = settings.model_kwargs.get("width")
    config = (
        f"{settings.arch}{f' width {width}' if width else ''}, in-memory batches of "
        f"{settings.batch_size}, "
        f"AdamW lr {settings.lr:g} OneCycle over {settings.epochs:g} epochs, "
        f"no augmentation, test (10,000) scored {settings.evals_per_epoch}x/epoch, validation "
        f"on {settings.val_subset:,}, seed {settings.seed}"
    )
    if project.reached:
        p_measured = (
            f"{secs(project.seconds)} (step {project.steps}, epoch {project.epoch:.2f}, "
            f"test {project.evaluations[-1]['accuracy']:.2%})"
        )
    else:
        p_measured = (
            f"not reached in {project.total_steps} steps ({secs(project.total_seconds)}); "
            f"best test {max(e['accuracy'] for e in project.evaluations):.2%}"
        )
    if reference.reached:
        r_measured = (
            f"{secs(reference.seconds)} (epoch {reference.epochs}, "
            f"test {reference.accuracies[-1]:.2%})"
        )
    else:
        r_measured = (
            f"not reached in {reference.epochs} epoch{'s' if reference.epochs != 1 else ''} "
            f"({secs(reference.seconds)}); "
            f"test by epoch {', '.join(f'{a:.2%}' for a in reference.accuracies)}"
        )

    fast_enough = project.reached and project.seconds < GOAL_SECONDS
    lines = [
        Line(
            "1",
            f"Time to {TARGET:.1%} test acc., project Trainer ({where})",
            p_measured,
            f"< {GOAL_SECONDS:g} s" if device == "cpu" else "",
            fast_enough if device == "cpu" else None,
            config,
            data={"project": project.__dict__},
        ),
        Line(
            "1",
            f"Time to {TARGET:.1%} test acc., reference pipeline ({where})",
            r_measured,
            notes="ReferenceCNN, DataLoader over torchvision MNIST (60k) with ToTensor+Normalize, "
            "batch 64, shuffle, Adam lr 1e-3, test after each epoch, num_workers 0, "
            f"seed {SEED}",
            data={"reference": reference.__dict__},
        ),
    ]
    if project.reached:
        ratio = reference.seconds / project.seconds
        bound = "" if reference.reached else "≥ "
        met: bool | None = ratio >= GOAL_SPEEDUP
        if not reference.reached and not met:
            met = None  # a lower bound below the goal says nothing either way
        note = "" if reference.reached else "lower bound: the reference never got there"
        lines.append(
            Line(
                "1",
                f"Speed-up to {TARGET:.1%}, project vs reference ({where})",
                f"{bound}{ratio:.1f}x",
                f"≥ {GOAL_SPEEDUP:g}x",
                met,
                note,
            )
        )
    else:
        lines.append(
            Line(
                "1",
                f"Speed-up to {TARGET:.1%} ({where})",
                "n/a: the project run did not reach the target",
                f"≥ {GOAL_SPEEDUP:g}x",
                False,
            )
        )
    return lines
