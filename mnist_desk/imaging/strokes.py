"""Vector strokes -> the 28x28 model input, drawn the way MNIST's digits look.

A drawn digit reaches the model through its strokes, not through the canvas pixels: the strokes'
centre lines are fitted into MNIST's 20x20 box (aspect kept), then stroked with one MNIST-like pen,
antialiased, and the result is centred by mass in the 28x28 field like ``preprocess`` does. So the
user's pen width, the digit's size and its place on the canvas do not change what the model sees
(a small thick-pen ``6`` no longer becomes a blob, a thin ``2`` no longer a hairline).

No Qt: numpy and PIL, well under a millisecond for a digit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mnist_desk.imaging.field import BOX, FIELD, Preprocessed, centre_by_mass, ink_tensors

# MNIST's pen, in pixels of the 28x28 field: a vertical MNIST "1" carries 3.2 px of ink per row.
PEN = 2.8
SUPERSAMPLE = 4  # strokes are drawn at 4x and averaged down: antialiased, sub-pixel placed
SPACING = 1.0  # field pixels of arc length between the centre-line points kept

Point = Sequence[float]  # (x, y) or (x, y, pressure), in any consistent unit
StrokeList = Sequence[Sequence[Point]]


def render_strokes(strokes: StrokeList) -> Preprocessed:
    """Strokes (point lists or (N, 2+) arrays, any unit, y down) -> what the model sees; blank
    if there are none."""
    return render_drawings([strokes])[0]


def render_drawings(drawings: Sequence[StrokeList]) -> list[Preprocessed]:
    """Several drawings (each as ``render_strokes`` takes it) -> what the model sees of each,
    exactly as ``render_strokes`` draws them one by one, in one pass: the candidate digits of
    a number are drawn on one canvas, one tile each."""
    paths = [[_xy(s) for s in strokes if len(s)] for strokes in drawings]
    inked = [p for p in paths if p]
    if not inked:
        return [Preprocessed(None, None) for _ in drawings]
    counts = [len(p) for p in inked]
    points, ends = _placed([s for p in inked for s in p], counts)
    boxes = _stroke_fields(points, ends, counts)
    fields = np.stack([centre_by_mass(box) for box in boxes])
    images = (fields * 255).round().astype(np.uint8)
    # The field holds levels k / 255 (PIL's 8-bit ink, moved whole): round to k and look up.
    tensors = iter(ink_tensors(images))
    pictures = iter(images)
    return [
        Preprocessed(next(pictures), next(tensors)) if p else Preprocessed(None, None)
        for p in paths
    ]


def _placed(strokes: list[np.ndarray], counts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Each drawing's strokes (``strokes``: every drawing's, one drawing after the other, the
    first ``counts[0]`` the first drawing's...) fitted into the field: every point, one stroke
    after the other, in field pixels, and where each stroke ends. Each drawing on its own,
    all at once: the same steps, element by element, as for one drawing alone."""
    every = np.concatenate(strokes) if len(strokes) > 1 else strokes[0]
    ends = np.cumsum([len(s) for s in strokes])
    firsts = np.concatenate([[0], ends[np.cumsum(counts)[:-1] - 1]])  # each drawing's first point
    low, high = np.minimum.reduceat(every, firsts), np.maximum.reduceat(every, firsts)
    extent = (high - low).max(1)
    # The ink box (centre line plus the pen) fits in BOX: a dot or a line keeps its proportions.
    scale = np.divide(BOX - PEN, extent, out=np.zeros_like(extent), where=extent > 0)
    centre = (low + high) / 2
    drawing = np.repeat(np.arange(len(counts)), np.diff(firsts, append=len(every)))
    return (every - centre[drawing]) * scale[drawing, None] + FIELD / 2, ends


def _xy(stroke) -> np.ndarray:
    """A stroke's (x, y) as float64 (N, 2); an array is taken as is (the candidate digits of a
    drawing share their strokes' arrays), a list of points row by row."""
    if isinstance(stroke, np.ndarray):
        return np.asarray(stroke[:, :2], dtype=np.float64)
    return np.asarray([p[:2] for p in stroke], dtype=np.float64)


