"""A drawing canvas in the shape of Qt's Scribble example, with strokes kept as vector paths.

Strokes are stored in coordinates relative to the square paper (0..1), with the pen width as a
fraction of the paper side, so the drawing survives resizes and screen scaling and always
reaches the model with MNIST-like stroke widths. Finished strokes are painted into a QImage
(the "paper"); the stroke in progress is painted on top of it until the pen lifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desk.ui.settings import DEFAULT_PEN_WIDTH

PAPER = 255  # grey level of the blank paper
INK = 0  # grey level of the ink on light paper
MAX_PICTURE = 1024  # px: larger pictures are scaled down when opened
MIN_STEP = 0.002  # of the paper side: closer pointer samples add nothing but cost


@dataclass(frozen=True)
class Stroke:
    """One pen-down..pen-up path: points (x, y, pressure) relative to the paper side."""

    points: tuple[tuple[float, float, float], ...]
    width: float  # of the paper side, at full pressure

    @property
    def uniform(self) -> bool:
        return len({p for _, _, p in self.points}) <= 1


@dataclass(frozen=True)
class CanvasState:
    """Everything that is drawn: an optional picture underneath, and strokes. Immutable, for undo."""

    picture: QImage | None = None  # Grayscale8, as loaded
    background: int = PAPER  # grey level around the picture, and the paper colour
    strokes: tuple[Stroke, ...] = ()

    @property
    def empty(self) -> bool:
        return self.picture is None and not self.strokes


def pressure_scale(pressure: float) -> float:
    """Light tablet pressure draws thinner; the mouse (pressure 1) draws at the set width."""
    return 0.4 + 0.6 * min(1.0, max(0.0, pressure))


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


def render_state(state: CanvasState, side: int) -> QImage:
    """The paper as the model will see it: ``side`` x ``side`` pixels."""
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(state.background, state.background, state.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if state.picture is not None:
        # Scaling the grey image first is ~10x faster than letting drawImage scale and convert.
        scaled = state.picture.scaled(
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
    level = INK if background >= 128 else 255 - INK
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


class DigitCanvas(QWidget):
    """A square paper to draw one digit on, with mouse, tablet (pressure) and touch input."""

    stroke_moved = Signal()  # the stroke in progress grew (throttle any work on this)
    changed = Signal()  # the drawing changed: a stroke ended, undo, clear, a picture was set
    edited = Signal()  # an undoable change happened (the window keeps the order across canvases)
    activated = Signal()  # the user touched this canvas: it becomes the target of File actions
    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self._state = CanvasState()
        self._history: list[CanvasState] = []
        self._current: list[tuple[float, float, float]] | None = None
        self._pen_width = DEFAULT_PEN_WIDTH
        self._paper: QImage | None = None  # cached render of self._state at the paper's pixel size
        self._active = False
        self._placeholder = ""

    # ---- state --------------------------------------------------------------------------

    @property
    def state(self) -> CanvasState:
        return self._state

    @property
    def drawing(self) -> bool:
        """True while a stroke is in progress."""
        return self._current is not None

    def is_empty(self) -> bool:
        return self._state.empty and not self._current

    def can_undo(self) -> bool:
        return bool(self._history)

    @property
    def pen_width(self) -> float:
        """Pen width as a fraction of the paper side."""
        return self._pen_width

    def set_pen_width(self, fraction: float) -> None:
        self._pen_width = float(fraction)

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.update()

    def set_placeholder(self, text: str) -> None:
        """A hint painted on the empty paper (screen only; the model never sees it)."""
        self._placeholder = text
        self.update()

    def _commit(self, state: CanvasState) -> None:
        self._history.append(self._state)
        self._state = state
        self._paper = None
        self.update()
        self.edited.emit()
        self.changed.emit()

    def clear(self) -> None:
        """Remove everything (undoable)."""
        self._current = None
        if not self._state.empty:
            self._commit(CanvasState())

    def undo(self) -> bool:
        """Go back one change; False if there is nothing to undo."""
        if not self._history:
            return False
        self._current = None
        self._state = self._history.pop()
        self._paper = None
        self.update()
        self.changed.emit()
        return True

    def add_stroke(
        self,
        points: list[tuple[float, float]] | list[tuple[float, float, float]],
        width: float | None = None,
    ) -> None:
        """Add a finished stroke given in paper coordinates (0..1); pressure defaults to 1."""
        pts = tuple((float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0) for p in points)
        if pts:
            stroke = Stroke(pts, self._pen_width if width is None else width)
            self._commit(
                CanvasState(
                    self._state.picture, self._state.background, (*self._state.strokes, stroke)
                )
            )

    def set_image(self, image: np.ndarray | QImage) -> None:
        """Show a picture (a photo, a scan, an MNIST digit) as the drawing; strokes are cleared.

        It is shown in grey as the model will read it, scaled to fit the paper, with the margins
        filled in the picture's own background level so its polarity is kept.
        """
        if isinstance(image, QImage):
            grey = qimage_to_grey(image)
        else:
            from mnist_desk.preprocess import to_grey  # one grey conversion, the core's

            grey = np.round(to_grey(image) * 255).astype(np.uint8)
        if grey.ndim != 2 or grey.size == 0:
            raise ValueError("the image is empty")
        border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
        background = int(np.median(border))
        picture = grey_to_qimage(grey)
        if max(picture.width(), picture.height()) > MAX_PICTURE:  # a 12 MP photo: keep redraws fast
            picture = picture.scaled(
                MAX_PICTURE,
                MAX_PICTURE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self._current = None
        self._commit(CanvasState(picture, background, ()))

    # ---- rendering ----------------------------------------------------------------------

    def paper_rect(self) -> QRect:
        """The square drawing area, centred in the widget."""
        side = max(1, min(self.width(), self.height()) - 2)
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def _paper_pixels(self) -> int:
        return max(1, round(self.paper_rect().width() * self.devicePixelRatioF()))

    def paper_image(self) -> QImage:
        """The finished strokes (and picture) at the paper's device-pixel size."""
        side = self._paper_pixels()
        if self._paper is None or self._paper.width() != side:
            self._paper = render_state(self._state, side)
        return self._paper

    def to_qimage(self) -> QImage:
        """What is drawn now, including a stroke in progress, at the paper's pixel size."""
        image = self.paper_image()
        if self._current:
            image = image.copy()
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_stroke(
                painter,
                Stroke(tuple(self._current), self._pen_width),
                image.width(),
                ink_colour(self._state.background),
            )
            painter.end()
        return image

    def stroke_points(self) -> list[list[tuple[float, float, float]]] | None:
        """The strokes' points (paper coordinates), the one in progress included; None when a
        picture is underneath (then only the pixels tell the whole drawing)."""
        if self._state.picture is not None:
            return None
        strokes = [list(s.points) for s in self._state.strokes]
        return strokes + [list(self._current)] if self._current else strokes

    def to_array(self) -> np.ndarray:
        """The drawing as a uint8 (H, W) grey array, as handed to the Predictor."""
        return qimage_to_grey(self.to_qimage())

    def save_png(self, path: str | Path) -> None:
        if (
            not self.to_qimage()
            .convertToFormat(QImage.Format.Format_Grayscale8)
            .save(str(path), "PNG")
        ):
            raise OSError(f"{path}: could not write the PNG file")

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def resizeEvent(self, event) -> None:
        self._paper = None  # re-rendered from the vectors at the new size on the next paint
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.paper_rect()
        painter.drawImage(QRectF(rect), self.paper_image())
        if self._current:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setClipRect(rect)
            painter.translate(rect.topLeft())
            paint_stroke(
                painter,
                Stroke(tuple(self._current), self._pen_width),
                rect.width(),
                ink_colour(self._state.background),
            )
            painter.resetTransform()
            painter.setClipping(False)
        elif self._state.empty and self._placeholder:
            painter.setPen(QColor(170, 170, 170))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder
            )
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        frame = QPen(highlight if self._active else QColor(160, 160, 160), 2 if self._active else 1)
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))

    # ---- input: one path for mouse, tablet and touch ------------------------------------

    def _to_paper(self, pos: QPointF) -> tuple[float, float]:
        rect = self.paper_rect()
        return (pos.x() - rect.x()) / rect.width(), (pos.y() - rect.y()) / rect.height()

    def begin_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        self.activated.emit()
        x, y = self._to_paper(pos)
        self._current = [(x, y, pressure)]
        self.update()
        self.stroke_moved.emit()

    def extend_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        x, y = self._to_paper(pos)
        lx, ly, _ = self._current[-1]
        if abs(x - lx) < MIN_STEP and abs(y - ly) < MIN_STEP:
            return
        self._current.append((x, y, pressure))
        self.update()
        self.stroke_moved.emit()

    def end_stroke(self) -> None:
        if self._current is None:
            return
        points, self._current = self._current, None
        self.add_stroke(points)

    def cancel_stroke(self) -> None:
        if self._current is not None:
            self._current = None
            self.update()
            self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend_stroke(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.extend_stroke(event.position())
            self.end_stroke()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin_stroke(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove and self._current is not None:
            self.extend_stroke(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()  # no synthesised mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self.begin_stroke(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self.extend_stroke(pos)
                else:
                    self.extend_stroke(pos)
                    self.end_stroke()
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self.cancel_stroke()
            event.accept()
            return True
        return super().event(event)

    def focusInEvent(self, event) -> None:
        self.activated.emit()
        super().focusInEvent(event)

    # ---- drag and drop ------------------------------------------------------------------

    @staticmethod
    def _dropped_file(mime) -> str | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.activated.emit()
            self.file_dropped.emit(path)
