"""The Train tab: choose a task and settings, start/pause/stop a run, watch its curves, read the
results, compare the two adders on one budget.

Training happens in a TrainingJob (a worker in its own QThread); this panel only reacts to its
signals, so drawing and predicting keep working while a run trains.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_desk import catalog
from mnist_desk.acceleration import training_threads as threads_for
from mnist_desk.adder_comparison import comparison_settings, default_budget
from mnist_desk.checkpoints import CheckpointError, load_checkpoint
from mnist_desk.config import resolve_data_dir, resolve_models_dir
from mnist_desk.data import TRAIN_SIZE
from mnist_desk.devices import cuda_unavailable_reason, list_devices
from mnist_desk.errors import UserError
from mnist_desk.models import (
    CLASSIFIER,
    CLASSIFIERS,
    SCRATCH,
    TASK_TITLES,
    TASKS,
    TRANSFER,
    archs_for,
)
from mnist_desk.presets import PRESETS, QUICK, defaults_for, preset_of, preset_settings
from mnist_desk.training import (
    OPTIMIZERS,
    SCHEDULES,
    EvalEvent,
    StepEvent,
    TrainingResult,
    TrainingSettings,
    total_steps,
)
from mnist_desk.ui.i18n import LiveTexts, is_language_change
from mnist_desk.ui.model_picker import arch_title, task_title
from mnist_desk.ui.plots import ComparisonPlots, RunSeries, TrainingPlots
from mnist_desk.ui.run_results import RunResultsView, format_duration, status_title
from mnist_desk.ui.training_worker import (
    RunFailure,
    RunOutcome,
    TrainingJob,
    TrainingWorker,
    checkpoint_path_for,
)

# Jobs whose thread did not stop within shutdown's timeout: kept alive (and unparented, so no
# widget's destruction takes their running QThread with it) until their thread finishes.
_stopping_jobs: set[TrainingJob] = set()


def _let_go(job: TrainingJob) -> None:
    job.setParent(None)
    _stopping_jobs.add(job)
    job.ended.connect(lambda: _stopping_jobs.discard(job))


def wait_for_stopping_jobs(timeout_ms: int = 10_000) -> bool:
    """At exit: wait for jobs still stopping, so Python never destroys a running QThread."""
    return all(job.thread.wait(timeout_ms) for job in list(_stopping_jobs))


class ScientificSpinBox(QDoubleSpinBox):
    """A spin box for values spanning decades (learning rates): shown as 3e-3, stepped x2 or /2."""

    def __init__(self, minimum: float, maximum: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(12)
        self.setRange(minimum, maximum)

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        from PySide6.QtGui import QValidator

        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if value == 0:
            value = max(self.minimum(), 1e-5) if steps > 0 else 0.0
        else:
            value *= 2.0**steps
        self.setValue(min(self.maximum(), max(self.minimum(), value)))


def training_threads() -> int:
    """CPU threads for a run in the window (acceleration.training_threads explains the rule)."""
    return threads_for(interactive=True)


def final_val_error(result: TrainingResult) -> float | None:
    points = result.history.get("val") or []
    return points[-1]["error"] if points else None


def adder_verdict(
    transfer: TrainingResult | None, scratch: TrainingResult | None, steps: int
) -> str:
    """Which adder wins on the same budget, by how much, in one paragraph."""
    names = {TRANSFER: task_title(TRANSFER).lower(), SCRATCH: task_title(SCRATCH).lower()}
    missing = [
        names[t] for t, r in ((TRANSFER, transfer), (SCRATCH, scratch)) if not r or not r.test
    ]
    if missing:
        return QCoreApplication.translate(
            "TrainingPanel", "No verdict: the {0} did not produce a tested model."
        ).format(QCoreApplication.translate("TrainingPanel", " and the ").join(missing))
    assert transfer and scratch and transfer.test and scratch.test
    errors = {TRANSFER: 1 - transfer.test["accuracy"], SCRATCH: 1 - scratch.test["accuracy"]}
    vals = {TRANSFER: final_val_error(transfer), SCRATCH: final_val_error(scratch)}
    winner = min(errors, key=errors.get)
    loser = SCRATCH if winner == TRANSFER else TRANSFER
    gap = errors[loser] - errors[winner]
    if gap == 0:
        head = QCoreApplication.translate(
            "TrainingPanel", "A tie after {0:,} steps each: both make {1:.1%} test sum errors."
        ).format(steps, errors[winner])
    else:
        ratio = errors[loser] / errors[winner] if errors[winner] > 0 else math.inf
        times = (
            QCoreApplication.translate("TrainingPanel", "{0:.1f}× fewer mistakes").format(ratio)
            if math.isfinite(ratio)
            else QCoreApplication.translate("TrainingPanel", "no mistakes at all")
        )
        head = QCoreApplication.translate(
            "TrainingPanel",
            "<b>The {0} wins</b> after {1:,} steps each: test sum error "
            "{2:.1%} vs {3:.1%} ({4:.1f} points lower, {5}).",
        ).format(names[winner], steps, errors[winner], errors[loser], gap * 100, times)
    val_text = ""
    if vals[TRANSFER] is not None and vals[SCRATCH] is not None:
        val_text = " " + QCoreApplication.translate(
            "TrainingPanel", "Final validation error: transfer {0:.1%}, scratch {1:.1%}."
        ).format(vals[TRANSFER], vals[SCRATCH])
    timing = " " + QCoreApplication.translate(
        "TrainingPanel", "Training time: transfer {0}, scratch {1}."
    ).format(format_duration(transfer.elapsed), format_duration(scratch.elapsed))
    return head + val_text + timing + scratch_digits_sentence(scratch)


def scratch_digits_sentence(scratch: TrainingResult) -> str:
    """For a scratch adder that learned digits from sums: how well it reads them ("" otherwise)."""
    test = scratch.test or {}
    if "digit_test_accuracy_matched" not in test:
        return ""
    sentence = QCoreApplication.translate(
        "TrainingPanel",
        "The scratch adder never saw a digit label, yet it reads {0:.1%} of the test digits.",
    ).format(test["digit_test_accuracy"])
    if test.get("digit_matching") != list(range(10)):
        sentence += " " + QCoreApplication.translate(
            "TrainingPanel", "Its outputs are not yet the digits themselves ({0:.1%} once matched)."
        ).format(test["digit_test_accuracy_matched"])
    return " " + sentence


@dataclass
class AdderComparison:
    """The state of a "Compare adders" session: the runs still to go and those done."""

    steps: int
    pending: list[tuple[str, TrainingSettings]]
    results: dict[str, TrainingResult | None] = field(default_factory=dict)
    series: dict[str, RunSeries] = field(default_factory=dict)  # on the comparison plots


class TrainingPanel(QWidget):
    """Settings, controls, live curves, results and the adder comparison."""

    modelSaved = Signal(str)  # a new checkpoint: refresh model lists
    useModelRequested = Signal(str)  # switch the drawing pad to this checkpoint
    statusMessage = Signal(str)  # for the main window's status bar
    runningChanged = Signal(bool)

    ask_before_closing = True  # tests set this False to skip the question on close

    def __init__(
        self,
        data_dir: str | Path | None = None,
        models_dir: str | Path | None = None,
        parent: QWidget | None = None,
        download: bool = False,
    ):
        super().__init__(parent)
        self.data_dir = resolve_data_dir(data_dir) if data_dir else None
        self.download = download  # may a missing MNIST be downloaded when a run starts?
        self.models_dir = models_dir
        self.job: TrainingJob | None = None
        self.series: RunSeries | None = None
        self.comparison: AdderComparison | None = None
        self.last_outcome: RunOutcome | None = None
        self.run_count = 0
        self._closing = False
        # Settings the form does not show come from here; a classifier starts on the quick preset.
        self._base = preset_settings(QUICK)
        self._last_step: StepEvent | None = None  # the progress bar's text is made from it
        self._ended: Callable[[], str] | None = None  # the bar's text once a run has ended
        self.texts = LiveTexts()  # fixed texts, set again when the language changes

        self._build_form()
        self._build_controls()
        self._build_views()
        self._lay_out()
        self.refresh_classifiers()
        self._apply_defaults(CLASSIFIER, self._base.arch)
        self._set_running(False)
        app = QCoreApplication.instance()
        if app is not None:  # last line of defence: never leave a thread running at exit
            app.aboutToQuit.connect(self.shutdown)
            app.aboutToQuit.connect(wait_for_stopping_jobs)

    def set_data_source(self, data_dir: str | Path | None, download: bool) -> None:
        """Where the next run reads MNIST, and whether it may download it."""
        self.data_dir = resolve_data_dir(data_dir) if data_dir else None
        self.download = download

    # ---- building the widgets ----

    def _build_form(self) -> None:
        self.preset_box = QComboBox()
        for preset in PRESETS:
            self.preset_box.addItem("", preset)
        self.texts.items(self.preset_box, self._preset_title)
        self.texts.bind(
            self.preset_box.setToolTip,
            lambda: self.tr(
                "Quick: a small network, one pass and a bit over the training images, about "
                "99% test accuracy in seconds.\nStandard: the default ConvNet with augmentation "
                "over several epochs, as the shipped weights were trained (minutes)."
            ),
        )
        self.preset_label = self.texts.label(lambda: self.tr("Preset"))
        self.preset_box.currentIndexChanged.connect(self._on_preset_changed)
        self.task_box = QComboBox()
        for task in TASKS:
            self.task_box.addItem("", task)
        self.texts.items(self.task_box, lambda task: task_title(task, TASK_TITLES[task]))
        self.texts.bind(
            self.task_box.setToolTip,
            lambda: self.tr(
                "Classifier: reads one digit (0-9).\n"
                "Transfer adder: a trained classifier reads both digits, a small head adds them.\n"
                "Scratch adder: one network learns the sum (0-18) from the two images directly."
            ),
        )
        self.arch_box = QComboBox()  # filled by set_settings, for the chosen task
        self.texts.items(self.arch_box, self._arch_title)
        self.texts.bind(self.arch_box.setToolTip, lambda: self.tr("The network architecture"))
        self.init_box = QComboBox()
        self.texts.bind(
            self.init_box.setToolTip,
            lambda: self.tr(
                "The trained classifier the transfer adder starts from (shipped or yours); "
                "the architecture follows it"
            ),
        )
        self.init_label = self.texts.label(lambda: self.tr("Start from"))
        self.teacher_box = QComboBox()
        self.texts.bind(
            self.teacher_box.setToolTip,
            lambda: self.tr(
                "The trained classifier this transformer learns from (distillation): "
                "DeiT copies its answers, ViT-distill its softened probabilities"
            ),
        )
        self.teacher_label = self.texts.label(lambda: self.tr("Teacher"))
        self.device_box = QComboBox()
        for device in list_devices():
            self.device_box.addItem(device.title, device.name)
        if self.device_box.findData("cuda:0") < 0:
            self.device_box.addItem("", "cuda")
            self.texts.bind(
                lambda text: self.device_box.setItemText(self.device_box.findData("cuda"), text),
                lambda: self.tr("CUDA (unavailable)"),
            )
            item = self.device_box.model().item(self.device_box.count() - 1)
            item.setEnabled(False)
            item.setToolTip(cuda_unavailable_reason())
        self.texts.bind(
            self.device_box.setToolTip, lambda: self.tr("Where to train: the CPU or a CUDA GPU")
        )

        self.epochs_spin = QDoubleSpinBox()
        self.epochs_spin.setRange(0.1, 500)
        self.epochs_spin.setDecimals(1)
        self.texts.bind(
            self.epochs_spin.setToolTip,
            lambda: self.tr("Passes over the training set (or over the pairs drawn each epoch)"),
        )
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(0, 10_000_000)
        self.steps_spin.setSingleStep(100)
        self.texts.bind(self.steps_spin.setSpecialValueText, lambda: self.tr("by epochs"))
        self.texts.bind(
            self.steps_spin.setToolTip,
            lambda: self.tr("A fixed number of steps instead of epochs (0: use epochs)"),
        )
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 8192)
        self.texts.bind(
            self.batch_spin.setToolTip,
            lambda: self.tr("Examples per step; smaller uses less memory"),
        )
        self.lr_spin = ScientificSpinBox(1e-7, 1e7)
        self.texts.bind(
            self.lr_spin.setToolTip,
            lambda: self.tr(
                "Learning rate (peak rate with the one-cycle schedule); arrows halve or double it"
            ),
        )
        self.wd_spin = ScientificSpinBox(0.0, 10.0)
        self.texts.bind(
            self.wd_spin.setToolTip,
            lambda: self.tr("Weight decay: a pull of every weight towards zero"),
        )
        self.optimizer_box = QComboBox()
        self.optimizer_box.addItems(OPTIMIZERS)
        self.texts.bind(
            self.optimizer_box.setToolTip,
            lambda: self.tr("AdamW is a good default; SGD uses Nesterov momentum 0.9"),
        )
        self.schedule_box = QComboBox()
        self.schedule_box.addItems(SCHEDULES)
        self.texts.bind(
            self.schedule_box.setToolTip,
            lambda: self.tr("How the learning rate changes over the run"),
        )
        self.augment_check = QCheckBox()
        self.texts.bind(
            self.augment_check.setText, lambda: self.tr("Random shifts, rotations and zoom")
        )
        self.texts.bind(
            self.augment_check.setToolTip,
            lambda: self.tr("Augmentation: harder training, better on drawn digits"),
        )
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.texts.bind(
            self.seed_spin.setToolTip,
            lambda: self.tr("Fixes initial weights and data order, so runs can be compared"),
        )
        self.subset_spin = QSpinBox()
        self.subset_spin.setRange(0, TRAIN_SIZE)
        self.subset_spin.setSingleStep(1000)
        self.texts.bind(self.subset_spin.setSpecialValueText, lambda: self.tr("all 50,000"))
        self.texts.bind(
            self.subset_spin.setToolTip,
            lambda: self.tr("Train on the first N training images only, for quick experiments"),
        )

        self.steps_spin.valueChanged.connect(lambda steps: self.epochs_spin.setEnabled(steps == 0))
        self.task_box.currentIndexChanged.connect(self._on_task_changed)
        self.arch_box.currentIndexChanged.connect(self._on_arch_changed)
        self.init_box.currentIndexChanged.connect(self._on_init_changed)

    def _build_controls(self) -> None:
        self.start_button = QPushButton()
        self.texts.bind(self.start_button.setText, lambda: self.tr("Start"))
        self.texts.bind(
            self.start_button.setToolTip,
            lambda: self.tr("Train with these settings; the model is saved to your models folder"),
        )
        self.pause_button = QPushButton()
        self.texts.bind(self.pause_button.setToolTip, lambda: self.tr("Pause or resume the run"))
        self.stop_button = QPushButton()
        self.texts.bind(self.stop_button.setText, lambda: self.tr("Stop"))
        self.texts.bind(
            self.stop_button.setToolTip,
            lambda: self.tr("Stop now; the best model so far is tested and kept"),
        )
        self.compare_button = QPushButton()
        self.texts.bind(self.compare_button.setText, lambda: self.tr("Compare adders"))
        self.texts.bind(
            self.compare_button.setToolTip,
            lambda: self.tr(
                "Train the transfer adder, then the scratch adder, for the same number of steps "
                "(about a minute on two cores), with the seed, device and training images set "
                "here, and compare their error curves"
            ),
        )
        self.start_button.clicked.connect(lambda: self.start())
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.compare_button.clicked.connect(lambda: self.compare_adders())

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("idle"))
        self.phase_label = QLabel()
        self._phase: Callable[[], str] = str
        self.phase_label.setStyleSheet("color: #444;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

    def _build_views(self) -> None:
        self.plots = TrainingPlots()
        self.export_png_button = QPushButton()
        self.texts.bind(self.export_png_button.setText, lambda: self.tr("Export PNG…"))
        self.texts.bind(
            self.export_png_button.setToolTip,
            lambda: self.tr("Save the loss and error plots as an image"),
        )
        self.export_png_button.clicked.connect(self._export_curves)
        self.results = RunResultsView()
        self.results.useModelRequested.connect(self.useModelRequested)
        self.comparison_plots = ComparisonPlots()
        self.verdict = QLabel()
        self._set_verdict(
            lambda: self.tr(
                "“Compare adders” trains the transfer adder and then the scratch adder on the same "
                "budget and plots both validation curves here."
            )
        )
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_comparison_button = QPushButton()
        self.texts.bind(self.export_comparison_button.setText, lambda: self.tr("Export PNG…"))
        self.texts.bind(
            self.export_comparison_button.setToolTip,
            lambda: self.tr("Save the comparison plots as an image"),
        )
        self.export_comparison_button.clicked.connect(self._export_comparison)

        curves = QWidget()
        curves_layout = QVBoxLayout(curves)
        curves_layout.addWidget(self.plots, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_png_button)
        curves_layout.addLayout(row)
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        compare_layout.addWidget(self.comparison_plots, 1)
        row = QHBoxLayout()
        row.addWidget(self.verdict, 1)
        row.addWidget(self.export_comparison_button, 0, Qt.AlignmentFlag.AlignTop)
        compare_layout.addLayout(row)
        self.views = QTabWidget()
        self.views.addTab(curves, "")
        self.views.addTab(self.results, "")
        self.views.addTab(compare, "")
        self.texts.bind(lambda text: self.views.setTabText(0, text), lambda: self.tr("Curves"))
        self.texts.bind(lambda text: self.views.setTabText(1, text), lambda: self.tr("Results"))
        self.texts.bind(
            lambda text: self.views.setTabText(2, text), lambda: self.tr("Compare adders")
        )

    def _lay_out(self) -> None:
        form = QFormLayout()
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
        form.addRow(self.texts.label(lambda: self.tr("Seed")), self.seed_spin)
        form.addRow(self.texts.label(lambda: self.tr("Training images")), self.subset_spin)
        settings_box = self.settings_box = QGroupBox()
        self.texts.bind(settings_box.setTitle, lambda: self.tr("Run settings"))
        settings_box.setLayout(form)

        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(settings_box)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.compare_button)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.phase_label)
        left_layout.addWidget(self.banner)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(left.sizeHint().width() + 20)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.texts.refresh()
        for box in (self.init_box, self.teacher_box):
            if box.count() == 1 and box.itemData(0) is None:
                box.setItemText(0, self.tr("none yet: train a classifier first"))
        self._update_pause_button()
        if self._idle():
            self.progress.setFormat(self.tr("idle"))
        elif self._ended is not None:
            self.progress.setFormat(self._ended())
        elif self._last_step is not None:
            self._show_progress(self._last_step)
        self.phase_label.setText(self._phase())
        self.verdict.setText(self._verdict())

    def _preset_title(self, preset: str) -> str:
        if preset == QUICK:
            return self.tr("Quick (≈99% in seconds)")
        return self.tr("Standard (best accuracy, minutes)")

    def _on_preset_changed(self) -> None:
        preset = self.preset_box.currentData()
        if preset and self.task_box.currentData() == CLASSIFIER:
            self.set_settings(preset_settings(preset, self.settings_from_form()))

    @staticmethod
    def _arch_title(arch: str) -> str:
        return arch_title(arch, CLASSIFIERS[arch].title if arch in CLASSIFIERS else arch)

    def _set_phase(self, text: Callable[[], str]) -> None:
        """The line under the progress bar; a callable, so a language switch re-reads it."""
        self._phase = text
        self.phase_label.setText(text())

    def _set_verdict(self, text: Callable[[], str]) -> None:
        self._verdict = text
        self.verdict.setText(text())

    def _update_pause_button(self) -> None:
        paused = self.job is not None and self.job.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _idle(self) -> bool:
        return self.job is None and self.progress.value() <= 0

    # ---- the form ----
    def refresh_classifiers(self) -> None:
        """Fill the pickers of trained classifiers (transfer start, teacher): shipped and user's."""
        entries = [e for e in catalog.list_models(self.models_dir) if e.task == CLASSIFIER]
        for box in (self.init_box, self.teacher_box):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            for entry in entries:
                box.addItem(entry.title, str(entry.path))
                box.setItemData(box.count() - 1, entry.arch, Qt.ItemDataRole.UserRole + 1)
            if not entries:
                box.addItem(self.tr("none yet: train a classifier first"), None)
            preferred = current or str(catalog.default_classifier_path())
            box.setCurrentIndex(max(0, box.findData(preferred)))
            box.blockSignals(False)
        if self.task_box.currentData() == TRANSFER:
            self._on_init_changed()

    def _on_task_changed(self) -> None:
        task = self.task_box.currentData()
        arch = self.arch_box.currentData()
        if task == TRANSFER:
            arch = self.init_box.currentData(Qt.ItemDataRole.UserRole + 1) or arch
        if arch not in archs_for(task):
            arch = archs_for(task)[0]
        self._apply_defaults(task, arch)

    def _on_arch_changed(self) -> None:
        task, arch = self.task_box.currentData(), self.arch_box.currentData()
        if arch and arch != self._base.arch:
            self._apply_defaults(task, arch)

    def _on_init_changed(self) -> None:
        arch = self.init_box.currentData(Qt.ItemDataRole.UserRole + 1)
        if self.task_box.currentData() == TRANSFER and arch and arch != self.arch_box.currentData():
            self._apply_defaults(TRANSFER, arch)

    def _apply_defaults(self, task: str, arch: str) -> None:
        """Put the defaults for ``task`` and ``arch`` (presets.defaults_for) into the form,
        keeping device, subset and teacher."""
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
            seed=self.seed_spin.value(),
            train_subset=self.subset_spin.value() or None,
            init_from=self.init_box.currentData() if task == TRANSFER else None,
            teacher=self.teacher_box.currentData() if self._base.distill != "none" else None,
            num_threads=self._base.num_threads or training_threads(),
        )

    # ---- running ----
    @property
    def is_running(self) -> bool:
        return self.job is not None

    def start(
        self, settings: TrainingSettings | None = None, name: str | None = None, trainer=None
    ) -> bool:
        """Start a run in its own thread; False (with the reason shown) if it cannot start.
        ``trainer``: a prepared run to show instead (My digits' personal fine-tune)."""
        if self.job is not None:
            return False
        if settings is None:
            settings = self.settings_from_form()
        elif self.comparison is None:
            self.set_settings(settings)  # the form shows what is running
        if settings.task == TRANSFER and not settings.init_from:
            self.show_problem(
                self.tr(
                    "The transfer adder starts from a trained classifier, and none was found. "
                    "Train a classifier first (task: Single-digit classifier), or install the "
                    "shipped weights."
                )
            )
            return False
        if settings.distill != "none" and not settings.teacher:
            self.show_problem(
                self.tr(
                    "Distillation learns from a trained classifier (the teacher), and none was "
                    "found. Train a classifier first, or install the shipped weights."
                )
            )
            return False
        self.run_count += 1
        name = name or f"#{self.run_count} {settings.task}-{settings.arch}"
        try:
            worker = TrainingWorker(
                settings,
                name=name,
                data_dir=self.data_dir,
                download=self.download,
                output=None if trainer else checkpoint_path_for(settings, self.models_dir),
                trainer=trainer,
            )
        except (ValueError, UserError) as e:  # bad settings, a folder it cannot write
            self.show_problem(self.tr("Cannot start: {0}").format(e))
            return False
        worker.phaseChanged.connect(self._on_phase)
        worker.stepsReported.connect(self._on_steps)
        worker.evaluated.connect(self._on_eval)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.job = TrainingJob(worker, self)
        self.job.ended.connect(self._on_job_ended)
        self._closing = False
        self.banner.hide()
        self.series = self.plots.begin_run(name)
        if self.comparison is not None:
            self.comparison.series[settings.task] = self.comparison_plots.begin_run(
                name, self.series.color
            )
        self.progress.setRange(0, total_steps(settings))
        self.progress.setValue(0)
        self._last_step = None
        self._ended = None
        self.progress.setFormat(self.tr("starting…"))
        self._set_running(True)
        self.job.start()
        self.statusMessage.emit(self.tr("Training {0}…").format(name))
        return True

    def toggle_pause(self) -> None:
        if self.job is None:
            return
        if not self.job.paused:
            self.pause()
        else:
            self.resume()

    def pause(self) -> None:
        if self.job is not None:
            self.job.pause()
            self._update_pause_button()
            self._set_phase(lambda: self.tr("Paused"))

    def resume(self) -> None:
        if self.job is not None:
            self.job.resume()
            self._update_pause_button()
            self._set_phase(lambda: self.tr("Training…"))

    def stop(self) -> None:
        """Stop the run; the best model so far is tested and saved. Also ends a comparison."""
        if self.comparison is not None:
            self.comparison.pending.clear()
        if self.job is not None:
            self.job.cancel(keep=True)
            self._set_phase(lambda: self.tr("Stopping: testing the best model so far…"))
            self.pause_button.setEnabled(False)
            self.stop_button.setEnabled(False)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """End any run at once without saving, and wait for its thread. True if none is left."""
        self._closing = True
        self.comparison = None
        job, self.job = self.job, None
        if job is None:
            return True
        finished = job.stop_now(timeout_ms)
        if not finished:  # e.g. in the middle of a long evaluation: it ends on its own shortly
            _let_go(job)
        self._set_running(False)
        self._show_ended(lambda: status_title("stopped"))
        self._set_phase(lambda: self.tr("Stopped") if finished else self.tr("Still stopping…"))
        return finished

    def confirm_stop(self) -> bool:
        """Ask whether a run in progress may be discarded (tests turn ``ask_before_closing`` off)."""
        if not self.ask_before_closing:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Training in progress"),
            self.tr("A training run is in progress. Stop it and close? The run will not be saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def request_close(self) -> bool:
        """For the window's closeEvent: ask if a run is going, then stop it. False: stay open."""
        if self.job is None:
            return True
        if not self.confirm_stop():
            return False
        self.shutdown()
        return True

    def closeEvent(self, event) -> None:  # when the panel is a window of its own
        if self.request_close():
            event.accept()
        else:
            event.ignore()

    # ---- signals from the worker ----
    @Slot(str)
    def _on_phase(self, text: str) -> None:
        if not self._closing:
            self._set_phase(lambda: text)

    @Slot(list)
    def _on_steps(self, events: list[StepEvent]) -> None:
        if self._closing or self.series is None or not events:
            return
        self.plots.add_steps(self.series, events)
        self._show_progress(events[-1])

    @Slot(object)
    def _on_eval(self, event: EvalEvent) -> None:
        if self._closing or self.series is None:
            return
        self.plots.add_eval(self.series, event)
        if self.comparison is not None and self.job is not None:
            series = self.comparison.series.get(self.job.settings.task)
            if series is not None:
                self.comparison_plots.add_eval(series, event)

    def _show_ended(self, status: Callable[[], str]) -> None:
        """The bar after a run: how it ended and the steps done; an ETA would be stale now."""

        def text() -> str:
            step = self._last_step
            if step is None:
                return status()
            return self.tr("{0} · step {1:,}/{2:,}").format(status(), step.step, step.total_steps)

        self._ended = text
        self.progress.setFormat(text())

    def _show_progress(self, event: StepEvent) -> None:
        self._last_step = event
        self.progress.setMaximum(event.total_steps)
        self.progress.setValue(event.step)
        if event.elapsed <= 0:
            return
        images_per_s = event.images_seen / event.elapsed
        eta = (event.total_steps - event.step) * event.elapsed / event.step
        epochs = event.total_steps * event.epoch / event.step
        self.progress.setFormat(
            self.tr("epoch {0:.1f}/{1:.1f} · step {2:,}/{3:,} · {4:,.0f} img/s · ETA {5}").format(
                event.epoch,
                epochs,
                event.step,
                event.total_steps,
                images_per_s,
                format_duration(eta),
            )
        )

    @Slot(object)
    def _on_finished(self, outcome: RunOutcome) -> None:
        if self._closing:
            return
        self.plots.flush()
        result = outcome.result
        if result.status in ("completed", "early-stopped"):
            self.progress.setValue(self.progress.maximum())
        self._record(outcome)

        def accuracy() -> str:
            if not result.test:
                return ""
            return self.tr(", test accuracy {0:.2%}").format(result.test["accuracy"])

        self._set_phase(lambda: status_title(result.status) + accuracy())
        self._show_ended(lambda: status_title(result.status))
        self.statusMessage.emit(f"{outcome.name}: {result.message}{accuracy()}")

    @Slot(object)
    def _on_failed(self, failure: RunFailure) -> None:
        if self._closing:
            return
        self.plots.flush()
        message, outcome = failure.message, failure.outcome
        self.show_problem(message)
        self._set_phase(lambda: self.tr("Failed"))
        self._show_ended(lambda: self.tr("Failed"))
        self.statusMessage.emit(message.splitlines()[0])
        if outcome is not None:
            self._record(outcome, problem=message)

    def _record(self, outcome: RunOutcome, problem: str = "") -> None:
        self.last_outcome = outcome
        self.results.show_outcome(outcome, problem)
        if self.comparison is not None:
            self.comparison.results[outcome.result.settings["task"]] = outcome.result
        elif not problem:
            self.views.setCurrentWidget(self.results)
        if outcome.result.checkpoint:
            self.modelSaved.emit(outcome.result.checkpoint)
            self.refresh_classifiers()

    @Slot(object)
    def _on_job_ended(self, job: TrainingJob) -> None:
        job.deleteLater()
        if job is not self.job:  # a job already let go by shutdown()
            return
        self.job = None
        self.plots.flush()
        if self._ended is None:  # ended with no result (cancelled without keeping anything)
            self._show_ended(lambda: status_title("stopped"))
        self._set_running(False)
        if self.comparison is not None:
            self._continue_comparison()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.compare_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self._update_pause_button()
        for widget in (
            self.task_box,
            self.preset_box,
            self.arch_box,
            self.init_box,
            self.device_box,
        ):
            widget.setEnabled(not running)
        # The whole form is locked during a run (the form shows what is running); a widget that
        # enables itself meanwhile (Epochs, when Steps changes) stays locked with its group.
        self.settings_box.setEnabled(not running)
        if not running and self.task_box.currentData() == TRANSFER:
            self.arch_box.setEnabled(False)  # follows the chosen classifier
        self.runningChanged.emit(running)

    # ---- comparing the adders ----
    def compare_adders(self, budget: TrainingSettings | None = None) -> bool:
        """Train the transfer adder, then the scratch adder, on ``budget``'s steps, batch size,
        seed, device and data subsets, and compare them. The default budget is
        ``adder_comparison.default_budget``: a minute's worth of steps on the form's device."""
        if self.job is not None:
            return False
        budget = budget or default_budget(self.settings_from_form())
        init_from = budget.init_from or self.init_box.currentData()
        if not init_from:
            self.show_problem(
                self.tr(
                    "Comparing the adders needs a trained classifier for the transfer adder; "
                    "none was found. Train a classifier first."
                )
            )
            return False
        try:
            arch = load_checkpoint(init_from).arch
        except CheckpointError as e:
            self.show_problem(str(e))
            return False
        steps, transfer, scratch = comparison_settings(budget, init_from, arch)
        self.comparison = AdderComparison(
            steps,
            [
                (f"{TASK_TITLES[TRANSFER]} ({arch})", transfer),
                (TASK_TITLES[SCRATCH], scratch),
            ],
        )
        self.comparison_plots.clear()
        self._set_verdict(
            lambda: self.tr("Training both adders for {0:,} steps each…").format(steps)
        )
        self.views.setCurrentIndex(2)
        return self._continue_comparison()

    def _continue_comparison(self) -> bool:
        comparison = self.comparison
        assert comparison is not None
        if comparison.pending:
            name, settings = comparison.pending.pop(0)
            if self.start(settings, name=name):
                return True
            comparison.results[settings.task] = None
        self.comparison = None
        self._set_verdict(
            lambda: adder_verdict(
                comparison.results.get(TRANSFER), comparison.results.get(SCRATCH), comparison.steps
            )
        )
        self.statusMessage.emit(self.tr("Adder comparison finished"))
        return False

    # ---- messages and exports ----
    def show_problem(self, message: str) -> None:
        """An inline, non-modal error banner (no dialog to block on) and the status bar."""
        self.banner.setText(message)
        self.banner.setStyleSheet(
            "QLabel { background: #fde8e8; color: #8a1010; border: 1px solid #e0a0a0;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.banner.show()
        self.statusMessage.emit(message.splitlines()[0])

    def choose_save_path(self, caption: str, suggested: str, filter_: str) -> str:
        """Ask where to save; tests replace this to avoid the modal dialog."""
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path

    def _export_curves(self) -> None:
        self._export_png(self.plots, "training-curves")

    def _export_comparison(self) -> None:
        self._export_png(self.comparison_plots, "adder-comparison")

    def _export_png(self, plots: TrainingPlots | ComparisonPlots, stem: str) -> None:
        suggested = resolve_models_dir(self.models_dir) / f"{stem}.png"
        path = self.choose_save_path(self.tr("Export curves"), str(suggested), "PNG (*.png)")
        if path:
            plots.export_png(path)
            self.statusMessage.emit(self.tr("Saved {0}").format(path))
