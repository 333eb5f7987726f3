"""The end-of-run view: test accuracy, a confusion-matrix heatmap, per-class precision and recall,
the worst-misclassified test images, and exports (history CSV, settings and metrics JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.run_exports import format_duration, history_csv, run_report
from mnist_desk.app.training_events import RunOutcome
from mnist_desk.models import TASK_TITLES, is_adder
from mnist_desk.support.fileio import atomic_write_bytes, atomic_write_json
from mnist_desk.ui.draw.model_picker import task_title
from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of
from mnist_desk.ui.pixmaps import pixmap_from_uint8
from mnist_desk.ui.train.confusion_cells import ConfusionCells
from mnist_desk.ui.train.confusion_matrix import ConfusionMatrixView
from mnist_desk.ui.whole_columns import WholeColumns


def status_title(status: str) -> str:
    """A run's outcome (the core's status word) as the user reads it."""
    titles = {
        "completed": QCoreApplication.translate("RunResultsView", "Completed"),
        "stopped": QCoreApplication.translate("RunResultsView", "Stopped"),
        "early-stopped": QCoreApplication.translate(
            "RunResultsView", "Stopped early (no validation gain)"
        ),
        "diverged": QCoreApplication.translate("RunResultsView", "Diverged"),
        "failed": QCoreApplication.translate("RunResultsView", "Failed"),
        "not run": QCoreApplication.translate("RunResultsView", "Not run"),  # a comparison's
    }
    return titles.get(status, status.capitalize())


class RunResultsView(QWidget):
    """Shows the outcome of the last finished run."""

    useModelRequested = Signal(str)  # the checkpoint path
    saveRequested = Signal(str, object)  # an export's path and its writer (the panel saves it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome: RunOutcome | None = None
        self.problem = ""
        self.texts = LiveTexts()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.use_button = QPushButton()
        self.texts.bind(self.use_button.setText, lambda: self.tr("Use this model"))
        self.texts.bind(
            self.use_button.setToolTip,
            lambda: self.tr("Switch the drawing pad to the model this run saved"),
        )
        self.use_button.clicked.connect(self._use_model)
        self.csv_button = QPushButton()
        self.texts.bind(self.csv_button.setText, lambda: self.tr("Export history CSV…"))
        self.texts.bind(
            self.csv_button.setToolTip, lambda: self.tr("Every logged train and validation point")
        )
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.json_button = QPushButton()
        self.texts.bind(
            self.json_button.setText, lambda: self.tr("Export settings && metrics JSON…")
        )
        self.texts.bind(
            self.json_button.setToolTip,
            lambda: self.tr("The run's settings, test metrics and checkpoint path"),
        )
        self.json_button.clicked.connect(lambda: self._export("json"))

        self.confusion = ConfusionMatrixView()
        self.cells = ConfusionCells(self.confusion, self)  # a click opens a cell's test images
        self.per_class = QTableWidget(0, 4)
        self.texts.call(
            lambda: self.per_class.setHorizontalHeaderLabels(
                [self.tr("class"), self.tr("precision"), self.tr("recall"), self.tr("count")]
            )
        )
        self.per_class.verticalHeader().hide()
        self.per_class.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        WholeColumns(self.per_class)  # "100.0%" whole at the window's minimum size

        self.mistakes_title = QLabel()
        self.mistakes = QListWidget()
        self.mistakes.setViewMode(QListView.ViewMode.IconMode)
        self.mistakes.setIconSize(QSize(56, 56))
        self.mistakes.setResizeMode(QListView.ResizeMode.Adjust)
        self.mistakes.setMovement(QListView.Movement.Static)
        self.mistakes.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.mistakes.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.json_button)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.confusion)
        top.addWidget(self.per_class)
        top.setSizes([400, 300])
        mistakes_box = QWidget()
        mistakes_layout = QVBoxLayout(mistakes_box)
        mistakes_layout.setContentsMargins(0, 0, 0, 0)
        mistakes_layout.addWidget(self.mistakes_title)
        mistakes_layout.addWidget(self.mistakes)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(mistakes_box)
        body.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(body, 1)
        self.texts.call(self._show_texts)  # texts that depend on the state
        self._set_enabled(False)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    def _show_texts(self) -> None:
        """The summary and the mistakes, in the current language."""
        if self.outcome is None:
            self.summary.setText(self.tr("Results appear here when a run ends."))
            self._show_mistakes(None)
        else:
            self.show_outcome(self.outcome, self.problem)

    def _set_enabled(self, on: bool) -> None:
        has_checkpoint = bool(on and self.outcome and self.outcome.result.checkpoint)
        self.use_button.setEnabled(has_checkpoint)
        self.csv_button.setEnabled(on)
        self.json_button.setEnabled(on)

    def show_outcome(self, outcome: RunOutcome, problem: str = "") -> None:
        """Fill the view from a finished (or diverged) run; ``problem`` is shown above it."""
        self.outcome, self.problem = outcome, problem
        result = outcome.result
        settings = result.settings
        lines = []
        if problem:
            lines.append(f"<span style='color:#a00'><b>{text_of(problem)}</b></span>")
        task = settings.get("task", "")
        title = task_title(task, TASK_TITLES.get(task, task))
        heading = (  # "after 1 step", not "1 steps"
            self.tr("{0} — {1}, {2}: {3} after {4:,} step in {5} (seed {6}).")
            if result.steps == 1
            else self.tr("{0} — {1}, {2}: {3} after {4:,} steps in {5} (seed {6}).")
        )
        lines.append(
            heading.format(
                f"<b>{text_of(outcome.name)}</b>",
                title,
                settings.get("arch"),
                status_title(result.status).lower(),
                result.steps,
                format_duration(result.elapsed),
                settings.get("seed"),
            )
        )
        if result.test:
            if is_adder(settings.get("task", "")):
                text = self.tr(
                    "Test accuracy {0} on {1:,} sums (loss {2:.3f}); best validation error {3:.2%}."
                )
            else:
                text = self.tr(
                    "Test accuracy {0} on {1:,} digits (loss {2:.3f}); "
                    "best validation error {3:.2%}."
                )
            accuracy = f"<b>{result.test['accuracy']:.2%}</b>"
            lines.append(
                text.format(
                    accuracy, result.test["count"], result.test["loss"], result.best_val_error
                )
            )
        else:
            lines.append(self.tr("No model was kept, so there is nothing to test."))
        if result.checkpoint:
            lines.append(self.tr("Saved to {0}").format(f"<code>{result.checkpoint}</code>"))
        if outcome.analysis_error:
            lines.append(
                self.tr("The worst mistakes could not be found: {0}").format(outcome.analysis_error)
            )
        self.summary.setText("<br>".join(lines))
        self._show_metrics(result.test)
        self._show_mistakes(outcome)
        self._set_enabled(True)

    def _show_metrics(self, test: dict[str, Any] | None) -> None:
        if not test:
            self.per_class.setRowCount(0)
            self.confusion.set_matrix(np.zeros((0, 0)))
            return
        self.confusion.set_matrix(test["confusion"])
        counts = np.asarray(test["confusion"]).sum(1)
        self.per_class.setRowCount(len(test["precision"]))
        for row, (precision, recall) in enumerate(
            zip(test["precision"], test["recall"], strict=True)
        ):
            for col, text in enumerate(
                (str(row), f"{precision:.1%}", f"{recall:.1%}", f"{int(counts[row]):,}")
            ):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.per_class.setItem(row, col, item)

    def _show_mistakes(self, outcome: RunOutcome | None) -> None:
        self.mistakes.clear()
        if outcome is None:
            self.mistakes_title.setText(self.tr("<b>Most confident mistakes (test)</b>"))
            return
        pair = is_adder(outcome.result.settings.get("task", ""))
        self.mistakes.setIconSize(QSize(112, 56) if pair else QSize(56, 56))
        self.mistakes.setGridSize(QSize(128, 96) if pair else QSize(84, 96))
        tip = (
            self.tr("true sum {0}, the model said {1} with probability {2:.1%}")
            if pair
            else self.tr("true digit {0}, the model said {1} with probability {2:.1%}")
        )
        for mistake in outcome.mistakes:
            text = f"{mistake.true_label} → {mistake.predicted}\n{mistake.confidence:.0%}"
            item = QListWidgetItem(QIcon(pixmap_from_uint8(mistake.image)), text)
            item.setToolTip(tip.format(mistake.true_label, mistake.predicted, mistake.confidence))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.mistakes.addItem(item)
        shown = len(outcome.mistakes)
        self.mistakes_title.setText(
            self.tr(
                "<b>Most confident mistakes (test)</b>: {0} shown, as true → predicted, confidence"
            ).format(shown)
            if shown
            else self.tr("<b>Most confident mistakes (test)</b>: none")
        )

    def _use_model(self) -> None:
        if self.outcome and self.outcome.result.checkpoint:
            self.useModelRequested.emit(self.outcome.result.checkpoint)

    # ---- exports ----
    def choose_save_path(self, caption: str, suggested: str, filter_: str) -> str:
        """Ask where to save; tests replace this to avoid the modal dialog."""
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path

    def _suggested(self, suffix: str) -> str:
        checkpoint = self.outcome.result.checkpoint if self.outcome else None
        stem = (
            Path(checkpoint).stem if checkpoint else (self.outcome.name if self.outcome else "run")
        )
        folder = Path(checkpoint).parent if checkpoint else Path.home()
        return str(folder / f"{stem}{suffix}")

    def _export(self, kind: str) -> None:
        if self.outcome is None:
            return
        csv = kind == "csv"
        caption = self.tr("Export history") if csv else self.tr("Export settings and metrics")
        suffix, filter_ = ("-history.csv", "CSV (*.csv)") if csv else ("-run.json", "JSON (*.json)")
        path = self.choose_save_path(caption, self._suggested(suffix), filter_)
        if path:
            write = self.export_history_csv if csv else self.export_report_json
            self.saveRequested.emit(path, write)

    def export_history_csv(self, path: str | Path) -> Path:
        assert self.outcome is not None
        return atomic_write_bytes(path, history_csv(self.outcome.result).encode())

    def export_report_json(self, path: str | Path) -> Path:
        assert self.outcome is not None
        return atomic_write_json(path, run_report(self.outcome.result))
