"""One row of the Models tab's leaderboard: a model's columns, what may be done to it, the sort.

A shipped model is never renamed or deleted (``Refusal.SHIPPED``), an unreadable one never used
or measured, a busy one left alone; ``LeaderboardRow.refusal`` says so for each ``Action``.
``sorted_rows`` sorts by any ``Column`` with unknown values last. No Qt, no torch at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mnist_desk.store.catalog import ModelEntry


class Column(Enum):
    """The leaderboard's columns, in order (the view titles them)."""

    NAME = "name"
    TASK = "task"
    ARCH = "arch"
    PARAMETERS = "parameters"
    TEST_ACCURACY = "test"
    DRAWN_DIGITS = "drawn-digits"
    DRAWN_SUMS = "drawn-sums"
    LATENCY = "latency"
    TRAIN_TIME = "train-time"
    CREATED = "created"
    RECIPE = "recipe"


COLUMNS = tuple(Column)


class Action(Enum):
    USE = "use"
    MEASURE = "measure"
    RENAME = "rename"
    DELETE = "delete"
    CURVES = "curves"


class Refusal(Enum):
    """Why an action is not offered for a model (the view words it)."""

    SHIPPED = "shipped"  # shipped models are never renamed or deleted
    UNREADABLE = "unreadable"
    NO_HISTORY = "no-history"  # trained before histories were kept, or elsewhere
    BUSY = "busy"  # being measured, renamed or deleted


@dataclass(frozen=True)
class LeaderboardRow:
    """One model, as the leaderboard shows it."""

    entry: ModelEntry
    in_use: bool = False
    busy: bool = False  # being measured, renamed or deleted
    recipe: str = ""  # the command that trained it, or the equivalent one for its settings

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def path(self) -> str:
        return str(self.entry.path)

    def value(self, column: Column) -> Any:
        """The raw value in ``column`` (None: not known)."""
        e, f = self.entry, self.entry.facts
        return {
            Column.NAME: e.name,
            Column.TASK: e.task,
            Column.ARCH: e.arch,
            Column.PARAMETERS: f.parameters,
            Column.TEST_ACCURACY: e.test_accuracy,
            Column.DRAWN_DIGITS: f.drawn_digits,
            Column.DRAWN_SUMS: f.drawn_sums,
            Column.LATENCY: f.latency_ms,
            Column.TRAIN_TIME: f.train_time_s,
            Column.CREATED: f.created or None,
            Column.RECIPE: self.recipe or None,
        }[column]

    def refusal(self, action: Action) -> Refusal | None:
        """Why ``action`` is not offered for this model (None: it is)."""
        if self.busy and action is not Action.CURVES:
            return Refusal.BUSY
        if action in (Action.RENAME, Action.DELETE) and self.entry.shipped:
            return Refusal.SHIPPED
        if action in (Action.USE, Action.MEASURE) and not self.entry.readable:
            return Refusal.UNREADABLE
        if action is Action.CURVES and self.entry.facts.history is None:
            return Refusal.NO_HISTORY
        return None


def recipe_of(entry: ModelEntry) -> str:
    """The command that trained ``entry``; for a model trained in the window, the command that
    runs its settings (``training.presets.equivalent_command``)."""
    facts = entry.facts
    if facts.command or not facts.settings:
        return facts.command
    from mnist_desk.training import TrainingSettings
    from mnist_desk.training.presets import equivalent_command

    try:
        return equivalent_command(TrainingSettings.from_dict(facts.settings))
    except (TypeError, ValueError, KeyError):  # settings of another version: say nothing
        return ""


def sorted_rows(
    rows: list[LeaderboardRow], column: Column, descending: bool
) -> list[LeaderboardRow]:
    """``rows`` by ``column``; unknown values last either way, ties by name."""
    known = [r for r in rows if r.value(column) is not None]
    unknown = [r for r in rows if r.value(column) is None]

    def key(row: LeaderboardRow) -> Any:
        value = row.value(column)
        return value.lower() if isinstance(value, str) else value

    known.sort(key=lambda r: r.name.lower())
    known.sort(key=key, reverse=descending)
    return known + sorted(unknown, key=lambda r: r.name.lower())
