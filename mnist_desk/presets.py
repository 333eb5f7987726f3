"""Named training recipes the CLI and the Train tab share, so both run exactly the same settings.

"quick" is the project's fastest route to 99% test accuracy on a CPU: the QuickNet architecture
with its own schedule (benchmark row 1 measures it against the fastest public recipe; what each
choice bought is in benchmarks/README.md). "standard" is the task's defaults, the training the
shipped weights had. ``defaults_for`` is the one place that knows QuickNet's recipe.
"""

from __future__ import annotations

from dataclasses import replace

from mnist_desk.models import CLASSIFIER, DEFAULT_CLASSIFIER
from mnist_desk.training import TrainingSettings, default_settings

QUICK = "quick"
STANDARD = "standard"
PRESETS = (QUICK, STANDARD)
QUICK_ARCH = "quick"


def quick_settings(seed: int = 0, device: str = "cpu") -> TrainingSettings:
    """QuickNet, 1.2 passes over the 50k training images in batches of 256, bf16 autocast where
    the CPU (or GPU) runs it natively, Adam lr 1e-2 with betas (0.7, 0.9) and OneCycle without
    momentum cycling, no augmentation; validation on all 10k validation images at mid-run, the
    end of the first pass and the end (about 5% of the run on 2 cores)."""
    return TrainingSettings(
        task=CLASSIFIER,
        arch=QUICK_ARCH,
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


def defaults_for(task: str, arch: str | None = None) -> TrainingSettings:
    """The starting settings for a task and architecture: QuickNet's recipe for it, the task's
    defaults (``training.default_settings``) for everything else."""
    if task == CLASSIFIER and arch == QUICK_ARCH:
        return quick_settings()
    return default_settings(task, arch)


def preset_settings(name: str, base: TrainingSettings | None = None) -> TrainingSettings:
    """The classifier settings a preset stands for, keeping ``base``'s device, seed and subset."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    settings = defaults_for(CLASSIFIER, QUICK_ARCH if name == QUICK else DEFAULT_CLASSIFIER)
    if base is not None:
        settings = replace(
            settings, device=base.device, seed=base.seed, train_subset=base.train_subset
        )
    return settings


def preset_of(settings: TrainingSettings) -> str | None:
    """Which preset ``settings`` came from, by architecture (None: an adder)."""
    if settings.task != CLASSIFIER:
        return None
    return QUICK if settings.arch == QUICK_ARCH else STANDARD
