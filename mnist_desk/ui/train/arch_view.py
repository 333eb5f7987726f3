"""The "Compare architectures" view: choose several architectures and one budget, start; one
plot of every contender's validation error, against iterations or against time (a toggle); at
the end a table of the results and the verdict in words.

A view only: the run, its events and its verdict are the app layer's (``TrainingSession.
compare_architectures``, ``app.arch_plan``, ``app.arch_verdict``, which decides and words it);
``RunView`` passes the comparison's events here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.arch_plan import window_budget
from mnist_desk.app.arch_verdict import (
    VERDICT_CONTEXT,
    ArchitectureRow,
    ArchitectureVerdict,
    verdict_lines,
)
from mnist_desk.app.comparison import ComparisonOutcome
from mnist_desk.app.run_exports import format_duration
from mnist_desk.models import CLASSIFIER, archs_for
from mnist_desk.ui.draw.model_picker import arch_title
from mnist_desk.ui.i18n import LiveTexts, is_language_change, listed, remarked, text_of
from mnist_desk.ui.table_columns import FittedColumns
from mnist_desk.ui.train.plot_parts import (
    X_STEP,
    X_TIME,
    LegendBelow,
    RunSeries,
    percent,
    set_titles,
    style_plot,
)
from mnist_desk.ui.train.run_results import status_title

if TYPE_CHECKING:
    from mnist_desk.app.training_events import Controls, Refused
    from mnist_desk.app.training_session import TrainingSession
    from mnist_desk.training import EvalEvent, TrainingSettings

CHOSEN = ("mlp", "lenet5", "vit", "deit")  # the seed's four, checked at first
LEGEND_COLUMNS = 4  # the legend under the plot: up to 4 names a row, fewer on a narrow page
PLOT_HEIGHT = 230  # the plot and a legend of two rows, at the least
ARCH_COLUMNS = 2  # three columns of long titles would widen the Train tab past a laptop screen
TABLE_ROWS = 2, 4  # the results table shows at least 2 rows and at most 4 before it scrolls


def verdict_text(verdict: ArchitectureVerdict) -> str:
    """The verdict in the user's language, the architectures named by their translated titles."""
    rows = tuple(replace(r, name=arch_title(r.arch, task=CLASSIFIER)) for r in verdict.rows)
    translated = replace(verdict, rows=rows)
    lines = verdict_lines(translated, lambda t: QCoreApplication.translate(VERDICT_CONTEXT, t))
    return "<br>".join(lines)


