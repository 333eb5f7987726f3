"""The Models tab without Qt: rows, sort and filter, what may be done to which model, and the work
(measure, rename, delete, curves) on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mnist_desk.app.leaderboard import (
    ActionRefused,
    CurvesReady,
    Leaderboard,
    ModelsChanged,
    NameProblem,
    RowsChanged,
    UseModel,
)
from mnist_desk.app.leaderboard_rows import (
    Action,
    Column,
    Refusal,
)
from mnist_desk.app.model_catalog import ModelCatalog
from mnist_desk.store.catalog import ModelEntry, ModelFacts, list_models, shipped_checkpoint
from mnist_desk.store.checkpoints import metrics_path
from mnist_desk.store.history import history_path


class RunAtOnce:
    """A worker that runs each piece of work at once and answers the session."""

    def __init__(self):
        self.session: Leaderboard | None = None
        self.runs: list[str] = []

    def run(self, name, work):
        self.runs.append(name)
        self.session.receive(work(lambda event: None))


def board(catalog: ModelCatalog, **kwargs) -> tuple[Leaderboard, RunAtOnce, list]:
    worker, events = RunAtOnce(), []
    session = Leaderboard(worker, events.append, **kwargs)
    worker.session = session
    session.catalog_read(catalog)
    return session, worker, events


def entry(name, task="classifier", shipped=True, test=0.99, **facts):
    return ModelEntry(Path(f"/m/{name}.pt"), task, "mlp", shipped, test, facts=ModelFacts(**facts))


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A model trained for a few steps, with its metrics file and history (as the app saves)."""
    from mnist_desk.training import Trainer
    from tests.support import shared_data_dir, tiny_settings

    out = tmp_path_factory.mktemp("trained") / "classifier-mlp-tiny.pt"
    Trainer(tiny_settings(max_steps=20), data_dir=shared_data_dir(), output=out).run()
    return out


@pytest.fixture
def models_dir(tmp_path, trained) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("mine", "other"):
        for source, target in zip(
            (trained, metrics_path(trained), history_path(trained)),
            (
                folder / f"{name}.pt",
                metrics_path(folder / f"{name}.pt"),
                history_path(folder / name),
            ),
            strict=True,
        ):
            shutil.copy(source, target)
    return folder


def real_catalog(models_dir: Path) -> ModelCatalog:
    return ModelCatalog(
        models=list_models(models_dir),
        default_path=str(shipped_checkpoint("classifier", "convnet")),
    )


def test_rows_sort_with_unknown_values_last_either_way_and_filter_by_task():
    models = [
        entry("b", drawn_digits=0.9),
        entry("a", drawn_digits=None),
        entry("c", drawn_digits=0.95),
        entry("s", task="scratch", drawn_digits=0.99),
    ]
    session, _, events = board(ModelCatalog(models=models))
    assert [r.name for r in events[-1].rows] == ["s", "c", "b", "a"]  # drawn digits, best first
    session.sort_by(Column.DRAWN_DIGITS, descending=False)
    assert [r.name for r in events[-1].rows] == ["b", "c", "s", "a"]
    session.filter_task("classifier")
    last = events[-1]
    assert isinstance(last, RowsChanged) and last.task == "classifier"
    assert [r.name for r in last.rows] == ["b", "c", "a"]
    session.sort_by(Column.NAME, descending=False)
    assert [r.name for r in events[-1].rows] == ["a", "b", "c"]


def test_shipped_models_are_never_renamed_or_deleted(tmp_path):
    session, worker, events = board(ModelCatalog(models=[entry("shipped-one")]))
    row = session.row("shipped-one")
    assert row.refusal(Action.DELETE) is Refusal.SHIPPED
    assert row.refusal(Action.RENAME) is Refusal.SHIPPED
    assert row.refusal(Action.USE) is None and row.refusal(Action.CURVES) is Refusal.NO_HISTORY
    session.delete("shipped-one")
    session.rename("shipped-one", "mine")
    assert worker.runs == []
    refused = [e for e in events if isinstance(e, ActionRefused)]
    assert [(e.action, e.refusal) for e in refused] == [
        (Action.DELETE, Refusal.SHIPPED),
        (Action.RENAME, Refusal.SHIPPED),
    ]


def test_new_names_must_be_file_names_and_pick_one_model():
    session, _, _ = board(ModelCatalog(models=[entry("a", shipped=False), entry("taken")]))
    assert session.name_problem("a", "  ") is NameProblem.EMPTY
    for bad in ("../x", "a/b", ".hidden", "what?", "tab\there"):
        assert session.name_problem("a", bad) is NameProblem.CHARACTERS, bad
    assert session.name_problem("a", "taken") is NameProblem.TAKEN
    assert session.name_problem("a", "taken.pt") is NameProblem.TAKEN
    assert session.name_problem("a", "my best 1") is None


def test_rename_moves_the_checkpoint_its_metrics_and_its_curves(models_dir):
    session, worker, events = board(real_catalog(models_dir))
    session.model_in_use(str(models_dir / "mine.pt"))
    session.rename("mine", "renamed.pt")
    assert not (models_dir / "mine.pt").exists()
    for path in ("renamed.pt", "renamed.json", "renamed.history.csv"):
        assert (models_dir / path).is_file(), path
    changed = [e for e in events if isinstance(e, ModelsChanged)]
    assert changed == [ModelsChanged(name="mine", new_name="renamed", action=Action.RENAME)]
    assert UseModel(str(models_dir / "renamed.pt"), show=False) in events  # in use: it stays so
    session.catalog_read(real_catalog(models_dir))
    session.rename("renamed", "other")  # another model's name: refused, nothing moves
    assert events[-1] == ActionRefused(Action.RENAME, "renamed", NameProblem.TAKEN)
    assert (models_dir / "renamed.pt").is_file() and (models_dir / "other.pt").is_file()


