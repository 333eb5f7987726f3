"""Small pyqtgraph image panels: a picture with a title (a map, a heatmap, the input), and a
mosaic of maps where a click (or the arrow keys) selects one."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

SEQUENTIAL = "viridis"
DIVERGING = "CET-D1"  # blue - white - red, centred on zero
GREY = "CET-L1"  # black to white


def colour_map(diverging: bool) -> pg.ColorMap:
    return pg.colormap.get(DIVERGING if diverging else SEQUENTIAL)


def symmetric_levels(image: np.ndarray) -> tuple[float, float]:
    top = float(np.nanmax(np.abs(image))) if np.isfinite(image).any() else 1.0
    return (-top, top) if top > 0 else (-1.0, 1.0)


class ImagePanel(QWidget):
    """One image, pixels crisp, y down, with a title above it. ``whole_lines``: a title's lines
    are never broken, the panel is as wide as the longest (a note in place of an image wraps)."""

    def __init__(self, parent=None, size: int = 110, whole_lines: bool = False):
        super().__init__(parent)
        self.whole_lines = whole_lines
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground(None)
        # the picture, not pyqtgraph's 9-px margins, fills the panel: small panels stay legible
        self.canvas.ci.layout.setContentsMargins(2, 2, 2, 2)
        self.canvas.setMinimumSize(size, size)
        self.canvas.setMaximumHeight(int(size * 1.3))
        self.box = self.canvas.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.box.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.image)
        self._colours = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.canvas, 1)

    @property
    def title(self) -> str:
        return self.label.text()

    def show_image(
        self, image: np.ndarray, *, diverging: bool = False, levels=None, title: str = ""
    ) -> None:
        if levels is None:
            levels = symmetric_levels(image) if diverging else _range(image)
        self._show(image, DIVERGING if diverging else SEQUENTIAL, levels, title)

    def show_grey(self, image: np.ndarray, title: str = "") -> None:
        self._show(image, GREY, (0.0, 1.0), title)

    def _show(self, image: np.ndarray, colours: str, levels, title: str) -> None:
        # the live view redraws every few pen points: set only what changed
        if colours != self._colours:
            self._colours = colours
            self.image.setColorMap(pg.colormap.get(colours))
        image = np.asarray(image, np.float32)
        reframe = self.image.image is None or image.shape != self.image.image.shape
        self.image.setImage(image, levels=levels)
        if reframe:
            self.box.autoRange(padding=0.02)
        self._set_title(title, wrap=not self.whole_lines)

    def _set_title(self, title: str, wrap: bool) -> None:
        if wrap != self.label.wordWrap():
            self.label.setWordWrap(wrap)
        if title != self.label.text():
            self.label.setText(title)

    def clear_image(self, title: str = "") -> None:
        """No image; ``title`` (a note, wrapped to the panel's width) in its place."""
        if self.image.image is not None:
            self.image.clear()
        self._set_title(title, wrap=True)


def _range(image: np.ndarray) -> tuple[float, float]:
    finite = image[np.isfinite(image)]
    if finite.size == 0:
        return 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    return low, high if high > low else low + 1.0


class MosaicView(pg.GraphicsLayoutWidget):
    """A sheet's maps tiled in one image; ``cell_chosen(index)`` on a click or an arrow key."""

    cell_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.box = self.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.box.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.image)
        self.marker = pg.QtWidgets.QGraphicsRectItem()
        self.marker.setPen(pg.mkPen("#ff8c00", width=2, cosmetic=True))
        self.marker.setZValue(10)
        self.marker.hide()
        self.box.addItem(self.marker)
        self.sheet = None
        self.selected: int | None = None
        self.image.mouseClickEvent = self._clicked

    def show_sheet(self, sheet, keep_view: bool = False) -> None:
        """Draw ``sheet`` (``mnist_desk.app.inside_sheets.Sheet``); the selection stays when the
        sheet has that cell."""
        same_shape = (
            self.sheet is not None
            and self.sheet.kind == sheet.kind
            and self.sheet.maps.shape == sheet.maps.shape
        )
        unchanged = same_shape and self.sheet.maps is sheet.maps  # the filters: fixed
        if not unchanged:
            if self.sheet is None or self.sheet.diverging != sheet.diverging:
                self.image.setColorMap(colour_map(sheet.diverging))
            self.image.setImage(sheet.mosaic(), levels=sheet.levels)
        self.sheet = sheet
        if not (keep_view and same_shape):
            self.box.autoRange(padding=0.01, items=[self.image])  # not the old marker
        if self.selected is not None and self.selected >= sheet.count:
            self.selected = None
        self._place_marker()

    def clear_sheet(self) -> None:
        """No sheet (a blank digit): nothing drawn, nothing selected."""
        if self.image.image is not None:
            self.image.clear()
        self.sheet = None
        self.selected = None
        self.marker.hide()

    def select(self, cell: int | None) -> None:
        if self.sheet is None or cell is None or not 0 <= cell < self.sheet.count:
            return
        self.selected = cell
        self._place_marker()
        self.cell_chosen.emit(cell)

    def _place_marker(self) -> None:
        if self.sheet is None or self.selected is None:
            self.marker.hide()
            return
        h, w = self.sheet.cell_shape
        g = self.sheet.gap
        r, c = divmod(self.selected, self.sheet.columns)
        self.marker.setRect(c * (w + g) - 0.5, r * (h + g) - 0.5, w + 1, h + 1)
        self.marker.show()

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.sheet is None:
            return
        pos = event.pos()  # in image pixels: x is the column
        cell = self.sheet.cell_at(pos.y(), pos.x())
        if cell is not None:
            event.accept()
            self.setFocus()
            self.select(cell)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.sheet is None:
            return super().keyPressEvent(event)
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -self.sheet.columns,
            Qt.Key.Key_Down: self.sheet.columns,
        }.get(event.key())
        if step is None:
            return super().keyPressEvent(event)
        current = -1 if self.selected is None else self.selected
        self.select(min(self.sheet.count - 1, max(0, current + step)))
        event.accept()

    def cell_centre(self, cell: int):
        """The view coordinates of a cell's centre (tests click there)."""
        h, w = self.sheet.cell_shape
        g = self.sheet.gap
        r, c = divmod(cell, self.sheet.columns)
        point = self.image.mapToScene(c * (w + g) + w / 2, r * (h + g) + h / 2)
        return self.mapFromScene(point)
