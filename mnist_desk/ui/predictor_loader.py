"""Loading models off the GUI thread (Qt's worker-object pattern).

Everything that imports torch happens here, in a worker thread, after the window is shown:
the catalog of models and devices, and each Predictor. Results come back as signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


@dataclass
class Catalog:
    """What can be chosen: tasks, architectures, checkpoints and devices."""

    tasks: list[tuple[str, str]] = field(default_factory=list)  # (task, core title)
    archs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # task -> (arch, title)
    preferred: dict[str, str] = field(default_factory=dict)  # task -> its default architecture
    models: list[Any] = field(default_factory=list)  # catalog.ModelEntry
    devices: list[Any] = field(default_factory=list)  # devices.DeviceInfo
    cuda_reason: str = ""
    default_path: str = ""
    error: str = ""  # set when the catalog could not be read


def read_catalog(models_dir: str | None) -> Catalog:
    from mnist_desk.catalog import default_classifier_path, list_models
    from mnist_desk.devices import cuda_unavailable_reason, list_devices
    from mnist_desk.models import TASK_TITLES, TASKS, arch_info, archs_for, default_arch

    archs = {task: [(a, arch_info(task, a).title) for a in archs_for(task)] for task in TASKS}
    devices = list_devices()
    has_cuda = any(d.name.startswith("cuda") for d in devices)
    return Catalog(
        tasks=[(t, TASK_TITLES.get(t, t)) for t in TASKS],
        archs=archs,
        preferred={task: default_arch(task) for task in TASKS},
        models=list_models(models_dir or None),
        devices=devices,
        cuda_reason="" if has_cuda else cuda_unavailable_reason(),
        default_path=str(default_classifier_path()),
    )


def load_predictor(path: str, device: str):
    """A ready Predictor, tried once on a synthetic digit so device errors surface here."""
    import numpy as np

    from mnist_desk.checkpoints import CheckpointError, load_checkpoint
    from mnist_desk.inference import Predictor

    try:
        checkpoint = load_checkpoint(path)
    except CheckpointError:
        raise
    except Exception as e:  # torch.load on some garbage raises odd errors: name the file anyway
        raise CheckpointError(f"{path}: not a readable checkpoint ({type(e).__name__}: {e})") from e
    predictor = Predictor(checkpoint, device or "cpu")
    bar = np.zeros((28, 28), np.uint8)
    bar[4:24, 12:16] = 255
    predictor.predict_sum(bar, bar)
    return predictor


def describe_error(error: BaseException, where: str = "") -> str:
    """A user error's own message; for a bug, its traceback goes to the log and the message
    says where."""
    from mnist_desk.errors import is_user_error
    from mnist_desk.logs import report_unexpected

    if is_user_error(error):
        return str(error)
    return report_unexpected(error, where)


def _single_threaded() -> None:
    """This thread's torch work on one core: a training run's threads keep OpenMP's fast path."""
    from mnist_desk.acceleration import single_threaded_here

    single_threaded_here()


class PredictorLoader(QObject):
    """Lives in a worker thread; its slots run there, its signals are delivered to the GUI."""

    catalog_ready = Signal(object)  # Catalog
    loaded = Signal(int, object)  # request id, Predictor
    failed = Signal(int, str)  # request id, message for the user

    @Slot(str)
    def discover(self, models_dir: str) -> None:
        try:
            _single_threaded()
            catalog = read_catalog(models_dir)
        except Exception as e:  # noqa: BLE001 - shown to the user, the window keeps working
            catalog = Catalog(error=describe_error(e, "reading the models"))
        self.catalog_ready.emit(catalog)

    @Slot(int, str, str)
    def load(self, request_id: int, path: str, device: str) -> None:
        try:
            _single_threaded()
            predictor = load_predictor(path, device)
        except Exception as e:  # noqa: BLE001 - any failure keeps the previous model in use
            self.failed.emit(request_id, describe_error(e, f"loading {path}"))
            return
        self.loaded.emit(request_id, predictor)


class LoaderThread(QObject):
    """Owns the worker thread and the loader in it; call ``stop()`` before exit."""

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

    def stop(self) -> None:
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
