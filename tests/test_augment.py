"""Drawn-style augmentation and template digits: shapes, seeds, and what they do to a digit."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from mnist_desk.data.augment import DrawnAugment, _sampling_grid, drawn_augment
from mnist_desk.data.synthetic import synthetic_digits
from mnist_desk.imaging.field import MEAN, STD


def bar_images(n: int = 16) -> torch.Tensor:
    ink = torch.zeros(n, 1, 28, 28)
    ink[:, :, 6:22, 13:15] = 1.0  # a "1"
    return (ink - MEAN) / STD


def test_a_batch_keeps_its_shape_background_and_range_and_follows_its_seed():
    images = bar_images()
    out = drawn_augment(images, torch.Generator().manual_seed(3))
    again = drawn_augment(images, torch.Generator().manual_seed(3))
    assert out.shape == images.shape and out.dtype == images.dtype
    assert torch.equal(out, again)
    ink = out * STD + MEAN
    assert ink.min() >= -1e-5 and ink.max() <= 1 + 1e-5
    assert ink[..., :3].abs().max() < 1e-4  # far from the stroke the background stays black
    assert not torch.equal(out, images)


def test_the_sampling_grid_is_torchs_affine_grid_plus_bicubic_offsets():
    """The batch's grid in one matrix product is the same grid F.affine_grid and
    F.interpolate give image by image (to float rounding)."""
    gen = torch.Generator().manual_seed(0)
    theta = torch.randn(5, 2, 3, generator=gen)
    coarse = torch.randn(5, 2, 3, 3, generator=gen) * 0.1
    affine = F.affine_grid(theta, [5, 1, 28, 24], align_corners=False)
    offsets = F.interpolate(coarse, size=(28, 24), mode="bicubic", align_corners=True)
    expected = affine + offsets.permute(0, 2, 3, 1)
    assert torch.allclose(_sampling_grid(theta, 28, 24), affine, atol=1e-5)
    both = torch.cat([theta, coarse.view(5, 2, 9)], 2)
    assert torch.allclose(_sampling_grid(both, 28, 24), expected, atol=1e-5)


def test_thickness_alone_thickens_and_thins():
    images = bar_images(64)
    only_thickness = DrawnAugment(
        degrees=0, translate=0, scale=0, shear=0, aspect=0, elastic=0, thickness=1.0
    )
    ink = drawn_augment(images, torch.Generator().manual_seed(0), only_thickness) * STD + MEAN
    mass = ink.sum((1, 2, 3))
    original = (images * STD + MEAN).sum((1, 2, 3))
    assert (mass > original * 1.2).any() and (mass < original * 0.9).any()
    assert (mass > original * 0.45).all()  # thinning never wipes a digit out


def test_shear_slants_a_vertical_stroke():
    images = bar_images(1)
    slant = DrawnAugment(
        degrees=0, translate=0, scale=0, shear=0.4, aspect=0, elastic=0, thickness=0
    )
    ink = drawn_augment(images.repeat(32, 1, 1, 1), torch.Generator().manual_seed(1), slant)
    ink = ink * STD + MEAN
    cols = torch.arange(28.0)
    top = (ink[:, 0, 7] * cols).sum(1) / ink[:, 0, 7].sum(1)
    bottom = (ink[:, 0, 20] * cols).sum(1) / ink[:, 0, 20].sum(1)
    assert (top - bottom).abs().max() > 2  # some strokes lean by more than 2 px


def test_template_digits_are_labelled_rendered_and_seeded():
    images, labels = synthetic_digits(10, seed=4)
    assert images.shape == (10, 1, 28, 28) and labels.tolist()[:5] == [1, 7, 4, 9, 4]
    assert torch.equal(images, synthetic_digits(10, seed=4)[0])
    ink = images * STD + MEAN
    assert ((ink > 0.5).flatten(1).sum(1) > 20).all()


def test_the_recipes_templates_draw_every_digit_in_turn_and_follow_their_seed():
    images, labels = synthetic_digits(20, seed=5, styles="all")
    assert labels.tolist() == list(range(10)) * 2
    assert torch.equal(images, synthetic_digits(20, seed=5, styles="all")[0])
    assert not torch.equal(images, synthetic_digits(20, seed=6, styles="all")[0])
    ink = images * STD + MEAN
    assert ((ink > 0.5).flatten(1).sum(1) > 20).all()


def test_a_ball_is_a_filled_spiral_at_the_strokes_end():
    import numpy as np

    from mnist_desk.data.printed import ball

    points = np.asarray(ball((1.0, 1.0), (1.0, 0.0), np.random.default_rng(0)))
    centre = points[-1]
    radius = np.hypot(*(points - centre).T)
    assert np.hypot(*(points[0] - (1.0, 1.0))) < 1e-9  # it starts where the stroke ends
    assert radius.max() < 0.2 and len(points) > 20  # small, and turned round more than once


def test_doubling_goes_over_a_digit_again_beside_itself():
    images = bar_images(32)
    only_double = DrawnAugment(
        degrees=0, translate=0, scale=0, shear=0, aspect=0, elastic=0, thickness=0, double=1.0
    )
    ink = drawn_augment(images, torch.Generator().manual_seed(2), only_double) * STD + MEAN
    original = images * STD + MEAN
    assert (ink >= original - 1e-5).all()  # the first pass is still there
    mass, before = ink.sum((1, 2, 3)), original.sum((1, 2, 3))
    assert (mass >= before).all() and (mass > before * 1.3).any()
    assert ink[..., :8].abs().max() < 1e-4  # a pixel or two off, not anywhere
    plain = DrawnAugment(degrees=0, translate=0, scale=0, shear=0, aspect=0, elastic=0, thickness=0)
    assert torch.allclose(drawn_augment(images, torch.Generator(), plain), images, atol=1e-5)


def test_the_drawn_recipe_adds_its_template_digits_to_each_epoch():
    from mnist_desk.training import TrainingSettings
    from mnist_desk.training.settings import DRAWN_TEMPLATES, examples_per_epoch

    assert examples_per_epoch(TrainingSettings(drawn=True)) == 50_000 + DRAWN_TEMPLATES
    assert examples_per_epoch(TrainingSettings(drawn=True, synthetic_digits=30)) == 50_030
    assert examples_per_epoch(TrainingSettings()) == 50_000
