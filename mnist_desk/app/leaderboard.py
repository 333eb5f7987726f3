"""The Models tab without Qt: every model, shipped and the user's, as a sortable, filterable
leaderboard, and what can be done to each (use, measure, rename, delete, open its curves).

``Leaderboard`` holds the rows (``app.leaderboard_rows``: their columns, what may be done to
each, the sort), the sort and the task filter, and refuses what a row does not allow. Its rows
come from the window's reading of the catalog (``app.model_catalog.read_catalog``, the one
catalog reader); the work it asks for (``app.model_files``) runs in a worker and comes back
through ``receive``. It reports plain events to one listener: ``RowsChanged``, ``UseModel``,
``ModelsChanged`` (files changed: read the catalog again), ``CurvesReady``, ``ActionRefused``
and ``ActionFailed``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mnist_desk.app import model_files
from mnist_desk.app.curve_names import Labelled
from mnist_desk.app.leaderboard_rows import (
    Action,
    Column,
    LeaderboardRow,
    Refusal,
    recipe_of,
    sorted_rows,
)
from mnist_desk.app.model_catalog import ModelCatalog, same_path
from mnist_desk.app.model_files import CurvesRead, FilesChanged, Measured, Work
from mnist_desk.store.names import CHECKPOINT_SUFFIX

if TYPE_CHECKING:
    from mnist_desk.store.catalog import ModelEntry


class NameProblem(Enum):
    EMPTY = "empty"
    CHARACTERS = "characters"  # a path separator, a leading dot, a character files cannot hold
    TAKEN = "taken"  # another model has that name (names must pick one model)


_FILE_NAME = re.compile(r'[^/\\:*?"<>|\x00-\x1f]+')


# ---- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowsChanged:
    rows: tuple[LeaderboardRow, ...]  # filtered and sorted, as shown
    column: Column
    descending: bool
    task: str  # the task shown ("": every task)


@dataclass(frozen=True)
class UseModel:
    path: str  # the Draw tab's model from now on
    show: bool = True  # the user asked to use it: show the Draw tab (not after a rename or delete)


@dataclass(frozen=True)
class ModelsChanged:
    """Files changed (measured, renamed, deleted): the catalog must be read again."""

    message: str = ""  # what happened, for the status bar
    name: str = ""
    new_name: str = ""
    action: Action | None = None


@dataclass(frozen=True)
class CurvesReady:
    curves: CurvesRead


@dataclass(frozen=True)
class ActionRefused:
    action: Action
    name: str
    refusal: Refusal | NameProblem


@dataclass(frozen=True)
class ActionFailed:
    action: Action
    name: str
    message: str


LeaderboardEvent = (
    RowsChanged | UseModel | ModelsChanged | CurvesReady | ActionRefused | ActionFailed
)


class LeaderboardWorker(Protocol):
    """Runs work (``app.model_files``) off the GUI thread and hands each answer to
    ``Leaderboard.receive`` in the session's thread."""

    def run(self, name: str, work: Work) -> None: ...


# ---- the session -----------------------------------------------------------------------------


