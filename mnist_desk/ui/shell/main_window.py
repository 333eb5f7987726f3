"""The main window: a composition of views bound to the app's sessions.

- ``ModelSession`` (``mnist_desk.app.model_session``): the catalog and the model in use; its
  work runs in background jobs (``predictor_loader``), ``model_view`` shows its events.
- ``DrawingSession`` (``mnist_desk.app.drawing_session``): both canvases' drawings, their undo
  history and their reading; shown by the Draw tab (``drawing_tab``).
- Actions and menus (``window_actions``), file dialogs (``window_files``), About (``about``);
  the Train, Models, Dataset and My digits tabs (``window_tabs``) are added once the core has
  loaded.

Data flows one way: a stroke goes to the drawing session, which reads both drawings with the core
Predictor and reports a ``Recognised`` event that the Draw tab shows. torch is never
imported here at module level: the window shows first, then a worker thread imports the core,
reads the catalog and loads the Predictor.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from mnist_desk.app.drawing_session import (
    DrawingSession,
    ReadingEvent,
    Recognised,
    RecognitionFailed,
)
from mnist_desk.ui import i18n
from mnist_desk.ui.draw.corrections import CorrectionController
from mnist_desk.ui.draw.drawing_tab import DrawingTab
from mnist_desk.ui.draw.model_view import ModelView
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, text_of, titled
from mnist_desk.ui.inside.inside_dock import install_inside_dock
from mnist_desk.ui.settings import AppSettings
from mnist_desk.ui.shell import about
from mnist_desk.ui.shell.about import app_icon
from mnist_desk.ui.shell.status_line import StatusLine
from mnist_desk.ui.shell.window_actions import WindowActions
from mnist_desk.ui.shell.window_files import WindowFiles
from mnist_desk.ui.shell.window_tabs import WindowTabs

THROTTLE_MS = 100  # live recognition while the pen moves: at most ~10 predictions a second
DEFAULT_SIZE = QSize(1100, 780)  # the first start's size, where the screen has room for it


def default_size(window: QWidget) -> QSize:
    """The first start's size: ``DEFAULT_SIZE``, but no larger than the screen's work area (a
    1366x768 laptop has ~720 px of height), nor smaller than the window can be."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else DEFAULT_SIZE
    frame = QSize(16, 40)  # the title bar and borders, which the size does not include
    return DEFAULT_SIZE.boundedTo(room - frame).expandedTo(window.minimumSizeHint())


