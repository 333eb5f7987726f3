"""The map of the data (no Qt): the test set as the network in use sees it, in 2-D.

``map_work(request)`` is a background job's work: it reads MNIST's 10,000 test digits, and
either finds the model's finished map in the cache, or computes the PCA map at once (emitted
first, so the view has a map within seconds) and then the t-SNE map, emitting its progress as it
settles and caching it (per model file, atomically). ``MapStop`` is the job's controls: a closed
view or another model ends the work between two steps.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mnist_desk.errors import Phrase

PROGRESS_EVERY_S = 0.25  # the view redraws the settling map at most this often
NO_TSNE = Phrase("t-SNE needs openTSNE (pip install openTSNE)")  # the PCA map is the last


@dataclass(frozen=True)
class MapRequest:
    id: int
    predictor: Any
    data_dir: str | None = None
    download: bool = False
    count: int = 10_000  # the first ``count`` test digits


@dataclass
class MapShown:
    """A map to draw: ``data_map`` (mnist_desk.inspection.projection.DataMap) of ``images``."""

    id: int
    model_name: str
    data_map: Any
    images: np.ndarray  # uint8 (N, 28, 28), the test digits the points stand for
    final: bool  # no better map will follow (t-SNE, or PCA when t-SNE is unavailable)
    cached: bool = False
    seconds: float = 0.0  # since the request
    note: str = ""  # e.g. why there is no t-SNE


@dataclass(frozen=True)
class MapProgress:
    id: int
    points: np.ndarray
    iteration: int
    iterations: int


class MapStop:
    """The map job's controls: ``cancel`` asks the work to stop at its next step."""

    paused = False

    def __init__(self) -> None:
        self.event = threading.Event()

    def cancel(self, **_: Any) -> None:
        self.event.set()

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def __call__(self) -> bool:
        return self.event.is_set()


def map_work(request: MapRequest, stop: MapStop) -> Callable[[Callable[[object], None]], Any]:
    def work(emit: Callable[[object], None]) -> None:
        from mnist_desk.data.mnist_files import load_mnist_raw
        from mnist_desk.inspection import projection
        from mnist_desk.inspection.subject import subject_for
        from mnist_desk.support.acceleration import single_threaded_here
        from mnist_desk.support.config import resolve_data_dir

        single_threaded_here()
        start = time.perf_counter()
        predictor = request.predictor
        path = predictor.checkpoint.path
        name = Path(path).stem if path else predictor.task
        *_, test_images, test_labels = load_mnist_raw(
            resolve_data_dir(request.data_dir), download=request.download
        )
        images = test_images[: request.count].numpy()
        labels = test_labels[: request.count].numpy()
        cache = None
        if path is not None:
            cache = projection.cache_path(projection.file_hash(path), "tsne", len(images))
            cached = projection.load_map(cache, "tsne")
            if cached is not None and len(cached.points) == len(images):
                emit(
                    MapShown(
                        request.id, name, cached, images, True, True, time.perf_counter() - start
                    )
                )
                return
        import copy

        import torch

        from mnist_desk.support.acceleration import prepare_model

        # channels_last: with bfloat16, 2.2x less CPU for the convnet's features (docs/inside.md)
        model = prepare_model(copy.deepcopy(predictor.model), torch.device("cpu")).eval()
        subject = subject_for(model, predictor.task)
        features, predicted = projection.features_of(subject, images, stop)
        pca = projection.pca_map(features, labels, predicted)
        try:
            import openTSNE  # noqa: F401 - an optional dependency: without it the PCA map is final
        except ImportError:
            note = NO_TSNE()
            emit(
                MapShown(
                    request.id,
                    name,
                    pca,
                    images,
                    True,
                    seconds=time.perf_counter() - start,
                    note=note,
                )
            )
            return
        emit(MapShown(request.id, name, pca, images, False, seconds=time.perf_counter() - start))
        last = [0.0]
        total = sum(projection.TSNE_ITERATIONS)

        def progress(points: np.ndarray, iteration: int) -> None:
            now = time.perf_counter()
            if now - last[0] >= PROGRESS_EVERY_S:
                last[0] = now
                emit(MapProgress(request.id, points, iteration, total))

        tsne = projection.tsne_map(pca, progress, stop)
        if cache is not None:
            projection.save_map(cache, tsne)
        emit(MapShown(request.id, name, tsne, images, True, seconds=time.perf_counter() - start))

    return work
