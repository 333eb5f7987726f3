"""What "Compare adders" trains by default, and on a given budget."""

from __future__ import annotations

from mnist_desk.training import TrainingSettings
from mnist_desk.training.adder_comparison import (
    COMPARE_STEPS,
    SCRATCH_ARCH,
    comparison_settings,
    default_budget,
)
from mnist_desk.training.presets import quick_settings


def test_the_default_budget_is_a_fixed_fast_one_whatever_the_classifier_form_shows():
    form = quick_settings(seed=5)  # the classifier form's epochs and batch are not the adders'
    form.num_threads, form.train_subset = 3, 4000
    budget = default_budget(form)
    steps, transfer, scratch = comparison_settings(budget, "/models/c.pt", "convnet")
    assert steps == COMPARE_STEPS
    for settings in (transfer, scratch):
        assert settings.max_steps == COMPARE_STEPS and settings.batch_size == 256
        assert settings.amp and not settings.augment and settings.seed == 5
        assert settings.num_threads == 3 and settings.train_subset == 4000
    assert transfer.task == "transfer" and transfer.init_from == "/models/c.pt"
    assert transfer.arch == "convnet"
    assert scratch.task == "scratch" and scratch.arch == SCRATCH_ARCH


def test_a_budget_by_epochs_gives_both_adders_the_scratch_adders_step_count():
    budget = TrainingSettings(epochs=2, max_steps=None, batch_size=500, train_subset=1000)
    steps, transfer, scratch = comparison_settings(budget, "c.pt", "mlp")
    assert steps == 4  # 1,000 pairs an epoch (capped by the subset) in batches of 500, twice
    assert transfer.max_steps == scratch.max_steps == 4
