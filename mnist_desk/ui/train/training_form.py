"""The Train tab's settings form: the ``TrainingSettings`` a run starts with, shown and edited.

``set_settings`` shows settings (fields without a widget are kept as they are) and
``settings_from_form`` reads them back; choosing a task, an architecture, a preset or the
transfer adder's starting classifier puts that choice's defaults in (``presets.defaults_for``).
The trained classifiers and the devices are read off the GUI thread (``form_choices``) and come
in through ``set_choices``; until then the device box offers the CPU alone.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.training_session import TrainChoices
from mnist_desk.data.mnist import TRAIN_SIZE
from mnist_desk.errors import UserError
from mnist_desk.models import CLASSIFIER, CLASSIFIERS, TASK_TITLES, TASKS, TRANSFER, archs_for
from mnist_desk.support.acceleration import training_threads
from mnist_desk.training import OPTIMIZERS, SCHEDULES, TrainingSettings
from mnist_desk.training.presets import (
    BEST,
    PRESETS,
    QUICK,
    QUICK_ARCH,
    defaults_for,
    preset_of,
    preset_settings,
)
from mnist_desk.ui.draw.model_picker import arch_title, task_title
from mnist_desk.ui.eliding_combo import ElidingComboBox
from mnist_desk.ui.i18n import LiveTexts, is_language_change
from mnist_desk.ui.train.form_choices import (
    ARCH_ROLE,
    ChoicesReader,
    fill_classifiers,
    fill_devices,
)
from mnist_desk.ui.train.form_tips import choice_tips, number_tips
from mnist_desk.ui.train.scientific_spin_box import ScientificSpinBox

# The task list's last entry: the classifier in use fine-tuned on the user's digits (My digits),
# with the recipe of mnist_desk.personal.fine_tune rather than this form's settings.
PERSONALISED = "classifier-personalised"


class TrainingForm(QWidget):
    """The run settings, in a group box; locked while a run shows in it."""

    choicesFailed = Signal(str)  # the classifiers or devices could not be read: why

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._reader = ChoicesReader(self)
        self._reader.ready.connect(self._on_choices)
        self._reader.failed.connect(self.choicesFailed)
        self.choices_ready = False  # the classifiers and devices have been read at least once
        # Settings the form does not show come from here; a classifier starts on the quick preset.
        self._base = preset_settings(QUICK)
        self._restoring: TrainingSettings | None = None  # the last session's, once choices arrive
        self.texts = LiveTexts()  # fixed texts, set again when the language changes
        self._build_choices()
        self._build_numbers()
        self._lay_out()
        self.set_choices(TrainChoices(), initial=True)
        self.apply_defaults(CLASSIFIER, self._base.arch)

    def _build_choices(self) -> None:
        self.preset_box = ElidingComboBox()
        for preset in PRESETS:
            self.preset_box.addItem("", preset)
        self.texts.items(self.preset_box, self._preset_title)
        self.preset_label = self.texts.label(lambda: self.tr("Preset"))
        self.preset_box.currentIndexChanged.connect(self._on_preset_changed)
        self.task_box = ElidingComboBox()
        for task in (*TASKS, PERSONALISED):
            self.task_box.addItem("", task)
        self.texts.items(self.task_box, self._task_title)
        self.arch_box = ElidingComboBox()  # filled by set_settings, for the chosen task
        self.texts.items(self.arch_box, self._arch_title)
        self.init_box = ElidingComboBox()
        self.init_label = self.texts.label(lambda: self.tr("Start from"))
        self.teacher_box = ElidingComboBox()
        self.teacher_label = self.texts.label(lambda: self.tr("Teacher"))
        self.device_box = ElidingComboBox()
        self._choices: tuple[TrainChoices, bool] | None = None  # what filled the pickers
        tips = choice_tips(self)
        for widget, tip in tips.items():
            self.texts.bind(widget.setToolTip, tip)
        self.task_box.currentIndexChanged.connect(self._on_task_changed)
        self.arch_box.currentIndexChanged.connect(self._on_arch_changed)
        self.init_box.currentIndexChanged.connect(self._on_init_changed)

    def _build_numbers(self) -> None:
        self.epochs_spin = QDoubleSpinBox()
        self.epochs_spin.setRange(0.1, 500)
        self.epochs_spin.setDecimals(1)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(0, 10_000_000)
        self.steps_spin.setSingleStep(100)
        self.texts.bind(self.steps_spin.setSpecialValueText, lambda: self.tr("by epochs"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 8192)
        self.lr_spin = ScientificSpinBox(1e-7, 1e7)
        self.wd_spin = ScientificSpinBox(0.0, 10.0)
        self.optimizer_box = QComboBox()
        self.optimizer_box.addItems(OPTIMIZERS)
        self.schedule_box = QComboBox()
        self.schedule_box.addItems(SCHEDULES)
        self.augment_check = QCheckBox()
        self.texts.bind(
            self.augment_check.setText, lambda: self.tr("Random shifts, rotations and zoom")
        )
        self.drawn_check = QCheckBox()
        self.texts.bind(
            self.drawn_check.setText, lambda: self.tr("Printed, bold and template digits")
        )
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.subset_spin = QSpinBox()
        self.subset_spin.setRange(0, TRAIN_SIZE)
        self.subset_spin.setSingleStep(1000)
        self.texts.bind(self.subset_spin.setSpecialValueText, lambda: self.tr("all 50,000"))
        self.steps_spin.valueChanged.connect(lambda steps: self.epochs_spin.setEnabled(steps == 0))
        tips = number_tips(self)
        for widget, tip in tips.items():
            self.texts.bind(widget.setToolTip, tip)

    def _lay_out(self) -> None:
        form = QFormLayout()
        # a narrow window puts a long row's field under its label, not the window wider
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.texts.label(lambda: self.tr("Task")), self.task_box)
        form.addRow(self.preset_label, self.preset_box)
        form.addRow(self.texts.label(lambda: self.tr("Architecture")), self.arch_box)
        form.addRow(self.init_label, self.init_box)
        form.addRow(self.teacher_label, self.teacher_box)
        form.addRow(self.texts.label(lambda: self.tr("Device")), self.device_box)
        form.addRow(self.texts.label(lambda: self.tr("Epochs")), self.epochs_spin)
        form.addRow(self.texts.label(lambda: self.tr("Steps")), self.steps_spin)
        form.addRow(self.texts.label(lambda: self.tr("Batch size")), self.batch_spin)
        form.addRow(self.texts.label(lambda: self.tr("Learning rate")), self.lr_spin)
        form.addRow(self.texts.label(lambda: self.tr("Weight decay")), self.wd_spin)
        form.addRow(self.texts.label(lambda: self.tr("Optimizer")), self.optimizer_box)
        form.addRow(self.texts.label(lambda: self.tr("LR schedule")), self.schedule_box)
        form.addRow(self.texts.label(lambda: self.tr("Augment")), self.augment_check)
        form.addRow(self.texts.label(lambda: self.tr("Drawn digits")), self.drawn_check)
        form.addRow(self.texts.label(lambda: self.tr("Seed")), self.seed_spin)
        form.addRow(self.texts.label(lambda: self.tr("Training images")), self.subset_spin)
        # a long choice ends in "…" on a small screen (whole in its tip), not a wider window
        self.settings_box = QGroupBox()
        self.texts.bind(self.settings_box.setTitle, lambda: self.tr("Run settings"))
        self.settings_box.setLayout(form)
        for box in self.settings_box.findChildren(QComboBox):
            box.setMinimumWidth(box.fontMetrics().averageCharWidth() * 14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.settings_box)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            if self._choices is not None:  # the classifiers, the CPU's threads, CUDA's reason
                self.set_choices(*self._choices)
        super().changeEvent(event)

    def _preset_title(self, preset: str) -> str:
        if preset == QUICK:
            return self.tr("Quick (≈99% in seconds)")
        if preset == BEST:
            return self.tr("Best (≥99.5%, reads drawn digits, minutes)")
        return self.tr("Standard (the shipped weights' recipe, minutes)")

    def _task_title(self, task: str) -> str:
        if task == PERSONALISED:
            return self.tr("Classifier, personalised (My digits)")
        return task_title(task, TASK_TITLES[task])

    def show_personalised(self) -> None:
        """Show the personal fine-tune as the task (it runs with settings of its own)."""
        self.task_box.blockSignals(True)
        self.task_box.setCurrentIndex(self.task_box.findData(PERSONALISED))
        self.task_box.blockSignals(False)
        self._enable_for_task()

    def _enable_for_task(self) -> None:
        """The personal fine-tune has its own recipe: the form's settings do not apply to it."""
        personalised = self.task_box.currentData() == PERSONALISED
        form = self.settings_box.layout()
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            if field is not self.task_box:  # the task stays: the way back to the others
                field.setEnabled(not personalised)
        self.epochs_spin.setEnabled(not personalised and self.steps_spin.value() == 0)

    @staticmethod
    def _arch_title(arch: str) -> str:
        return arch_title(arch, CLASSIFIERS[arch].title if arch in CLASSIFIERS else arch)

    def set_locked(self, locked: bool) -> None:
        """The whole form is locked during a run (it shows what is running); a widget that
        enables itself meanwhile (Epochs, when Steps changes) stays locked with its group."""
        for widget in (self.task_box, self.preset_box, self.arch_box, self.init_box):
            widget.setEnabled(not locked)
        self.device_box.setEnabled(not locked)
        self.settings_box.setEnabled(not locked)
        if not locked and self.task_box.currentData() == TRANSFER:
            self.arch_box.setEnabled(False)  # follows the chosen classifier
        if not locked and self.task_box.currentData() == PERSONALISED:
            self._enable_for_task()

    # ---- the choices read off the GUI thread ----
    def refresh_choices(self, models_dir=None) -> None:
        """Read the trained classifiers (shipped and the user's) and the devices in the
        background (checkpoints and CUDA take disk and torch); shown when they arrive."""
        self._reader.read(models_dir)

    def _on_choices(self, choices: TrainChoices) -> None:
        self.set_choices(choices)
        self.choices_ready = True
        if self._restoring is not None:  # its classifiers and devices can be picked now
            self.set_settings(self._restoring)
            self._restoring = None
            if self.task_box.currentData() == TRANSFER:  # its start may have been deleted
                self._on_init_changed()

    def set_choices(self, choices: TrainChoices, initial: bool = False) -> None:
        """Fill the pickers of trained classifiers (transfer start, teacher) and the devices."""
        for box in (self.init_box, self.teacher_box):
            fill_classifiers(box, choices, self.tr("none yet: train a classifier first"))
        self._choices = (choices, initial)
        self._fill_devices()
        if self.task_box.currentData() == TRANSFER:
            self._on_init_changed()

    def _fill_devices(self) -> None:
        fill_devices(self.device_box, *self._choices, self.tr("CUDA (unavailable)"))

    # ---- what a choice changes ----
    def _on_preset_changed(self) -> None:
        preset = self.preset_box.currentData()
        if preset and self.task_box.currentData() == CLASSIFIER:
            self.set_settings(preset_settings(preset, self.settings_from_form()))

    def _on_task_changed(self) -> None:
        task = self.task_box.currentData()
        self._enable_for_task()
        if task == PERSONALISED:
            return
        arch = self.arch_box.currentData()
        if task == TRANSFER:
            arch = self.init_box.currentData(ARCH_ROLE) or arch
        if arch not in archs_for(task):
            arch = archs_for(task)[0]
        self.apply_defaults(task, arch)

    def _on_arch_changed(self) -> None:
        task, arch = self.task_box.currentData(), self.arch_box.currentData()
        if arch and arch != self._base.arch:
            self.apply_defaults(task, arch)

    def _on_init_changed(self) -> None:
        arch = self.init_box.currentData(ARCH_ROLE)
        if self.task_box.currentData() == TRANSFER and arch and arch != self.arch_box.currentData():
            self.apply_defaults(TRANSFER, arch)

    def apply_defaults(self, task: str, arch: str) -> None:
        """Put the defaults for ``task`` and ``arch`` (presets.defaults_for) into the form,
        keeping device, subset and teacher. QuickNet as a classifier is the Quick preset, drawn
        digits and all, as the preset list then says."""
        if task == CLASSIFIER and arch == QUICK_ARCH:
            defaults = preset_settings(QUICK)
        else:
            defaults = defaults_for(task, arch)
        if defaults.distill != "none":
            defaults.teacher = self.teacher_box.currentData() or defaults.teacher
        self.set_settings(
            replace(
                defaults,
                device=self.device_box.currentData() or "cpu",
                train_subset=self.subset_spin.value() or None,
            )
        )

    def classifier_arch(self, path: str) -> str | None:
        """The architecture of a listed trained classifier (None if it is not listed)."""
        index = self.init_box.findData(str(path))
        return self.init_box.itemData(index, ARCH_ROLE) if index >= 0 else None

    # ---- settings in and out ----
    def remembered(self) -> dict:
        """What the form shows, to be shown again at the next start ({} for the personal
        fine-tune, which has settings of its own)."""
        if self.task_box.currentData() == PERSONALISED:
            return {}
        return replace(self.settings_from_form(), num_threads=None).to_dict()

    def restore(self, values: dict) -> bool:
        """Show settings ``remembered`` gave (at once, and again once the trained classifiers
        and devices have been read); False, leaving the form as it is, if they are unusable."""
        if not values:
            return False
        try:
            settings = TrainingSettings.from_dict(values)
            settings.validate()
        except (TypeError, ValueError, UserError):
            return False
        self.set_settings(settings)
        self._restoring = None if self.choices_ready else settings
        return True

    def set_settings(self, settings: TrainingSettings) -> None:
        """Show ``settings`` in the form; fields it has no widget for are kept as they are."""
        self._base = replace(settings)
        widgets = (self.task_box, self.arch_box, self.init_box, self.preset_box)
        for widget in widgets:
            widget.blockSignals(True)
        self.task_box.setCurrentIndex(self.task_box.findData(settings.task))
        preset = preset_of(settings)
        if preset is not None:
            self.preset_box.setCurrentIndex(self.preset_box.findData(preset))
        self.preset_box.setVisible(preset is not None)
        self.preset_label.setVisible(preset is not None)
        self.arch_box.clear()
        for arch in archs_for(settings.task):
            self.arch_box.addItem(self._arch_title(arch), arch)
        self.arch_box.setCurrentIndex(max(0, self.arch_box.findData(settings.arch)))
        transfer = settings.task == TRANSFER
        self.arch_box.setEnabled(not transfer and len(archs_for(settings.task)) > 1)
        self.init_box.setVisible(transfer)
        self.init_label.setVisible(transfer)
        if transfer and settings.init_from:
            index = self.init_box.findData(str(settings.init_from))
            if index >= 0:
                self.init_box.setCurrentIndex(index)
        distilled = settings.distill != "none"
        self.teacher_box.setVisible(distilled)
        self.teacher_label.setVisible(distilled)
        if distilled and settings.teacher:
            index = self.teacher_box.findData(str(settings.teacher))
            if index >= 0:
                self.teacher_box.setCurrentIndex(index)
        for widget in widgets:
            widget.blockSignals(False)
        device = self.device_box.findData(settings.device)
        if device >= 0:
            self.device_box.setCurrentIndex(device)
        self.epochs_spin.setValue(settings.epochs)
        self.steps_spin.setValue(settings.max_steps or 0)
        self.batch_spin.setValue(settings.batch_size)
        self.lr_spin.setValue(settings.lr)
        self.wd_spin.setValue(settings.weight_decay)
        self.optimizer_box.setCurrentText(settings.optimizer)
        self.schedule_box.setCurrentText(settings.schedule)
        self.augment_check.setChecked(settings.augment)
        self.drawn_check.setChecked(settings.drawn)
        self.seed_spin.setValue(settings.seed)
        self.subset_spin.setValue(settings.train_subset or 0)

    def settings_from_form(self) -> TrainingSettings:
        """The settings the form shows, on top of the task's defaults for the rest."""
        task = self.task_box.currentData()
        return replace(
            self._base,
            model_kwargs=dict(self._base.model_kwargs),
            task=task,
            arch=self.arch_box.currentData(),
            device=self.device_box.currentData() or "cpu",
            epochs=self.epochs_spin.value(),
            max_steps=self.steps_spin.value() or None,
            batch_size=self.batch_spin.value(),
            lr=self.lr_spin.value(),
            weight_decay=self.wd_spin.value(),
            optimizer=self.optimizer_box.currentText(),
            schedule=self.schedule_box.currentText(),
            augment=self.augment_check.isChecked(),
            drawn=self.drawn_check.isChecked(),
            seed=self.seed_spin.value(),
            train_subset=self.subset_spin.value() or None,
            init_from=self.init_box.currentData() if task == TRANSFER else None,
            teacher=self.teacher_box.currentData() if self._base.distill != "none" else None,
            # CPU threads for a run in the window (acceleration.training_threads says why)
            num_threads=self._base.num_threads or training_threads(interactive=True),
        )
