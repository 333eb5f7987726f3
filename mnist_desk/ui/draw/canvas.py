"""A drawing canvas in the shape of Qt's Scribble example: a view of one drawing of a
``DrawingSession`` (``mnist_desk.app.drawing_session``), and the input that changes it.

Mouse, tablet (pressure) and touch all go through ``begin/extend/end_stroke`` into the session;
the canvas paints what the session holds. Finished strokes are painted into a QImage (the
"paper", re-rendered from the vectors at each new size); the stroke in progress is painted on top
of it until the pen lifts. Painting itself is in ``mnist_desk.ui.draw.paper``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desk.app.drawing_session import Drawing, DrawingSession
from mnist_desk.imaging.drawn import Stroke
from mnist_desk.ui.draw.paper import (
    ink_colour,
    paint_stroke,
    qimage_to_grey,
    render_state,
)
from mnist_desk.ui.settings import DEFAULT_PEN_WIDTH


class DigitCanvas(QWidget):
    """A square paper to draw one digit on, with mouse, tablet (pressure) and touch input.

    It shows drawing ``index`` of ``session`` (a one-canvas session of its own by default)."""

    stroke_moved = Signal()  # the stroke in progress grew (throttle any work on this)
    changed = Signal()  # the drawing changed: a stroke ended, undo, clear, a picture was set
    activated = Signal()  # the user touched this canvas: it becomes the target of File actions
    file_dropped = Signal(str)

    def __init__(
        self,
        session: DrawingSession | None = None,
        index: int = 0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.session = session if session is not None else DrawingSession(count=1)
        self.index = index
        self.session.on_change(self._on_session_change)
        self.session.on_stroke_moved(self._on_stroke_moved)
        self._pen_width = DEFAULT_PEN_WIDTH
        self._paper: QImage | None = None  # cached render of the drawing at the paper's size
        self._active = False
        self._placeholder = ""

    # ---- state --------------------------------------------------------------------------

    @property
    def state(self) -> Drawing:
        return self.session.drawings[self.index]

    @property
    def _current(self) -> list | None:
        return self.session.in_progress[self.index]

    @property
    def drawing(self) -> bool:
        """True while a stroke is in progress."""
        return self._current is not None

    def is_empty(self) -> bool:
        return self.session.is_empty(self.index)

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

    def _on_session_change(self, index: int) -> None:
        if index == self.index:
            self._paper = None
            self.update()
            self.changed.emit()

    def _on_stroke_moved(self, index: int) -> None:
        if index == self.index:
            self.update()
            self.stroke_moved.emit()

    def clear(self) -> None:
        """Remove everything (undoable)."""
        self.session.clear(self.index)

    def add_stroke(
        self,
        points: list[tuple[float, float]] | list[tuple[float, float, float]],
        width: float | None = None,
    ) -> None:
        """Add a finished stroke given in paper coordinates (0..1); pressure defaults to 1."""
        self.session.add_stroke(self.index, points, self._pen_width if width is None else width)

    def set_image(self, image: np.ndarray | QImage) -> None:
        """Show a picture (a photo, a scan, an MNIST digit) as the drawing; strokes are cleared.

        The session analyses it (grey levels, background, size: ``imaging.drawn.picture_from_image``);
        it is shown in grey as the model reads it, scaled to fit the paper, with the margins
        filled in the picture's own background level so its polarity is kept.
        """
        self.session.set_picture(
            self.index, qimage_to_grey(image) if isinstance(image, QImage) else image
        )

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
            self._paper = render_state(self.state, side)
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
                ink_colour(self.state.background),
            )
            painter.end()
        return image

    def stroke_points(self) -> list[list[tuple[float, float, float]]] | None:
        """The strokes' points (paper coordinates), the one in progress included; None when a
        picture is underneath (then only the pixels tell the whole drawing)."""
        return self.session.stroke_points(self.index)

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
                ink_colour(self.state.background),
            )
            painter.resetTransform()
            painter.setClipping(False)
        elif self.state.empty and self._placeholder:
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
        self.session.begin_stroke(self.index, *self._to_paper(pos), pressure, self._pen_width)

    def extend_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        self.session.extend_stroke(self.index, *self._to_paper(pos), pressure)

    def end_stroke(self) -> None:
        self.session.end_stroke(self.index)

    def cancel_stroke(self) -> None:
        self.session.cancel_stroke(self.index)

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
