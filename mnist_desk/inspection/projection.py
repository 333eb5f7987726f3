"""A map of the data: the test set's penultimate-layer features projected to 2-D.

PCA first (a second or two: randomised SVD), then t-SNE (openTSNE: FFT-accelerated gradients,
started from the PCA so the map settles from the picture already shown), reporting its progress
so a view can show the map taking shape. Finished maps are cached per model file (its SHA-256),
written atomically. A new input (the drawing) is placed where its nearest test digits are, in
the features' PCA space: one rule for every projection, and instant.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from mnist_desk.inspection.subject import Subject, normalise
from mnist_desk.support.config import resolve_cache_dir
from mnist_desk.support.fileio import atomic_write

# Batches small enough for the activations to stay in cache: 128 took 3.2 s of CPU per 10,000
# digits where 500 took 5.2 s (convnet, 1 thread; bfloat16 2.6 s).
FEATURE_BATCH = 128
PCA_DIMS = 50  # t-SNE and the nearest-neighbour placement work in this many PCA dimensions
NEIGHBOURS = 5
# Early exaggeration, then the rest: half openTSNE's defaults (250, 500). Started from the PCA
# with the learning rate N / exaggeration, the map has settled by then: on the shipped convnet's
# 10,000 test digits, 10-NN accuracy and trustworthiness of the 2-D map are the same (docs/inside.md).
TSNE_ITERATIONS = (125, 250)
TSNE_PERPLEXITY = 30
# FFT gradients on a coarser grid than openTSNE's (1 unit per interval, at least 50 intervals):
# the same map measures for less CPU (docs/inside.md).
TSNE_INTS_IN_INTERVAL = 2
TSNE_MIN_INTERVALS = 25
KNN_BLOCK = 1000  # rows of the distance matrix computed at once (40 MB for 10,000 points)
CACHE_VERSION = 1


class Interrupted(Exception):
    """``should_stop`` said yes: the map is no longer wanted."""


@dataclass
class DataMap:
    """``points`` (N, 2) for the test digits ``labels``; ``method`` "pca" or "tsne"."""

    method: str
    points: np.ndarray
    labels: np.ndarray
    predicted: np.ndarray
    reduced: np.ndarray  # (N, PCA_DIMS) features in PCA space, for placing new inputs
    mean: np.ndarray  # the PCA's centre and axes, to bring a new input's features there
    axes: np.ndarray  # (D, PCA_DIMS)

    def place(self, features: np.ndarray) -> np.ndarray:
        """Where an input with ``features`` (D,) sits: the mean of its nearest test digits'
        points (nearest in PCA space)."""
        reduced = (features.reshape(1, -1) - self.mean) @ self.axes
        distances = ((self.reduced - reduced) ** 2).sum(1)
        nearest = np.argpartition(distances, NEIGHBOURS)[:NEIGHBOURS]
        return self.points[nearest].mean(0)


def feature_layer(reader: nn.Module) -> nn.Module | None:
    """The module whose input is the penultimate-layer features: the reader's last linear layer
    (DeiT: the class token's head, not the distillation head); None when it has none (a trunk:
    its output is the features)."""
    if getattr(reader, "dist_token", None) is not None:
        return reader.head
    linears = [m for m in reader.modules() if isinstance(m, nn.Linear)]
    return linears[-1] if linears else None


@torch.inference_mode()
def penultimate(subject: Subject, ink: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
    """(features, logits) for ink (B, 1, 28, 28): what the reader's last linear layer reads (the
    trunk's output when it has none); logits None when the subject answers nothing alone."""
    reader = subject.reader
    last = feature_layer(reader)
    kept: list[torch.Tensor] = []
    if last is None:
        return reader(normalise(ink)).float(), None
    hook = last.register_forward_hook(lambda _m, args, _out: kept.append(args[0]))
    try:
        logits = reader(normalise(ink)).float()
    finally:
        hook.remove()
    return kept[0].float().reshape(len(ink), -1), logits


