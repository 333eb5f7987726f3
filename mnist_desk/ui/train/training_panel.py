"""The Train tab, a view of the app's ``TrainingSession``: its buttons send the session requests
(start, pause, stop, compare adders or architectures); ``RunView`` renders the session's events in
its parts (``TrainingForm``, ``RunControls``, ``TrainingPlots``, ``RunResultsView``,
``ComparisonView``, ``ArchComparisonView``).
It holds no run state: whether a run goes, and which controls it allows, is the session's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.training_events import Refused, RunOutcome
from mnist_desk.app.training_session import TrainingSession
from mnist_desk.support.config import resolve_data_dir
from mnist_desk.ui.background import BackgroundWorker
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, text_of
from mnist_desk.ui.train.arch_view import ArchComparisonView
from mnist_desk.ui.train.comparison_view import ComparisonView
from mnist_desk.ui.train.filters_view import side_by_side
from mnist_desk.ui.train.panel_exports import PanelExports
from mnist_desk.ui.train.plots import TrainingPlots
from mnist_desk.ui.train.run_controls import RunControls, refusal_text
from mnist_desk.ui.train.run_results import RunResultsView
from mnist_desk.ui.train.run_view import RunView
from mnist_desk.ui.train.training_form import PERSONALISED, TrainingForm


class TrainingPanel(QWidget, PanelExports):
    """Settings, controls, live curves, results and comparisons."""

    modelSaved = Signal(str)  # a new checkpoint: refresh model lists
    useModelRequested = Signal(str)  # switch the drawing pad to this checkpoint
    statusMessage = Signal(object)  # for the main window's status bar: a Text (ui.i18n)

    ask_before_closing = True  # tests set this False to skip the question on close

    def __init__(
        self,
        data_dir: str | Path | None = None,
        models_dir: str | Path | None = None,
        parent: QWidget | None = None,
        download: bool = False,
        session: TrainingSession | None = None,
    ):
        super().__init__(parent)
        self.session = session or TrainingSession(
            BackgroundWorker(), data_dir=data_dir, download=download, models_dir=models_dir
        )
        self.texts = LiveTexts()
        self.form = TrainingForm()
        self.form.choicesFailed.connect(self.statusMessage.emit)
        self.run_controls = RunControls()
        self.plots = TrainingPlots()
        self.results = RunResultsView()
        self.results.useModelRequested.connect(self.useModelRequested)
        self.results.saveRequested.connect(self.save)
        self.comparison_view = ComparisonView()
        self.comparison_view.exportRequested.connect(self._export_comparison)
        self.arch_view = ArchComparisonView(self.session, self.form.settings_from_form, self.answer)
        self.views = QTabWidget()
        self.run_view = RunView(self, self.session)  # renders the session's events in them
        self.run_view.modelSaved.connect(self._on_model_saved)
        self.run_view.statusMessage.connect(self.statusMessage)
        controls = self.run_controls
        controls.start_button.clicked.connect(lambda: self.start())
        controls.pause_button.clicked.connect(self.session.toggle_pause)
        controls.stop_button.clicked.connect(self.session.stop)
        controls.compare_button.clicked.connect(self.compare_adders)
        self.session.on_event(self.run_view.show)
        self._lay_out()
        self.run_view.show_state(self.session.controls)
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
        self.export_png_button.clicked.connect(
            lambda: self._export_png(self.plots, "training-curves")
        )
        curves = QWidget()
        curves_layout = QVBoxLayout(curves)
        curves_layout.addWidget(side_by_side(self.plots, self.run_view.filters), 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_png_button)
        curves_layout.addLayout(row)
        tabs = (
            (curves, lambda: self.tr("Curves")),
            (self.results, lambda: self.tr("Results")),
            (self.comparison_view, lambda: self.tr("Compare adders")),
            (self.arch_view, lambda: self.tr("Compare architectures")),
        )
        for index, (view, title) in enumerate(tabs):
            self.views.addTab(view, "")
            self.texts.bind(lambda text, i=index: self.views.setTabText(i, text), title)
        # the form scrolls; the controls, the phase line and the error banner under it stay in
        # view (in the scroll area, a short window cut the phase line and hid the banner)
        settings = QWidget()
        settings_layout = QVBoxLayout(settings)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        settings_layout.addWidget(self.form)
        settings_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)  # the form's box is its frame
        scroll.setWidget(settings)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(9, 0, 9, 0)  # the form whole at the window's least height
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.run_controls)
        left.setMinimumWidth(left.minimumSizeHint().width() + 20)  # room for a scroll bar
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    # ---- where runs read and write ----
    @property
    def data_dir(self) -> Path | None:
        return self.session.data_dir

    @property
    def download(self) -> bool:
        return self.session.download

    def set_data_source(self, data_dir: str | Path | None, download: bool) -> None:
        """Where the next run reads MNIST, and whether it may download it."""
        self.session.data_dir = resolve_data_dir(data_dir) if data_dir else None
        self.session.download = download

    def refresh_classifiers(self) -> None:
        """Read the trained classifiers and the devices again (in the background)."""
        self.form.refresh_choices(self.session.models_dir)

    # ---- what the session knows ----
    @property
    def is_running(self) -> bool:
        return self.session.is_running

    @property
    def last_outcome(self) -> RunOutcome | None:
        return self.session.last_outcome

    def settings_from_form(self):
        return self.form.settings_from_form()

    def set_settings(self, settings) -> None:
        self.form.set_settings(settings)

    # ---- requests ----
    def start(self, settings=None) -> bool:
        """Start pressed (``settings``: instead of the form's); False, saying why, if refused."""
        if settings is None and self.form.task_box.currentData() == PERSONALISED:
            return self.answer(self.session.start_personal())
        if settings is not None and not self.session.is_running:
            self.form.set_settings(settings)  # the form shows what runs
        return self.answer(self.session.start(settings or self.form.settings_from_form()))

    def compare_adders(self) -> bool:
        """Train both adders on the same budget, one after the other, and judge them."""
        form = self.form.settings_from_form()
        return self.answer(self.session.compare_adders(form, self.form.init_box.currentData()))

    def answer(self, refused: Refused | None) -> bool:
        """True if the request started; else its reason, in the banner and the status bar."""
        if refused is not None:
            self.show_problem(lambda: refusal_text(refused))
        return refused is None

    def show_problem(self, message: Text) -> None:
        """An inline, non-modal error banner (no dialog to block on) and the status bar."""
        self.run_controls.show_problem(message)
        self.statusMessage.emit(lambda: text_of(message).splitlines()[0])

    def _on_model_saved(self, path: str) -> None:
        self.modelSaved.emit(path)
        self.refresh_classifiers()

    # ---- closing ----
    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """End any run at once without saving, and wait for its thread. True if none is left."""
        running = self.session.is_running
        finished = self.session.close(timeout_ms)
        if running:
            self.run_view.show_closed(finished)
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
        if not self.session.is_running:
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
