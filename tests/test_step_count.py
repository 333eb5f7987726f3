"""One step count: ``training.total_steps`` is what the Trainer runs to and what the views show."""

import pytest

from mnist_desk.models import CLASSIFIER, SCRATCH
from mnist_desk.training import StepEvent, Trainer, TrainingSettings, total_steps
from tests.support import shared_data_dir


def _first_step(settings: TrainingSettings) -> StepEvent:
    seen = []

    def stop_at_first_step(event):
        if isinstance(event, StepEvent):
            seen.append(event)
            trainer.controls.cancel(keep=False)

    trainer = Trainer(settings, stop_at_first_step, data_dir=shared_data_dir())
    trainer.run()
    return seen[0]


@pytest.mark.parametrize(
    "settings",
    [
        TrainingSettings(task=CLASSIFIER, arch="mlp", epochs=1.5, batch_size=64, train_subset=1000),
        TrainingSettings(
            task=CLASSIFIER, arch="mlp", epochs=2, batch_size=100, synthetic_digits=30
        ),
        TrainingSettings(task=SCRATCH, arch="convnet", epochs=0.5, pairs_per_epoch=3000),
        TrainingSettings(task=CLASSIFIER, arch="mlp", max_steps=7),
    ],
    ids=["subset", "synthetic-digits", "adder-pairs", "step-budget"],
)
def test_the_trainer_runs_the_step_count_the_views_show(settings):
    expected = total_steps(settings)
    assert _first_step(settings).total_steps == expected


def test_the_step_count_follows_the_settings():
    s = TrainingSettings(task=CLASSIFIER, epochs=2, batch_size=128)
    assert total_steps(s) == 2 * 391  # 50,000 images in batches of 128
    s.synthetic_digits = 5000
    assert total_steps(s) == 2 * 430
    assert total_steps(TrainingSettings(task=SCRATCH, epochs=1, pairs_per_epoch=1280)) == 10
    assert total_steps(TrainingSettings(epochs=0.001, train_subset=64)) == 1  # never zero
