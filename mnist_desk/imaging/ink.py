"""The ink of a picture in pieces: its connected blobs, and where a blob might be two digits.

A picture of a number has no strokes to group, only ink. Its blobs (8-connected runs of ink) are
the pieces ``mnist_desk.recognition.grouping`` groups into digits, as it groups strokes; digits
that touch make one blob, so ``cut_columns`` offers the columns where a reader would cut it (the
thinnest places of its ink, seen from above) for the reading to try.

Ink drawn with a pen much thicker than MNIST's for the size of its digits (a number written
small with a broad pen) is ``thinned`` first, else its digits' loops fill up once scaled into
MNIST's box.

Numpy only: the blobs are found on the picture scaled down to at most ``WORK_SIDE`` pixels a
side (a digit's 20x20 box needs far fewer), by a union-find over each row's runs of ink.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WORK_SIDE = 320  # px: the larger side blobs are found at
INK = 0.3  # ink strength (0..1) from which a pixel counts as ink for the blobs
MIN_BLOB = 0.002  # of the largest blob's pixel count: smaller blobs are noise
EDGE = 2  # px: a blob takes the faint ink this far around its pixels (antialiased edges)


@dataclass(frozen=True)
class Blobs:
    """The ink (H, W) 0..1 at working size, each pixel's blob (-1: none), and each blob's size."""

    ink: np.ndarray
    labels: np.ndarray
    sizes: np.ndarray

    def __len__(self) -> int:
        return len(self.sizes)

    def ink_of(self, blobs: list[int]) -> np.ndarray:
        """The ink of these blobs alone (other ink removed)."""
        return np.where(np.isin(self.labels, blobs), self.ink, 0.0).astype(np.float32)


def shrink(ink: np.ndarray, side: int = WORK_SIDE) -> np.ndarray:
    """Ink scaled down by a whole factor to at most ``side`` pixels a side (each block half its
    mean, half its max: a thin stroke stays connected, as grey), unchanged if small enough."""
    factor = -(-max(ink.shape) // side)  # ceiling division
    if factor <= 1:
        return ink
    h, w = (-(-n // factor) * factor for n in ink.shape)
    padded = np.zeros((h, w), np.float32)
    padded[: ink.shape[0], : ink.shape[1]] = ink
    blocks = padded.reshape(h // factor, factor, w // factor, factor)
    return (blocks.max(axis=(1, 3)) + blocks.mean(axis=(1, 3))) / 2


def find_blobs(ink: np.ndarray) -> Blobs:
    """The 8-connected blobs of ``ink`` (already at working size), noise left out."""
    mask = ink >= INK
    h, w = mask.shape
    padded = np.zeros((h, w + 2), bool)
    padded[:, 1:-1] = mask
    edges = np.diff(padded.astype(np.int8), axis=1)
    rows_s, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]  # each run covers mask columns [start, end)
    runs = len(starts)
    parent = np.arange(runs)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Runs in neighbouring rows touch (8-connected) when their column ranges overlap, widened by 1.
    row_first = np.searchsorted(rows_s, np.arange(h + 1))
    for y in range(1, h):
        a0, a1 = row_first[y - 1], row_first[y]
        b0, b1 = row_first[y], row_first[y + 1]
        i, j = a0, b0
        while i < a1 and j < b1:
            if starts[i] <= ends[j] and starts[j] <= ends[i]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
            if ends[i] < ends[j]:
                i += 1
            else:
                j += 1
    roots = np.array([find(i) for i in range(runs)], dtype=np.int64)
    _, run_label = np.unique(roots, return_inverse=True)
    lengths = ends - starts
    sizes = np.bincount(run_label, weights=lengths).astype(np.int64) if runs else np.zeros(0, int)
    keep = sizes >= MIN_BLOB * sizes.max(initial=0)
    renumber = np.full(len(sizes), -1)
    renumber[keep] = np.arange(int(keep.sum()))
    labels = np.full((h, w), -1, np.int64)
    for r, y, s, e in zip(renumber[run_label], rows_s, starts, ends, strict=True):
        if r >= 0:
            labels[y, s:e] = r
    labels = _grown(labels, ink > 0, EDGE)
    return Blobs(np.where(labels >= 0, ink, 0.0), labels, sizes[keep])


def _grown(labels: np.ndarray, inked: np.ndarray, steps: int) -> np.ndarray:
    """Labels spread ``steps`` pixels into the faint ink around them (antialiased edges)."""
    h, w = labels.shape
    for _ in range(steps):
        padded = np.full((h + 2, w + 2), -1, np.int64)
        padded[1:-1, 1:-1] = labels
        spread = labels.copy()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near = padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w]
                take = (spread < 0) & inked & (near >= 0)
                spread[take] = near[take]
        labels = spread
    return labels


def blob_boxes(blobs: Blobs) -> list[tuple[float, float, float, float, float]]:
    """Each blob's (left, top, right, bottom, ink-centre x) in working pixels."""
    out = []
    ys, xs = np.nonzero(blobs.labels >= 0)
    which = blobs.labels[ys, xs]
    weight = blobs.ink[ys, xs]
    for b in range(len(blobs)):
        sel = which == b
        bx, by, bw = xs[sel], ys[sel], weight[sel]
        cx = float((bx * bw).sum() / max(bw.sum(), 1e-9))
        out.append((float(bx.min()), float(by.min()), float(bx.max() + 1), float(by.max() + 1), cx))
    return out