def test_delete_removes_the_model_and_what_belongs_to_it(models_dir):
    session, worker, events = board(real_catalog(models_dir))
    session.delete("other")
    assert sorted(p.name for p in models_dir.iterdir()) == [
        "mine.history.csv",
        "mine.json",
        "mine.pt",
    ]
    assert ModelsChanged(name="other", action=Action.DELETE) in events
    assert not any(isinstance(e, UseModel) for e in events)  # it was not in use


def test_deleting_the_model_in_use_goes_back_to_the_default(models_dir):
    catalog = real_catalog(models_dir)
    session, _, events = board(catalog)
    session.model_in_use(str(models_dir / "mine.pt"))
    session.delete("mine")
    assert UseModel(catalog.default_path, show=False) in events


def test_curves_of_several_models_are_read_in_order(models_dir, trained):
    from mnist_desk.store.history import read_history

    session, _, events = board(real_catalog(models_dir))
    session.open_curves(["other", "mine"])
    (ready,) = [e for e in events if isinstance(e, CurvesReady)]
    assert [c.name for c in ready.curves.curves] == ["other", "mine"]
    kept = read_history(history_path(trained))
    curves = ready.curves.curves[0]
    assert [p.step for p in curves.train] == [p["step"] for p in kept["train"]]
    assert [p.val_error for p in curves.val] == [p["error"] for p in kept["val"]]
    assert curves.train[0].total_steps == 20


def test_measuring_a_users_model_keeps_the_figures_in_its_metrics_file(models_dir):
    session, worker, events = board(real_catalog(models_dir))
    session.measure(["mine"])
    drawn = json.loads(metrics_path(models_dir / "mine.pt").read_text())["drawn"]
    assert drawn["digits"] == 600 and drawn["pairs"] == 300 and drawn["seed"] == 12
    assert 0 <= drawn["digit_accuracy"] <= 1 and drawn["latency_ms"] > 0
    assert drawn["adder_digit_accuracy"] is None
    assert ModelsChanged(name="mine", action=Action.MEASURE) in events
    (mine,) = [e for e in list_models(models_dir) if e.name == "mine"]
    assert mine.facts.drawn_digits == drawn["digit_accuracy"]
    assert mine.facts.latency_ms == drawn["latency_ms"]


def test_measuring_a_shipped_model_gives_its_recorded_window_figure(tmp_path):
    """Measure renders strokes as the window does: the figure equals the one recorded in the
    shipped metrics file by replaying the drawn set into the window with mouse events
    (scripts/drawn-accuracy.py). Kept in the user's folder, tied to those very weights."""
    models_dir = tmp_path / "models"
    shipped = shipped_checkpoint("classifier", "lenet5")
    recorded = json.loads(metrics_path(shipped).read_text())["drawn"]
    session, _, _ = board(real_catalog(models_dir), models_dir=str(models_dir))
    session.measure(["classifier-lenet5"])
    (lenet,) = [e for e in list_models(models_dir) if e.name == "classifier-lenet5"]
    assert lenet.facts.latency_ms is not None  # the measurement, not the shipped file
    assert lenet.facts.drawn_digits == pytest.approx(recorded["digit_accuracy"], abs=2 / 600)
    assert lenet.facts.drawn_sums == pytest.approx(recorded["sum_accuracy"], abs=2 / 300)


def test_a_model_trained_in_the_window_shows_the_command_that_runs_its_settings():
    import shlex

    from mnist_desk.app.leaderboard_rows import recipe_of
    from mnist_desk.cli.main import build_parser
    from mnist_desk.cli.train import settings_from_args
    from mnist_desk.training import TrainingSettings

    settings = TrainingSettings(
        arch="lenet5", epochs=2.5, lr=1e-3, augment=False, aug_drawn=True, seed=7
    )
    settings.model_kwargs = {"width": 48}
    window_trained = entry("mine", shipped=False, settings=settings.to_dict(), seed=7)
    command = recipe_of(window_trained)
    assert command.startswith("mnist-desk train --task classifier --arch lenet5 ")
    assert "--no-augment" in command and "--aug-drawn" in command and "--seed 7" in command
    args = build_parser().parse_args(shlex.split(command)[1:])
    assert settings_from_args(args) == settings
    recorded = entry("cli", command="mnist-desk train --arch mlp --seed 1", settings={"x": 1})
    assert recipe_of(recorded) == "mnist-desk train --arch mlp --seed 1"


def test_why_a_rename_or_delete_failed_is_said_in_words_the_window_translates(models_dir):
    from mnist_desk.app.model_files import NAME_TAKEN, delete_work, rename_work
    from mnist_desk.errors import Words

    # A name taken between the session's check and the work (another window, a file copied in)
    taken = rename_work(str(models_dir / "mine.pt"), "other")(lambda event: None)
    assert isinstance(taken.error, Words) and taken.error == "other: a model of that name exists"
    assert taken.error.template == NAME_TAKEN.template
    assert (models_dir / "mine.pt").is_file()  # nothing moved
    gone = delete_work(str(models_dir / "nosuch.pt"))(lambda event: None)
    assert isinstance(gone.error, Words) and "cannot delete it" in gone.error
