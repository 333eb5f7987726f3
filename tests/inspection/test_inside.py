"""The inside view: every model of the zoo, the adders' digit-reading trunks, a model of one's own."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.inspection.explain import explain
from mnist_desk.inspection.inside import first_filters, look_inside
from mnist_desk.inspection.subject import CONV, MLP_KIND, VIT, subject_for
from mnist_desk.models import CLASSIFIER, CLASSIFIERS, SCRATCH, SCRATCH_ARCHS, build_model
from mnist_desk.store.catalog import list_models
from mnist_desk.store.checkpoints import load_checkpoint
from tests.support import mnist_test_digits


@pytest.fixture(scope="module")
def two_digits():
    images, labels = mnist_test_digits(2)
    return images.astype(np.float32) / 255, labels


@pytest.mark.parametrize("entry", [e for e in list_models() if e.shipped], ids=lambda e: e.name)
def test_every_shipped_model_shows_its_inside_and_explains_its_answer(entry, two_digits):
    inks, labels = two_digits
    checkpoint = load_checkpoint(entry.path)
    model = checkpoint.build().eval()
    other = torch.from_numpy(inks[1])[None]
    s = subject_for(model, checkpoint.task, other, position=0)
    view = look_inside(s, inks[0])
    filters = first_filters(s)
    assert filters.ndim == 3 and filters.shape[0] > 1
    if s.kind == VIT:
        assert view.attention is not None and not view.layers
        cls = view.attention.from_token(0)
        assert cls.shape[2:] == (4, 4) and np.all(cls >= 0)
        assert view.attention.rolled_out(0).sum() <= 1.0 + 1e-5
        if s.distillation_token:
            assert not np.allclose(view.attention.from_token(1), cls)
    else:
        assert len(view.layers) >= 2 and view.attention is None
        first = view.layers[0]
        assert first.maps.shape[0] == filters.shape[0]
        assert first.kernels.shape[0] == first.maps.shape[0]
    expected = labels[0] if s.answers == "digit" else labels[0] + labels[1]
    assert int(view.probabilities.argmax()) == expected
    assert explain(s, inks[0]).answer == expected


def test_the_joint_scratch_adder_needs_the_other_digit_to_answer(two_digits):
    inks, _ = two_digits
    model = build_model(SCRATCH, "convnet").eval()
    s = subject_for(model, SCRATCH)
    assert s.network is None and s.answers == "sum"
    view = look_inside(s, inks[0])
    assert view.probabilities is None and len(view.layers) == 3


def test_the_pair_position_picks_this_digits_maps(two_digits):
    inks, _ = two_digits
    model = build_model(SCRATCH, "convnet").eval()
    other = torch.from_numpy(inks[1])[None]
    first = look_inside(subject_for(model, SCRATCH, other, 0), inks[0]).layers[0].maps
    second = look_inside(subject_for(model, SCRATCH, other, 1), inks[0]).layers[0].maps
    alone = look_inside(subject_for(model, SCRATCH), inks[0]).layers[0].maps
    assert np.allclose(first, alone, atol=1e-5) and np.allclose(second, alone, atol=1e-5)


@pytest.mark.parametrize("arch", list(CLASSIFIERS))
def test_an_untrained_model_of_ones_own_is_inspected_like_the_shipped(arch, two_digits):
    inks, _ = two_digits
    torch.manual_seed(0)
    model = build_model(CLASSIFIER, arch).eval()
    s = subject_for(model, CLASSIFIER)
    view = look_inside(s, inks[0])
    assert s.kind in (CONV, VIT, MLP_KIND)
    assert view.probabilities.shape == (10,)
    if s.kind == MLP_KIND:
        assert first_filters(s).shape[1:] == (28, 28)
        assert view.layers[0].maps.shape[1:] == (1, 1)


@pytest.mark.parametrize("arch", list(SCRATCH_ARCHS))
def test_scratch_adders_show_their_trunk(arch, two_digits):
    inks, _ = two_digits
    model = build_model(SCRATCH, arch).eval()
    other = torch.from_numpy(inks[1])[None]
    view = look_inside(subject_for(model, SCRATCH, other), inks[0])
    assert view.layers and view.layers[0].maps.shape[-1] in (24, 28)
