"""Named training recipes the CLI and the Train tab share, so both run exactly the same settings.

"quick" is the project's fastest route to 99% test accuracy on a CPU: the QuickNet architecture
with its own schedule (benchmark row 1 measures it against the fastest public recipe; what each
choice bought is in benchmarks/README.md), plus the drawn-digit recipe at a fraction of its cost
so that its models read drawn digits (``quick_preset_settings``). "standard" is the task's
defaults, the training the shipped weights had. "best" is a wider QuickNet trained with the drawn-digit recipe: 99.5% on
MNIST test and drawn digits read as well as the shipped convnet reads them (docs/models.md).
``defaults_for`` is the one place that knows QuickNet's recipe; ``PRESETS`` the one list of
presets the window and ``mnist-desk train --preset`` offer.
"""

from __future__ import annotations

import shlex
from dataclasses import replace

from mnist_desk.models import CLASSIFIER, DEFAULT_CLASSIFIER
from mnist_desk.training import TrainingSettings, cli_options, default_settings
from mnist_desk.training.settings import cli_flag

QUICK = "quick"
STANDARD = "standard"
BEST = "best"
PRESETS = (QUICK, STANDARD, BEST)
QUICK_ARCH = "quick"


def quick_settings(seed: int = 0, device: str = "cpu") -> TrainingSettings:
    """QuickNet, 1.7 passes over the 50k training images in batches of 256, bf16 autocast where
    the CPU (or GPU) runs it natively, Adam lr 1e-2 with betas (0.7, 0.9) and OneCycle without
    momentum cycling, no augmentation. One validation, after the last step, in float32: a
    OneCycle run's last weights are its best, and the calibration reuses that pass's logits.

    Measured (test accuracy at the end, seeds 0-4): 1.6 passes with four validations in the
    last 40% of the run kept 98.99% on seed 2 with native bf16 (99.08-99.23% otherwise); 1.7
    passes with the one validation, 99.10-99.20% with native bf16 and 99.12-99.23% on AVX2 in
    float32; the same with conv1 at 16 channels (about 0.7x the step time on AVX2), 98.95% on
    seed 0 with native bf16: not kept. Earlier, on 2 busy cores, seeds 0 and 1: 1.0 epoch at batch 128
    and lr 5e-3 reached 99.0% on 2 of 3 seeds; 1.2 epochs at batch 256, 99.04% and 98.95%."""
    return TrainingSettings(
        task=CLASSIFIER,
        arch=QUICK_ARCH,
        epochs=1.7,
        batch_size=256,
        optimizer="adam",
        lr=1e-2,
        betas=(0.7, 0.9),
        weight_decay=0.0,
        augment=False,
        amp=True,
        evals_per_epoch=1,
        eval_from=1.0,
        seed=seed,
        device=device,
    )


def best_settings(seed: int = 0, device: str = "cpu") -> TrainingSettings:
    """QuickNet widened to 32 and 64 channels (431,754 parameters), the drawn-digit recipe (drawn
    augmentation with doubled strokes) with 3,000 template digits, label smoothing 0.1, Adam lr
    5e-3 with QuickNet's betas and OneCycle, 8 passes in batches of 128, bf16 autocast where the
    device runs it natively, one validation per pass in the last 40% of the run (every OneCycle
    run measured had its best validation error at its last evaluation).

    Measured (docs/models.md, benchmark row 1b): seed 0, 99.58% MNIST test and 99.67% drawn
    digits, in bfloat16 and in float32 alike."""
    return replace(
        quick_settings(seed, device),
        epochs=8.0,
        batch_size=128,
        lr=5e-3,
        label_smoothing=0.1,
        drawn=True,
        synthetic_digits=3000,
        evals_per_epoch=1,
        eval_from=0.6,
        model_kwargs={"c1": 32, "c2": 64},
    )


def quick_preset_settings(seed: int = 0, device: str = "cpu") -> TrainingSettings:
    """QuickNet's recipe (``quick_settings``) with the drawn-digit recipe on a quarter of the
    batches and the 3,000 template digits the project ships rendered (template seed 0), so that
    a Quick model reads drawn digits as well as MNIST at nearly Quick's speed.

    Measured (docs/lab/model-experiments.md, "The Quick preset and drawn digits"): seeds 0-2
    on both CPU kinds, 98.50-100.00% drawn digits and 99.09-99.32% MNIST test; QuickNet's
    recipe alone read 93.0-96.8% of drawn digits."""
    return replace(
        quick_settings(seed, device),
        drawn=True,
        synthetic_digits=3000,
        template_seed=0,
        drawn_share=0.25,
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
    if name == BEST:
        settings = best_settings()
    elif name == QUICK:
        settings = quick_preset_settings()
    else:
        settings = defaults_for(CLASSIFIER, DEFAULT_CLASSIFIER)
    if base is not None:
        settings = replace(
            settings, device=base.device, seed=base.seed, train_subset=base.train_subset
        )
    return settings


def preset_of(settings: TrainingSettings) -> str | None:
    """Which preset ``settings`` came from: the wide QuickNet is the best preset, QuickNet at its
    own width the quick one, any other classifier the standard (None: an adder)."""
    if settings.task != CLASSIFIER:
        return None
    if settings.arch != QUICK_ARCH:
        return STANDARD
    return BEST if settings.model_kwargs == best_settings().model_kwargs else QUICK


def equivalent_command(settings: TrainingSettings) -> str:
    """The ``mnist-desk train`` command that runs ``settings``: the task, the architecture, the
    seed, and every option that differs from the task's defaults (``defaults_for``). For models
    trained in the window, which record no command of their own."""
    defaults = defaults_for(settings.task, settings.arch)
    words = ["mnist-desk", "train", "--task", settings.task, "--arch", settings.arch]
    for option in cli_options():
        value, default = getattr(settings, option.name), getattr(defaults, option.name)
        if option.name == "seed" or value != default:
            if isinstance(default, bool):
                words.append(cli_flag(option))  # a switch: given, it flips the default
            elif value is not None:
                words += [cli_flag(option), str(value)]
    words += [f"--model-arg={key}={value}" for key, value in settings.model_kwargs.items()]
    return shlex.join(words)
