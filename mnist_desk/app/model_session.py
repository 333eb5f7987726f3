"""The model in use: the catalog of models and devices, load requests and their fallbacks.

``ModelSession`` is the state machine the window used to hold: it asks a worker to read the
catalog and to load checkpoints, numbers each load request so a late answer to a superseded
request is ignored, and when nothing has loaded yet falls back to the CPU, then to the default
model, before giving up. It reports what happened as plain events (``LoadStarted``,
``CatalogRead``, ``ModelLoaded``, ``LoadFailed``, ``NoModel``) to one listener; the window turns
them into widgets' states and translated text.

What can be chosen (``ModelCatalog``, ``read_catalog``) is ``app.model_catalog``. The work
itself (``catalog_work``, ``load_work``) imports torch, so it runs wherever the worker runs it: in
the app a worker thread of ``mnist_desk.ui.background`` (``ui.draw.predictor_loader``), in tests
the calling thread. This module imports neither Qt nor, at import time, torch: the window imports
it before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mnist_desk.app.jobs import describe_error
from mnist_desk.app.model_catalog import ModelCatalog, device_name, read_catalog
from mnist_desk.errors import Phrase
from mnist_desk.store.names import is_file_reference, unknown_model_message

UNREADABLE = Phrase("{path}: not a readable checkpoint ({error})")


def load_predictor(path: str, device: str) -> Any:
    """A ready Predictor, tried once on a synthetic digit so device errors surface here."""
    import numpy as np

    from mnist_desk.imaging.drawn import picture_from_image
    from mnist_desk.recognition.predictor import Predictor
    from mnist_desk.store.checkpoints import CheckpointError, load_checkpoint

    try:
        checkpoint = load_checkpoint(path)
    except CheckpointError:
        raise
    except Exception as e:  # torch.load on some garbage raises odd errors: name the file anyway
        raise CheckpointError(UNREADABLE(path=path, error=f"{type(e).__name__}: {e}")) from e
    predictor = Predictor(checkpoint, device or "cpu")
    bar = np.zeros((28, 28), np.uint8)
    bar[4:24, 12:16] = 255
    predictor.predict_sum(picture_from_image(bar), picture_from_image(bar))
    return predictor


@dataclass(frozen=True)
class LoadAnswer:
    """What the worker answers to a load request: the Predictor, or why there is none."""

    request_id: int
    predictor: Any = None
    error: str = ""


def catalog_work(models_dir: str) -> Callable[[Callable[[object], None]], ModelCatalog]:
    """Work for a worker thread: the catalog, or an empty one that says why it could not be read."""

    def work(emit: Callable[[object], None]) -> ModelCatalog:
        try:
            return read_catalog(models_dir)
        except Exception as e:  # noqa: BLE001 - shown to the user, the window keeps working
            return ModelCatalog(error=describe_error(e, "reading the models"))

    return work


def load_work(request: LoadRequest) -> Callable[[Callable[[object], None]], LoadAnswer]:
    """Work for a worker thread: ``request``'s Predictor, or the message for the user."""

    def work(emit: Callable[[object], None]) -> LoadAnswer:
        try:
            return LoadAnswer(request.id, load_predictor(request.path, request.device))
        except Exception as e:  # noqa: BLE001 - any failure keeps the previous model in use
            return LoadAnswer(request.id, error=describe_error(e, f"loading {request.path}"))

    return work


# ---- events the session reports ------------------------------------------------------------


@dataclass(frozen=True)
class LoadRequest:
    """One request to load ``path`` on ``device``; only the newest request's answer counts."""

    id: int
    path: str
    device: str


@dataclass(frozen=True)
class LoadStarted:
    request: LoadRequest
    first: bool  # no model answers yet: views show "loading" instead of stale results


@dataclass(frozen=True)
class CatalogRead:
    catalog: ModelCatalog


@dataclass(frozen=True)
class ModelLoaded:
    predictor: Any  # recognition.predictor.Predictor
    info: dict[str, Any]  # Predictor.describe()


@dataclass(frozen=True)
class LoadFailed:
    request: LoadRequest
    message: str
    previous_kept: bool  # the model loaded before still answers
    falling_back: bool  # nothing loaded yet: another (path, device) is tried next
    asked: bool = False  # the model asked for at start (``--model``): say so, never silently


@dataclass(frozen=True)
class ModelNotFound:
    """The model asked for at start (``--model``) is no file and no known name."""

    name: str
    message: str


@dataclass(frozen=True)
class NoModel:
    reason: str  # NONE_FOUND or NONE_LOADABLE


NONE_FOUND = "none found"  # no readable checkpoint anywhere
NONE_LOADABLE = "none loadable"  # every candidate failed to load

ModelEvent = LoadStarted | CatalogRead | ModelLoaded | LoadFailed | ModelNotFound | NoModel


class ModelWorker(Protocol):
    """Runs ``catalog_work`` and ``load_work`` somewhere (a worker thread in the app), one at a
    time, and hands what they return to ``ModelSession.receive`` in the session's thread."""

    def discover(self, models_dir: str) -> None: ...

    def load(self, request: LoadRequest) -> None: ...

    def stop(self) -> None: ...


# ---- the session -------------------------------------------------------------------------


