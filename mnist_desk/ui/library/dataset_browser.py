"""Browse MNIST: a page of samples with their labels, filtered by split and class.

The data is loaded only when the browser is first shown, as a ``BackgroundJob`` (the first load
takes seconds); a missing dataset shows DataUnavailableError's message, which says how to get it,
and a change of the data folder or of the download setting loads again. The load cannot be
interrupted: closing the window mid-load leaves the job to finish on its own (the adapter keeps
it alive, and exit waits for it); a folder chosen meanwhile is loaded when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.dataset import SPLITS, Dataset, LabelledPixels, read_dataset
from mnist_desk.support.config import resolve_data_dir
from mnist_desk.ui.background import BackgroundJob, JobError
from mnist_desk.ui.i18n import LiveTexts, is_language_change, remarked, text_of
from mnist_desk.ui.pixmaps import pixmap_from_uint8

PAGE_SIZE = 144  # fills a large window; a page renders in a few milliseconds


def split_title(split: str, count: int | None = None) -> str:
    """The split's name, with its number of samples once they are loaded: "Training (50,000)"."""
    titles = {
        "train": QCoreApplication.translate("DatasetBrowser", "Training"),
        "val": QCoreApplication.translate("DatasetBrowser", "Validation"),
        "test": QCoreApplication.translate("DatasetBrowser", "Test"),
    }
    if count is None:
        return titles[split]
    return remarked(titles[split], f"{count:,}")


