"""The "Compare adders" view: both adders' validation error curves on one figure (against
iterations and against time) and the verdict, worded here from the app layer's ``AdderVerdict``
(``mnist_desk.app.comparison``, which decides it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mnist_desk.app import comparison
from mnist_desk.app.arch_verdict import VERDICT_CONTEXT, fewer_mistakes
from mnist_desk.app.comparison import ADDERS, AdderVerdict, ComparisonOutcome
from mnist_desk.app.run_exports import format_duration
from mnist_desk.models import SCRATCH, TRANSFER
from mnist_desk.ui.draw.model_picker import task_title
from mnist_desk.ui.i18n import LiveTexts, is_language_change, sentences, text_of
from mnist_desk.ui.train.plot_parts import (
    LEGEND_STYLE,
    X_STEP,
    X_TIME,
    RunSeries,
    export_png,
    fit_columns,
    percent,
    set_axis_titles,
    style_plot,
    update_legend,
)

if TYPE_CHECKING:
    from mnist_desk.training import EvalEvent, TrainingResult


def verdict_text(verdict: AdderVerdict) -> str:
    """Which adder wins on the same budget, by how much, in one paragraph."""
    names = {TRANSFER: task_title(TRANSFER).lower(), SCRATCH: task_title(SCRATCH).lower()}
    if not verdict.decided:
        missing = [names[task] for task in verdict.missing]
        return QCoreApplication.translate(
            "ComparisonView", "No verdict: the {0} did not produce a tested model."
        ).format(QCoreApplication.translate("ComparisonView", " and the ").join(missing))
    errors, steps = verdict.test_error, verdict.steps
    winner, loser = verdict.winner, verdict.loser
    if verdict.tie:
        head = QCoreApplication.translate(
            "ComparisonView", "A tie after {0:,} steps each: both make {1:.1%} test sum errors."
        ).format(steps, errors[winner])
    else:
        times = fewer_mistakes(
            verdict.ratio, lambda text: QCoreApplication.translate(VERDICT_CONTEXT, text)
        )
        head = QCoreApplication.translate(
            "ComparisonView",
            "<b>The {0} wins</b> after {1:,} steps each: test sum error "
            "{2:.1%} vs {3:.1%} ({4:.1f} points lower, {5}).",
        ).format(names[winner], steps, errors[winner], errors[loser], verdict.gap * 100, times)
    vals = verdict.final_val_error
    val_text = ""
    if vals.get(TRANSFER) is not None and vals.get(SCRATCH) is not None:
        val_text = QCoreApplication.translate(
            "ComparisonView", "Final validation error: transfer {0:.1%}, scratch {1:.1%}."
        ).format(vals[TRANSFER], vals[SCRATCH])
    timing = QCoreApplication.translate(
        "ComparisonView", "Training time: transfer {0}, scratch {1}."
    ).format(format_duration(verdict.elapsed[TRANSFER]), format_duration(verdict.elapsed[SCRATCH]))
    return sentences(head, val_text, timing, digits_sentence(verdict.scratch_digits))


def digits_sentence(reading: comparison.DigitsReading | None) -> str:
    """For a scratch adder that learned digits from sums: how well it reads them ("" otherwise)."""
    if reading is None:
        return ""
    sentence = QCoreApplication.translate(
        "ComparisonView",
        "The scratch adder never saw a digit label, yet it reads {0:.1%} of the test digits.",
    ).format(reading.accuracy)
    if not reading.outputs_are_digits:
        sentence = sentences(
            sentence,
            QCoreApplication.translate(
                "ComparisonView",
                "Its outputs are not yet the digits themselves ({0:.1%} once matched).",
            ).format(reading.matched_accuracy),
        )
    return sentence


def adder_verdict(
    transfer: TrainingResult | None, scratch: TrainingResult | None, steps: int
) -> str:
    """The verdict on two adder runs, worded (``app.comparison.adder_verdict`` decides it)."""
    return verdict_text(comparison.adder_verdict(transfer, scratch, steps))


class ComparisonPlots(QWidget):
    """Validation error of several runs on one figure, against iterations and against time.

    One heading over both plots and one legend under them: a title each widened the plots past a
    narrow page's edge, and a legend inside each plot covered a curve."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.heading = self.graphics.addLabel("", row=0, col=0, colspan=2)
        self.by_step = self.graphics.addPlot(row=1, col=0)
        self.by_time = self.graphics.addPlot(row=1, col=1)
        style_plot(self.by_step)
        style_plot(self.by_time)
        self.texts = LiveTexts()
        self.texts.call(
            lambda: self.heading.setText(
                self.tr("Validation error of each adder"), color="#222", size="11pt"
            )
        )
        for plot, axis in ((self.by_step, X_STEP), (self.by_time, X_TIME)):
            self.texts.call(lambda p=plot, a=axis: set_axis_titles(p, self.tr("sum error (%)"), a))
        self.legend = pg.LegendItem(colCount=2, **LEGEND_STYLE)
        self.graphics.addItem(self.legend, row=2, col=0, colspan=2)
        update_legend(self.legend)
        self.series: dict[str, RunSeries] = {}
        self.texts.call(self._name_runs)  # the runs' names (words) in the language in effect
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        left, _, right, _ = self.graphics.ci.layout.getContentsMargins()
        fit_columns(self.legend, self.width() - left - right)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    def clear(self) -> None:
        for plot in (self.by_step, self.by_time):
            plot.clear()
        self.legend.clear()
        update_legend(self.legend)
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
            )
        self.series[name] = series
        self._name_runs()
        return series

    def _name_runs(self) -> None:
        """The legend: each run by its name, in the language in effect."""
        self.legend.clear()
        for series in self.series.values():
            self.legend.addItem(series.curves["by_step"], text_of(series.name))
        update_legend(self.legend)
        self._fit_legend()

    def add_eval(self, series: RunSeries, event: EvalEvent) -> None:
        series.add_eval(event)
        series.curves["by_step"].setData(series.val_step, percent(series.val_error))
        series.curves["by_time"].setData(series.val_time, percent(series.val_error))

    def export_png(self, path: str | Path) -> Path:
        return export_png(self.graphics.ci, path)


