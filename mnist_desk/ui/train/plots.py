"""Live training curves with pyqtgraph: loss and error rate, train (smoothed) and validation.

Curve items are created once per run and fed with ``setData``. A redraw of the two plots costs
the GUI thread 10 to 30 ms of painting, so the train curves are redrawn at most every
REDRAW_INTERVAL_MS however often points arrive, not at all while hidden, over cached axes and
(against iterations) a fixed x range; validation points are drawn at once. Several runs stay
overlaid, named in one legend under both plots, until cleared.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of
from mnist_desk.ui.train.plot_parts import (
    X_STEP,
    X_TIME,
    LegendBelow,
    RunSeries,
    export_png,
    nearest,
    percent,
    run_color,
    set_titles,
    style_plot,
    x_title,
)

if TYPE_CHECKING:
    from mnist_desk.training import EvalEvent, StepEvent

REDRAW_INTERVAL_MS = 250  # train curves: 4 redraws a second look live and leave the GUI free
KEY_COLOR = "#666"  # the legend's key to the line styles, in no run's colour


class TrainingPlots(QWidget):
    """Loss and error rate side by side; x in iterations or seconds; overlaid runs; a crosshair."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.runs: list[RunSeries] = []
        self.training: RunSeries | None = None  # the run still training (RunView): Clear keeps it
        self.max_runs = 6  # older runs are dropped so the legend stays readable
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
        # One legend under both plots: both draw the same runs, and a legend inside a narrow
        # plot covered its curves and was cut off at its left edge. One entry a run (its colour)
        # after one key to the line styles: a "train" and a "val" entry a run, in two columns,
        # widened the legend past a narrow page's edge and cut off the right-hand plot.
        self.legend_below = LegendBelow(self.graphics, row=1, span=2)
        self.legend = self.legend_below.legend
        # A click on a run's entry hides or shows the whole run, not only the curve it samples.
        self.legend.sigSampleClicked.connect(self._on_legend_clicked)
        self.key = (  # samples only, in no plot: drawn as the runs' curves are
            pg.PlotDataItem([], [], pen=pg.mkPen(KEY_COLOR, width=1)),
            pg.PlotDataItem(
                [],
                [],
                pen=pg.mkPen(KEY_COLOR, width=2.5),
                symbol="o",
                symbolSize=6,
                symbolBrush=KEY_COLOR,
                symbolPen=None,
            ),
        )
        self.crosshairs = []
        for plot in (self.loss_plot, self.error_plot):
            line = pg.InfiniteLine(
                angle=90, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine)
            )
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
            self.crosshairs.append(line)
        # pyqtgraph's crosshair example: mouse moves rate-limited (the readout is rebuilt at
        # most 30 times a second, however fast the mouse moves).
        self._mouse_proxy = pg.SignalProxy(
            self.graphics.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved
        )
        self._update_x_labels()
        self.texts.call(self._update_legend)

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
            # 1 px: Qt's fast path
            series.curves[f"train_{kind}"] = plot.plot([], [], pen=pg.mkPen(faint, width=1))
            series.curves[f"val_{kind}"] = plot.plot(
                [],
                [],
                pen=pg.mkPen(color, width=2.5),
                symbol="o",
                symbolSize=6,
                symbolBrush=color,
                symbolPen=None,
            )
        self.runs.append(series)
        self._update_legend()
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
        for plot in (self.loss_plot, self.error_plot):  # linked, but each auto-ranges on its own
            plot.enableAutoRange(x=False)
        self.loss_plot.setXRange(0, longest, padding=0.02)

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
            plot.removeItem(curve)
        self.runs.remove(series)
        self._update_legend()

    def end_run(self, series: RunSeries) -> None:
        """A run ended: one that drew nothing leaves the plots (a name in the legend beside no
        curve says nothing; the banner says why it ended)."""
        if series.empty and series in self.runs:
            self.remove_run(series)
            if not self.runs:
                self._colors_used = 0

    def clear(self) -> None:
        """Remove the curves of every run but the one still training (its curves would not
        come back while it trains)."""
        for series in list(self.runs):
            if series is not self.training:
                self.remove_run(series)
        if not self.runs:
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

    def set_log_scale(self, on: bool) -> None:
        self.log_box.setChecked(on)
        for plot in (self.loss_plot, self.error_plot):
            plot.setLogMode(x=False, y=on)

    def _update_legend(self) -> None:
        """The key to the line styles, then each run in its colour; nothing (and no stray white
        box) without a run."""
        self.legend.clear()
        if self.runs:
            train, val = self.key
            self.legend.addItem(train, self.tr("training (smoothed)"))
            self.legend.addItem(val, self.tr("validation"))
            for series in self.runs:
                self.legend.addItem(series.curves["val_loss"], text_of(series.name))
        self.legend_below.fit()

    def _on_legend_clicked(self, item) -> None:
        """pyqtgraph has just shown or hidden ``item``: the rest of its run follows it."""
        for series in self.runs:
            if series.curves.get("val_loss") is item:
                for curve in series.curves.values():
                    curve.setVisible(item.isVisible())

    def _update_x_labels(self) -> None:
        for plot in (self.loss_plot, self.error_plot):
            plot.setLabel("bottom", x_title(self.x_axis), color="#222")

    # ---- crosshair ----
    def _on_mouse_moved(self, event: tuple) -> None:
        """SignalProxy's slot: ``event`` holds the latest scene position."""
        position = event[0]
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
                    f"<b style='color:{series.color}'>{text_of(series.name)}</b>: "
                    + "; ".join(values)
                )
        return " &nbsp;|&nbsp; ".join(parts)

    def export_png(self, path: str | Path) -> Path:
        return export_png(self.graphics.ci, path)