def _thin_out(points: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep about one point per SPACING of arc length along each stroke (and both its ends):
    mouse samples are dense. ``points``: every stroke's points, one after the other; ``ends``:
    where each stroke ends. Returns the points kept and their strokes' ends."""
    starts = ends - np.diff(ends, prepend=0)
    step = points[1:] - points[:-1]
    length = np.hypot(step[:, 0], step[:, 1])
    arc = np.zeros(len(points))
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        np.cumsum(length[a : b - 1], out=arc[a + 1 : b])  # each stroke's own, from its start
    bucket = np.floor(arc / SPACING)
    # each point that enters a new bucket of arc length, and every stroke's ends
    kept = np.empty(len(points), dtype=bool)
    np.greater(bucket[1:], bucket[:-1], out=kept[1:])
    kept[starts] = kept[ends - 1] = True
    return points[kept], np.cumsum(kept)[ends - 1]


def _corners(points: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each point is a stroke's end or a vertex where its stroke turns by more than ~25
    degrees: only there does a segment's square end show past the next one."""
    step = points[1:] - points[:-1]
    step /= np.maximum(np.hypot(step[:, 0], step[:, 1]), 1e-9)[:, None]
    corner = np.empty(len(points), dtype=bool)
    corner[0] = corner[-1] = True
    np.less((step[:-1] * step[1:]).sum(1), 0.9, out=corner[1:-1])
    corner[ends[:-1]] = corner[ends - 1] = True  # every stroke's first and last point
    return corner


def _stroke_fields(points: np.ndarray, ends: np.ndarray, counts: list[int]) -> np.ndarray:
    """Round-capped, round-joined strokes (``points`` in field pixels, one stroke after the
    other, each ending before its index in ``ends``; ``counts``: how many strokes each drawing
    has, in order) -> float (drawings, 28, 28) ink 0..1.

    Drawn by PIL at SUPERSAMPLE times the field's size, then averaged down: antialiased edges.
    A disc at the ends and at every sharp turn makes caps and joins round (PIL's own round joins
    cost 10x more). All ink is drawn at 255, so the order of the shapes does not matter. The
    drawings lie one below the other on one canvas, a tile each: PIL draws at whole pixels
    (it truncates each coordinate), so a shape is handed its truncated coordinates moved down
    by whole tiles and draws the very pixels it would on a canvas of its own; the fitted ink
    stays 16 px clear of a tile's edges, and each tile is averaged down on its own.
    """
    from PIL import Image, ImageDraw

    side = FIELD * SUPERSAMPLE
    canvas = Image.new("L", (side, side * len(counts)), 0)
    draw = ImageDraw.Draw(canvas)
    width = PEN * SUPERSAMPLE
    radius = width / 2
    points, ends = _thin_out(points, ends)
    # PIL snaps to whole pixels: round off float noise first, so the same digit drawn at
    # another size or place snaps the same way.
    points = np.round(points * SUPERSAMPLE, 6)
    pixels = points.astype(np.int64)  # PIL's truncation (the coordinates are positive)
    corners = _corners(points, ends)
    low = (points[corners] - radius).astype(np.int64)  # each disc's box
    high = (points[corners] + radius).astype(np.int64)
    if len(counts) > 1:  # move each drawing's shapes down to its tile
        down = np.zeros(len(points), dtype=np.int64)
        last = ends[np.cumsum(counts) - 1].tolist()  # where each drawing's points end
        for k, (a, b) in enumerate(zip([0, *last[:-1]], last, strict=True)):
            down[a:b] = k * side
        pixels[:, 1] += down
        low[:, 1] += down[corners]
        high[:, 1] += down[corners]
    start = 0
    for end in ends.tolist():
        if end - start > 1:
            draw.line(pixels[start:end].ravel().tolist(), fill=255, width=round(width))
        start = end
    for x0, y0, x1, y1 in np.concatenate([low, high], 1).tolist():
        draw.ellipse((x0, y0, x1, y1), fill=255)
    small = canvas.reduce(SUPERSAMPLE)
    return (np.asarray(small, dtype=np.float32) / 255.0).reshape(len(counts), FIELD, FIELD)
