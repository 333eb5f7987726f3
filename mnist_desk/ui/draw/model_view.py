"""The model in use, seen in the window: a view of the ``ModelSession``.

The session (``mnist_desk.app.model_session``) decides what to load and when; this view gives it
its worker (``predictor_loader.BackgroundModelWorker``: background jobs that import torch and
load models, answering in the GUI thread), and shows what it reports: "loading" in
the Draw tab, the picker's current model, errors, the status bar's note of the model in use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from mnist_desk.app.model_catalog import ModelCatalog
from mnist_desk.app.model_session import (
    NONE_FOUND,
    CatalogRead,
    LoadFailed,
    LoadStarted,
    ModelEvent,
    ModelLoaded,
    ModelNotFound,
    ModelSession,
    NoModel,
)
from mnist_desk.ui.draw.predictor_loader import BackgroundModelWorker
from mnist_desk.ui.gui_gc import freeze_startup_objects
from mnist_desk.ui.i18n import text_of


class ModelView(QObject):
    """Binds a ``ModelSession`` to the window's picker, Draw tab and status bar."""

    def __init__(
        self,
        window: QMainWindow,  # the MainWindow (not imported: no cycle)
        *,
        models_dir: str | None,
        device: str,
        initial_model: str | None,
        remembered_model: str | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.session = ModelSession(
            self._start_loader,
            self._on_model_event,
            models_dir=models_dir,
            device=device,
            initial_model=initial_model,
            remembered_model=remembered_model,
        )
        self.status_label = QLabel()
        window.statusBar().addPermanentWidget(self.status_label)
        self.update_status()

    def _start_loader(self) -> BackgroundModelWorker:
        """The model session's worker: background jobs that import torch and load models."""
        self.window.show_status(lambda: self.tr("Loading model…"), 0)
        return BackgroundModelWorker(self.session.receive, self)

    def _on_model_event(self, event: ModelEvent) -> None:
        """What the model session reports, shown."""
        if isinstance(event, LoadStarted):
            stem = Path(event.request.path).stem
            self.window.show_status(lambda: self.tr("Loading model {0}…").format(stem), 0)
            if event.first:
                self.window.draw_tab.show_loading()
        elif isinstance(event, CatalogRead):
            self._on_catalog(event.catalog)
        elif isinstance(event, ModelLoaded):
            self._on_loaded(event.info)
        elif isinstance(event, LoadFailed):
            self._on_failed(event)
        elif isinstance(event, ModelNotFound):  # never a silent fallback: say so, then go on
            self.window.show_error(
                lambda: self.tr("Cannot open the model"),
                lambda: text_of(event.message) + "\n\n" + self.tr("Another model is used instead."),
            )
        elif isinstance(event, NoModel):
            if event.reason == NONE_FOUND:
                self._no_model(
                    lambda: self.tr(
                        "No trained model found. Train one in the Train tab, or run `make weights`."
                    )
                )
            else:
                self._no_model(lambda: self.tr("No model could be loaded."))

    def _on_catalog(self, catalog: ModelCatalog) -> None:
        from mnist_desk.support.acceleration import single_threaded_here

        single_threaded_here()  # before this thread's first prediction (the reason is there)
        self.window.window_tabs.add_core_tabs()
        self.window.catalog_changed.emit(catalog)
        # torch, the models and pyqtgraph are loaded now: freeze them out of the cycle collector
        QTimer.singleShot(0, freeze_startup_objects)
        self.window.picker.set_catalog(catalog)
        if catalog.error:
            self.window.show_error(lambda: self.tr("Cannot list the models"), catalog.error)

    def _no_model(self, message: Callable[[], str]) -> None:
        self.window.draw_tab.show_error(message)
        self.window.show_status(message, 0)

    def _on_loaded(self, info: dict) -> None:
        path = info["path"] or ""
        device = self.session.device
        self.window.picker.add_entry(path, info["task"], info["arch"], info["test_accuracy"])
        self.window.picker.set_current(path, device)
        self.window.settings.model_path = path
        self.window.settings.device = device
        self.update_status()
        self.window.show_status(
            lambda: self.tr("Model {0} ready on {1}").format(Path(path).stem, device), 5000
        )
        self.window.drawing.use_predictor(self.session.predictor)  # both canvases read again
        self.window.model_loaded.emit(info)

    def _on_failed(self, event: LoadFailed) -> None:
        message = event.message
        if event.previous_kept:
            self.window.picker.set_current(self.session.current_path, self.session.device)
            self.window.show_error(
                lambda: self.tr("Cannot use this model"),
                lambda: text_of(message) + "\n\n" + self.tr("The previous model is still in use."),
            )
            self.update_status()
        elif event.falling_back and event.asked:  # --model named a file that cannot be used
            self.window.show_error(
                lambda: self.tr("Cannot use this model"),
                lambda: text_of(message) + "\n\n" + self.tr("Another model is used instead."),
            )
        elif event.falling_back:
            self.window.show_status(message, 0)
            self.window.last_error = message
        else:
            self.window.show_error(lambda: self.tr("Cannot use this model"), message)

    def update_status(self) -> None:
        """The status bar's note of the model in use and its device."""
        if self.session.predictor is None:
            self.status_label.setText(self.tr("No model"))
            return
        info = self.session.predictor.describe()
        self.status_label.setText(f"{Path(info['path'] or '').stem} · {info['device']}")
