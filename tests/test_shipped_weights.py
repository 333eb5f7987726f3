"""The shipped weights are what their metrics files say, and reach the project's accuracy goals."""

import json

import pytest
import torch

from mnist_desk.data.mnist import fixed_pairs, load_splits
from mnist_desk.models import is_adder
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.training import evaluate
from tests.support import WEIGHTS, shared_data_dir
from tests.test_docs import MACHINE_PATH

EXPECTED = [
    "classifier-cnn",
    "classifier-convnet",
    "classifier-deit",
    "classifier-lenet5",
    "classifier-mlp",
    "classifier-quick",
    "classifier-resnet",
    "classifier-vit",
    "classifier-vit-distill",
    "scratch-convnet",
    "scratch-convnet-digits",
    "transfer-convnet",
]
GOALS = {  # test accuracy the issue asks for (digits, or sums for the adders)
    "classifier-cnn": 0.99,
    "classifier-convnet": 0.995,
    "classifier-lenet5": 0.991,
    "classifier-quick": 0.99,  # the quick preset's recipe: 99% in seconds
    "classifier-vit": 0.98,
    "classifier-deit": 0.985,  # the reference zoo's DeiT: 97.95%
    "classifier-vit-distill": 0.985,  # the reference zoo's ViT-distill: 98.03%
    "transfer-convnet": 0.99,
    "scratch-convnet": 0.988,
    "scratch-convnet-digits": 0.99,  # digits learned from sums (issue 17)
}
EVERY = 5  # a quick check of digits read by a scratch adder: 2,000 spread over the test set
TOLERANCE = 0.0005  # 0.05 points: 5 of the 10,000 test examples (float32 here vs bf16 elsewhere)


def test_every_model_of_the_zoo_is_shipped():
    assert sorted(p.stem for p in WEIGHTS.glob("*.pt")) == EXPECTED


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_metrics_file_matches_a_full_re_evaluation(name):
    """Each shipped model, re-scored on all 10,000 test examples (pairs for the adders), has the
    accuracy its metrics file states."""
    path = WEIGHTS / f"{name}.pt"
    info = json.loads(path.with_suffix(".json").read_text())
    ckpt = load_checkpoint(path)
    assert info["metrics"]["test_accuracy"] == ckpt.test_accuracy
    assert info["metrics"]["test_count"] == 10_000
    assert (
        info["command"].startswith("mnist-desk train")
        and f"--seed {info['seed']}" in info["command"]
    )
    assert info["train_time_s"] > 0 and info["machine"]
    assert path.stat().st_size < 5_000_000  # weights only, no optimizer state

    test = load_splits(shared_data_dir()).test
    if is_adder(ckpt.task):
        inputs, labels = fixed_pairs(test, len(test))
    else:
        inputs, labels = test.images, test.labels
    assert len(labels) == 10_000
    _, error, _ = evaluate(ckpt.build(), inputs, labels, torch.device("cpu"))
    assert abs((1 - error) - info["metrics"]["test_accuracy"]) <= TOLERANCE


@pytest.mark.parametrize("name", EXPECTED)
def test_each_checkpoint_records_the_command_of_its_metrics_file(name):
    """The command stored inside a shipped checkpoint is its metrics file's, with relative paths
    (a checkpoint once carried the training machine's own data folder)."""
    path = WEIGHTS / f"{name}.pt"
    command = json.loads(path.with_suffix(".json").read_text())["command"]
    assert load_checkpoint(path).meta["command"] == command
    assert not MACHINE_PATH.search(command)


@pytest.mark.parametrize("name", sorted(GOALS))
def test_shipped_models_reach_their_goals(name):
    accuracy = json.loads((WEIGHTS / f"{name}.json").read_text())["metrics"]["test_accuracy"]
    assert accuracy >= GOALS[name]


def test_best_classifier_is_the_default():
    from mnist_desk.models import DEFAULT_CLASSIFIER

    accuracies = {
        p.stem: json.loads(p.read_text())["metrics"]["test_accuracy"]
        for p in WEIGHTS.glob("classifier-*.json")
    }
    assert max(accuracies, key=accuracies.get) == f"classifier-{DEFAULT_CLASSIFIER}"


# What makes the ViTs' runs comparable; the recipe (--drawn or MNIST only) and the seed are stated
# beside each in docs/models.md and docs/recipes.md.
BUDGET = ("epochs", "batch_size", "optimizer", "lr", "weight_decay", "schedule", "augment")


@pytest.mark.parametrize("name", ["classifier-deit", "classifier-vit-distill"])
def test_distilled_transformers_learn_from_a_teacher_on_the_plain_vits_budget(name):
    """The shipped DeiT and ViT-distill were trained with their own distillation from a teacher,
    on the shipped ViT's budget. (Whether they beat it on MNIST test depends on the recipe and
    the seed: docs/recipes.md and docs/lab/model-experiments.md give the measured runs.)"""
    from mnist_desk.models import DISTILLATION

    student = json.loads((WEIGHTS / f"{name}.json").read_text())
    vit = json.loads((WEIGHTS / "classifier-vit.json").read_text())
    arch = student["arch"]
    assert student["settings"]["distill"] == DISTILLATION[arch] != "none"
    assert student["settings"]["teacher"] and "--teacher " in student["command"]
    assert load_checkpoint(WEIGHTS / f"{name}.pt").meta["teacher"]["mode"] == DISTILLATION[arch]
    assert {k: student["settings"][k] for k in BUDGET} == {k: vit["settings"][k] for k in BUDGET}


def test_the_default_scratch_adder_is_the_best_on_the_test_sums():
    """The adder that learns digits from sums becomes the default only if it is at least as good."""
    from mnist_desk.models import DEFAULT_SCRATCH

    accuracies = {
        p.stem: json.loads(p.read_text())["metrics"]["test_accuracy"]
        for p in WEIGHTS.glob("scratch-*.json")
    }
    assert accuracies[f"scratch-{DEFAULT_SCRATCH}"] == max(accuracies.values())


def test_the_scratch_adder_reads_digits_it_never_saw_labelled():
    """Its own digit outputs, re-read on 2,000 test digits, agree with its metrics file (which
    was written by the training command, sum labels only), and are the digits themselves."""
    info = json.loads((WEIGHTS / "scratch-convnet-digits.json").read_text())
    assert info["settings"]["task"] == "scratch" and info["metrics"]["digit_matching"] == list(
        range(10)
    )
    model = load_checkpoint(WEIGHTS / "scratch-convnet-digits.pt").build()
    test = load_splits(shared_data_dir()).test
    images, labels = test.images[::EVERY], test.labels[::EVERY]
    _, error, _ = evaluate(model.classifier, images, labels, torch.device("cpu"))
    assert abs((1 - error) - info["metrics"]["digit_test_accuracy"]) < 0.01
    assert info["metrics"]["digit_test_accuracy"] >= 0.993  # the goal for emergent digits
