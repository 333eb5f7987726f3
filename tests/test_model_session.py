"""The model session without Qt: load requests, stale answers, fallbacks, the catalog, titles."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from mnist_desk.app.model_catalog import ModelCatalog, english_arch_title, english_task_title
from mnist_desk.app.model_session import (
    NONE_FOUND,
    NONE_LOADABLE,
    CatalogRead,
    LoadFailed,
    LoadRequest,
    LoadStarted,
    ModelLoaded,
    ModelSession,
    NoModel,
)
from mnist_desk.store.catalog import ModelEntry

REPO = Path(__file__).resolve().parents[1]


class FakeWorker:
    """Records what the session asks for; the test answers as the worker thread would."""

    def __init__(self):
        self.discovered = 0
        self.requests: list[LoadRequest] = []
        self.stopped = False

    def discover(self, models_dir: str) -> None:
        self.discovered += 1

    def load(self, request: LoadRequest) -> None:
        self.requests.append(request)

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeCheckpoint:
    path: Path


class FakePredictor:
    def __init__(self, path, device="cpu"):
        self.checkpoint = FakeCheckpoint(Path(path))
        self.device = device

    def describe(self):
        return {
            "path": str(self.checkpoint.path),
            "task": "classifier",
            "arch": "convnet",
            "test_accuracy": 0.99,
            "device": self.device,
        }


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name in ("default", "mine", "other"):
        paths[name] = tmp_path / f"classifier-{name}.pt"
        paths[name].write_bytes(b"weights")
    return paths


def catalog_of(files, **kwargs):
    models = [
        ModelEntry(files["default"], "classifier", "convnet", True, 0.99),
        ModelEntry(files["mine"], "classifier", "mlp", False, 0.9),
    ]
    return ModelCatalog(models=models, default_path=str(files["default"]), **kwargs)


def make_session(**kwargs):
    worker, events = FakeWorker(), []
    session = ModelSession(lambda: worker, events.append, **kwargs)
    return session, worker, events


def test_the_first_catalog_loads_the_model_asked_for(files):
    session, worker, events = make_session(initial_model=str(files["mine"]))
    assert session.loading and session.predictor is None
    assert session.start() and session.start()  # the worker starts once
    assert worker.discovered == 1
    session.catalog_read(catalog_of(files))
    assert isinstance(events[0], CatalogRead)
    assert events[1] == LoadStarted(LoadRequest(1, str(files["mine"]), "cpu"), first=True)
    assert worker.requests == [events[1].request] and session.loading
    predictor = FakePredictor(files["mine"])
    session.loaded(1, predictor)
    assert session.predictor is predictor and not session.loading
    assert isinstance(events[-1], ModelLoaded) and events[-1].info["path"] == str(files["mine"])
    assert session.current_path == str(files["mine"])


def test_a_missing_initial_model_falls_to_the_default(files, tmp_path):
    session, worker, _ = make_session(initial_model=str(tmp_path / "gone.pt"))
    session.start()
    session.catalog_read(catalog_of(files))
    assert worker.requests[-1].path == str(files["default"])


def test_an_answer_to_a_superseded_request_is_ignored(files):
    session, worker, events = make_session()
    session.start()
    first = session.request_load(str(files["mine"]), "cpu")
    second = session.request_load(str(files["other"]), "cpu")
    session.loaded(first.id, FakePredictor(files["mine"]))
    session.failed(first.id, "late failure")
    assert session.predictor is None and session.pending == second
    assert not any(isinstance(e, (ModelLoaded, LoadFailed)) for e in events)
    session.loaded(second.id, FakePredictor(files["other"]))
    assert session.current_path == str(files["other"])


def test_a_failed_switch_keeps_the_previous_model(files):
    session, worker, events = make_session()
    session.start()
    session.loaded(session.request_load(str(files["mine"]), "cpu").id, FakePredictor(files["mine"]))
    previous = session.predictor
    session.use_model(files["other"])
    assert events[-1] == LoadStarted(worker.requests[-1], first=False)
    session.failed(worker.requests[-1].id, "broken file")
    assert session.predictor is previous and not session.loading
    assert events[-1] == LoadFailed(worker.requests[-1], "broken file", True, False)
    session.use_device("cuda:0")  # the model in use, on another device
    assert worker.requests[-1].path == str(files["mine"])
    assert worker.requests[-1].device == "cuda:0"


def test_with_nothing_loaded_it_falls_back_to_the_cpu_then_the_default_then_gives_up(files):
    session, worker, events = make_session(device="cuda:0", initial_model=str(files["mine"]))
    session.start()
    session.catalog_read(catalog_of(files))
    tried = []
    while session.pending is not None:
        tried.append((session.pending.path, session.pending.device))
        session.failed(session.pending.id, f"cannot load {session.pending.path}")
    assert tried == [
        (str(files["mine"]), "cuda:0"),
        (str(files["mine"]), "cpu"),
        (str(files["default"]), "cpu"),
    ]
    failures = [e for e in events if isinstance(e, LoadFailed)]
    assert [e.falling_back for e in failures] == [True, True, False]
    assert events[-1] == NoModel(NONE_LOADABLE)
    assert session.predictor is None and session.device == "cpu"


def test_no_readable_model_says_so_and_unreadable_ones_are_never_loaded(tmp_path):
    broken = tmp_path / "classifier-broken.pt"
    broken.write_bytes(b"junk")
    catalog = ModelCatalog(models=[ModelEntry(broken, "", "", False, None, problem="corrupt")])
    session, worker, events = make_session()
    session.start()
    session.catalog_read(catalog)
    assert worker.requests == [] and events[-1] == NoModel(NONE_FOUND)
    assert not session.loading  # a catalog arrived and nothing is pending


def test_a_device_picked_while_the_first_model_loads_is_used_for_it(files):
    session, worker, _ = make_session()
    session.start()
    session.request_load(str(files["mine"]), "cpu")
    session.use_device("cuda:1")
    assert session.device == "cuda:1"
    assert (worker.requests[-1].path, worker.requests[-1].device) == (str(files["mine"]), "cuda:1")
    session.loaded(worker.requests[-1].id, FakePredictor(files["mine"], device="cuda"))
    assert session.device == "cuda:0"  # named as the device pickers name it


def test_a_closed_session_loads_nothing(files):
    session, worker, _ = make_session()
    session.start()
    session.close()
    assert worker.stopped
    assert session.request_load(str(files["mine"]), "cpu") is None and worker.requests == []


def test_the_catalog_lists_readable_entries_by_task_and_arch(files, tmp_path):
    catalog = catalog_of(files)
    catalog.models.append(ModelEntry(tmp_path / "x.pt", "", "", False, None, problem="corrupt"))
    assert [m.arch for m in catalog.readable("classifier")] == ["convnet", "mlp"]
    assert catalog.readable("classifier", "mlp")[0].path == files["mine"]
    assert catalog.entry_for(str(files["mine"])).arch == "mlp"
    assert catalog.entry_for(tmp_path / "nowhere.pt") is None


def test_one_copy_of_the_titles_the_cores_and_each_is_translated():
    from mnist_desk.models import CLASSIFIERS, SCRATCH_ARCHS, TASK_TITLES, TASKS

    assert {t: english_task_title(t) for t in TASKS} == TASK_TITLES
    assert english_arch_title("scratch", "convnet") == SCRATCH_ARCHS["convnet"].title
    assert english_arch_title(None, "convnet") == CLASSIFIERS["convnet"].title
    assert english_arch_title(None, "convnet-digits") == SCRATCH_ARCHS["convnet-digits"].title
    titles = set(TASK_TITLES.values())
    titles |= {a.title for a in (*CLASSIFIERS.values(), *SCRATCH_ARCHS.values())}
    ts = ET.parse(REPO / "resources" / "translations" / "mnist_desk_zh_CN.ts").getroot()
    context = next(c for c in ts.iter("context") if c.findtext("name") == "ModelTitles")
    translated = {m.findtext("source") for m in context.iter("message")}
    assert titles - translated == set()


def test_the_session_imports_neither_qt_nor_torch():
    code = (
        "import sys, mnist_desk.app.model_session; "
        "print(sorted(m for m in ('torch', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert out.stdout.strip() == "[]", out.stderr


def first_load_fails(files, error: str, **kwargs):
    """A session asked for ``files["mine"]`` whose first load the worker answers with
    ``error``: the session, the worker, the events so far and the failed request."""
    from mnist_desk.app.model_session import LoadAnswer

    session, worker, events = make_session(initial_model=str(files["mine"]), **kwargs)
    session.start()
    session.receive(catalog_of(files))
    request = worker.requests[-1]
    session.receive(LoadAnswer(request.id, error=error))
    return session, worker, events, request


def test_the_workers_answers_reach_the_session(files):
    from mnist_desk.app.model_session import LoadAnswer

    session, worker, events, request = first_load_fails(files, "cannot read it")
    # It failed on the CPU already, so the default is tried next, and the view is told that
    # the model asked for is the one that failed (it says so in a dialog).
    assert events[-2] == LoadFailed(request, "cannot read it", False, True, asked=True)
    retry = worker.requests[-1]
    assert retry.path != request.path and retry.device == "cpu"
    predictor = FakePredictor(files["mine"])
    session.receive(LoadAnswer(retry.id, predictor))
    assert session.predictor is predictor


def test_the_work_functions_answer_failures_instead_of_raising(tmp_path, monkeypatch):
    from mnist_desk.app import model_session
    from mnist_desk.store.checkpoints import CheckpointError

    garbage = tmp_path / "classifier-garbage.pt"
    garbage.write_bytes(b"not a checkpoint" * 8)
    answer = model_session.load_work(LoadRequest(7, str(garbage), "cpu"))(lambda _: None)
    assert answer.request_id == 7 and answer.predictor is None and str(garbage) in answer.error

    def unreadable(models_dir):
        raise CheckpointError("the models folder cannot be read")

    monkeypatch.setattr(model_session, "read_catalog", unreadable)
    catalog = model_session.catalog_work("somewhere")(lambda _: None)
    assert catalog.models == [] and catalog.error == "the models folder cannot be read"


def test_the_asked_model_failing_on_its_device_is_tried_on_the_cpu_without_a_word(files):
    """Only the model itself failing is the user's to hear about: a device that fails falls
    back to the CPU with the same model, in the status bar as before."""
    _, worker, events, request = first_load_fails(files, "no such device", device="cuda:0")
    assert events[-2] == LoadFailed(request, "no such device", False, True, asked=False)
    retry = worker.requests[-1]
    assert (retry.path, retry.device) == (request.path, "cpu")
