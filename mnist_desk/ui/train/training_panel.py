"""The Train tab: choose a task and settings, start/pause/stop a run, watch its curves, read the
results, compare the two adders on one budget.

The panel is a view of a ``TrainingSession`` (``mnist_desk.app.training_session``: the run's
lifecycle, results, the adder comparison) made of smaller views: ``TrainingForm`` (the settings),
``RunControls`` (buttons, progress, phase), ``TrainingPlots`` (live curves), ``RunResultsView``
and ``ComparisonView``. Training happens in a worker thread; the panel only reacts to its signals,
so drawing and predicting keep working while a run trains. The trained classifiers and the devices
the form offers are read in the background too (``ui.background``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.comparison import AdderComparison
from mnist_desk.app.training_run import Phase, TrainingRun
from mnist_desk.app.training_session import (
    RunFailure,
    RunOutcome,
    StartProblem,
    TrainingSession,
    checkpoint_path_for,
    start_problem,
)
from mnist_desk.errors import UserError
from mnist_desk.store.checkpoints import CheckpointError, load_checkpoint
from mnist_desk.support.config import resolve_data_dir, resolve_models_dir
from mnist_desk.training import EvalEvent, StepEvent, TrainingSettings, total_steps
from mnist_desk.training.adder_comparison import default_budget
from mnist_desk.ui.background import BackgroundJob, JobError
from mnist_desk.ui.i18n import LiveTexts, is_language_change
from mnist_desk.ui.train.comparison_view import ComparisonView
from mnist_desk.ui.train.plots import RunSeries, TrainingPlots
from mnist_desk.ui.train.run_controls import RunControls
from mnist_desk.ui.train.run_results import RunResultsView, status_title
from mnist_desk.ui.train.training_form import PERSONALISED, TrainingForm


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
        self.session = TrainingSession()
        self.job: BackgroundJob | None = None  # the run in progress, in its worker thread
        self._run_task = ""  # the task of the run in progress
        self.start_personalised: Callable[[], bool] = lambda: False  # set by the My digits tab
        self.series: RunSeries | None = None
        self._closing = False
        self.texts = LiveTexts()

        self.form = TrainingForm()
        self.form.choicesFailed.connect(self.statusMessage)
        self.run_controls = RunControls()
        self.plots = TrainingPlots()
        self.results = RunResultsView()
        self.results.useModelRequested.connect(self.useModelRequested)
        self.comparison_view = ComparisonView()
        self.comparison_view.exportRequested.connect(self._export_comparison)
        controls = self.run_controls
        controls.start_button.clicked.connect(lambda: self.start())
        controls.pause_button.clicked.connect(self.toggle_pause)
        controls.stop_button.clicked.connect(self.stop)
        controls.compare_button.clicked.connect(lambda: self.compare_adders())
        self._lay_out()
        self._show_state()
        self.refresh_classifiers()
        app = QCoreApplication.instance()
        if app is not None:  # last line of defence: never leave a thread running at exit
            app.aboutToQuit.connect(self.shutdown)

    def _lay_out(self) -> None:
        self.export_png_button = QPushButton()
        self.texts.bind(self.export_png_button.setText, lambda: self.tr("Export PNG…"))
        self.texts.bind(
            self.export_png_button.setToolTip,
            lambda: self.tr("Save the loss and error plots as an image"),
        )
        self.export_png_button.clicked.connect(self._export_curves)
        curves = QWidget()
        curves_layout = QVBoxLayout(curves)
        curves_layout.addWidget(self.plots, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_png_button)
        curves_layout.addLayout(row)
        self.views = QTabWidget()
        for index, (view, title) in enumerate(
            (
                (curves, lambda: self.tr("Curves")),
                (self.results, lambda: self.tr("Results")),
                (self.comparison_view, lambda: self.tr("Compare adders")),
            )
        ):
            self.views.addTab(view, "")
            self.texts.bind(lambda text, i=index: self.views.setTabText(i, text), title)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.run_controls)
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
            self.texts.refresh()
        super().changeEvent(event)

    def set_data_source(self, data_dir: str | Path | None, download: bool) -> None:
        """Where the next run reads MNIST, and whether it may download it."""
        self.data_dir = resolve_data_dir(data_dir) if data_dir else None
        self.download = download

    def refresh_classifiers(self) -> None:
        """Read the trained classifiers and the devices again (in the background)."""
        self.form.refresh_choices(self.models_dir)

    # ---- running ----
    @property
    def is_running(self) -> bool:
        return self.job is not None

    @property
    def run_count(self) -> int:
        return self.session.run_count

    @property
    def last_outcome(self) -> RunOutcome | None:
        return self.session.last_outcome

    @property
    def comparison(self) -> AdderComparison | None:
        return self.session.comparison

    def settings_from_form(self) -> TrainingSettings:
        return self.form.settings_from_form()

    def set_settings(self, settings: TrainingSettings) -> None:
        self.form.set_settings(settings)

    def start(
        self, settings: TrainingSettings | None = None, name: str | None = None, trainer=None
    ) -> bool:
        """Start a run in its own thread; False (with the reason shown) if it cannot start.
        ``trainer``: a prepared run to show instead (My digits' personal fine-tune)."""
        if self.job is not None:
            return False
        if settings is None and self.form.task_box.currentData() == PERSONALISED:
            return self.start_personalised()  # My digits prepares it: it knows the digits
        if settings is None:
            settings = self.form.settings_from_form()
        elif self.session.comparison is None:
            self.form.set_settings(settings)  # the form shows what is running
            if trainer is not None:
                self.form.show_personalised()
        problem = start_problem(settings)
        if problem is not None:
            self.show_problem(self.run_controls.problem_text(problem))
            return False
        name = self.session.begin(settings, name)
        try:
            run = TrainingRun(
                settings,
                name=name,
                data_dir=self.data_dir,
                download=self.download,
                output=None if trainer else checkpoint_path_for(settings, self.models_dir),
                trainer=trainer,
            )
        except (ValueError, UserError) as e:  # bad settings, a folder it cannot write
            self.session.not_started()
            self.show_problem(self.tr("Cannot start: {0}").format(e))
            return False
        self.job = BackgroundJob(run.run, name=f"training: {name}", controls=run)
        self.job.event.connect(self._on_run_event)
        self.job.finished.connect(self._on_run_end)
        self.job.failed.connect(self._on_job_failed)
        self.job.ended.connect(self._on_job_ended)
        self._run_task = settings.task
        self._closing = False
        self.series = self.plots.begin_run(name)
        if self.session.comparison is not None:
            self.comparison_view.begin_run(settings.task, name, self.series.color)
        self.run_controls.show_starting(total_steps(settings))
        self._show_state()
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
            self.session.pause()
            self._show_state()
            self.run_controls.set_phase(lambda: self.tr("Paused"))

    def resume(self) -> None:
        if self.job is not None:
            self.job.resume()
            self.session.resume()
            self._show_state()
            self.run_controls.set_phase(lambda: self.tr("Training…"))

    def stop(self) -> None:
        """Stop the run; the best model so far is tested and saved. Also ends a comparison."""
        self.session.stop()
        if self.job is not None:
            self.job.cancel(keep=True)
            self.run_controls.set_phase(lambda: self.tr("Stopping: testing the best model so far…"))
            self._show_state()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """End any run at once without saving, and wait for its thread. True if none is left."""
        self._closing = True
        self.session.abandon()
        job, self.job = self.job, None
        if job is None:
            return True
        # Not finished in time (e.g. in the middle of a long evaluation): it ends on its own
        # shortly; the adapter keeps the job alive till then, and exit waits for it.
        finished = job.stop_now(timeout_ms, keep=False)
        self._show_state()
        self.run_controls.show_ended(lambda: status_title("stopped"))
        self.run_controls.set_phase(
            lambda: self.tr("Stopped") if finished else self.tr("Still stopping…")
        )
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

    # ---- what the run reports, in the GUI thread ----
    @Slot(object)
    def _on_run_event(self, event: object) -> None:
        if isinstance(event, Phase):
            if not self._closing:
                self.run_controls.set_phase(lambda: self.run_controls.phase_text(event))
        elif isinstance(event, list):
            self._on_steps(event)
        elif isinstance(event, EvalEvent):
            self._on_eval(event)

    @Slot(object)
    def _on_run_end(self, end: RunOutcome | RunFailure | None) -> None:
        if isinstance(end, RunOutcome):
            self._on_finished(end)
        elif isinstance(end, RunFailure):
            self._on_failed(end)

    @Slot(object)
    def _on_job_failed(self, error: JobError) -> None:
        self._on_failed(RunFailure(error.message))

    def _on_steps(self, events: list[StepEvent]) -> None:
        if self._closing or self.series is None or not events:
            return
        self.plots.add_steps(self.series, events)
        self.run_controls.show_progress(events[-1])

    def _on_eval(self, event: EvalEvent) -> None:
        if self._closing or self.series is None:
            return
        self.plots.add_eval(self.series, event)
        if self.session.comparison is not None:
            self.comparison_view.add_eval(self._run_task, event)

    def _on_finished(self, outcome: RunOutcome) -> None:
        if self._closing:
            return
        self.plots.flush()
        result = outcome.result
        if result.status in ("completed", "early-stopped"):
            self.run_controls.show_complete()
        self._record(outcome)

        def accuracy() -> str:
            if not result.test:
                return ""
            return self.tr(", test accuracy {0:.2%}").format(result.test["accuracy"])

        self.run_controls.set_phase(lambda: status_title(result.status) + accuracy())
        self.run_controls.show_ended(lambda: status_title(result.status))
        self.statusMessage.emit(f"{outcome.name}: {result.message}{accuracy()}")

    def _on_failed(self, failure: RunFailure) -> None:
        if self._closing:
            return
        self.plots.flush()
        message, outcome = failure.message, failure.outcome
        self.show_problem(message)
        self.run_controls.set_phase(lambda: self.tr("Failed"))
        self.run_controls.show_ended(lambda: self.tr("Failed"))
        self.statusMessage.emit(message.splitlines()[0])
        if outcome is not None:
            self._record(outcome, problem=message)

    def _record(self, outcome: RunOutcome, problem: str = "") -> None:
        self.session.record(outcome)
        self.results.show_outcome(outcome, problem)
        if self.session.comparison is None and not problem:
            self.views.setCurrentWidget(self.results)
        if outcome.result.checkpoint:
            self.modelSaved.emit(outcome.result.checkpoint)
            self.refresh_classifiers()

    @Slot(object)
    def _on_job_ended(self, job: BackgroundJob) -> None:
        if job is not self.job:  # a job already let go by shutdown()
            return
        self.job = None
        self.session.ended()
        self.plots.flush()
        if not self.run_controls.ended_shown:  # no result (cancelled without keeping anything)
            self.run_controls.show_ended(lambda: status_title("stopped"))
        self._show_state()
        if self.session.comparison is not None:
            self._continue_comparison()

    def _show_state(self) -> None:
        self.run_controls.set_controls(self.session.controls)
        self.form.set_locked(self.session.is_running)
        self.runningChanged.emit(self.session.is_running)

    # ---- comparing the adders ----
    def compare_adders(self, budget: TrainingSettings | None = None) -> bool:
        """Train the transfer adder, then the scratch adder, on ``budget``'s steps, batch size,
        seed, device and data subsets, and compare them. The default budget is
        ``adder_comparison.default_budget``: a minute's worth of steps on the form's device."""
        if self.job is not None:
            return False
        budget = budget or default_budget(self.form.settings_from_form())
        init_from = budget.init_from or self.form.init_box.currentData()
        if not init_from:
            self.show_problem(
                self.run_controls.problem_text(StartProblem.NO_CLASSIFIER_FOR_COMPARISON)
            )
            return False
        arch = self.form.classifier_arch(init_from)
        if arch is None:  # not among the listed classifiers: read its header (small, local)
            try:
                arch = load_checkpoint(init_from).arch
            except CheckpointError as e:
                self.show_problem(str(e))
                return False
        self.session.comparison = AdderComparison.plan(budget, init_from, arch)
        self.comparison_view.show_training(self.session.comparison.steps)
        self.views.setCurrentWidget(self.comparison_view)
        return self._continue_comparison()

    def _continue_comparison(self) -> bool:
        comparison = self.session.comparison
        assert comparison is not None
        run = comparison.next_run()
        if run is not None:
            name, settings = run
            if self.start(settings, name=name):
                return True
            comparison.record(settings.task, None)
        self.session.comparison = None
        self.comparison_view.show_verdict(comparison.verdict())
        self.statusMessage.emit(self.tr("Adder comparison finished"))
        return False

    # ---- messages and exports ----
    def show_problem(self, message: str) -> None:
        """An inline, non-modal error banner (no dialog to block on) and the status bar."""
        self.run_controls.show_problem(message)
        self.statusMessage.emit(message.splitlines()[0])

    def choose_save_path(self, caption: str, suggested: str, filter_: str) -> str:
        """Ask where to save; tests replace this to avoid the modal dialog."""
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path

    def _export_curves(self) -> None:
        self._export_png(self.plots, "training-curves")

    def _export_comparison(self) -> None:
        self._export_png(self.comparison_view.plots, "adder-comparison")

    def _export_png(self, plots, stem: str) -> None:
        suggested = resolve_models_dir(self.models_dir) / f"{stem}.png"
        path = self.choose_save_path(self.tr("Export curves"), str(suggested), "PNG (*.png)")
        if path:
            plots.export_png(path)
            self.statusMessage.emit(self.tr("Saved {0}").format(path))
