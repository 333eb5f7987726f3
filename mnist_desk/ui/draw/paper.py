"""Painting drawings: strokes as round-capped antialiased paths, pictures scaled to the paper.

Strokes are stored in coordinates relative to the square paper (0..1), with the pen width as a
fraction of the paper side (``mnist_desk.app.drawing_session``), so a drawing survives resizes and
screen scaling; these functions paint one at any pixel size.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from mnist_desk.app.drawing_session import Drawing
from mnist_desk.imaging.drawn import Stroke, ink_level, pressure_scale


def smooth_path(points: list[QPointF]) -> QPainterPath:
    """A path through the samples' midpoints with the samples as control points: no corners."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        mid = (points[i] + points[i + 1]) / 2
        path.quadTo(points[i], mid)
    path.lineTo(points[-1])
    return path


def paint_stroke(painter: QPainter, stroke: Stroke, side: float, ink: QColor) -> None:
    """Round-capped antialiased stroke, scaled to a paper of ``side`` pixels."""
    pts = [QPointF(x * side, y * side) for x, y, _ in stroke.points]
    width = stroke.width * side
    if len(pts) == 1 or all(p == pts[0] for p in pts):
        radius = width * pressure_scale(stroke.points[0][2]) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawEllipse(pts[0], radius, radius)
        return
    pen = QPen(
        ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if stroke.uniform:
        pen.setWidthF(width * pressure_scale(stroke.points[0][2]))
        painter.setPen(pen)
        painter.drawPath(smooth_path(pts))
        return
    for (a, b), (_, _, p) in zip(zip(pts, pts[1:], strict=False), stroke.points[1:], strict=False):
        pen.setWidthF(width * pressure_scale(p))
        painter.setPen(pen)
        painter.drawLine(a, b)


def render_state(state: Drawing, side: int) -> QImage:
    """The paper as the model will see it: ``side`` x ``side`` pixels."""
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(state.background, state.background, state.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if state.picture is not None:
        # Scaling the grey image first is ~10x faster than letting drawImage scale and convert.
        scaled = grey_to_qimage(state.picture.grey).scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawImage(
            QPoint((side - scaled.width()) // 2, (side - scaled.height()) // 2), scaled
        )
    ink = ink_colour(state.background)
    for stroke in state.strokes:
        paint_stroke(painter, stroke, side, ink)
    painter.end()
    return image


def ink_colour(background: int) -> QColor:
    """Dark ink on light paper, light ink on dark (a light-on-dark picture)."""
    level = ink_level(background)
    return QColor(level, level, level)


def qimage_to_grey(image: QImage) -> np.ndarray:
    """Any QImage -> uint8 (H, W) grey levels (a copy)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = grey.width(), grey.height()
    if w == 0 or h == 0:
        return np.zeros((0, 0), np.uint8)
    buffer = np.frombuffer(grey.constBits(), np.uint8, count=grey.bytesPerLine() * h)
    return buffer.reshape(h, grey.bytesPerLine())[:, :w].copy()


def grey_to_qimage(grey: np.ndarray) -> QImage:
    """uint8 (H, W) -> a Grayscale8 QImage that owns its pixels."""
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    h, w = grey.shape
    return QImage(grey.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
