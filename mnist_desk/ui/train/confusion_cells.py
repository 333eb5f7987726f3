"""A click on a cell of the Results tab's confusion matrix opens the test images behind it, in a
window of their own (found in a background job: ``mnist_desk.app.confusion_cells``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout

from mnist_desk.app.confusion_cells import CellImages, cell_images_work
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.pixmaps import pixmap_from_uint8


class CellImagesDialog(QDialog):
    """The images of one cell, most confident first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Tool)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.images = QListWidget()
        self.images.setViewMode(QListView.ViewMode.IconMode)
        self.images.setResizeMode(QListView.ResizeMode.Adjust)
        self.images.setMovement(QListView.Movement.Static)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.images, 1)
        self.resize(560, 420)

    def show_problem(self, message: str) -> None:
        self.images.clear()
        self.title.setText(self.tr("The images could not be found: {0}").format(message))
        self.show()

    def show_cell(self, cell: CellImages) -> None:
        self.setWindowTitle(self.tr("True {0}, predicted {1}").format(cell.true, cell.said))
        if cell.count == 0:
            self.title.setText(self.tr("No test example is in this cell."))
        else:
            self.title.setText(
                self.tr(
                    "{0:,} test examples of {1} were read as {2}; {3} shown, the most confident first."
                ).format(cell.count, cell.true, cell.said, len(cell.images))
            )
        self.images.clear()
        wide = cell.images.ndim == 3 and cell.images.shape[-1] > 28
        self.images.setIconSize(QSize(112, 56) if wide else QSize(56, 56))
        for index, image, confidence in zip(
            cell.indices, cell.images, cell.confidences, strict=True
        ):
            item = QListWidgetItem(QIcon(pixmap_from_uint8(image)), f"#{index}\n{confidence:.0%}")
            item.setToolTip(
                self.tr("test example {0}: probability {1:.1%}").format(index, confidence)
            )
            self.images.addItem(item)
        self.show()
        self.raise_()


class ConfusionCells(QObject):
    """Makes ``matrix`` (a ConfusionMatrixView) clickable; ``results`` (the RunResultsView)
    holds the outcome whose cells are opened."""

    def __init__(self, matrix, results):
        super().__init__(results)
        self.matrix, self.results = matrix, results
        self.dialog: CellImagesDialog | None = None
        self.job: BackgroundJob | None = None
        matrix.image.mouseClickEvent = self._clicked

    def _clicked(self, event) -> None:
        n = len(self.matrix.matrix)
        if event.button() != Qt.MouseButton.LeftButton or n == 0:
            return
        pos = event.pos()  # image pixels: x is the column (predicted), y the row (true)
        said, true = int(pos.x()), int(pos.y())
        if 0 <= true < n and 0 <= said < n:
            event.accept()
            self.open_cell(true, said)

    def open_cell(self, true: int, said: int) -> None:
        outcome = self.results.outcome
        if outcome is None:
            return
        main = self.results.window()
        data_dir, download = getattr(main, "data_dir", None), getattr(main, "download", False)
        if self.job is not None:
            self.job.discard()
        self.job = BackgroundJob(
            cell_images_work(outcome.result, data_dir, download, true, said),
            name="mnist-desk confusion cell",
        )
        self.job.finished.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _failed(self, error) -> None:
        self._dialog().show_problem(error.message)

    def _dialog(self) -> CellImagesDialog:
        if self.dialog is None:
            self.dialog = CellImagesDialog(self.results)
        return self.dialog

    def _show(self, cell: CellImages) -> None:
        self._dialog().show_cell(cell)