class ModelSession:
    """The model in use and the requests that change it.

    ``start_worker`` makes the worker on first need (the window does so after its first paint);
    ``listener`` gets every event, in order. Call everything from one thread (the GUI's).
    ``initial_model`` (a file or a model name) is the one asked for: if there is no such model,
    ``ModelNotFound`` says so before another is loaded. ``remembered_model`` (the last session's)
    is tried next, quietly: a file since deleted just gives way to the default.
    """

    def __init__(
        self,
        start_worker: Callable[[], ModelWorker],
        listener: Callable[[ModelEvent], None],
        *,
        models_dir: str | None = None,
        device: str = "cpu",
        initial_model: str | None = None,
        remembered_model: str | None = None,
    ):
        self._start_worker = start_worker
        self._listener = listener
        self.models_dir = models_dir
        self.device = device
        self.initial_model = initial_model
        self._asked_path = ""  # the file the asked-for model resolved to, once it did
        self.remembered_model = remembered_model
        self.predictor: Any = None
        self.catalog: ModelCatalog | None = None
        self.pending: LoadRequest | None = None
        self._worker: ModelWorker | None = None
        self._closed = False
        self._last_id = 0
        self._fallbacks_tried: set[tuple[str, str]] = set()

    # ---- state ----

    @property
    def loading(self) -> bool:
        """A load is under way, or the first catalog has not arrived yet."""
        return self.pending is not None or (self.predictor is None and self.catalog is None)

    @property
    def current_path(self) -> str:
        """The checkpoint of the model in use ("" without one)."""
        path = self.predictor.checkpoint.path if self.predictor is not None else None
        return str(path) if path else ""

    @property
    def started(self) -> bool:
        return self._worker is not None

    # ---- requests ----

    def start(self) -> bool:
        """Start the worker (once) and read the catalog; False once closed."""
        if self._closed:
            return False
        if self._worker is None:
            self._worker = self._start_worker()
            self._worker.discover(self.models_dir or "")
        return True

    def refresh(self) -> None:
        """Read the catalog again (e.g. after a model was trained)."""
        if self._worker is not None:
            self._worker.discover(self.models_dir or "")
        else:
            self.start()

    def use_model(self, path: str | Path) -> None:
        """Load ``path`` on the current device; the current model answers meanwhile."""
        self.request_load(str(path), self.device)

    def use_device(self, name: str) -> None:
        """Run the current model (or the one loading) on another device."""
        if self.predictor is None:
            self.device = name
            if self.pending is not None:
                self.request_load(self.pending.path, name)
            return
        self.request_load(self.current_path, name)

    def request_load(self, path: str, device: str) -> LoadRequest | None:
        """Ask the worker for ``path`` on ``device``; supersedes any request still pending."""
        if not self.start():
            return None
        self._last_id += 1
        request = LoadRequest(self._last_id, path, device)
        self.pending = request
        self._listener(LoadStarted(request, first=self.predictor is None))
        self._worker.load(request)
        return request

    def close(self) -> None:
        """Load no more; stops the worker (waiting for a load under way)."""
        self._closed = True
        if self._worker is not None:
            self._worker.stop()

    # ---- the worker's answers ----

    def receive(self, answer: ModelCatalog | LoadAnswer) -> None:
        """What ``catalog_work`` or ``load_work`` returned."""
        if isinstance(answer, ModelCatalog):
            self.catalog_read(answer)
        elif answer.error:
            self.failed(answer.request_id, answer.error)
        else:
            self.loaded(answer.request_id, answer.predictor)

    def catalog_read(self, catalog: ModelCatalog) -> None:
        self.catalog = catalog
        self._listener(CatalogRead(catalog))
        if self.predictor is None and self.pending is None and not self._closed:
            path = self.first_model_path(catalog)
            if path:
                self.request_load(path, self.device)
            else:
                self._listener(NoModel(NONE_FOUND))

    def first_model_path(self, catalog: ModelCatalog) -> str:
        """The model to start with: the one asked for, the remembered one, the default, or the
        first readable."""
        if self.initial_model:
            path = catalog.path_of(self.initial_model)
            if path:
                self._asked_path = path
                return path
            if is_file_reference(self.initial_model):
                message = f"{self.initial_model}: no such checkpoint file"
            else:
                known = [m.name for m in catalog.models]
                message = unknown_model_message(self.initial_model, known)
            self._listener(ModelNotFound(self.initial_model, message))
        for candidate in (self.remembered_model, catalog.default_path):
            if candidate and Path(candidate).is_file():
                return candidate
        readable = catalog.readable()
        return str(readable[0].path) if readable else ""

    def loaded(self, request_id: int, predictor: Any) -> None:
        if self.pending is None or request_id != self.pending.id:
            return  # a newer request superseded this one
        self.pending = None
        self.predictor = predictor
        info = predictor.describe()
        self.device = device_name(info["device"])
        self._listener(ModelLoaded(predictor, info))

    def failed(self, request_id: int, message: str) -> None:
        if self.pending is None or request_id != self.pending.id:
            return
        request, self.pending = self.pending, None
        self._fallbacks_tried.add((request.path, request.device))
        if self.predictor is not None:
            self._listener(LoadFailed(request, message, previous_kept=True, falling_back=False))
            return
        # Nothing loaded yet: fall back to the CPU, then to the default model, before giving up.
        default = self.catalog.default_path if self.catalog else ""
        for path, device in ((request.path, "cpu"), (default, "cpu")):
            if path and Path(path).is_file() and (path, device) not in self._fallbacks_tried:
                # The asked-for model itself cannot be used (not merely its device).
                asked = request.path == self._asked_path and path != request.path
                self._listener(LoadFailed(request, message, False, falling_back=True, asked=asked))
                self.device = device
                self.request_load(path, device)
                return
        self._listener(LoadFailed(request, message, previous_kept=False, falling_back=False))
        self._listener(NoModel(NONE_LOADABLE))