def cut_columns(ink: np.ndarray, parts: int, most: int = 4) -> list[int]:
    """Columns where ``ink`` (one blob or group, cropped to its box) might be cut into ``parts``
    digits: the thinnest columns of its ink seen from above, smoothed, one per expected cut
    region, the thinnest first (at most ``most``)."""
    profile = ink.sum(0)
    width = len(profile)
    if width < 4 or parts < 2:
        return []
    kernel = np.ones(max(1, width // 30)) / max(1, width // 30)
    smooth = np.convolve(profile, kernel, mode="same")
    lows = [
        x for x in range(1, width - 1) if smooth[x] <= smooth[x - 1] and smooth[x] <= smooth[x + 1]
    ]
    margin = width / (parts * 3)
    lows = [x for x in lows if margin <= x <= width - margin]
    lows.sort(key=lambda x: smooth[x])
    picked: list[int] = []
    for x in lows:  # keep cuts apart: two cuts in one valley say the same
        if all(abs(x - p) > width / (parts * 2.5) for p in picked):
            picked.append(x)
        if len(picked) == most:
            break
    return picked


# The pen thick ink is thinned to, of the line's height: thinner than MNIST's own (about 0.15,
# 3 px of its 20 px box), as that read pictures of numbers best (development seeds 1001-1002:
# 0.15 -> 0.10 took 3.3 points of equations each; 0.07 cut digits in two).
PEN_TARGET = 0.10
THICK = 1.2  # ink drawn with a pen this many target pens thick (or more) is thinned first


def pen_width(ink: np.ndarray) -> float:
    """The ink's stroke width in pixels: twice its area over its outline's length (a stroke of
    width w and length L has an area of wL and an outline of about 2L)."""
    mask = np.pad(ink >= 0.5, 1)
    area = int(mask.sum())
    outline = int((mask[:, 1:] != mask[:, :-1]).sum() + (mask[1:] != mask[:-1]).sum())
    return 2.0 * area / outline if outline else 0.0


def thinned(ink: np.ndarray) -> np.ndarray:
    """Ink drawn with a pen much thicker than MNIST's for the height of its digits, thinned
    to ``PEN_TARGET``: a grey erosion (the minimum over an octagon's neighbours, k times) takes
    about k pixels off each side of every stroke. A number written small with a thick pen, scaled into MNIST's 20 px
    box, fills its digits' loops (a 2 reads as an 8, a 6 as a 0); strokes that only touch part."""
    width = pen_width(ink)
    rows = np.flatnonzero((ink >= 0.5).any(1))
    if len(rows) == 0:
        return ink
    target = PEN_TARGET * max(
        rows[-1] + 1 - rows[0] - width, 1.0
    )  # the line's height, centre line to line
    steps = int((width - target) // 2)
    if width < THICK * target or steps < 1:
        return ink
    h, w = ink.shape
    for step in range(steps):
        padded = np.pad(ink, 1)
        ink = np.minimum.reduce(
            [padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w] for dy, dx in _ERODE[step % 2]]
        )
    return ink


# A square's and a cross's neighbours in turns: erosion by an octagon, near a disk, so a slanted
# stroke loses about what an upright one does (the square alone takes 1.4 px a side off a
# diagonal stroke for each px off an upright one: a 7's or a 4's diagonal broke first).
_ERODE = (
    [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)],
    [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)],
)
