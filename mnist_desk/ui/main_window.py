"""The drawing pad: two canvases, live recognition of each digit and of their sum.

Data flows one way: canvas pixels -> numpy grey array -> core Predictor -> the labels shown.
torch is never imported here at module level: the window shows first, then a worker thread
imports the core, reads the catalog and loads the Predictor.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSlider,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_desk import __version__
from mnist_desk.app.model_session import (
    NONE_FOUND,
    CatalogRead,
    LoadFailed,
    LoadStarted,
    ModelEvent,
    ModelLoaded,
    ModelSession,
    NoModel,
    describe_error,
)
from mnist_desk.config import resources_dir
from mnist_desk.ui import i18n
from mnist_desk.ui.canvas import DigitCanvas
from mnist_desk.ui.corrections import CorrectionController
from mnist_desk.ui.gui_gc import freeze_startup_objects
from mnist_desk.ui.model_picker import ModelPicker
from mnist_desk.ui.prediction_view import DigitResultView, SumView
from mnist_desk.ui.predictor_loader import LoaderThread
from mnist_desk.ui.settings import MAX_PEN_WIDTH, MIN_PEN_WIDTH, AppSettings

THROTTLE_MS = 100  # live recognition while the pen moves: at most ~10 predictions a second
IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"
BLANK = np.full((28, 28), 255, np.uint8)  # what an empty canvas hands the Predictor


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        path = resources_dir() / "icons" / f"mnist-desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


class DigitPanel(QFrame):
    """One canvas with its title, buttons, and what the model reads from it."""

    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.canvas = DigitCanvas()
        self.result_view = DigitResultView()
        self.open_button = QPushButton()
        self.clear_button = QPushButton()
        self.clear_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogResetButton)
        )
        self.open_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton)
        )
        self.clear_button.clicked.connect(self.canvas.clear)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.open_button)
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.result_view)
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("First digit") if self.index == 0 else self.tr("Second digit"))
        self.open_button.setText(self.tr("Open image…"))
        self.open_button.setToolTip(
            self.tr("Read a digit from an image file (or drop one on the box)")
        )
        self.clear_button.setText(self.tr("Clear"))
        self.canvas.set_placeholder(self.tr("Draw a digit here\nor drop an image"))
        self.canvas.setToolTip(self.tr("Draw one digit with the mouse, a pen or a finger"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    """The application window. Public API for other panels: ``refresh_models()``,
    ``use_model(path)``, ``use_device(name)``, ``add_tab(widget, title)``, ``predictor``."""

    model_loaded = Signal(dict)  # Predictor.describe() of the model now in use
    model_failed = Signal(str)  # a model or device could not be loaded (the previous one stays)
    prediction_updated = Signal(object)  # SumResult

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
        super().__init__()
        self.settings = settings or AppSettings()
        # for the training panel and the dataset browser: flag > setting > env/per-user default
        self.data_dir = data_dir or self.settings.data_folder or None
        self.download = self.settings.download_allowed if download is None else download
        self.models_dir = models_dir
        self.models = ModelSession(
            self._start_loader,
            self._on_model_event,
            models_dir=models_dir,
            device=device or self.settings.device,
            initial_model=model or self.settings.model_path,
        )
        self._closed = False
        self._edit_order: list[DigitCanvas] = []  # which canvas each undoable change was on
        self._active = 0
        self._extra_tabs: list[tuple[QWidget, str | Callable[[], str]]] = []
        self.last_result = None  # the SumResult shown
        self.last_error = ""  # the last error shown to the user
        self._message_box: QMessageBox | None = None
        self.training_panel = None  # the Train tab, added once the core has loaded
        self.my_digits_view = None  # the My digits tab, likewise
        self.dataset_browser = None

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(False)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(THROTTLE_MS)
        self._throttle.timeout.connect(self.predict_now)

        self._build_draw_tab()
        self.corrections = CorrectionController(self)  # keep/correct a drawing into My digits
        self._build_actions()
        self._build_menus()
        self.model_status = QLabel()
        self.statusBar().addPermanentWidget(self.model_status)
        self._retranslate()
        self.set_pen_width(self.settings.pen_width)
        self._set_active(0)
        for panel in self.panels:
            panel.result_view.show_loading()
        self.sum_view.show_loading()
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 780)

    # ---- building ---------------------------------------------------------------------

    def _build_draw_tab(self) -> None:
        self.picker = ModelPicker()
        self.picker.model_chosen.connect(self.use_model)
        self.picker.device_chosen.connect(self.use_device)
        self.panels = [DigitPanel(0), DigitPanel(1)]
        self.canvases = [p.canvas for p in self.panels]
        self.plus_label = QLabel("+")
        font = self.plus_label.font()
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.plus_label.setFont(font)
        self.plus_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for panel in self.panels:
            canvas = panel.canvas
            canvas.stroke_moved.connect(self._on_stroke_moved)
            canvas.changed.connect(self.predict_now)
            canvas.edited.connect(lambda c=canvas: self._edit_order.append(c))
            canvas.activated.connect(lambda i=panel.index: self._set_active(i))
            canvas.file_dropped.connect(lambda path, i=panel.index: self.open_image(path, i))
            panel.open_button.clicked.connect(lambda _=False, i=panel.index: self.choose_image(i))
        self.sum_view = SumView()

        self.pen_label = QLabel()
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(round(MIN_PEN_WIDTH * 100), round(MAX_PEN_WIDTH * 100))
        self.pen_slider.setFixedWidth(160)
        self.pen_slider.valueChanged.connect(lambda v: self.set_pen_width(v / 100))
        self.undo_button = QPushButton()
        self.clear_all_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        self.clear_all_button.clicked.connect(self.clear_all)

        canvases_row = QHBoxLayout()
        canvases_row.addWidget(self.panels[0], 1)
        canvases_row.addWidget(self.plus_label)
        canvases_row.addWidget(self.panels[1], 1)
        tools_row = QHBoxLayout()
        tools_row.addWidget(self.pen_label)
        tools_row.addWidget(self.pen_slider)
        tools_row.addStretch(1)
        tools_row.addWidget(self.undo_button)
        tools_row.addWidget(self.clear_all_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.draw_tab = QWidget()
        layout = QVBoxLayout(self.draw_tab)
        layout.addWidget(self.picker)
        layout.addLayout(canvases_row, 1)
        layout.addLayout(tools_row)
        layout.addWidget(line)
        layout.addWidget(self.sum_view)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.draw_tab, "")
        self.setCentralWidget(self.tabs)

    def _action(
        self, slot, shortcuts: list | None = None, icon: QStyle.StandardPixmap | None = None
    ) -> QAction:
        action = QAction(self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work while the menu bar is hidden too
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action(
            lambda: self.choose_image(self._active),
            [QKeySequence.StandardKey.Open],
            sp.SP_DialogOpenButton,
        )
        self.open_model_action = self._action(self.choose_model_file, ["Ctrl+Shift+O"])
        self.save_action = self._action(
            self.choose_save_path, [QKeySequence.StandardKey.Save], sp.SP_DialogSaveButton
        )
        self.quit_action = self._action(self.close, [QKeySequence.StandardKey.Quit])
        self.data_folder_action = self._action(self.choose_data_folder, [])
        self.download_action = QAction(self, checkable=True)
        self.download_action.setChecked(self.download)
        self.download_action.toggled.connect(self.set_download_allowed)
        self.undo_action = self._action(self.undo, [QKeySequence.StandardKey.Undo], sp.SP_ArrowBack)
        self.clear_action = self._action(
            lambda: self.canvases[self._active].clear(), [Qt.Key.Key_Delete, Qt.Key.Key_Backspace]
        )
        self.clear_all_action = self._action(
            self.clear_all, [Qt.Key.Key_Escape, "Ctrl+Shift+Delete"], sp.SP_DialogResetButton
        )
        self.thicker_action = self._action(
            lambda: self.set_pen_width(self.pen_width + 0.01), ["]", "Ctrl+="]
        )
        self.thinner_action = self._action(
            lambda: self.set_pen_width(self.pen_width - 0.01), ["[", "Ctrl+-"]
        )
        self.first_action = self._action(lambda: self._set_active(0), ["Ctrl+1"])
        self.second_action = self._action(lambda: self._set_active(1), ["Ctrl+2"])
        self.refresh_action = self._action(
            self.refresh_models, [QKeySequence.StandardKey.Refresh], sp.SP_BrowserReload
        )
        self.about_action = self._action(self.show_about, [], sp.SP_MessageBoxInformation)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ["", *(c for c, _ in i18n.available_languages())]:
            action = QAction(self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions.get(self.settings.language, self.language_actions[""]).setChecked(
            True
        )
        # Drawing shortcuts (Esc, Delete, [ ]) must not fire while another tab has the keyboard.
        self.draw_actions = [
            self.open_action,
            self.save_action,
            self.undo_action,
            self.clear_action,
            self.clear_all_action,
            self.thicker_action,
            self.thinner_action,
            self.first_action,
            self.second_action,
        ]
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.undo_button.setIcon(self.undo_action.icon())
        self.clear_all_button.setIcon(self.clear_all_action.icon())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.save_action, self.open_model_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.data_folder_action, self.download_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.clear_action, self.clear_all_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.first_action, self.second_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.thicker_action, self.thinner_action])
        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.model_menu = bar.addMenu("")
        self.model_menu.addActions([self.refresh_action, self.open_model_action])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("mnist-desk — draw two digits"))
        self.tabs.setTabText(self.tabs.indexOf(self.draw_tab), self.tr("Draw"))
        for widget, title in self._extra_tabs:
            if callable(title):
                self.tabs.setTabText(self.tabs.indexOf(widget), title())
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open_action.setText(self.tr("&Open Image…"))
        self.open_action.setStatusTip(
            self.tr("Read a digit from an image file into the selected box")
        )
        self.open_model_action.setText(self.tr("Open &Model File…"))
        self.save_action.setText(self.tr("&Save Drawing as PNG…"))
        self.save_action.setStatusTip(self.tr("Save the selected box's drawing as a PNG image"))
        self.quit_action.setText(self.tr("&Quit"))
        self.data_folder_action.setText(self.tr("MNIST &Data Folder…"))
        self.download_action.setText(self.tr("Download MNIST When Missing"))
        self.undo_action.setText(self.tr("&Undo Last Stroke"))
        self.clear_action.setText(self.tr("&Clear Selected Box"))
        self.clear_all_action.setText(self.tr("Clear &All"))
        self.thicker_action.setText(self.tr("&Thicker Pen"))
        self.thinner_action.setText(self.tr("T&hinner Pen"))
        self.first_action.setText(self.tr("Select &First Box"))
        self.second_action.setText(self.tr("Select &Second Box"))
        self.refresh_action.setText(self.tr("&Refresh Model List"))
        self.about_action.setText(self.tr("&About mnist-desk"))
        names = {"": self.tr("System Default"), **dict(i18n.LANGUAGES)}
        for code, action in self.language_actions.items():
            action.setText(names.get(code, code))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.clear_all_button.setText(self.tr("Clear all"))
        self.clear_all_button.setToolTip(self.tr("Clear both boxes (Esc)"))
        self.pen_slider.setToolTip(self.tr("Pen width, as a share of the box size ([ and ])"))
        self._update_pen_label()
        self._update_model_status()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # ---- tabs for other panels --------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str | Callable[[], str]) -> int:
        """Add a tab beside "Draw" (the training panel uses this). ``title`` may be a callable
        returning the translated title, so it follows language switches."""
        self._extra_tabs.append((widget, title))
        return self.tabs.addTab(widget, title() if callable(title) else title)

    def _on_tab_changed(self, index: int) -> None:
        on_draw = self.tabs.widget(index) is self.draw_tab
        for action in self.draw_actions:
            action.setEnabled(on_draw)

    def _add_training_tabs(self) -> None:
        """The Train and Dataset tabs. Added when the first catalog arrives: the loader thread has
        imported torch by then, so building them does not hold up the window's first paint."""
        if self.training_panel is not None or self._closed:
            return
        from mnist_desk.ui.dataset_browser import DatasetBrowser
        from mnist_desk.ui.training_panel import TrainingPanel

        self.training_panel = TrainingPanel(
            data_dir=self.data_dir, models_dir=self.models_dir, download=self.download
        )
        self.training_panel.modelSaved.connect(self._on_model_trained)
        self.training_panel.useModelRequested.connect(self._use_trained_model)
        self.training_panel.statusMessage.connect(self._show_status)
        self.dataset_browser = DatasetBrowser(data_dir=self.data_dir, download=self.download)
        self.add_tab(self.training_panel, lambda: self.tr("Train"))
        self.add_tab(self.dataset_browser, lambda: self.tr("Dataset"))
        from mnist_desk.ui.my_digits_view import MyDigitsView

        self.my_digits_view = MyDigitsView(self)
        self.add_tab(self.my_digits_view, lambda: self.tr("My digits"))

    def choose_data_folder(self) -> None:
        from mnist_desk.config import resolve_data_dir

        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder that holds MNIST/raw"), str(resolve_data_dir(self.data_dir))
        )
        if folder:
            self.set_data_folder(folder)

    def set_data_folder(self, folder: str) -> None:
        """Use (and remember) another data folder for training and the dataset browser."""
        self.data_dir = folder
        self.settings.data_folder = folder
        for view in (self.training_panel, self.dataset_browser):
            if view is not None:
                view.set_data_source(folder, self.download)
        self._show_status(self.tr("MNIST data folder: %s") % folder)

    def set_download_allowed(self, allowed: bool) -> None:
        self.download = allowed
        self.settings.download_allowed = allowed
        for view in (self.training_panel, self.dataset_browser):
            if view is not None:
                view.set_data_source(self.data_dir, allowed)

    def _on_model_trained(self, path: str) -> None:
        self.refresh_models()  # the new checkpoint appears in the model picker

    def _use_trained_model(self, path: str) -> None:
        self.use_model(path)
        self.tabs.setCurrentWidget(self.draw_tab)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # ---- loading models (in the worker thread) -----------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.models.started:
            QTimer.singleShot(0, self.models.start)  # after the first paint
            if self.settings.problem:  # a damaged settings file was set aside: say so, once
                QTimer.singleShot(
                    0, lambda: self.show_error(self.tr("Settings reset"), self.settings.problem)
                )

    def _start_loader(self):
        """The model session's worker: a thread that imports torch and loads models."""
        loader = LoaderThread()
        # Slots of this QObject, so Qt queues the answers to the GUI thread (a plain callable
        # would run in the worker thread).
        loader.loader.catalog_ready.connect(self._catalog_read)
        loader.loader.loaded.connect(self._loaded)
        loader.loader.failed.connect(self._load_failed)
        self.statusBar().showMessage(self.tr("Loading model…"))
        return loader

    def _catalog_read(self, catalog) -> None:
        self.models.catalog_read(catalog)

    def _loaded(self, request_id: int, predictor) -> None:
        self.models.loaded(request_id, predictor)

    def _load_failed(self, request_id: int, message: str) -> None:
        self.models.failed(request_id, message)

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

    def _on_model_event(self, event: ModelEvent) -> None:
        """What the model session reports, shown."""
        if isinstance(event, LoadStarted):
            stem = Path(event.request.path).stem
            self.statusBar().showMessage(self.tr("Loading model {0}…").format(stem))
            if event.first:
                for panel in self.panels:
                    panel.result_view.show_loading()
                self.sum_view.show_loading()
        elif isinstance(event, CatalogRead):
            self._on_catalog(event.catalog)
        elif isinstance(event, ModelLoaded):
            self._on_loaded(event.info)
        elif isinstance(event, LoadFailed):
            self._on_failed(event)
        elif isinstance(event, NoModel):
            if event.reason == NONE_FOUND:
                self._no_model(
                    self.tr(
                        "No trained model found. Train one in the Train tab, or run `make weights`."
                    )
                )
            else:
                self._no_model(self.tr("No model could be loaded."))

    def _on_catalog(self, catalog) -> None:
        self._add_training_tabs()
        # torch, the models and pyqtgraph are loaded now: freeze them out of the cycle collector
        QTimer.singleShot(0, freeze_startup_objects)
        self.picker.set_catalog(catalog)
        if catalog.error:
            self.show_error(self.tr("Cannot list the models"), catalog.error)

    def _no_model(self, message: str) -> None:
        for panel in self.panels:
            panel.result_view.show_error(message)
        self.sum_view.show_error(message)
        self.statusBar().showMessage(message)

    def _on_loaded(self, info: dict) -> None:
        path = info["path"] or ""
        device = self.models.device
        self.picker.add_entry(path, info["task"], info["arch"], info["test_accuracy"])
        self.picker.set_current(path, device)
        self.settings.model_path = path
        self.settings.device = device
        self._update_model_status()
        self.statusBar().showMessage(
            self.tr("Model {0} ready on {1}").format(Path(path).stem, device), 5000
        )
        self.predict_now()
        self.model_loaded.emit(info)

    def _on_failed(self, event: LoadFailed) -> None:
        message = event.message
        self.model_failed.emit(message)
        if event.previous_kept:
            self.picker.set_current(self.models.current_path, self.models.device)
            self.show_error(
                self.tr("Cannot use this model"),
                message + "\n\n" + self.tr("The previous model is still in use."),
            )
            self._update_model_status()
        elif event.falling_back:
            self.statusBar().showMessage(message)
            self.last_error = message
        else:
            self.show_error(self.tr("Cannot use this model"), message)

    def _update_model_status(self) -> None:
        if self.predictor is None:
            self.model_status.setText(self.tr("No model"))
            return
        info = self.predictor.describe()
        self.model_status.setText(f"{Path(info['path'] or '').stem} · {info['device']}")

    # ---- recognition ------------------------------------------------------------------

    def _on_stroke_moved(self) -> None:
        if not self._throttle.isActive():
            self._throttle.start()

    @staticmethod
    def _model_input(canvas: DigitCanvas):
        """Strokes go to the model as strokes (MNIST's pen, size and place whatever the user's);
        an opened picture, with or without strokes on it, as pixels."""
        if canvas.is_empty():
            return BLANK
        strokes = canvas.stroke_points()
        if strokes is None:
            return canvas.to_array()
        from mnist_desk.strokes import render_strokes  # torch is loaded once a model is

        return render_strokes(strokes)

    def predict_now(self):
        """Read both canvases now; returns the SumResult shown (None without a model)."""
        self._throttle.stop()
        if self.predictor is None:
            return None
        try:
            images = [self._model_input(c) for c in self.canvases]
            result = self.predictor.predict_sum(*images)
        except Exception as e:  # noqa: BLE001 - e.g. a CUDA error: tell the user, keep the window
            message = self.tr("Recognition failed: {0}").format(describe_error(e))
            self.statusBar().showMessage(message)
            self.last_error = message
            for panel in self.panels:
                panel.result_view.show_error(message)
            return None
        own = result.adder_digits or (None, None)  # what a scratch adder itself reads
        for panel, digit, adder_digit in zip(self.panels, result.digits, own, strict=True):
            panel.result_view.show_result(digit, adder_digit)
        self.sum_view.show_result(result)
        self.last_result = result
        self.prediction_updated.emit(result)
        return result

    # ---- editing ----------------------------------------------------------------------

    @property
    def pen_width(self) -> float:
        return self.canvases[0].pen_width

    def set_pen_width(self, fraction: float) -> None:
        fraction = round(min(MAX_PEN_WIDTH, max(MIN_PEN_WIDTH, fraction)), 3)
        for canvas in self.canvases:
            canvas.set_pen_width(fraction)
        self.pen_slider.blockSignals(True)
        self.pen_slider.setValue(round(fraction * 100))
        self.pen_slider.blockSignals(False)
        self.settings.pen_width = fraction
        self._update_pen_label()

    def _update_pen_label(self) -> None:
        self.pen_label.setText(self.tr("Pen width: {0}%").format(round(self.pen_width * 100)))

    def _set_active(self, index: int) -> None:
        self._active = index
        for i, canvas in enumerate(self.canvases):
            canvas.set_active(i == index)

    @property
    def active_index(self) -> int:
        return self._active

    def push_undo_step(self, step) -> None:
        """Another undoable step beside the canvases' (an object with ``undo() -> bool``)."""
        self._edit_order.append(step)

    def undo(self) -> None:
        """Undo the last change on either canvas (strokes, clears, opened images)."""
        while self._edit_order:
            if self._edit_order.pop().undo():
                return
        self.statusBar().showMessage(self.tr("Nothing to undo"), 2000)

    def clear_all(self) -> None:
        for canvas in self.canvases:
            canvas.clear()

    # ---- files ------------------------------------------------------------------------

    def open_image(self, path: str | Path, index: int | None = None) -> bool:
        """Read an image file into a canvas (the selected one by default) and recognise it."""
        index = self._active if index is None else index
        from mnist_desk.inference import load_image

        try:
            image = load_image(path)
            self.canvases[index].set_image(image)
        except (OSError, ValueError) as e:
            self.show_error(self.tr("Cannot open the image"), str(e))
            return False
        self._set_active(index)
        self.statusBar().showMessage(self.tr("Opened {0}").format(Path(path).name), 4000)
        return True

    def choose_image(self, index: int) -> None:
        self._set_active(index)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an image of a digit"),
            "",
            self.tr("Images ({0})").format(IMAGE_FILTER),
        )
        if path:
            self.open_image(path, index)

    def save_drawing(self, path: str | Path, index: int | None = None) -> bool:
        canvas = self.canvases[self._active if index is None else index]
        try:
            canvas.save_png(path)
        except OSError as e:
            self.show_error(self.tr("Cannot save the drawing"), str(e))
            return False
        self.statusBar().showMessage(self.tr("Saved {0}").format(Path(path).name), 4000)
        return True

    def choose_save_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the drawing"),
            f"digit-{self._active + 1}.png",
            self.tr("PNG images (*.png)"),
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.save_drawing(path)

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a model file"),
            self.models_dir or "",
            self.tr("mnist-desk checkpoints (*.pt)"),
        )
        if path:
            self.use_model(path)

    # ---- messages, language, about ------------------------------------------------------

    def show_error(self, title: str, message: str) -> None:
        """Status bar plus a (non-blocking) dialog."""
        self.last_error = message
        self.statusBar().showMessage(
            f"{title}: {message.splitlines()[0] if message else ''}", 10000
        )
        if self._message_box is not None:
            self._message_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _=0: setattr(self, "_message_box", None))
        self._message_box = box
        box.open()

    def set_language(self, code: str) -> None:
        """'' follows the system; 'en', 'zh_CN'. Every widget retranslates itself."""
        self.settings.language = code
        i18n.apply_language(code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    def about_text(self) -> str:
        import sys

        torch_version = sys.modules["torch"].__version__ if "torch" in sys.modules else None
        if torch_version is None:
            try:
                import torch

                torch_version = torch.__version__
            except ImportError:
                torch_version = "?"
        import PySide6

        return self.tr(
            "<h3>mnist-desk {0}</h3>"
            "<p>Draw two handwritten digits and watch neural networks read them and their sum.</p>"
            "<p>Trained on the <b>MNIST</b> database of handwritten digits by Yann LeCun, "
            "Corinna Cortes and Christopher J.C. Burges, licensed under "
            "<a href='https://creativecommons.org/licenses/by-sa/3.0/'>CC BY-SA 3.0</a>.</p>"
            "<p>mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}</p>"
        ).format(
            __version__, torch_version, qVersion(), PySide6.__version__, platform.python_version()
        )

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About mnist-desk"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ---- closing ----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the worker thread (waits for a load in progress); the window loads no more."""
        self._closed = True
        self._throttle.stop()
        if self.training_panel is not None:
            self.training_panel.shutdown()  # a run in progress ends unsaved, its thread joined
        self.models.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.training_panel is not None and not self.training_panel.request_close():
            event.ignore()  # a run is training and the user chose to keep it
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)
