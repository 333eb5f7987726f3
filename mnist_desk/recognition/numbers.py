"""A drawing -> the digits of the number written in it, left to right.

``segment`` cuts one drawing (``imaging.drawn``: ``Strokes`` or a ``Picture``) into atoms
(``grouping.layout``: pieces that are surely parts of one digit, left to right): strokes, or a
picture's ink blobs (``imaging.ink``; the ink of a thick pen thinned first), where a blob too
wide for one digit (digits that touch) is cut into slices at its thinnest columns. Every run of
a few consecutive atoms is a candidate digit, drawn the MNIST way (strokes by
``render_drawings``, every candidate of a drawing in one call; ink by ``ink_to_input``). The
Predictor reads every candidate of both boxes in one batch, and ``choose`` keeps the split into
runs that scores best: each digit's reading (the log-probability of the model's answer) plus what
the geometry says (``Layout.run_prior``, ``cut_prior``), by dynamic programming.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from mnist_desk.imaging.drawn import Blank, Drawn, Picture, Strokes, to_grey
from mnist_desk.imaging.field import FIELD, Preprocessed
from mnist_desk.imaging.ink import Blobs, blob_boxes, cut_columns, find_blobs, shrink, thinned
from mnist_desk.imaging.pictures import as_is, ink_map, ink_to_input, mnist_format
from mnist_desk.imaging.strokes import render_drawings
from mnist_desk.recognition.grouping import Box, Layout, best_runs, layout
from mnist_desk.recognition.stroke_grouping import stroke_layout

WIDE = 1.0  # a blob wider than this share of its height may be two digits (or more)
DIGIT_ASPECT = 0.75  # a digit's usual width, of its height: how many digits a wide blob holds
MAX_PARTS = 4  # at most this many digits are looked for in one blob


@dataclass(frozen=True)
class Candidate:
    """One candidate digit: the pieces it is made of (stroke indices, or blob slices), the run
    of atoms it covers, and what the model would see."""

    key: tuple
    run: tuple[int, int]
    input: Preprocessed
    # Whether how digit-like it looks (the gate) counts in the choice: not for a slice of a blob
    # (a cut edge looks unlike a digit).
    gate_counts: bool = True
    # A picture's candidate: its ink's larger side in the picture's own pixels (None: strokes).
    side: float | None = None


@dataclass
class Segmentation:
    """The candidate digits of one drawing (every run worth reading) and its layout; a blank
    drawing has none."""

    candidates: list[Candidate] = field(default_factory=list)
    layout: Layout | None = None
    # A drawing's strokes as (N, 2) float arrays, as the candidates' keys index them (None for a
    # picture): what else looks at the strokes need not convert them again.
    paths: list[np.ndarray] | None = None


def segment(drawn: Drawn) -> Segmentation:
    """The candidate digits of ``drawn``, each drawn the MNIST way."""
    if isinstance(drawn, Strokes):
        return _segment_strokes(drawn)
    if isinstance(drawn, Picture):
        return _segment_picture(drawn)
    assert isinstance(drawn, Blank), drawn
    return Segmentation()


def _segmentation(
    lay: Layout,
    key: Callable,
    render: Callable,
    whole: Callable = lambda key: True,
    side: Callable = lambda key: None,
) -> Segmentation:
    """Every run of ``lay`` worth reading as a candidate: ``key`` names its pieces, ``render``
    draws the model inputs of a list of keys at once, ``whole`` says if the reading of the
    gate counts, ``side`` measures a picture's candidate (``Candidate.side``)."""
    runs = lay.runs()
    keys = [key(start, end) for start, end in runs]
    candidates = [
        Candidate(pieces, run, made, whole(pieces), side(pieces))
        for pieces, run, made in zip(keys, runs, render(keys), strict=True)
        if not made.blank
    ]
    return Segmentation(candidates, lay)


def _segment_strokes(drawn: Strokes) -> Segmentation:
    paths = drawn.paths()
    lay = stroke_layout(paths, [s.width for s in drawn.strokes])
    cut = _segmentation(
        lay,
        lambda a, b: tuple(sorted(i for k in range(a, b) for i in lay.atoms[k])),
        lambda keys: render_drawings([[paths[i] for i in strokes] for strokes in keys]),
    )
    cut.paths = paths
    return cut


