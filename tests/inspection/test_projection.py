"""The map's pieces: exact nearest neighbours for t-SNE, and the cores the job takes."""

from __future__ import annotations

import os

import numpy as np

from mnist_desk.inspection.projection import KNN_BLOCK, free_cores, nearest_neighbours


def test_nearest_neighbours_are_the_exact_ones_without_the_point_itself():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(KNN_BLOCK + 234, 5)).astype(np.float32)  # more than one block
    indices, distances = nearest_neighbours(points, 7)
    full = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    np.fill_diagonal(full, np.inf)
    expected = np.argsort(full, axis=1, kind="stable")[:, :7]
    assert indices.shape == (len(points), 7) and (indices != np.arange(len(points))[:, None]).all()
    np.testing.assert_allclose(distances, np.take_along_axis(full, expected, 1), atol=1e-3)
    same = (np.sort(indices, 1) == np.sort(expected, 1)).mean()
    assert same > 0.999  # ties in float32 may swap a neighbour at the edge


def test_free_cores_leaves_the_busy_ones():
    cores = len(os.sched_getaffinity(0))
    assert 1 <= free_cores() <= cores
