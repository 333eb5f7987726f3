"""Choosing the model: task, architecture, checkpoint, and the device it runs on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from mnist_desk.app.model_catalog import ModelCatalog, same_path
from mnist_desk.ui.eliding_combo import ElidingComboBox
from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of

if TYPE_CHECKING:
    from mnist_desk.store.catalog import ModelEntry

PREFERRED_ARCH = "convnet"  # until the catalog says which architecture each task prefers
# The core's titles (models.TASK_TITLES, the architectures' titles) are the one copy, marked for
# lupdate there; the views translate them in this context.
TITLES_CONTEXT = "ModelTitles"


def task_title(task: str, fallback: str = "") -> str:
    """The task's title in the interface's language (``fallback`` is no longer needed)."""
    from mnist_desk.app.model_catalog import english_task_title as english

    return QCoreApplication.translate(TITLES_CONTEXT, english(task))


def arch_title(arch: str, fallback: str = "", task: str | None = None) -> str:
    """The architecture's title (under ``task``, if given) in the interface's language."""
    from mnist_desk.app.model_catalog import english_arch_title as english

    return QCoreApplication.translate(TITLES_CONTEXT, english(task, arch))


def device_title(device) -> str:
    """A ``support.devices.DeviceInfo``'s title in the interface's language (the CPU's names its
    threads; a GPU's name is its own)."""
    if device.name != "cpu" or not getattr(device, "threads", 0):
        return device.title
    if device.threads == 1:
        return QCoreApplication.translate("ModelPicker", "CPU (1 thread)")
    return QCoreApplication.translate("ModelPicker", "CPU ({0} threads)").format(device.threads)


def entry_title(entry: ModelEntry) -> str:
    """A trained model as a picker lists it (the Draw tab's weights, the Train tab's classifiers):
    its name, whose it is and its test accuracy, in the user's language."""
    translate = QCoreApplication.translate
    if entry.problem:
        return translate("ModelPicker", "{0} (unreadable)").format(entry.name)
    if entry.test_accuracy is None:
        if entry.shipped:
            return translate("ModelPicker", "{0} (shipped)").format(entry.name)
        return translate("ModelPicker", "{0} (yours)").format(entry.name)
    acc = f"{entry.test_accuracy:.2%}"
    if entry.shipped:
        return translate("ModelPicker", "{0} (shipped, test {1})").format(entry.name, acc)
    return translate("ModelPicker", "{0} (yours, test {1})").format(entry.name, acc)


def _set_item_enabled(combo: QComboBox, index: int, enabled: bool, tooltip: str = "") -> None:
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(index)
        item.setEnabled(enabled)
    combo.setItemData(index, tooltip or None, Qt.ItemDataRole.ToolTipRole)


class ModelPicker(QWidget):
    """Task, architecture, checkpoint and device combos; emits what the user picks.

    The combos follow the model actually in use (``set_current``): a pick that fails to load
    snaps back, so the picker never shows a model that is not the one answering.
    """

    model_chosen = Signal(str)  # checkpoint path
    device_chosen = Signal(str)  # "cpu", "cuda:0", ...

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tasks: list[tuple[str, str]] = []
        self._archs: dict[str, list[tuple[str, str]]] = {}
        self._preferred: dict[str, str] = {}
        self._entries: list[ModelEntry] = []
        self._devices: list = []
        self._cuda_reason = ""
        self._current_path = ""
        self._current_device = "cpu"

        self.task_label, self.arch_label = QLabel(), QLabel()
        self.checkpoint_label, self.device_label = QLabel(), QLabel()
        # The task and the device are short and always whole; in a narrow window the network and
        # the weights give way, their titles ending in "…" and said whole in their tooltips.
        self.task_combo = ElidingComboBox(whole=True)
        self.arch_combo = ElidingComboBox()
        self.checkpoint_combo = ElidingComboBox()
        self.device_combo = ElidingComboBox(whole=True)
        for combo in (self.task_combo, self.arch_combo, self.checkpoint_combo, self.device_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.checkpoint_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.arch_combo.setMinimumContentsLength(12)  # "ConvNet (BN…": the network's name
        self.checkpoint_combo.setMinimumContentsLength(14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, combo in (
            (self.task_label, self.task_combo),
            (self.arch_label, self.arch_combo),
            (self.checkpoint_label, self.checkpoint_combo),
            (self.device_label, self.device_combo),
        ):
            label.setBuddy(combo)
            if combo is not self.task_combo:  # a gap between pairs; none after the last
                layout.addSpacing(8)
            layout.addWidget(label)
            layout.addWidget(combo, 2 if combo is self.checkpoint_combo else 0)
        self.task_combo.activated.connect(lambda i: self.choose_task(self.task_combo.itemData(i)))
        self.arch_combo.activated.connect(lambda i: self.choose_arch(self.arch_combo.itemData(i)))
        self.checkpoint_combo.activated.connect(
            lambda i: self.choose_checkpoint(self.checkpoint_combo.itemData(i))
        )
        self.device_combo.activated.connect(
            lambda i: self.choose_device(self.device_combo.itemData(i))
        )
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)
        self._show_loading()

    # ---- what the window tells the picker ---------------------------------------------

    def _show_loading(self) -> None:
        for combo in (self.task_combo, self.arch_combo, self.checkpoint_combo, self.device_combo):
            combo.clear()
            combo.addItem(self.tr("Loading…"))
            combo.setEnabled(False)

    def set_catalog(self, catalog: ModelCatalog) -> None:
        """Fill the combos from the model session's catalog."""
        self._tasks = list(catalog.tasks)
        self._archs = dict(catalog.archs)
        self._preferred = dict(catalog.preferred)
        # checkpoints opened from a file stay offered after a refresh
        self._entries = list(catalog.models) + [
            e for e in self._entries if not e.shipped and catalog.entry_for(e.path) is None
        ]
        self._devices = list(catalog.devices)
        self._cuda_reason = catalog.cuda_reason
        self._sync()

    def add_entry(self, path: str, task: str, arch: str, test_accuracy: float | None) -> None:
        """Offer a checkpoint that is not in the catalog (opened from a file)."""
        from mnist_desk.store.catalog import ModelEntry  # torch is loaded once a model is

        if not self.entry_for(path):
            self._entries.append(ModelEntry(Path(path), task, arch, False, test_accuracy))

    def set_current(self, path: str, device: str) -> None:
        """Show the model and device in use (no signals)."""
        self._current_path = str(path)
        self._current_device = device
        self._sync()

    @property
    def entries(self) -> list[ModelEntry]:
        return list(self._entries)

    def entry_for(self, path: str) -> ModelEntry | None:
        return next((e for e in self._entries if same_path(e.path, path)), None)

    def entries_for(self, task: str, arch: str | None = None) -> list[ModelEntry]:
        """The readable checkpoints for ``task`` (and ``arch``)."""
        return [
            e
            for e in self._entries
            if not e.problem and e.task == task and (arch is None or e.arch == arch)
        ]

    def unreadable_entries(self) -> list[ModelEntry]:
        return [e for e in self._entries if e.problem]

    def current_task(self) -> str | None:
        return self.task_combo.currentData()

    def current_arch(self) -> str | None:
        return self.arch_combo.currentData()

    def current_checkpoint(self) -> str | None:
        return self.checkpoint_combo.currentData()

    def current_device(self) -> str | None:
        return self.device_combo.currentData()

    # ---- what the user does (the combos call these; so can code and tests) -------------

    def preferred_arch(self, task: str) -> str:
        """The architecture a task starts with (the catalog's default for it)."""
        return self._preferred.get(task, PREFERRED_ARCH)

    def choose_task(self, task: str) -> None:
        in_use = self.entry_for(self._current_path) if self._current_path else None
        if task == "transfer" and in_use is not None and in_use.task == "classifier":
            # A classifier fine-tuned on the user's digits has its transfer adder beside it:
            # the adder that reads digits with it, rather than the shipped one.
            from mnist_desk.personal.models import transfer_adder_path

            beside = self.entry_for(str(transfer_adder_path(in_use.path)))
            if beside is not None and beside.readable and beside.task == "transfer":
                self.choose_checkpoint(str(beside.path))
                return
        archs = [a for a, _ in self._archs.get(task, []) if self.entries_for(task, a)]
        if not archs:
            return
        preferred = self.preferred_arch(task)
        self.choose_arch(preferred if preferred in archs else archs[0], task)

    def choose_arch(self, arch: str, task: str | None = None) -> None:
        entries = self.entries_for(task or self.current_task() or "", arch)
        if entries:
            self.choose_checkpoint(str(entries[0].path))

    def choose_checkpoint(self, path: str) -> None:
        if path and not same_path(path, self._current_path):
            self._fill_for(self.entry_for(path))  # show the pick while it loads
            self.model_chosen.emit(path)

    def choose_device(self, name: str) -> None:
        if name and name != self._current_device:
            self.device_chosen.emit(name)

    # ---- filling the combos ---------------------------------------------------------------

    def _sync(self) -> None:
        if not self._tasks:
            return
        entry = self.entry_for(self._current_path) if self._current_path else None
        self._fill_for(entry)
        self._fill_devices()

    def _fill_for(self, entry: ModelEntry | None) -> None:
        """Fill task/arch/checkpoint combos to show ``entry`` (or the first available)."""
        task = (
            entry.task if entry else next((t for t, _ in self._tasks if self.entries_for(t)), None)
        )
        for combo in (self.task_combo, self.arch_combo, self.checkpoint_combo):
            combo.blockSignals(True)
            combo.clear()
        self.task_combo.setEnabled(True)
        for i, (name, title) in enumerate(self._tasks):
            self.task_combo.addItem(QCoreApplication.translate(TITLES_CONTEXT, title), name)
            has = bool(self.entries_for(name))
            _set_item_enabled(
                self.task_combo,
                i,
                has,
                ""
                if has
                else self.tr("No trained model for this task yet: train one in the Train tab"),
            )
        if task is not None:
            self.task_combo.setCurrentIndex(self.task_combo.findData(task))
            archs = self._archs.get(task, [])
            if entry is None:
                with_models = [a for a, _ in archs if self.entries_for(task, a)]
                arch = (
                    self.preferred_arch(task)
                    if self.preferred_arch(task) in with_models
                    else (with_models or [None])[0]
                )
            else:
                arch = entry.arch
            if entry is not None and arch not in [a for a, _ in archs]:
                archs = [*archs, (arch, arch)]
            for i, (name, title) in enumerate(archs):
                self.arch_combo.addItem(QCoreApplication.translate(TITLES_CONTEXT, title), name)
                has = bool(self.entries_for(task, name))
                _set_item_enabled(
                    self.arch_combo,
                    i,
                    has,
                    "" if has else self.tr("No trained model with this architecture yet"),
                )
            self.arch_combo.setCurrentIndex(max(0, self.arch_combo.findData(arch)))
            for e in self.entries_for(task, arch):
                self.checkpoint_combo.addItem(entry_title(e), str(e.path))
                self.checkpoint_combo.setItemData(
                    self.checkpoint_combo.count() - 1, str(e.path), Qt.ItemDataRole.ToolTipRole
                )
            if entry is not None:
                self.checkpoint_combo.setCurrentIndex(
                    max(0, self.checkpoint_combo.findData(str(entry.path)))
                )
        if self.checkpoint_combo.count() == 0:
            self.checkpoint_combo.addItem(self.tr("No trained model"))
        self._add_unreadable()
        self.arch_combo.setEnabled(self.arch_combo.count() > 0)
        self.checkpoint_combo.setEnabled(
            self.checkpoint_combo.currentData() is not None or bool(self.unreadable_entries())
        )
        for combo in (self.task_combo, self.arch_combo, self.checkpoint_combo):
            combo.blockSignals(False)

    def _add_unreadable(self) -> None:
        """Checkpoints that cannot be read, at the end of the list: greyed out, the reason in
        their tooltip, so a file never silently vanishes (and is never loaded)."""
        for e in self.unreadable_entries():
            self.checkpoint_combo.addItem(entry_title(e), str(e.path))
            _set_item_enabled(
                self.checkpoint_combo, self.checkpoint_combo.count() - 1, False, text_of(e.problem)
            )

    def _fill_devices(self) -> None:
        combo = self.device_combo
        combo.blockSignals(True)
        combo.clear()
        for device in self._devices:
            combo.addItem(device_title(device), device.name)
            if not getattr(device, "available", True):
                _set_item_enabled(combo, combo.count() - 1, False, device.reason)
        if self._cuda_reason:
            combo.addItem(self.tr("CUDA (unavailable)"), "cuda")
            _set_item_enabled(
                combo,
                combo.count() - 1,
                False,
                self.tr("CUDA is unavailable: {0}").format(text_of(self._cuda_reason)),
            )
        index = combo.findData(self._current_device)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.setEnabled(True)
        combo.blockSignals(False)

    def cuda_item_index(self) -> int:
        """Index of the disabled CUDA entry, or -1 when CUDA is usable (for tests)."""
        return self.device_combo.findData("cuda") if self._cuda_reason else -1

    # ---- language ---------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.task_label.setText(self.tr("&Task:"))
        self.arch_label.setText(self.tr("&Network:"))
        self.checkpoint_label.setText(self.tr("&Weights:"))
        self.device_label.setText(self.tr("&Device:"))
        self.task_combo.setToolTip(
            self.tr("What the model does: read one digit, or read the sum of two")
        )
        self.arch_combo.setToolTip(self.tr("The network architecture"))
        self.checkpoint_combo.setToolTip(
            self.tr("Trained weights: shipped with the app, or trained by you")
        )
        self.device_combo.setToolTip(self.tr("Where the model runs"))
        if self._tasks:
            self._sync()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
