"""Why this answer: heatmaps that point at the ink that decided, checked by deletion."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.inspection.attribution import MethodUnavailable, heatmaps, methods_for
from mnist_desk.inspection.explain import DEFAULT_METHOD, explain
from mnist_desk.inspection.faithfulness import deletion_test, ranked_deletion
from mnist_desk.inspection.subject import subject_for
from mnist_desk.store.catalog import resolve_model
from tests.support import mnist_test_digits


@pytest.fixture(scope="module")
def digits():
    images, labels = mnist_test_digits(40)
    return images.astype(np.float32) / 255, labels


def subject(name: str):
    checkpoint = resolve_model(name)
    return subject_for(checkpoint.build().eval(), checkpoint.task)


def in_left_half(ink: np.ndarray) -> np.ndarray:
    """The digit shrunk to 14x14 and moved into the field's left half (its right half blank)."""
    small = torch.nn.functional.interpolate(
        torch.from_numpy(ink)[None, None], size=(14, 14), mode="bilinear", antialias=True
    )[0, 0].numpy()
    field = np.zeros((28, 28), np.float32)
    field[7:21, 0:14] = small
    return field


@pytest.mark.parametrize("name", ["classifier-convnet", "classifier-vit"])
@pytest.mark.parametrize("method", [DEFAULT_METHOD, "integrated-gradients", "occlusion"])
def test_a_digit_in_one_half_gets_most_of_its_heatmap_there(digits, name, method):
    inks, _ = digits
    s = subject(name)
    for ink in inks[:3]:
        field = in_left_half(ink)
        answer = int(s.logits(torch.from_numpy(field)[None, None]).argmax())
        mass = np.abs(heatmaps(s, field, [answer], method)[0])
        assert mass[:, :14].sum() > 0.75 * mass.sum(), (method, mass[:, :14].sum() / mass.sum())


@pytest.mark.parametrize("name", ["classifier-convnet", "classifier-vit"])
def test_deleting_what_the_heatmap_ranks_first_beats_deleting_at_random(digits, name):
    inks, _ = digits
    result = deletion_test(subject(name), inks[:20], DEFAULT_METHOD, draws=5)
    assert result.win_rate >= 0.9
    assert result.mean_drop > 2 * result.mean_random_drop


def test_a_heatmap_that_points_away_from_the_ink_loses_to_random_deletion(digits):
    """The test can fail: ranking ink by the negated heatmap removes the least useful ink."""
    inks, _ = digits
    s = subject("classifier-convnet")
    wins = 0
    for ink in inks[:10]:
        answer = int(s.logits(torch.from_numpy(ink)[None, None]).argmax())
        scores = heatmaps(s, ink, [answer], DEFAULT_METHOD)[0]
        right = s.logits(torch.from_numpy(ranked_deletion(ink, scores, 0.1))[None, None])
        wrong = s.logits(torch.from_numpy(ranked_deletion(ink, -scores, 0.1))[None, None])
        wins += right.log_softmax(1)[0, answer] < wrong.log_softmax(1)[0, answer]
    assert wins == 10


def test_explain_gives_the_answer_the_runner_up_and_a_map_for_each(digits):
    inks, labels = digits
    e = explain(subject("classifier-convnet"), inks[0])
    assert e.answer == labels[0] and e.runner_up != e.answer
    assert e.answer_map.shape == e.runner_up_map.shape == (28, 28)
    assert not np.allclose(e.answer_map, e.runner_up_map)
    out = e.to_dict()
    assert len(out["input"]) == len(out["heatmap"]) == 28 and len(out["heatmap"][0]) == 28
    assert out["method"] == DEFAULT_METHOD


def test_a_method_that_does_not_fit_the_network_says_so(digits):
    inks, _ = digits
    vit = subject("classifier-vit")
    assert "grad-cam" not in methods_for(vit) and "rollout" in methods_for(vit)
    with pytest.raises(MethodUnavailable):
        heatmaps(vit, inks[0], [0], "grad-cam")


def test_attention_rollout_is_the_same_for_every_class(digits):
    inks, _ = digits
    maps = heatmaps(subject("classifier-deit"), inks[0], [1, 7], "rollout")
    assert np.allclose(maps[0], maps[1]) and maps[0].min() >= 0
