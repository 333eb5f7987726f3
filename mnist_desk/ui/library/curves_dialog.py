"""Saved models' training curves, overlaid in a window of their own (the Train tab's plots)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from mnist_desk.app.model_files import RunCurves
from mnist_desk.ui.i18n import LiveTexts, is_language_change, listed, text_of
from mnist_desk.ui.train.plots import TrainingPlots


class CurvesDialog(QDialog):
    """Loss and error of one or more saved runs, against iterations or time; not modal."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = LiveTexts()
        self.plots = TrainingPlots()
        self.names: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.plots)
        self.resize(900, 480)
        self._retitle()

    def _retitle(self) -> None:
        names = listed(text_of(name) for name in self.names)
        self.setWindowTitle(self.tr("Training curves: {0}").format(names))

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self._retitle()
        super().changeEvent(event)

    def show_curves(self, curves: tuple[RunCurves, ...]) -> None:
        """Draw ``curves`` in place of what was shown (overlaid, one colour each, named as the
        app layer calls them: ``curve_names``)."""
        self.plots.clear()
        self.plots.max_runs = max(self.plots.max_runs, len(curves))
        self.names = [run.name for run in curves]
        for run in curves:
            series = self.plots.begin_run(run.name)
            if run.train:
                self.plots.add_steps(series, list(run.train))
            for point in run.val:
                self.plots.add_eval(series, point)
        self._retitle()
        self.show()
        self.raise_()
        self.plots.flush()
