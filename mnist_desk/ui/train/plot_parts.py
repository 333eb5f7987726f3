"""What the Train tab's plots share: one run's series of points (train smoothed, validation),
the palette, plot styling, legends and PNG export.

Kept apart from the widgets (``ui.plots``, ``ui.comparison_view``) so each stays one concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QObject, Qt
from PySide6.QtWidgets import QGraphicsItem

from mnist_desk.support.fileio import atomic_write_bytes

if TYPE_CHECKING:
    from mnist_desk.training import EvalEvent, StepEvent

# Matplotlib's tab10: distinct on a white background, and familiar.
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
EMA_WEIGHT = 0.9  # how much of the smoothed train curve each new batch leaves in place
LEGEND_STYLE = {  # nearly opaque, framed: a legend over a curve must stay readable
    "labelTextColor": "#222",
    "brush": (255, 255, 255, 235),
    "pen": "#bbb",
}
X_STEP, X_TIME = "step", "time"


def x_title(axis: str) -> str:
    """The x axis's title, in the user's language."""
    if axis == X_TIME:
        return QCoreApplication.translate("TrainingPlots", "wall-clock time (s)")
    return QCoreApplication.translate("TrainingPlots", "iterations")


def percent(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=float) * 100


def run_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def style_plot(plot: pg.PlotItem) -> None:
    """Dark text on a light plot, with a grid."""
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen("#555"))
        axis.setTextPen(pg.mkPen("#222"))
    for side in ("left", "bottom"):  # no "(x0.001)" on an axis: a short run's seconds, plain
        plot.getAxis(side).enableAutoSIPrefix(False)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setClipToView(True)
    plot.setDownsampling(auto=True, mode="peak")
    # An axis paints its grid over the whole plot, so every curve update repainted the axes' text
    # and lines (~6 ms each, most of a redraw). Cached as pixmaps, they repaint when they change.
    for side in ("left", "bottom"):
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def set_titles(plot: pg.PlotItem, title: str, y_label: str, x_axis: str | None = None) -> None:
    plot.setTitle(title, color="#222", size="11pt")
    set_axis_titles(plot, y_label, x_axis)


def set_axis_titles(plot: pg.PlotItem, y_label: str, x_axis: str | None = None) -> None:
    plot.setLabel("left", y_label, color="#222")
    if x_axis is not None:
        plot.setLabel("bottom", x_title(x_axis), color="#222")


def update_legend(owner: pg.PlotItem | pg.LegendItem) -> None:
    """A legend shows only when it names something (an empty one is a stray white box)."""
    legend = owner if isinstance(owner, pg.LegendItem) else owner.legend
    if legend is not None:
        legend.setVisible(bool(legend.items))


def fit_columns(legend: pg.LegendItem, room: float, most: int = 2) -> None:
    """As many of the legend's columns (up to ``most``) as fit ``room`` pixels across: a legend
    wider than the view widened its layout past the view's edge, cutting off it and a plot."""
    for count in range(most, 0, -1):
        legend.setColumnCount(count)
        needed = legend.layout.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        if needed <= room:
            return


class LegendBelow(QObject):
    """A legend in the row under the plots of ``graphics``, across ``span`` columns, kept to as
    many columns (up to ``most``) as fit the widget's width as it resizes: a legend inside a
    plot covered a curve's points."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget, row: int, span: int, most: int = 2):
        super().__init__(graphics)
        self.graphics, self.most = graphics, most
        self.legend = pg.LegendItem(colCount=most, **LEGEND_STYLE)
        graphics.addItem(self.legend, row=row, col=0, colspan=span)
        update_legend(self.legend)
        graphics.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """The legend shown only when it names something, in as many columns as fit."""
        update_legend(self.legend)
        left, _, right, _ = self.graphics.ci.layout.getContentsMargins()
        fit_columns(self.legend, self.graphics.width() - left - right, self.most)


def export_png(
    item: pg.GraphicsObject | pg.GraphicsScene, path: str | Path, width: int = 1600
) -> Path:
    """Render a plot (or a whole layout) to PNG and write it atomically."""
    exporter = ImageExporter(item)
    exporter.parameters()["width"] = width
    image = exporter.export(toBytes=True)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return atomic_write_bytes(path, bytes(data))


@dataclass
class RunSeries:
    """One run's points and the curve items that draw them."""

    name: str
    color: str
    total_steps: int = 0  # the run's planned length, from its step events
    train_step: list[float] = field(default_factory=list)
    train_time: list[float] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)  # smoothed (EMA, debiased)
    train_error: list[float] = field(default_factory=list)  # smoothed
    val_step: list[float] = field(default_factory=list)
    val_time: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_error: list[float] = field(default_factory=list)
    curves: dict[str, pg.PlotDataItem] = field(default_factory=dict)
    _ema_loss: float = 0.0
    _ema_error: float = 0.0
    _ema_count: int = 0

    @property
    def empty(self) -> bool:
        """Nothing drawn yet (a run that failed or stopped before its first step)."""
        return not self.train_step and not self.val_step

    def add_step(self, event: StepEvent) -> None:
        self.total_steps = event.total_steps
        self._ema_count += 1
        self._ema_loss = EMA_WEIGHT * self._ema_loss + (1 - EMA_WEIGHT) * event.loss
        self._ema_error = EMA_WEIGHT * self._ema_error + (1 - EMA_WEIGHT) * event.error
        debias = 1 - EMA_WEIGHT**self._ema_count  # so the curve does not start near zero
        self.train_step.append(event.step)
        self.train_time.append(event.elapsed)
        self.train_loss.append(self._ema_loss / debias)
        self.train_error.append(self._ema_error / debias)

    def add_eval(self, event: EvalEvent) -> None:
        self.val_step.append(event.step)
        self.val_time.append(event.elapsed)
        self.val_loss.append(event.val_loss)
        self.val_error.append(event.val_error)

    def train_x(self, axis: str) -> list[float]:
        return self.train_step if axis == X_STEP else self.train_time

    def val_x(self, axis: str) -> list[float]:
        return self.val_step if axis == X_STEP else self.val_time


def nearest(xs: list[float], ys: list[float], x: float) -> float | None:
    """The y of the point whose x is closest to ``x``."""
    if not xs:
        return None
    i = int(np.clip(np.searchsorted(xs, x), 1, len(xs) - 1)) if len(xs) > 1 else 0
    if i > 0 and abs(xs[i - 1] - x) <= abs(xs[i] - x):
        i -= 1
    return ys[i]