def features_of(
    subject: Subject, images: np.ndarray, should_stop: Callable[[], bool] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Features (N, D) and predicted classes (N,) (-1 where the reader answers nothing) of
    uint8 images (N, 28, 28), batch by batch; in bfloat16 where the CPU computes it natively
    (a map needs no more: the features move by about 0.4%)."""
    from mnist_desk.support.acceleration import cpu_has_native_bf16

    features, predicted = [], []
    for start in range(0, len(images), FEATURE_BATCH):
        if should_stop is not None and should_stop():
            raise Interrupted
        batch = torch.from_numpy(images[start : start + FEATURE_BATCH]).float()[:, None] / 255
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cpu_has_native_bf16()):
            f, logits = penultimate(subject, batch)
        features.append(f.numpy())
        predicted.append(
            logits.argmax(1).numpy() if logits is not None else np.full(len(batch), -1)
        )
    return np.concatenate(features), np.concatenate(predicted)


def pca_map(features: np.ndarray, labels: np.ndarray, predicted: np.ndarray) -> DataMap:
    """The first two principal components (and the first PCA_DIMS kept for later use)."""
    torch.manual_seed(0)  # randomised SVD: the same map every time
    x = torch.from_numpy(features).float()
    mean = x.mean(0)
    dims = min(PCA_DIMS, *x.shape)
    _, _, v = torch.pca_lowrank(x - mean, q=dims, center=False, niter=3)
    reduced = ((x - mean) @ v).numpy()
    return DataMap(
        "pca", reduced[:, :2].copy(), labels, predicted, reduced, mean.numpy(), v.numpy()
    )


def tsne_map(
    start: DataMap,
    on_progress: Callable[[np.ndarray, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    threads: int | None = None,
) -> DataMap:
    """t-SNE of ``start``'s PCA features, initialised from its PCA points (scaled as openTSNE
    expects); ``on_progress(points, iteration)`` every 50 iterations; ``threads`` None: the
    cores the machine's load leaves free (``free_cores``)."""
    threads = threads or free_cores()
    from openTSNE import TSNEEmbedding, affinity, initialization

    done = [0]  # iterations of the phases already finished (openTSNE counts each from 0)

    def callback(iteration: int, _error: float, embedding: np.ndarray) -> bool:
        if should_stop is not None and should_stop():
            return True  # openTSNE stops when a callback says so
        if on_progress is not None:
            on_progress(np.asarray(embedding).copy(), done[0] + iteration)
        return False

    from openTSNE.nearest_neighbors import PrecomputedNeighbors

    k = min(len(start.reduced) - 1, 3 * TSNE_PERPLEXITY)  # openTSNE's rule: 3 x perplexity
    neighbours, distances = nearest_neighbours(start.reduced, k)
    affinities = affinity.PerplexityBasedNN(
        perplexity=TSNE_PERPLEXITY,
        n_jobs=threads,
        knn_index=PrecomputedNeighbors(neighbours, distances),
    )
    init = initialization.rescale(start.points.astype(np.float64))
    embedding = TSNEEmbedding(
        init,
        affinities,
        n_jobs=threads,
        random_state=0,
        callbacks=callback,
        callbacks_every_iters=50,
        ints_in_interval=TSNE_INTS_IN_INTERVAL,
        min_num_intervals=TSNE_MIN_INTERVALS,
    )
    early, rest = TSNE_ITERATIONS
    embedding = embedding.optimize(early, exaggeration=12, momentum=0.5)
    if should_stop is not None and should_stop():
        raise Interrupted
    done[0] = early
    embedding = embedding.optimize(rest, momentum=0.8)
    if should_stop is not None and should_stop():
        raise Interrupted
    points = np.asarray(embedding, dtype=np.float32)
    return DataMap(
        "tsne", points, start.labels, start.predicted, start.reduced, start.mean, start.axes
    )


def nearest_neighbours(points: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each point's ``k`` nearest other points, exactly: (indices (N, k), Euclidean distances
    (N, k)), nearest first; the distance matrix a block of rows at a time, one matrix product
    each (1.3 s of CPU for 10,000 points in 50 dimensions, where openTSNE's approximate index
    took 3.2 s)."""
    x = torch.from_numpy(np.ascontiguousarray(points, dtype=np.float32))
    squares = (x * x).sum(1)
    indices, distances = [], []
    for start in range(0, len(x), KNN_BLOCK):
        block = x[start : start + KNN_BLOCK]
        d2 = squares[start : start + len(block), None] - 2 * block @ x.T + squares[None]
        rows = torch.arange(len(block))
        d2[rows, rows + start] = float("inf")  # not its own neighbour
        nearest, index = torch.topk(d2, k, largest=False, sorted=True)
        indices.append(index)
        distances.append(nearest.clamp(min=0).sqrt())
    return (
        torch.cat(indices).numpy().astype(np.int64),
        torch.cat(distances).numpy().astype(np.float64),
    )


def free_cores() -> int:
    """Cores not busy with other work: the cores this process may use less the last minute's
    load average (at least 1). Spinning threads on a busy core only slow everyone down."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not available here: assume an idle machine
        busy = 0.0
    return max(1, min(cores, int(cores - busy + 0.5)))


# ---- the cache -----------------------------------------------------------------------------


def file_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_path(model_hash: str, method: str, count: int) -> Path:
    return resolve_cache_dir() / "maps" / f"{model_hash[:24]}-{method}-{count}-v{CACHE_VERSION}.npz"


def save_map(path: Path, data_map: DataMap) -> Path:
    buffer = io.BytesIO()
    np.savez(
        buffer,
        points=data_map.points,
        labels=data_map.labels,
        predicted=data_map.predicted,
        reduced=data_map.reduced,
        mean=data_map.mean,
        axes=data_map.axes,
    )
    return atomic_write(path, lambda f: f.write(buffer.getvalue()))


def load_map(path: Path, method: str) -> DataMap | None:
    """A cached map, or None when there is none or it cannot be read (it is computed again)."""
    try:
        with np.load(path) as saved:
            return DataMap(
                method,
                saved["points"],
                saved["labels"],
                saved["predicted"],
                saved["reduced"],
                saved["mean"],
                saved["axes"],
            )
    except (OSError, ValueError, KeyError):
        return None
