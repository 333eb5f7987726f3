"""Live training curves with pyqtgraph: loss and error rate, train (smoothed) and validation.

Curve items are created once per run and fed with ``setData``. A redraw of the two plots costs
the GUI thread 10 to 30 ms of painting, so the train curves are redrawn at most every
REDRAW_INTERVAL_MS however often points arrive, not at all while hidden, over cached axes and
(against iterations) a fixed x range; validation points are drawn at once. Several runs stay
overlaid, named in the legends, until cleared.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.fileio import atomic_write_bytes
from mnist_desk.training import EvalEvent, StepEvent
from mnist_desk.ui.i18n import LiveTexts, is_language_change

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
REDRAW_INTERVAL_MS = 250  # train curves: 4 redraws a second look live and leave the GUI free
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
    plot.getAxis("left").enableAutoSIPrefix(False)  # no "(x0.001)" on the axis
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setClipToView(True)
    plot.setDownsampling(auto=True, mode="peak")
    # Axes paint their grid over the whole plot: cached, a curve update no longer repaints them.
    for side in ("left", "bottom"):
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def set_titles(plot: pg.PlotItem, title: str, y_label: str, x_axis: str | None = None) -> None:
    plot.setTitle(title, color="#222", size="11pt")
    plot.setLabel("left", y_label, color="#222")
    if x_axis is not None:
        plot.setLabel("bottom", x_title(x_axis), color="#222")


def update_legend(plot: pg.PlotItem) -> None:
    """A legend shows only when it names something (an empty one is a stray white box)."""
    if plot.legend is not None:
        plot.legend.setVisible(bool(plot.legend.items))


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


class TrainingPlots(QWidget):
    """Loss and error rate side by side; x in iterations or seconds; overlaid runs; a crosshair."""

    xAxisChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.runs: list[RunSeries] = []
        self.max_runs = 6  # older runs are dropped so legends stay readable
        self._colors_used = 0
        self.x_axis = X_STEP
        self._stale: list[RunSeries] = []  # runs with train points not drawn yet
        self._last_redraw = 0.0
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self.flush)

        self.texts = LiveTexts()
        self.x_axis_box = QComboBox()
        for key in (X_STEP, X_TIME):
            self.x_axis_box.addItem("", key)
        self.texts.items(self.x_axis_box, lambda key: x_title(key).capitalize())
        self.texts.bind(
            self.x_axis_box.setToolTip,
            lambda: self.tr("Plot against training iterations or against training time"),
        )
        self.x_axis_box.currentIndexChanged.connect(
            lambda: self.set_x_axis(self.x_axis_box.currentData())
        )
        self.log_box = QCheckBox()
        self.texts.bind(self.log_box.setText, lambda: self.tr("Log scale"))
        self.texts.bind(
            self.log_box.setToolTip,
            lambda: self.tr("Logarithmic y axes: small errors stay readable"),
        )
        self.log_box.toggled.connect(self.set_log_scale)
        self.clear_button = QPushButton()
        self.texts.bind(self.clear_button.setText, lambda: self.tr("Clear"))
        self.texts.bind(
            self.clear_button.setToolTip,
            lambda: self.tr("Remove all curves (the runs themselves are kept)"),
        )
        self.clear_button.clicked.connect(self.clear)
        self.readout = self.texts.label(
            lambda: self.tr("Move the mouse over a plot to read its values")
        )
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setStyleSheet("color: #444;")

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.loss_plot = self.graphics.addPlot(row=0, col=0)
        self.error_plot = self.graphics.addPlot(row=0, col=1)
        style_plot(self.loss_plot)
        style_plot(self.error_plot)
        self.texts.call(
            lambda: set_titles(self.loss_plot, self.tr("Loss"), self.tr("cross-entropy"))
        )
        self.texts.call(
            lambda: set_titles(self.error_plot, self.tr("Error rate"), self.tr("error (%)"))
        )
        self.texts.call(self._update_x_labels)
        self.error_plot.setXLink(self.loss_plot)
        self.legends = [
            plot.addLegend(offset=(-10, 10), **LEGEND_STYLE)
            for plot in (self.loss_plot, self.error_plot)
        ]
        self.crosshairs = []
        for plot in (self.loss_plot, self.error_plot):
            line = pg.InfiniteLine(
                angle=90, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine)
            )
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
            self.crosshairs.append(line)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._update_x_labels()
        self._update_legends()

        controls = QHBoxLayout()
        controls.addWidget(self.texts.label(lambda: self.tr("x axis:")))
        controls.addWidget(self.x_axis_box)
        controls.addWidget(self.log_box)
        controls.addStretch(1)
        controls.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.readout)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    # ---- runs ----
    def begin_run(self, name: str) -> RunSeries:
        """Start the curves of a new run; the last few runs stay for comparison."""
        while len(self.runs) >= self.max_runs:
            self.remove_run(self.runs[0])
        self._colors_used += 1
        series = RunSeries(name, run_color(self._colors_used - 1))
        color = pg.mkColor(series.color)
        faint = pg.mkColor(series.color)
        faint.setAlpha(150)
        for kind, plot in (("loss", self.loss_plot), ("error", self.error_plot)):
            series.curves[f"train_{kind}"] = plot.plot(
                [],
                [],
                pen=pg.mkPen(faint, width=1),
                name=f"{name} train",  # 1 px: Qt's fast path
            )
            series.curves[f"val_{kind}"] = plot.plot(
                [],
                [],
                pen=pg.mkPen(color, width=2.5),
                symbol="o",
                symbolSize=6,
                symbolBrush=color,
                symbolPen=None,
                name=f"{name} val",
            )
        self.runs.append(series)
        self._update_legends()
        return series

    def add_steps(self, series: RunSeries, events: list[StepEvent]) -> None:
        for event in events:
            series.add_step(event)
        if len(series.train_step) == len(events) and self.runs and series is self.runs[-1]:
            self._frame_steps()
        if series not in self._stale:
            self._stale.append(series)
        if not self.isVisible():  # nothing to paint: drawn when shown (showEvent)
            return
        wait_ms = REDRAW_INTERVAL_MS - (time.monotonic() - self._last_redraw) * 1000
        if wait_ms <= 0:
            self.flush()
        elif not self._redraw_timer.isActive():
            self._redraw_timer.start(int(wait_ms) + 1)

    def _frame_steps(self) -> None:
        """Against iterations x spans the longest run: curves grow in a fixed frame (fewer repaints)."""
        longest = max((series.total_steps for series in self.runs), default=0)
        if self.x_axis != X_STEP or longest <= 0:
            return
        self.loss_plot.setXRange(0, longest, padding=0.02)  # no x auto-range; error plot linked

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:  # what arrived while hidden
            self.flush()

    def flush(self) -> None:
        """Draw every train point received so far (at a run's end, before reading the curves)."""
        self._redraw_timer.stop()
        self._last_redraw = time.monotonic()
        stale, self._stale = self._stale, []
        for series in stale:
            if series in self.runs:
                self._redraw(series, train=True)

    def add_eval(self, series: RunSeries, event: EvalEvent) -> None:
        series.add_eval(event)
        self._redraw(series, train=False)

    def remove_run(self, series: RunSeries) -> None:
        for key, curve in series.curves.items():
            plot = self.loss_plot if key.endswith("loss") else self.error_plot
            plot.removeItem(curve)  # also takes it out of the legend
        self.runs.remove(series)
        self._update_legends()

    def clear(self) -> None:
        for series in list(self.runs):
            self.remove_run(series)
        self._colors_used = 0

    def _redraw(self, series: RunSeries, *, train: bool) -> None:
        if train:
            x = series.train_x(self.x_axis)
            series.curves["train_loss"].setData(x, series.train_loss)
            series.curves["train_error"].setData(x, percent(series.train_error))
        else:
            x = series.val_x(self.x_axis)
            series.curves["val_loss"].setData(x, series.val_loss)
            series.curves["val_error"].setData(x, percent(series.val_error))

    # ---- view options ----
    def set_x_axis(self, axis: str) -> None:
        if axis == self.x_axis:
            return
        self.x_axis = axis
        self.x_axis_box.setCurrentIndex(self.x_axis_box.findData(axis))
        for series in self.runs:
            self._redraw(series, train=True)
            self._redraw(series, train=False)
        self._update_x_labels()
        for plot in (self.loss_plot, self.error_plot):
            plot.enableAutoRange()
        self._frame_steps()
        self.xAxisChanged.emit(axis)

    def set_log_scale(self, on: bool) -> None:
        self.log_box.setChecked(on)
        for plot in (self.loss_plot, self.error_plot):
            plot.setLogMode(x=False, y=on)

    def _update_legends(self) -> None:
        for plot in (self.loss_plot, self.error_plot):
            update_legend(plot)

    def _update_x_labels(self) -> None:
        for plot in (self.loss_plot, self.error_plot):
            plot.setLabel("bottom", x_title(self.x_axis), color="#222")

    # ---- crosshair ----
    def _on_mouse_moved(self, position) -> None:
        for plot in (self.loss_plot, self.error_plot):
            if plot.sceneBoundingRect().contains(position):
                x = plot.vb.mapSceneToView(position).x()
                break
        else:
            return
        for line in self.crosshairs:
            line.setPos(x)
            line.setVisible(True)
        self.readout.setText(self.readout_text(x))

    def readout_text(self, x: float) -> str:
        """Values of the last few runs at ``x``, for the line under the plots."""
        if self.x_axis == X_STEP:
            where = self.tr("step {0:,.0f}").format(x)
        else:
            where = self.tr("t = {0:,.1f} s").format(x)
        parts = [where]
        for series in self.runs[-3:]:
            train_loss = nearest(series.train_x(self.x_axis), series.train_loss, x)
            train_error = nearest(series.train_x(self.x_axis), series.train_error, x)
            val_loss = nearest(series.val_x(self.x_axis), series.val_loss, x)
            val_error = nearest(series.val_x(self.x_axis), series.val_error, x)
            values = []
            if train_loss is not None:
                values.append(
                    self.tr("train loss {0:.3f}, error {1:.1%}").format(train_loss, train_error)
                )
            if val_loss is not None:
                values.append(
                    self.tr("val loss {0:.3f}, error {1:.1%}").format(val_loss, val_error)
                )
            if values:
                parts.append(
                    f"<b style='color:{series.color}'>{series.name}</b>: " + "; ".join(values)
                )
        return " &nbsp;|&nbsp; ".join(parts)

    def export_png(self, path: str | Path) -> Path:
        return export_png(self.graphics.ci, path)


class ComparisonPlots(QWidget):
    """Validation error of several runs on one figure, against iterations and against time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.by_step = self.graphics.addPlot(row=0, col=0)
        self.by_time = self.graphics.addPlot(row=0, col=1)
        style_plot(self.by_step)
        style_plot(self.by_time)
        self.texts = LiveTexts()
        self.texts.call(
            lambda: set_titles(
                self.by_step,
                self.tr("Validation error vs iterations"),
                self.tr("sum error (%)"),
                X_STEP,
            )
        )
        self.texts.call(
            lambda: set_titles(
                self.by_time, self.tr("Validation error vs time"), self.tr("sum error (%)"), X_TIME
            )
        )
        for plot in (self.by_step, self.by_time):
            plot.addLegend(offset=(-10, 10), **LEGEND_STYLE)
            update_legend(plot)
        self.series: dict[str, RunSeries] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    def clear(self) -> None:
        for plot in (self.by_step, self.by_time):
            plot.clear()  # also empties the legend
            update_legend(plot)
        self.series.clear()

    def begin_run(self, name: str, color: str) -> RunSeries:
        series = RunSeries(name, color)
        pen = pg.mkPen(color, width=2.5)
        for key, plot in (("by_step", self.by_step), ("by_time", self.by_time)):
            series.curves[key] = plot.plot(
                [],
                [],
                pen=pen,
                symbol="o",
                symbolSize=6,
                symbolBrush=color,
                symbolPen=None,
                name=name,
            )
        self.series[name] = series
        for plot in (self.by_step, self.by_time):
            update_legend(plot)
        return series

    def add_eval(self, series: RunSeries, event: EvalEvent) -> None:
        series.add_eval(event)
        series.curves["by_step"].setData(series.val_step, percent(series.val_error))
        series.curves["by_time"].setData(series.val_time, percent(series.val_error))

    def export_png(self, path: str | Path) -> Path:
        return export_png(self.graphics.ci, path)