class ArchComparisonView(QWidget):
    """Architectures and budget, the Compare button, the plot, the table and the verdict."""

    def __init__(
        self,
        session: TrainingSession,
        form_settings: Callable[[], TrainingSettings],
        answer: Callable[[Refused | None], bool],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session, self.form_settings, self.answer = session, form_settings, answer
        self.texts = LiveTexts()
        self.checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, arch in enumerate(archs_for(CLASSIFIER)):
            check = self.checks[arch] = QCheckBox()
            check.setChecked(arch in CHOSEN)
            self.texts.bind(check.setText, lambda a=arch: arch_title(a, task=CLASSIFIER))
            grid.addWidget(check, index // ARCH_COLUMNS, index % ARCH_COLUMNS)
        self.epochs_spin = QDoubleSpinBox()
        self.epochs_spin.setRange(0.1, 50.0)
        self.epochs_spin.setDecimals(1)
        self.epochs_spin.setSingleStep(0.5)
        self.epochs_spin.setValue(1.0)
        self.compare_button = QPushButton()
        self.texts.bind(self.compare_button.setText, lambda: self.tr("Compare architectures"))
        self.texts.bind(
            self.compare_button.setToolTip,
            lambda: self.tr(
                "Train each chosen architecture in turn for the same epochs, on the same data, "
                "seed and device (and the training images set in the form), each with its own "
                "recipe; then test each and read the drawn digits with it"
            ),
        )
        self.compare_button.clicked.connect(self.start)
        self.by_time = QRadioButton()
        by_step = QRadioButton()
        by_step.setChecked(True)
        self.texts.bind(by_step.setText, lambda: self.tr("against iterations"))
        self.texts.bind(self.by_time.setText, lambda: self.tr("against time"))
        self.axes = QButtonGroup(self)
        for button in (by_step, self.by_time):
            self.axes.addButton(button)
        self.by_time.toggled.connect(self._show_axis)
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setBackground("w")
        self.plot_item = self.plot.addPlot(row=0, col=0)
        style_plot(self.plot_item)
        # The legend under the plot: in the plot's corner it covered a curve (LeNet-5's).
        self.legend_below = LegendBelow(self.plot, row=1, span=1, most=LEGEND_COLUMNS)
        self.legend = self.legend_below.legend
        # Room for the plot and its legend's rows: at the Train tab's smallest the table and
        # the verdict squeezed the plot to a strip, its legend cut off below it.
        self.plot.setMinimumHeight(PLOT_HEIGHT)
        # An empty plot says so, until the first comparison clears it.
        self.empty_text = pg.TextItem("", color="#777", anchor=(0.5, 0.5))
        self.texts.bind(
            self.empty_text.setText,
            lambda: self.tr("no comparison yet"),
        )
        self.plot_item.addItem(self.empty_text)
        self.empty_text.setPos(0.5, 0.5)  # the middle of an empty plot's 0..1 range
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # a long name ends in "…" on one line, whole in its tooltip
        # Every column in view (the names give way, said whole in their tooltips) and the rows
        # given room: at the window's smallest the plot left the table one row, scrolled sideways.
        self.columns = FittedColumns(self.table, squeezable=[0], least_share=0.3, spread=True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.series: dict[int, RunSeries] = {}  # run id -> its curve
        self._verdict: Callable[[], str] = self._intro
        self._rows: tuple[ArchitectureRow, ...] = ()  # the results the table shows
        self._lay_out(grid, by_step)
        self._show_texts()

    def _lay_out(self, grid: QGridLayout, by_step: QRadioButton) -> None:
        budget = QHBoxLayout()
        budget.addWidget(self.texts.label(lambda: self.tr("Epochs each")))
        budget.addWidget(self.epochs_spin)
        budget.addStretch(1)
        budget.addWidget(self.compare_button)
        axis = QHBoxLayout()
        axis.addWidget(self.texts.label(lambda: self.tr("Validation error")))
        axis.addWidget(by_step)
        axis.addWidget(self.by_time)
        axis.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(budget)
        layout.addLayout(axis)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            self._show_texts()
        super().changeEvent(event)

    def _show_texts(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Architecture"),
                self.tr("Test accuracy"),
                self.tr("Drawn digits"),
                self.tr("Parameters"),
                self.tr("Training time"),
                self.tr("Images/s"),
            ]
        )
        self._show_axis()
        self._name_runs()
        self._show_rows()
        self.verdict.setText(self._verdict())
        self._fit_rows()

    def _intro(self) -> str:
        return self.tr(
            "Choose two or more architectures and the epochs each trains, then press Compare "
            "architectures: they train one after another on the same data, seed and budget, and "
            "their validation curves meet here."
        )

    def _set_verdict(self, text: Callable[[], str]) -> None:
        self._verdict = text
        self.verdict.setText(text_of(text))

    # ---- requests ----
    def chosen(self) -> list[str]:
        return [arch for arch, check in self.checks.items() if check.isChecked()]

    def remembered(self) -> dict:
        """The architectures ticked and the epochs each, to be shown again at the next start."""
        return {"archs": self.chosen(), "epochs": self.epochs_spin.value()}

    def restore(self, values: dict) -> None:
        """Show choices ``remembered`` gave; a value that is unusable leaves the default."""
        archs = values.get("archs")
        if isinstance(archs, list) and all(isinstance(arch, str) for arch in archs):
            for arch, check in self.checks.items():
                check.setChecked(arch in archs)
        epochs = values.get("epochs")
        if isinstance(epochs, int | float) and not isinstance(epochs, bool):
            self.epochs_spin.setValue(epochs)  # the spin box keeps it in its range

    def start(self) -> bool:
        """Compare the chosen architectures for the epochs set, on the form's seed, device,
        threads and training images (False, saying why, if the session refused)."""
        budget = window_budget(self.form_settings(), self.epochs_spin.value())
        return self.answer(self.session.compare_architectures(self.chosen(), budget))

    def set_controls(self, controls: Controls) -> None:
        self.compare_button.setEnabled(controls.start)

    # ---- what the comparison reports (through RunView) ----
    def show_training(self, steps: int) -> None:
        self.plot_item.clear()
        self.legend.clear()
        self.legend_below.fit()
        self.series.clear()
        self._rows = ()
        self.table.setRowCount(0)
        self._fit_rows()
        self._set_verdict(
            lambda: (
                self.tr(
                    "Training the architectures one after another, {0:,} step each; then each "
                    "model is tested and reads the drawn digits…"
                )
                if steps == 1
                else self.tr(
                    "Training the architectures one after another, {0:,} steps each; then each "
                    "model is tested and reads the drawn digits…"
                )
            ).format(steps)
        )

    def begin_run(self, run_id: int, name: str, color: str) -> None:
        """One contender's curve (the colour of its training curves)."""
        series = self.series[run_id] = RunSeries(name, color)
        pen = pg.mkPen(color, width=2.5)
        series.curves["val"] = self.plot_item.plot(
            [], [], pen=pen, symbol="o", symbolSize=6, symbolBrush=color, symbolPen=None
        )
        self._name_runs()

    def _name_runs(self) -> None:
        """The legend: each contender by its name, in the language in effect."""
        self.legend.clear()
        for series in self.series.values():
            self.legend.addItem(series.curves["val"], text_of(series.name))
        self.legend_below.fit()

    def add_eval(self, run_id: int, event: EvalEvent) -> None:
        series = self.series.get(run_id)
        if series is not None:
            series.add_eval(event)
            self._draw(series)

    def _axis(self) -> str:
        return X_TIME if self.by_time.isChecked() else X_STEP

    def _draw(self, series: RunSeries) -> None:
        series.curves["val"].setData(series.val_x(self._axis()), percent(series.val_error))

    def _show_axis(self) -> None:
        if self.by_time.isChecked():
            title = self.tr("Validation error vs time")
        else:
            title = self.tr("Validation error vs iterations")
        set_titles(self.plot_item, title, self.tr("error (%)"), self._axis())
        for series in self.series.values():
            self._draw(series)

    def show_outcome(self, outcome: ComparisonOutcome) -> None:
        """The table and the verdict (or why there is none)."""
        verdict = outcome.verdict
        if outcome.problem or not isinstance(verdict, ArchitectureVerdict):
            self._set_verdict(lambda: outcome.problem)
            return
        self._rows = verdict.rows
        self._show_rows()
        self._set_verdict(lambda: verdict_text(verdict))

    def _show_rows(self) -> None:
        """The table of results, in the language in effect (again after a switch)."""
        self.table.setRowCount(len(self._rows))
        for row, r in enumerate(self._rows):
            name = arch_title(r.arch, task=CLASSIFIER)
            if r.status != "completed":
                name = remarked(name, status_title(r.status))
            cells = (
                name,
                None if r.test_accuracy is None else f"{r.test_accuracy:.2%}",
                None if r.drawn_digits is None else f"{r.drawn_digits:.1%}",
                None if r.parameters is None else f"{r.parameters:,}",
                None if r.seconds is None else self.duration(r.seconds),
                None if r.images_per_second is None else f"{r.images_per_second:,.0f}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem("—" if text is None else text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r.problem:
                    item.setToolTip(text_of(r.problem))
                elif not column:
                    item.setToolTip(name)
                self.table.setItem(row, column, item)
        self.columns.fit()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """The table as tall as its rows (between TABLE_ROWS), the plot taking what is left."""
        least, most = TABLE_ROWS
        rows = min(max(self.table.rowCount(), least), most)
        header = self.table.horizontalHeader()
        self.table.setMinimumHeight(
            max(header.minimumHeight(), header.sizeHint().height())
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )

    def duration(self, seconds: float) -> str:
        """Seconds to a tenth under a minute (a short budget's runs differ there), else m:ss."""
        return format_duration(seconds) if seconds >= 60 else self.tr("{0:.1f} s").format(seconds)

    def finished_text(self, outcome: ComparisonOutcome) -> str:
        """For the status bar: finished, or stopped and which architectures were tested (as the
        table and the verdict say)."""
        if not outcome.stopped:
            return self.tr("Architecture comparison finished")
        verdict = outcome.verdict
        rows = verdict.rows if isinstance(verdict, ArchitectureVerdict) else ()
        tested = [arch_title(r.arch, task=CLASSIFIER) for r in rows if r.tested]
        if not tested:
            return self.tr("Architecture comparison stopped before any architecture was tested")
        return self.tr("Architecture comparison stopped; tested: {0}").format(listed(tested))
