"""The live view's one pass gives what the separate functions give, for every shipped model."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.inspection.explain import explain
from mnist_desk.inspection.inside import look_inside
from mnist_desk.inspection.live import look_and_explain
from mnist_desk.inspection.projection import penultimate
from mnist_desk.inspection.subject import subject_for
from mnist_desk.models import SCRATCH, build_model
from mnist_desk.store.catalog import list_models
from mnist_desk.store.checkpoints import load_checkpoint
from tests.support import mnist_test_digits


@pytest.fixture(scope="module")
def two_digits():
    images, _ = mnist_test_digits(2)
    return images.astype(np.float32) / 255


def assert_same(subject, ink, method="gradient-x-input"):
    look = look_and_explain(subject, ink, method)
    view = look_inside(subject, ink)
    features = penultimate(subject, torch.from_numpy(ink)[None, None])[0][0].numpy()
    np.testing.assert_allclose(look.features, features, rtol=1e-4, atol=1e-5)
    assert len(look.view.layers) == len(view.layers)
    for mine, theirs in zip(look.view.layers, view.layers, strict=True):
        np.testing.assert_allclose(mine.maps, theirs.maps, rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(mine.inputs, theirs.inputs, rtol=1e-4, atol=1e-5)
    if view.attention is not None:
        np.testing.assert_allclose(look.view.attention.weights, view.attention.weights, atol=1e-5)
    if subject.network is None:
        assert look.explanation is None and look.view.probabilities is None
        return
    np.testing.assert_allclose(look.view.probabilities, view.probabilities, atol=1e-5)
    e, mine = explain(subject, ink, method), look.explanation
    assert (mine.answer, mine.runner_up, mine.method) == (e.answer, e.runner_up, e.method)
    scale = np.abs(e.answer_map).max()
    np.testing.assert_allclose(mine.answer_map, e.answer_map, atol=1e-4 * scale)
    np.testing.assert_allclose(mine.runner_up_map, e.runner_up_map, atol=1e-4 * scale)


@pytest.mark.parametrize("entry", [e for e in list_models() if e.shipped], ids=lambda e: e.name)
def test_one_pass_gives_the_maps_answer_heatmaps_and_features_of_the_separate_ones(
    entry, two_digits
):
    checkpoint = load_checkpoint(entry.path)
    model = checkpoint.build().eval()
    other = torch.from_numpy(two_digits[1])[None]
    assert_same(subject_for(model, checkpoint.task, other, position=0), two_digits[0])


@pytest.mark.parametrize("position", [0, 1])
def test_a_joint_scratch_adder_in_one_pass_with_and_without_the_other_digit(position, two_digits):
    torch.manual_seed(0)
    model = build_model(SCRATCH, "convnet").eval()
    other = torch.from_numpy(two_digits[1])[None]
    assert_same(subject_for(model, SCRATCH, other, position), two_digits[0])
    assert_same(subject_for(model, SCRATCH), two_digits[0])


@pytest.mark.parametrize("method", ["gradient", "integrated-gradients"])
def test_other_methods_in_the_live_view_match_explain(method, two_digits):
    model = load_checkpoint(list_models()[0].path).build().eval()
    assert_same(subject_for(model, "classifier"), two_digits[0], method)
