"""Loading models off the GUI thread (Qt's worker-object pattern) for the ModelSession.

Everything that imports torch happens in the worker thread, after the window is shown: the
catalog of models and devices, and each Predictor (``mnist_desk.app.model_session`` does the
work and keeps the state; this module only moves it to a thread). Results come back as signals,
queued to the GUI thread, and the window hands them to the session.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from mnist_desk.app.model_session import (
    LoadRequest,
    ModelCatalog,
    describe_error,
    load_predictor,
    read_catalog,
)

Catalog = ModelCatalog  # the name this module used to give it

__all__ = ["Catalog", "LoaderThread", "PredictorLoader", "describe_error"]


class PredictorLoader(QObject):
    """Lives in a worker thread; its slots run there, its signals are delivered to the GUI."""

    catalog_ready = Signal(object)  # ModelCatalog
    loaded = Signal(int, object)  # request id, Predictor
    failed = Signal(int, str)  # request id, message for the user

    @Slot(str)
    def discover(self, models_dir: str) -> None:
        try:
            catalog = read_catalog(models_dir)
        except Exception as e:  # noqa: BLE001 - shown to the user, the window keeps working
            catalog = ModelCatalog(error=describe_error(e, "reading the models"))
        self.catalog_ready.emit(catalog)

    @Slot(int, str, str)
    def load(self, request_id: int, path: str, device: str) -> None:
        try:
            predictor = load_predictor(path, device)
        except Exception as e:  # noqa: BLE001 - any failure keeps the previous model in use
            self.failed.emit(request_id, describe_error(e, f"loading {path}"))
            return
        self.loaded.emit(request_id, predictor)


class LoaderThread(QObject):
    """Owns the worker thread and the loader in it (a ``ModelWorker``); call ``stop()`` before
    exit."""

    request_discover = Signal(str)
    request_load = Signal(int, str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("mnist-desk model loader")
        self.loader = PredictorLoader()
        self.loader.moveToThread(self.thread)
        self.request_discover.connect(self.loader.discover)
        self.request_load.connect(self.loader.load)
        self.thread.start()

    def discover(self, models_dir: str) -> None:
        self.request_discover.emit(models_dir)

    def load(self, request: LoadRequest) -> None:
        self.request_load.emit(request.id, request.path, request.device)

    def stop(self) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
