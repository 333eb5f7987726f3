"""A confusion-matrix cell opened (no Qt): the test images behind it, found in a background job
from the predictions a finished run kept (``TrainingResult.test_predictions``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

CELL_IMAGES_SHOWN = 200  # a cell of the diagonal holds ~1,000: the first ones are enough to see


@dataclass
class CellImages:
    true: int
    said: int
    count: int  # examples in the cell
    indices: np.ndarray  # test indices of those shown
    images: np.ndarray  # uint8 (k, 28, 28) or (k, 28, 56)
    confidences: np.ndarray  # the probability the model gave its answer, each


def cell_images_work(
    result: Any, data_dir: str | None, download: bool, true: int, said: int
) -> Callable[[Callable[[object], None]], CellImages]:
    """The work that finds cell (``true``, ``said``) of ``result``'s test report."""

    def work(_emit: Callable[[object], None]) -> CellImages:
        from mnist_desk.data import mnist as mdata
        from mnist_desk.inspection.confusion import cell_indices, pictures
        from mnist_desk.models import is_adder
        from mnist_desk.support.config import resolve_data_dir

        predictions = result.test_predictions
        if predictions is None:
            return CellImages(
                true, said, 0, np.zeros(0, int), np.zeros((0, 28, 28), np.uint8), np.zeros(0)
            )
        splits = mdata.load_splits(resolve_data_dir(data_dir), download=download)
        inputs, labels = mdata.mnist_test_set(
            splits,
            pairs=is_adder(result.settings.get("task", "")),
            subset=result.settings.get("test_subset"),
        )
        predicted = predictions.predicted.numpy()
        every = cell_indices(labels.numpy(), predicted, true, said)
        confidence = predictions.confidence.numpy()
        # the most confident first: in a mistakes cell, the strangest mistakes lead
        shown = every[np.argsort(-confidence[every], kind="stable")][:CELL_IMAGES_SHOWN]
        return CellImages(true, said, len(every), shown, pictures(inputs, shown), confidence[shown])

    return work