def _segment_picture(drawn: Picture) -> Segmentation:
    grey = to_grey(drawn.pixels())
    ink = ink_map(grey)
    if ink is None:
        return Segmentation()
    if mnist_format(ink):  # one digit, read as it is
        lay = layout([Box(0.0, 0.0, float(FIELD), float(FIELD))])
        rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
        extent = float(max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1)
        return Segmentation([Candidate(((0, 0, FIELD),), (0, 1), as_is(grey), side=extent)], lay)
    blobs = find_blobs(thinned(shrink(ink)))  # a thick pen's strokes thinned, before anything
    if len(blobs) == 0:
        return Segmentation()
    pieces = _slices(blobs)  # (blob, first column, end column) of each piece
    boxes = [_slice_box(blobs, p) for p in pieces]
    lay = layout(boxes, known=_same_blob(pieces))
    everything = tuple(sorted(pieces))
    slices: dict[int, set] = {}  # each blob's pieces
    for piece in pieces:
        slices.setdefault(piece[0], set()).add(piece)

    def render(key: tuple) -> Preprocessed:
        # all the ink at once is read as the picture alone always was: at its own resolution
        return ink_to_input(ink if key == everything else _ink_of(blobs, key))

    def whole(key: tuple) -> bool:  # made of whole blobs: no cut edge
        return all(slices[blob] <= set(key) for blob, _, _ in key)

    scale = max(ink.shape) / max(blobs.ink.shape)  # blobs are found on the ink shrunk
    box_of = dict(zip(pieces, boxes, strict=True))

    def side(key: tuple) -> float:
        box = [box_of[piece] for piece in key]
        width = max(b.x1 for b in box) - min(b.x0 for b in box)
        return scale * max(width, max(b.y1 for b in box) - min(b.y0 for b in box))

    return _segmentation(
        lay,
        lambda a, b: tuple(sorted(pieces[i] for k in range(a, b) for i in lay.atoms[k])),
        lambda keys: [render(key) for key in keys],
        whole,
        side,
    )


def _slices(blobs: Blobs) -> list[tuple[int, int, int]]:
    """Each blob as one piece, or, when it is wide enough to hold several digits, as slices
    between the columns where a reader would cut it."""
    pieces = []
    for b, (x0, y0, x1, y1, _) in enumerate(blob_boxes(blobs)):
        width, height = x1 - x0, y1 - y0
        columns: list[int] = []
        if width >= WIDE * height:
            parts = min(MAX_PARTS, max(2, round(width / (DIGIT_ASPECT * height))))
            crop = blobs.ink_of([b])[int(y0) : int(y1), int(x0) : int(x1)]
            columns = sorted(int(x0) + c for c in cut_columns(crop, parts, most=parts + 1))
        edges = [int(x0), *columns, int(x1)]
        pieces.extend((b, a, e) for a, e in zip(edges, edges[1:], strict=False))
    return pieces


def _same_blob(pieces: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int], float]:
    """Slices of one blob belong together unless the reading says otherwise: cutting connected
    ink costs about 2 nats (a slice of anything reads as a confident 1)."""
    return {
        (i, j): SLICE_TOGETHERNESS
        for i in range(len(pieces))
        for j in range(i + 1, len(pieces))
        if pieces[i][0] == pieces[j][0]
    }


SLICE_TOGETHERNESS = 0.08  # below SAME: the reading may still cut a blob of touching digits


def _slice_box(blobs: Blobs, piece: tuple[int, int, int]) -> Box:
    ink = _ink_of(blobs, (piece,))
    ys, xs = np.nonzero(ink)
    weight = ink[ys, xs]
    return Box(
        float(xs.min()),
        float(ys.min()),
        float(xs.max() + 1),
        float(ys.max() + 1),
        float((xs * weight).sum() / max(float(weight.sum()), 1e-9)),
    )


def _ink_of(blobs: Blobs, key: Sequence[tuple[int, int, int]]) -> np.ndarray:
    """The ink of these slices of blobs, every other ink removed."""
    out = np.zeros_like(blobs.ink, dtype=np.float32)
    for blob, a, e in key:
        mask = blobs.labels[:, a:e] == blob
        out[:, a:e] = np.where(mask, blobs.ink[:, a:e], out[:, a:e])
    return out


def choose(seg: Segmentation, log_confidence: Sequence[float]) -> list[int]:
    """The candidates (indices, left to right) of the split that scores best: each digit's
    ``log_confidence`` (one value per candidate) with the geometry's priors."""
    if not seg.candidates or seg.layout is None:
        return []
    index = {c.run: i for i, c in enumerate(seg.candidates)}
    reading = {c.run: float(v) for c, v in zip(seg.candidates, log_confidence, strict=True)}
    return [index[run] for run in best_runs(seg.layout, reading) if run in index]