class MainWindow(QMainWindow):
    """The application window. Public API for other panels: ``refresh_models()``,
    ``use_model(path)``, ``use_device(name)``, ``add_tab(widget, title)``, ``show_status``,
    ``predictor``, ``catalog_changed``."""

    model_loaded = Signal(dict)  # Predictor.describe() of the model now in use
    prediction_updated = Signal(object)  # SumResult
    catalog_changed = Signal(object)  # ModelCatalog: each reading of the models and devices

    def __init__(
        self,
        *,
        data_dir: str | None = None,
        download: bool | None = None,
        models_dir: str | None = None,
        device: str | None = None,
        model: str | None = None,
        settings: AppSettings | None = None,
    ):
        """``model``: a checkpoint file or a model name, resolved as ``--model`` is everywhere
        (``store.names``); an unknown one is reported in a dialog, and another model is used."""
        super().__init__()
        self.settings = settings or AppSettings()
        # for the training panel and the dataset browser: flag > setting > env/per-user default
        self.data_dir = data_dir or self.settings.data_folder or None
        self.download = self.settings.download_allowed if download is None else download
        self.models_dir = models_dir
        self.drawing = DrawingSession(2)  # both drawings, their undo history, their reading
        self.status_line = StatusLine(self.statusBar())  # show_status's messages, fitted
        self.closed = False
        self.last_result = None  # the SumResult shown
        self.last_error = ""  # the last error shown to the user
        self._message_box: QMessageBox | None = None
        self._error: tuple[Text, Text] = ("", "")  # the error dialog's title and message
        self.training = None  # the app's TrainingSession: every run (the Train tab shows it)
        self.training_panel = None  # the Train tab, added once the core has loaded
        self.my_digits_view = None  # the My digits tab, likewise
        self.dataset_browser = None
        self.models_view = None  # the Models tab (the leaderboard), likewise

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(False)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(THROTTLE_MS)
        self._throttle.timeout.connect(self.predict_now)

        self.draw_tab = DrawingTab(self.drawing)
        self.picker, self.panels = self.draw_tab.picker, self.draw_tab.panels
        self.canvases, self.sum_view = self.draw_tab.canvases, self.draw_tab.sum_view
        self.undo_button = self.draw_tab.undo_button
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.draw_tab, "")
        self.setCentralWidget(self.tabs)
        self._connect_draw_tab()
        self.drawing.on_reading(self._on_reading)  # after the Draw tab's: it shows them first
        self.corrections = CorrectionController(self)  # keep/correct a drawing into My digits
        self.files = WindowFiles(self)
        self.window_tabs = WindowTabs(self)  # Train, Models, Dataset, My digits: added later
        self.window_actions = WindowActions(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.draw_tab.undo_button.setIcon(self.window_actions.undo.icon())
        self.draw_tab.redo_button.setIcon(self.window_actions.redo.icon())
        self.draw_tab.clear_all_button.setIcon(self.window_actions.clear_all.icon())
        # the model in use: its session, loaded in a worker thread, shown in the views
        self.model_view = ModelView(
            self,
            models_dir=models_dir,
            device=device or self.settings.device,
            initial_model=model,
            remembered_model=self.settings.model_path,
        )
        self.models = self.model_view.session
        self.inside = install_inside_dock(self)  # View > Inside (Ctrl+I): the network from inside
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)
        self.set_pen_width(self.settings.pen_width)
        self.set_active(0)
        self.draw_tab.show_loading()
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(default_size(self))
        state = self.settings.window_state  # the Inside dock's side, size and visibility
        if state is not None:
            self.restoreState(state)

    def _connect_draw_tab(self) -> None:
        tab = self.draw_tab
        tab.picker.model_chosen.connect(self.use_model)
        tab.picker.device_chosen.connect(self.use_device)
        for panel in tab.panels:
            canvas, i = panel.canvas, panel.index
            canvas.stroke_moved.connect(self._on_stroke_moved)
            canvas.activated.connect(lambda i=i: self.set_active(i))
            canvas.file_dropped.connect(lambda path, i=i: self.open_image(path, i))
            panel.open_button.clicked.connect(lambda _=False, i=i: self.choose_image(i))
        tab.pen_width_chosen.connect(self.set_pen_width)
        tab.undo_button.clicked.connect(self.undo)
        tab.redo_button.clicked.connect(self.redo)
        tab.clear_all_button.clicked.connect(self.clear_all)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("mnist-desk — write two numbers"))
        self.tabs.setTabText(self.tabs.indexOf(self.draw_tab), self.tr("Draw"))
        self.window_tabs.retranslate()
        self.window_actions.retranslate()
        self.model_view.update_status()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            self.status_line.retranslate()
            self._retranslate_error()
        super().changeEvent(event)

    # ---- tabs for other panels --------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str | Callable[[], str]) -> int:
        """Add a tab beside "Draw" (``window_tabs.WindowTabs.add``: ``title`` may be a callable
        returning the translated title, so it follows language switches)."""
        return self.window_tabs.add(widget, title)

    def _on_tab_changed(self, index: int) -> None:
        self.window_actions.set_drawing_enabled(self.tabs.widget(index) is self.draw_tab)

    def show_status(self, message: Text, timeout_ms: int = 10000) -> None:
        """``message`` in the status bar for ``timeout_ms`` (0: until another replaces it); a
        callable is worded again if the language switches while it shows; a long one ends in
        "…" (whole in the bar's tip) rather than run under the model's name on the right."""
        self.status_line.show(message, timeout_ms)

    # ---- the model in use (loaded in a worker thread) --------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.models.started:
            QTimer.singleShot(0, self.models.start)  # after the first paint: torch loads there
            if self.settings.problem:  # a damaged settings file was set aside: say so, once
                QTimer.singleShot(
                    0,
                    lambda: self.show_error(
                        lambda: self.tr("Settings reset"), self.settings.problem
                    ),
                )

    @property
    def predictor(self):
        """The core Predictor in use, or None while the first model loads."""
        return self.models.predictor

    @property
    def device(self) -> str:
        return self.models.device

    @property
    def loading(self) -> bool:
        return self.models.loading

    def refresh_models(self) -> None:
        """Re-read the shipped and user models (e.g. after training one)."""
        self.models.refresh()

    def use_model(self, path: str | Path) -> None:
        """Load the checkpoint at ``path`` in the background; the current model answers meanwhile."""
        self.models.use_model(path)

    def use_device(self, name: str) -> None:
        """Run the current model on another device ("cpu", "cuda:0", ...)."""
        self.models.use_device(name)

    # ---- recognition ------------------------------------------------------------------

    def _on_stroke_moved(self) -> None:
        if not self._throttle.isActive():
            self._throttle.start()

    def predict_now(self):
        """Ask the drawing session to read both canvases now; returns the SumResult shown (None
        without a model, or when reading failed)."""
        self._throttle.stop()
        return self.drawing.recognise()

    def _on_reading(self, event: ReadingEvent) -> None:
        """The window's part of a reading (the Draw tab shows it): the last result for other
        panels, or the failure in the status bar."""
        if isinstance(event, RecognitionFailed):

            def message() -> str:
                return self.tr("Recognition failed: {0}").format(text_of(event.message))

            self.show_status(message, 0)
            self.last_error = message()
            self.last_result = None  # what was read before is not what is drawn now
        elif isinstance(event, Recognised):
            self.last_result = event.result
            self.prediction_updated.emit(event.result)

    # ---- editing ----------------------------------------------------------------------

    @property
    def pen_width(self) -> float:
        return self.draw_tab.pen_width

    def set_pen_width(self, fraction: float) -> None:
        self.settings.pen_width = self.draw_tab.set_pen_width(fraction)

    def set_active(self, index: int) -> None:
        """Select canvas ``index``: the target of Open, Save and Delete."""
        self.draw_tab.set_active(index)

    @property
    def active_index(self) -> int:
        return self.draw_tab.active_index

    def undo(self) -> None:
        """Undo the last change on either canvas (strokes, clears, opened images, keeps)."""
        if not self.drawing.undo():
            self.show_status(lambda: self.tr("Nothing to undo"), 2000)

    def redo(self) -> None:
        """Redo the last change undone (a keep, once taken back, stays taken back)."""
        if not self.drawing.redo():
            self.show_status(lambda: self.tr("Nothing to redo"), 2000)

    def clear_all(self) -> None:
        """Clear both canvases (one step to undo)."""
        self.drawing.clear_all()

    # ---- files ------------------------------------------------------------------------

    def open_image(self, path: str | Path, index: int | None = None) -> bool:
        """Read an image file into a canvas (the selected one by default) and recognise it."""
        return self.files.open_image(path, self.active_index if index is None else index)

    def choose_image(self, index: int) -> None:
        self.files.choose_image(index)

    def save_drawing(self, path: str | Path, index: int | None = None) -> bool:
        return self.files.save_drawing(path, self.active_index if index is None else index)

    def choose_save_path(self) -> None:
        self.files.choose_save_path(self.active_index)

    def choose_model_file(self) -> None:
        self.files.choose_model_file()

    def choose_data_folder(self) -> None:
        self.files.choose_data_folder()

    # ---- messages, language, about ------------------------------------------------------

    def show_error(self, title: Text, message: Text) -> None:
        """Status bar plus a (non-blocking) dialog; callables are worded again, in both, if the
        language switches while they show (the core's own words stay as they are)."""
        self.last_error = text_of(message)

        def status() -> str:
            lines = text_of(message).splitlines()
            return titled(text_of(title), lines[0] if lines else "")

        self.show_status(status, 10000)
        if self._message_box is not None:
            self._message_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            text_of(title),
            text_of(message),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _=0: setattr(self, "_message_box", None))
        self._message_box = box
        self._error = (title, message)
        box.open()

    def _retranslate_error(self) -> None:
        if self._message_box is not None:
            title, message = self._error
            self._message_box.setWindowTitle(text_of(title))
            self._message_box.setText(text_of(message))

    def set_language(self, code: str) -> None:
        """'' follows the system; 'en', 'zh_CN'. Every widget retranslates itself."""
        self.settings.language = code
        i18n.apply_language(code)
        if code in self.window_actions.languages:
            self.window_actions.languages[code].setChecked(True)

    def about_text(self) -> str:
        return about.about_text()

    def show_about(self) -> None:
        about.show_about(self)

    # ---- closing ----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a load in progress); the window loads no more."""
        self.closed = True
        self._throttle.stop()
        if self.training_panel is not None:
            self.training_panel.shutdown()  # a run in progress ends unsaved, its thread joined
            self.models_view.shutdown()
        self.models.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.training_panel is not None and not self.training_panel.request_close():
            event.ignore()  # a run is training and the user chose to keep it
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.last_tab = self.tabs.currentIndex()
        if self.training_panel is not None:
            self.settings.train_form = self.training_panel.form.remembered()
            self.settings.arch_comparison = self.training_panel.arch_view.remembered()
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)
