"""What a person hands the recognition, as typed values: nothing, strokes, or a picture.

``Drawn = Blank | Strokes | Picture``. Strokes are kept as vectors in paper coordinates (the
square paper's side is 1, y down), so what the model reads never depends on a widget's size in
pixels. A ``Picture`` is an opened or dropped image, analysed here once (grey levels, the
background level its border shows, at most ``MAX_PICTURE`` a side), with any strokes drawn on
top of it.

No torch and no Qt: the app layer builds these values, the views paint them, the recognition
(``mnist_desk.recognition``) reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

PAPER = 255  # grey level of the blank paper
MAX_PICTURE = 1024  # px: larger pictures are scaled down when opened

Point = tuple[float, float, float]  # x, y relative to the paper side (0..1, y down), pressure


@dataclass(frozen=True)
class Stroke:
    """One pen-down..pen-up path: points (x, y, pressure) relative to the paper side."""

    points: tuple[Point, ...]
    width: float  # of the paper side, at full pressure

    @property
    def uniform(self) -> bool:
        return len({p for _, _, p in self.points}) <= 1

    @cached_property
    def xy(self) -> np.ndarray:
        """The points' (x, y) as a read-only float64 (N, 2) array, made once: a drawing is read
        again after each new stroke, and its earlier strokes need not be converted again."""
        points = np.array(self.points, dtype=np.float64)
        xy = points[:, :2] if len(self.points) else np.empty((0, 2))
        xy.setflags(write=False)
        return xy


def pressure_scale(pressure: float) -> float:
    """Light tablet pressure draws thinner; the mouse (pressure 1) draws at the set width."""
    return 0.4 + 0.6 * min(1.0, max(0.0, pressure))


@dataclass(frozen=True)
class Blank:
    """Nothing drawn: read as no digit, never a guess."""


@dataclass(frozen=True)
class Strokes:
    """A drawing made of strokes only (at least one)."""

    strokes: tuple[Stroke, ...]

    @classmethod
    def from_points(
        cls, paths: Sequence[Sequence[Sequence[float]]], width: float = 0.05
    ) -> Strokes:
        """Strokes from point lists ((x, y) or (x, y, pressure), paper coordinates)."""
        return cls(
            tuple(
                Stroke(
                    tuple(
                        (float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0) for p in path
                    ),
                    width,
                )
                for path in paths
                if len(path)
            )
        )

    def point_lists(self) -> list[list[Point]]:
        return [list(s.points) for s in self.strokes]

    def paths(self) -> list[np.ndarray]:
        """Each stroke's (x, y) as a read-only float64 (N, 2) array (``Stroke.xy``)."""
        return [s.xy for s in self.strokes]


@dataclass(frozen=True, eq=False)  # compared by identity: arrays have no useful ==
class Picture:
    """An opened picture (grey levels as shown) and any strokes drawn on it."""

    grey: np.ndarray  # uint8 (H, W), at most MAX_PICTURE a side
    background: int  # the grey level its border mostly shows: the paper's colour around it
    strokes: tuple[Stroke, ...] = ()

    def pixels(self) -> np.ndarray:
        """uint8 grey: the picture, with the strokes drawn on it the way the canvas shows them
        (the picture centred on the square paper, the ink dark on light, light on dark)."""
        if not self.strokes:
            return self.grey
        from PIL import Image, ImageDraw

        h, w = self.grey.shape
        side = max(h, w)
        paper = Image.new("L", (side, side), self.background)
        paper.paste(Image.fromarray(self.grey), ((side - w) // 2, (side - h) // 2))
        draw = ImageDraw.Draw(paper)
        ink = ink_level(self.background)
        for stroke in self.strokes:
            for (x0, y0, p0), (x1, y1, p1) in zip(
                stroke.points, stroke.points[1:] + stroke.points[-1:], strict=True
            ):
                width = stroke.width * side * pressure_scale(max(p0, p1))
                draw.line(
                    (x0 * side, y0 * side, x1 * side, y1 * side), fill=ink, width=round(width)
                )
                r = width / 2  # round caps and joins
                draw.ellipse((x1 * side - r, y1 * side - r, x1 * side + r, y1 * side + r), fill=ink)
            x, y, p = stroke.points[0]
            r = stroke.width * side * pressure_scale(p) / 2
            draw.ellipse((x * side - r, y * side - r, x * side + r, y * side + r), fill=ink)
        return np.asarray(paper)


Drawn = Blank | Strokes | Picture


def ink_level(background: int) -> int:
    """Dark ink on light paper, light ink on dark (a light-on-dark picture)."""
    return 0 if background >= 128 else 255


def to_grey(image: np.ndarray) -> np.ndarray:
    """(H, W), (H, W, 3) or (H, W, 4), any dtype -> float (H, W) in 0..1."""
    a = np.asarray(image)
    if a.ndim not in (2, 3) or a.size == 0:
        raise ValueError(f"expected an image of shape (H, W) or (H, W, C), got {a.shape}")
    a = a.astype(np.float32)
    if a.max(initial=0) > 1.0:
        a /= 255.0
    if a.ndim == 2:
        return a
    if a.shape[2] == 4:
        alpha = a[..., 3]
        if alpha.min() < 0.99:  # strokes on a transparent background: the alpha is the ink
            return alpha
        a = a[..., :3]
    if a.shape[2] == 1:
        return a[..., 0]
    return a[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def border_level(grey: np.ndarray) -> float:
    """The level the border of ``grey`` mostly shows: the picture's background."""
    return float(np.median(np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])))


def picture_from_image(image: np.ndarray) -> Picture:
    """Any image array (a photo, a scan, an MNIST digit) -> a Picture: grey levels 0..255, its
    background level, scaled down (smoothly, aspect kept) to at most MAX_PICTURE a side.
    A ValueError if it has no pixels."""
    grey = np.round(to_grey(image) * 255).astype(np.uint8)
    if grey.ndim != 2 or grey.size == 0:
        raise ValueError("the image is empty")
    if max(grey.shape) > MAX_PICTURE:  # a 12 MP photo: keep redraws and reading fast
        from PIL import Image

        small = Image.fromarray(grey)
        small.thumbnail((MAX_PICTURE, MAX_PICTURE), Image.Resampling.LANCZOS)
        grey = np.asarray(small)
    return Picture(grey, round(border_level(grey)))
