"""The template digits shipped rendered (mnist_desk/data/templates) are the generator's."""

import torch

from mnist_desk.data.drawn import shipped_templates_path, template_digits
from mnist_desk.data.synthetic import ALL, synthetic_digits
from mnist_desk.training.presets import best_settings


def test_the_shipped_templates_are_exactly_the_generators():
    # The best preset's at its default seed (and issue 26's Quick candidate's, docs/models.md).
    best = best_settings()
    count, seed = best.template_digits, best.seed
    assert shipped_templates_path(count, seed, ALL).is_file()
    shipped_images, shipped_labels = template_digits(count, seed, ALL)
    images, labels = synthetic_digits(count, seed, ALL)
    assert shipped_images.dtype == images.dtype and shipped_images.shape == images.shape
    assert torch.equal(shipped_images, images) and torch.equal(shipped_labels, labels)


def test_templates_without_a_shipped_set_are_rendered():
    assert not shipped_templates_path(7, 3, ALL).is_file()
    images, labels = template_digits(7, 3, ALL)
    expected_images, expected_labels = synthetic_digits(7, 3, ALL)
    assert torch.equal(images, expected_images) and torch.equal(labels, expected_labels)