@dataclass
class Leaderboard:
    """The Models tab's state. Call everything from one thread (the GUI's)."""

    worker: LeaderboardWorker
    listener: Callable[[LeaderboardEvent], None]
    models_dir: str | None = None
    column: Column = Column.DRAWN_DIGITS
    descending: bool = True
    task: str = ""
    catalog: ModelCatalog | None = None
    in_use: str = ""
    busy: set[str] = field(default_factory=set)  # paths with work under way
    _measure_queue: list[tuple[str, bool]] = field(default_factory=list)  # (path, shipped)
    _measuring: str = ""
    _recipes: dict[str, str] = field(default_factory=dict)  # path -> recipe (worked out once)

    # ---- what the window tells it ----

    def catalog_read(self, catalog: ModelCatalog) -> None:
        self.catalog = catalog
        self._show()

    def model_in_use(self, path: str) -> None:
        self.in_use = path
        self._show()

    def model_saved(self, path: str) -> None:
        """A run saved ``path``: measure it on the drawn digits (the user's model)."""
        self._queue_measure(path, shipped=False)

    # ---- what is shown ----

    def rows(self) -> list[LeaderboardRow]:
        """Every model, filtered by task and sorted."""
        if self.catalog is None:
            return []
        rows = [
            self._row(entry)
            for entry in self.catalog.models
            if not self.task or entry.task == self.task
        ]
        return sorted_rows(rows, self.column, self.descending)

    def _row(self, entry: ModelEntry) -> LeaderboardRow:
        path = str(entry.path)
        if path not in self._recipes:
            self._recipes[path] = recipe_of(entry) if entry.readable else ""
        return LeaderboardRow(
            entry,
            in_use=bool(self.in_use) and same_path(path, self.in_use),
            busy=path in self.busy,
            recipe=self._recipes[path],
        )

    def row(self, name: str) -> LeaderboardRow | None:
        return next((r for r in self.rows() if r.name == name), None)

    def sort_by(self, column: Column, descending: bool) -> None:
        self.column, self.descending = column, descending
        self._show()

    def filter_task(self, task: str) -> None:
        self.task = task
        self._show()

    def _show(self) -> None:
        self.listener(RowsChanged(tuple(self.rows()), self.column, self.descending, self.task))

    # ---- actions ----

    def _allowed(self, action: Action, name: str) -> LeaderboardRow | None:
        row = self.row(name)
        if row is None:
            return None
        refusal = row.refusal(action)
        if refusal is not None:
            self.listener(ActionRefused(action, name, refusal))
            return None
        return row

    def use(self, name: str) -> None:
        if (row := self._allowed(Action.USE, name)) is not None:
            self.listener(UseModel(row.path))

    def measure(self, names: list[str]) -> None:
        for name in names:
            if (row := self._allowed(Action.MEASURE, name)) is not None:
                self._queue_measure(row.path, row.entry.shipped)

    def _queue_measure(self, path: str, shipped: bool) -> None:
        if path != self._measuring and all(p != path for p, _ in self._measure_queue):
            self._measure_queue.append((path, shipped))
            self.busy.add(path)
        self._next_measure()
        self._show()

    def _next_measure(self) -> None:
        """One measurement at a time: two at once would disturb each other's latency."""
        if self._measuring or not self._measure_queue:
            return
        path, shipped = self._measure_queue.pop(0)
        self._measuring = path
        self.worker.run(
            f"measuring {path}", model_files.measure_work(path, shipped, self.models_dir)
        )

    def name_problem(self, name: str, new_name: str) -> NameProblem | None:
        """Why ``new_name`` cannot be ``name``'s new name (None: it can)."""
        new_name = new_name.strip().removesuffix(CHECKPOINT_SUFFIX)
        if not new_name:
            return NameProblem.EMPTY
        if new_name.startswith(".") or not _FILE_NAME.fullmatch(new_name):
            return NameProblem.CHARACTERS
        models = self.catalog.models if self.catalog else []
        if any(m.name == new_name and m.name != name for m in models):
            return NameProblem.TAKEN
        return None

    def rename(self, name: str, new_name: str) -> None:
        row = self._allowed(Action.RENAME, name)
        if row is None:
            return
        problem = self.name_problem(name, new_name)
        if problem is not None:
            self.listener(ActionRefused(Action.RENAME, name, problem))
            return
        new_name = new_name.strip().removesuffix(CHECKPOINT_SUFFIX)
        if new_name == name:
            return
        self.busy.add(row.path)
        self.worker.run(f"renaming {row.path}", model_files.rename_work(row.path, new_name))
        self._show()

    def delete(self, name: str) -> None:
        """Delete a user's model (the view has asked the user first)."""
        row = self._allowed(Action.DELETE, name)
        if row is not None:
            self.busy.add(row.path)
            self.worker.run(f"deleting {row.path}", model_files.delete_work(row.path))
            self._show()

    def open_curves(self, names: list[str]) -> None:
        """Read the curves of ``names`` (one or more, overlaid by the view)."""
        wanted = []
        for name in names:
            if (row := self._allowed(Action.CURVES, name)) is not None:
                e = row.entry
                wanted.append(
                    (Labelled(row.name, e.task, e.arch, e.facts.created), str(e.facts.history))
                )
        if wanted:
            self.worker.run("reading training curves", model_files.curves_work(wanted))

    # ---- the worker's answers ----

    def receive(self, answer: object) -> None:
        if isinstance(answer, Measured):
            self._measured(answer)
        elif isinstance(answer, FilesChanged):
            self._files_changed(answer)
        elif isinstance(answer, CurvesRead):
            self.listener(CurvesReady(answer))

    def _measured(self, answer: Measured) -> None:
        self._measuring = ""
        self.busy.discard(answer.path)
        name = Path(answer.path).stem
        if answer.error:
            self.listener(ActionFailed(Action.MEASURE, name, answer.error))
        else:
            self.listener(ModelsChanged(name=name, action=Action.MEASURE))
        self._next_measure()
        self._show()

    def _files_changed(self, answer: FilesChanged) -> None:
        self.busy.discard(answer.path)
        self._recipes.pop(answer.path, None)
        name = Path(answer.path).stem
        action = Action.DELETE if answer.deleted else Action.RENAME
        if answer.error:
            self.listener(ActionFailed(action, name, answer.error))
            self._show()
            return
        was_in_use = bool(self.in_use) and same_path(answer.path, self.in_use)
        if not answer.deleted:
            new_name = Path(answer.new_path).stem
            self.listener(ModelsChanged(name=name, new_name=new_name, action=action))
            if was_in_use:
                self.listener(UseModel(answer.new_path, show=False))
        else:
            self.listener(ModelsChanged(name=name, action=Action.DELETE))
            if was_in_use and self.catalog is not None and self.catalog.default_path:
                self.listener(UseModel(self.catalog.default_path, show=False))
        self._show()