class ComparisonView(QWidget):
    """The comparison plots, the verdict under them and an export button."""

    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = LiveTexts()
        self.plots = ComparisonPlots()
        self._series: dict[int, RunSeries] = {}  # run id -> its curves
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton()
        self.texts.bind(self.export_button.setText, lambda: self.tr("Export PNG…"))
        self.texts.bind(
            self.export_button.setToolTip, lambda: self.tr("Save the comparison plots as an image")
        )
        self.export_button.clicked.connect(self.exportRequested)
        self.show_intro()
        layout = QVBoxLayout(self)
        layout.addWidget(self.plots, 1)
        row = QHBoxLayout()
        row.addWidget(self.verdict, 1)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            self.verdict.setText(self._verdict())
        super().changeEvent(event)

    def _set_verdict(self, text: Callable[[], str]) -> None:
        self._verdict = text
        self.verdict.setText(text_of(text))

    def begin_run(self, run_id: int, name: str, color: str) -> None:
        """The curves of one contender's run (the same colour as on the training curves)."""
        self._series[run_id] = self.plots.begin_run(name, color)

    def add_eval(self, run_id: int, event: EvalEvent) -> None:
        series = self._series.get(run_id)
        if series is not None:
            self.plots.add_eval(series, event)

    def show_intro(self) -> None:
        self._set_verdict(
            lambda: self.tr(
                "“Compare adders” trains the transfer adder and then the scratch adder on the same "
                "budget and plots both validation curves here."
            )
        )

    def show_training(self, steps: int) -> None:
        self.plots.clear()
        self._series.clear()
        self._set_verdict(
            lambda: self.tr("Training both adders for {0:,} steps each…").format(steps)
        )

    def show_outcome(self, outcome: ComparisonOutcome) -> None:
        """The verdict, or why there is none."""
        if outcome.problem:
            self._set_verdict(lambda: outcome.problem)
        elif isinstance(outcome.verdict, AdderVerdict):
            self._set_verdict(lambda: verdict_text(outcome.verdict))

    def finished_text(self, outcome: ComparisonOutcome) -> str:
        """For the status bar."""
        if outcome.kind == ADDERS:
            if outcome.stopped:
                return self.tr("Adder comparison stopped")
            return self.tr("Adder comparison finished")
        return self.tr("Comparison stopped") if outcome.stopped else self.tr("Comparison finished")
