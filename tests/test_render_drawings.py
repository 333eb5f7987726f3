"""Candidate digits drawn together on one canvas give what each gives drawn on its own."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from mnist_desk.imaging import strokes as rendering
from mnist_desk.imaging.field import FIELD, centre_by_mass, to_tensor
from mnist_desk.imaging.strokes import PEN, SUPERSAMPLE, render_drawings, render_strokes


def _drawings(seed: int, count: int) -> list[list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        strokes = []
        for _ in range(int(rng.integers(1, 5))):
            n = int(rng.integers(1, 40))
            walk = np.cumsum(rng.normal(0, rng.uniform(0.002, 0.05), (n, 2)), 0)
            strokes.append(walk + rng.uniform(0, 1, 2))
        out.append(strokes)
    return out


def _alone(strokes) -> tuple[np.ndarray, np.ndarray]:
    """The renderer as it was before drawings shared a canvas: a canvas per drawing, the float
    coordinates handed to PIL."""
    every = np.concatenate(strokes)
    low, high = every.min(0), every.max(0)
    extent = float((high - low).max())
    scale = (20 - PEN) / extent if extent > 0 else 0.0
    points = (every - (low + high) / 2) * scale + FIELD / 2
    points, ends = rendering._thin_out(points, np.cumsum([len(s) for s in strokes]))
    points = np.round(points * SUPERSAMPLE, 6)
    canvas = Image.new("L", (FIELD * SUPERSAMPLE,) * 2, 0)
    draw = ImageDraw.Draw(canvas)
    width, start = PEN * SUPERSAMPLE, 0
    for end in ends.tolist():
        if end - start > 1:
            draw.line(points[start:end].ravel().tolist(), fill=255, width=round(width))
        start = end
    r = width / 2
    for x, y in points[rendering._corners(points, ends)].tolist():
        draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    field = centre_by_mass(np.asarray(canvas.reduce(SUPERSAMPLE), dtype=np.float32) / 255.0)
    return (field * 255).round().astype(np.uint8), to_tensor(field)


def test_drawings_rendered_together_are_each_rendered_alone():
    drawings = _drawings(0, 60)
    drawings[7] = []  # a blank one among them
    drawings[8] = [np.array([[0.4, 0.4]])]  # a dot
    together = render_drawings(drawings)
    assert len(together) == len(drawings) and together[7].blank
    for strokes, made in zip(drawings, together, strict=True):
        if not strokes:
            continue
        alone = render_strokes(strokes)
        image, tensor = _alone(strokes)
        assert np.array_equal(made.image28, alone.image28)
        assert np.array_equal(made.image28, image)
        assert made.tensor.shape == (1, 28, 28) and bool((made.tensor == tensor).all())
        assert bool((made.tensor == alone.tensor).all())


def test_nothing_to_draw_gives_blanks():
    assert render_drawings([]) == []
    assert all(p.blank for p in render_drawings([[], [[]]]))


def test_centre_by_mass_places_as_with_full_index_grids():
    rng = np.random.default_rng(3)
    for _ in range(200):
        h, w = (int(v) for v in rng.integers(1, 29, 2))
        box = np.zeros((28, 28), dtype=np.float32)
        box[:h, :w] = rng.random((h, w), dtype=np.float32) * (rng.random((h, w)) < 0.4)
        box[int(rng.integers(h)), int(rng.integers(w))] = 1.0
        rows, cols = np.flatnonzero(box.any(1)), np.flatnonzero(box.any(0))
        crop = box[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        ys, xs = np.indices(crop.shape)
        mass = crop.sum()
        cy, cx = (ys * crop).sum() / mass, (xs * crop).sum() / mass
        top = min(max(round(14 - cy), 0), 28 - crop.shape[0])
        left = min(max(round(14 - cx), 0), 28 - crop.shape[1])
        expected = np.zeros((28, 28), dtype=np.float32)
        expected[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
        assert np.array_equal(centre_by_mass(box), expected)