class DatasetBrowser(QWidget):
    """A grid of MNIST samples with labels; choose the split, the class and the page."""

    def __init__(
        self,
        data_dir: str | Path | None = None,
        parent: QWidget | None = None,
        download: bool = False,
        settings=None,
    ):
        """``settings`` (an ``AppSettings``): where the split and digit shown are remembered."""
        super().__init__(parent)
        self.settings = settings
        self.data_dir = resolve_data_dir(data_dir)
        self.download = download
        self.splits: Dataset | None = None
        self.page = 0
        self._job: BackgroundJob | None = None  # the load in progress
        self._loading_from: tuple[Path, bool] = (self.data_dir, download)  # its folder, download

        self.texts = LiveTexts()
        self.split_box = QComboBox()
        for key in SPLITS:
            self.split_box.addItem("", key)
        self.texts.items(self.split_box, lambda key: split_title(key, self._count(key)))
        self.texts.bind(
            self.split_box.setToolTip,
            lambda: self.tr("The fixed 50k/10k/10k split the models are trained on"),
        )
        self.class_box = QComboBox()
        for digit in (None, *range(10)):
            self.class_box.addItem("", digit)
        self.texts.items(
            self.class_box, lambda digit: self.tr("All digits") if digit is None else str(digit)
        )
        self.texts.bind(self.class_box.setToolTip, lambda: self.tr("Show only one digit"))
        self.previous_button = QPushButton()
        self.texts.bind(self.previous_button.setText, lambda: self.tr("◀ Previous"))
        self.next_button = QPushButton()
        self.texts.bind(self.next_button.setText, lambda: self.tr("Next ▶"))
        self.page_label = QLabel()
        self.message = QLabel()
        self._set_message(self._loads_when_shown)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.grid = QListWidget()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(56, 56))
        self.grid.setGridSize(QSize(72, 82))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.grid.setUniformItemSizes(True)

        if settings is not None:  # the split and digit as the user last left them
            self.split_box.setCurrentIndex(max(0, self.split_box.findData(settings.dataset_split)))
            digit = settings.dataset_digit
            self.class_box.setCurrentIndex(0 if digit is None else digit + 1)
        for box in (self.split_box, self.class_box):
            box.currentIndexChanged.connect(self._filter_changed)
            # as wide as its names once the counts are known: it read "Training (5"
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))

        controls = QHBoxLayout()
        controls.addWidget(self.texts.label(lambda: self.tr("Split:")))
        controls.addWidget(self.split_box)
        controls.addWidget(self.texts.label(lambda: self.tr("Digit:")))
        controls.addWidget(self.class_box)
        controls.addStretch(1)
        controls.addWidget(self.previous_button)
        controls.addWidget(self.page_label)
        controls.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.grid, 1)
        self._update_buttons(0)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            self.message.setText(self._message())
            if self.splits is not None:
                self.show_page(self.page)
            else:
                self._update_buttons(0)
        super().changeEvent(event)

    def _loads_when_shown(self) -> str:
        return self.tr("MNIST loads when this tab is first shown.")

    def _count(self, split: str) -> int | None:
        """How many samples ``split`` has; None while none are loaded."""
        return None if self.splits is None else len(getattr(self.splits, split))

    def _set_message(self, text: Callable[[], str]) -> None:
        """The line above the grid; a callable, so a language switch re-reads it."""
        self._message = text
        self.message.setText(text_of(text))

    # ---- lazy loading ----
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        """Start loading MNIST in the background unless it is loaded or loading already."""
        if self.splits is not None or self._job is not None:
            return
        self._set_message(lambda: self.tr("Loading MNIST…"))
        self.message.setStyleSheet("")
        self.message.show()
        data_dir, download = self._loading_from = (self.data_dir, self.download)
        self._job = BackgroundJob(
            lambda emit: read_dataset(data_dir, download=download), name="loading MNIST"
        )
        self._job.finished.connect(self._on_loaded)
        self._job.failed.connect(self._on_load_failed)
        self._job.start()

    def set_data_source(self, data_dir: str | Path | None, download: bool) -> None:
        """Read MNIST from elsewhere, or with the download allowed (or not): loads again if the
        folder changed, or if the download setting changed while nothing is loaded (the tab
        shows why); a load in progress is followed by one of the new source when it ends."""
        folder = resolve_data_dir(data_dir)
        moved = folder != self.data_dir
        if not moved and download == self.download:
            return
        self.data_dir, self.download = folder, download
        if not self.loading and (moved or self.splits is None):
            self._load_again()

    def _load_again(self) -> None:
        """Forget what is shown (data or error) and load now, or when the tab is next shown."""
        self.splits = None
        self.page = 0
        self.grid.clear()
        self.texts.refresh()
        self._update_buttons(0)
        if self.isVisible():
            self.load()
        else:
            self._set_message(self._loads_when_shown)
            self.message.setStyleSheet("")
            self.message.show()

    def _outdated(self, loaded: bool) -> bool:
        """Whether the load that ended read another folder than the one set now, or failed
        with another download setting than the one set now."""
        folder, download = self._loading_from
        return folder != self.data_dir or (not loaded and download != self.download)

    @property
    def loading(self) -> bool:
        return self._job is not None

    @Slot(object)
    def _on_load_failed(self, error: JobError) -> None:
        """DataUnavailableError says what to do; a bug says where it was logged."""
        self._job = None
        if self._outdated(loaded=False):
            self._load_again()
            return
        self._set_message(lambda: error.message)
        self.message.setStyleSheet("color: #a00;")

    @Slot(object)
    def _on_loaded(self, splits: Dataset) -> None:
        self._job = None
        if self._outdated(loaded=True):
            self._load_again()
            return
        self.splits = splits
        self.texts.refresh()
        self.message.hide()
        self.show_page(0)

    # ---- the grid ----
    def selected_indices(self) -> np.ndarray:
        """Indices into the chosen split of the samples that pass the class filter."""
        split = self.current_split()
        if split is None:
            return np.empty(0, dtype=np.int64)
        return split.indices(self.class_box.currentData())

    def current_split(self) -> LabelledPixels | None:
        if self.splits is None:
            return None
        return getattr(self.splits, self.split_box.currentData())

    def page_count(self) -> int:
        return max(1, -(-len(self.selected_indices()) // PAGE_SIZE))

    def _filter_changed(self) -> None:
        if self.settings is not None:
            self.settings.dataset_split = self.split_box.currentData()
            self.settings.dataset_digit = self.class_box.currentData()
        self.show_page(0)

    def show_page(self, page: int) -> None:
        split = self.current_split()
        if split is None:
            return
        indices = self.selected_indices()
        self.page = int(np.clip(page, 0, self.page_count() - 1))
        chosen = indices[self.page * PAGE_SIZE : (self.page + 1) * PAGE_SIZE]
        pixels = split.pixels[chosen]
        self.grid.clear()
        for index, image, label in zip(
            chosen.tolist(), pixels, split.labels[chosen].tolist(), strict=True
        ):
            item = QListWidgetItem(QIcon(pixmap_from_uint8(image)), str(label))
            item.setToolTip(self.tr("label {0}, sample #{1}").format(label, index))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.grid.addItem(item)
        self._update_buttons(len(indices))

    def _update_buttons(self, total: int) -> None:
        pages = self.page_count() if self.splits is not None else 1
        self.page_label.setText(
            self.tr("page {0} of {1} ({2} samples)").format(self.page + 1, pages, f"{total:,}")
        )
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)
