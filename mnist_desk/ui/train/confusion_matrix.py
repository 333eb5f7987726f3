"""The confusion matrix of a run's test: a heatmap of true classes against predicted ones, each
cell's count written in it (a 10x10 matrix), the empty frame before any run."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from mnist_desk.ui.i18n import LiveTexts, is_language_change


class ConfusionMatrixView(pg.GraphicsLayoutWidget):
    """Rows are true classes, columns predicted ones; colour is the log of the count, so the few
    mistakes stay visible next to the large diagonal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setBackground("w")
        self.plot = self.addPlot()
        self.texts = LiveTexts()
        # The title over the hint, on two lines: on one, a narrow pane clipped the hint.
        self.texts.bind(
            lambda text: self.plot.setTitle(text, color="#222", size="11pt"),
            lambda: (
                self.tr("Confusion matrix (test)")
                + "<br><span style='font-size:9pt; color:#555'>"
                + self.tr("click a cell to see its images")
                + "</span>"
            ),
        )
        self.texts.bind(
            lambda text: self.plot.setLabel("left", text, color="#222"), lambda: self.tr("true")
        )
        self.texts.bind(
            lambda text: self.plot.setLabel("bottom", text, color="#222"),
            lambda: self.tr("predicted"),
        )
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setTextPen(pg.mkPen("#222"))
            self.plot.getAxis(side).setPen(pg.mkPen("#555"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("CET-L18"))  # white-yellow-red: pale for empty
        self.plot.addItem(self.image)
        self.labels: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        for side in ("left", "bottom"):  # counts are classes: never "(x0.001)" on an axis
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.empty_text = pg.TextItem("", color="#777", anchor=(0.5, 0.5))
        self.texts.bind(self.empty_text.setText, lambda: self.tr("no test results yet"))
        self.plot.addItem(self.empty_text)
        self.plot.vb.sigResized.connect(self._fit_label_font)
        self._show_empty()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # as wide as the plot's title needs: a splitter squeezed it into "Confusion matrix (test"
        # and cut the column of 9s off at the window's minimum size
        least = self.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).toSize()
        frame = 2 * self.frameWidth()
        return super().minimumSizeHint().expandedTo(least + QSize(frame, frame))

    def set_matrix(self, confusion: list[list[int]]) -> None:
        self.matrix = np.asarray(confusion, dtype=np.int64)
        n = len(self.matrix)
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        if n == 0:  # no tested model: an empty 10x10 frame that says so
            self.image.clear()
            self._show_empty()
            return
        self.empty_text.hide()
        shade = np.log1p(self.matrix.astype(float))
        self.image.setImage(shade, levels=(0, max(1.0, shade.max())))
        self.image.setRect(-0.5, -0.5, n, n)  # cell k is centred on k
        # 19 sums' labels ran into each other under the columns, and beside the rows of a small
        # pane (the window at its smallest): every other one, ticks for all
        step = 1 if n <= 10 else 2
        labelled = [(k, str(k)) for k in range(0, n, step)]
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setTicks([labelled, [(k, "") for k in range(1, n, step)]])
        if n <= 10:  # counts fit in the cells of a 10x10 matrix; 19x19 is read by colour
            top = max(1, self.matrix.max())
            for (row, col), count in np.ndenumerate(self.matrix):
                if count == 0:
                    continue
                dark = np.log1p(count) / np.log1p(top) > 0.6
                label = pg.TextItem(str(count), color="w" if dark else "#222", anchor=(0.5, 0.5))
                label.setPos(col, row)
                self.plot.addItem(label)
                self.labels.append(label)
        self.plot.setRange(xRange=(-0.5, n - 0.5), yRange=(-0.5, n - 0.5), padding=0.02)
        self._fit_label_font()

    def _show_empty(self) -> None:
        """Before any run: the axes of a 10-class matrix, blank, with a note in the middle."""
        ticks = [[(k, str(k)) for k in range(10)]]
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setTicks(ticks)
        self.empty_text.setPos(4.5, 4.5)
        self.empty_text.show()
        self.plot.setRange(xRange=(-0.5, 9.5), yRange=(-0.5, 9.5), padding=0.02)

    def label_pixel_size(self) -> int:
        """A font size at which the widest count fits its cell on screen (1,135 on the diagonal)."""
        n = len(self.matrix)
        if n == 0:
            return 12
        cell = min(self.plot.vb.width(), self.plot.vb.height()) / n
        digits = len(str(int(self.matrix.max())))
        return int(max(6, min(13, cell / (0.62 * digits + 0.4))))  # ~0.6 em per digit, a margin

    def _fit_label_font(self, *_) -> None:
        if not self.labels:
            return
        font = QFont(self.labels[0].textItem.font())
        font.setPixelSize(self.label_pixel_size())
        for label in self.labels:
            label.setFont(font)
