"""Named training recipes the CLI and the Train tab offer, so both run exactly the same settings.

"quick" is the project's fastest route to 99% test accuracy on a CPU (benchmark row 1 measures
it against the fastest public recipe). Where each of its choices came from is recorded in
benchmarks/README.md ("What each change bought").
"""

from __future__ import annotations

from mnist_desk.models import CLASSIFIER
from mnist_desk.training import TrainingSettings, default_settings

QUICK = "quick"
STANDARD = "standard"
PRESETS = (QUICK, STANDARD)


def quick_settings(seed: int = 0, device: str = "cpu") -> TrainingSettings:
    """QuickNet, one pass and a fifth over the 50k training images in batches of 256 with bf16
    autocast (where the CPU has native bf16; float32 elsewhere), Adam lr 1e-2 with betas
    (0.7, 0.9) and OneCycle (no momentum cycling), no augmentation; validation on all 10k
    validation images three times (mid-run, end of the first pass, end)."""
    return TrainingSettings(
        task=CLASSIFIER,
        arch="quick",
        epochs=1.2,
        batch_size=256,
        optimizer="adam",
        lr=1e-2,
        betas=(0.7, 0.9),
        weight_decay=0.0,
        augment=False,
        amp=True,
        evals_per_epoch=2,
        seed=seed,
        device=device,
    )


def preset_settings(name: str, task: str = CLASSIFIER, arch: str | None = None) -> TrainingSettings:
    """The settings a preset stands for: "quick" (classifier only) or "standard" (the task's
    defaults: the project's shipped-quality training)."""
    if name == QUICK:
        if task != CLASSIFIER:
            raise ValueError("the quick preset trains the single-digit classifier only")
        return quick_settings()
    if name == STANDARD:
        return default_settings(task, arch)
    raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
