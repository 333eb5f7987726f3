"""What the Train tab's form offers that takes disk and torch to find: the trained classifiers
(the transfer adder's start, the distillation teacher) and the devices.

``ChoicesReader`` reads them off the GUI thread (``app.training_session.read_train_choices`` in a
``BackgroundJob``); ``fill_classifiers`` and ``fill_devices`` put them in the form's pickers,
keeping what is chosen where it is still offered.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox

from mnist_desk.app.training_session import TrainChoices, read_train_choices
from mnist_desk.ui.background import BackgroundJob, JobError
from mnist_desk.ui.draw.model_picker import device_title, entry_title
from mnist_desk.ui.i18n import text_of

ARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # a classifier picker item's architecture


class ChoicesReader(QObject):
    """Reads the choices in the background; a newer read supersedes one still going."""

    ready = Signal(object)  # TrainChoices
    failed = Signal(str)  # why they could not be read

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._job: BackgroundJob | None = None

    def read(self, models_dir=None) -> None:
        if self._job is not None:
            self._job.finished.disconnect(self._on_read)
        job = BackgroundJob(lambda emit: read_train_choices(models_dir), name="listing models")
        job.finished.connect(self._on_read)
        job.failed.connect(self._on_failed)
        self._job = job.start()

    @Slot(object)
    def _on_read(self, choices: TrainChoices) -> None:
        self._job = None
        self.ready.emit(choices)

    @Slot(object)
    def _on_failed(self, error: JobError) -> None:
        self._job = None
        self.failed.emit(error.message.splitlines()[0])


def fill_classifiers(box: QComboBox, choices: TrainChoices, none_yet: str) -> None:
    """The trained classifiers, each with its architecture (``ARCH_ROLE``); ``none_yet`` when
    there is none. The shipped classifier is preferred when nothing was chosen."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for entry in choices.classifiers:
        box.addItem(entry_title(entry), str(entry.path))  # in the user's language
        box.setItemData(box.count() - 1, entry.arch, ARCH_ROLE)
    if not choices.classifiers:
        box.addItem(none_yet, None)
    box.setCurrentIndex(max(0, box.findData(current or choices.default_classifier)))
    box.blockSignals(False)


def fill_devices(box: QComboBox, choices: TrainChoices, initial: bool, unavailable: str) -> None:
    """The CPU first, then the CUDA devices; without one (once known), a greyed-out CUDA entry
    whose tip says why (``unavailable`` is its text)."""
    current = box.currentData() or "cpu"
    box.blockSignals(True)
    box.clear()
    for device in choices.devices or []:
        box.addItem(device_title(device), device.name)
    if box.findData("cpu") < 0:  # before the devices are known
        box.insertItem(0, "CPU", "cpu")
    if not initial and box.findData("cuda:0") < 0:
        box.addItem(unavailable, "cuda")
        item = box.model().item(box.count() - 1)
        item.setEnabled(False)
        item.setToolTip(text_of(choices.cuda_reason))
    box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)
