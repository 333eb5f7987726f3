"""The test images behind a confusion-matrix cell: which examples of true class ``true`` the
model answered ``said``, as pictures, for the Results tab and ``mnist-desk evaluate``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from mnist_desk.data.mnist import to_uint8
from mnist_desk.inspection.pictures import write_png


def cell_indices(labels: np.ndarray, predicted: np.ndarray, true: int, said: int) -> np.ndarray:
    """Indices (into the test set) of the examples of class ``true`` answered ``said``."""
    return np.flatnonzero((np.asarray(labels) == true) & (np.asarray(predicted) == said))


def pictures(inputs: torch.Tensor, indices: np.ndarray) -> np.ndarray:
    """uint8 pictures of test ``inputs`` (normalised) at ``indices``: (k, 28, 28), or (k, 28, 56)
    for an adder's pairs (the two digits side by side)."""
    chosen = inputs[torch.as_tensor(np.asarray(indices, dtype=np.int64))]
    if chosen.dim() == 5:  # pairs (k, 2, 1, 28, 28)
        chosen = torch.cat([chosen[:, 0], chosen[:, 1]], dim=-1)
    return to_uint8(chosen[:, 0]).reshape(len(chosen), 28, chosen.shape[-1])


def off_diagonal_cells(labels: np.ndarray, predicted: np.ndarray) -> dict[str, list[int]]:
    """Every mistake, by cell: {"true,said": [test indices]} (JSON-ready)."""
    cells: dict[str, list[int]] = {}
    for index in np.flatnonzero(np.asarray(labels) != np.asarray(predicted)):
        cells.setdefault(f"{int(labels[index])},{int(predicted[index])}", []).append(int(index))
    return dict(sorted(cells.items(), key=lambda kv: tuple(int(v) for v in kv[0].split(","))))


def write_cell_images(
    folder: str | Path,
    inputs: torch.Tensor,
    labels: np.ndarray,
    predicted: np.ndarray,
    every_cell: bool = False,
) -> int:
    """Write FOLDER/true-T/said-S/test-NNNNN.png for every mistake (and, with ``every_cell``,
    the diagonal's right answers too); returns how many pictures were written."""
    folder = Path(folder)
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    chosen = np.arange(len(labels)) if every_cell else np.flatnonzero(labels != predicted)
    for start in range(0, len(chosen), 1000):
        batch = chosen[start : start + 1000]
        for index, picture in zip(batch, pictures(inputs, batch), strict=True):
            cell = folder / f"true-{int(labels[index])}" / f"said-{int(predicted[index])}"
            write_png(cell / f"test-{int(index):05d}.png", picture)
    return len(chosen)
