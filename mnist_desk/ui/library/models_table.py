"""The leaderboard's rows as a Qt table model: the app layer's ``LeaderboardRow``s, worded.

The rows arrive sorted and filtered (``app.leaderboard``): ``sort`` (a header click) only asks the
session, and the name cell of a user's model is editable, which asks the session to rename it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from mnist_desk.app.curve_names import local_time
from mnist_desk.app.leaderboard_rows import (
    COLUMNS,
    Action,
    Column,
    LeaderboardRow,
)
from mnist_desk.app.run_exports import format_duration
from mnist_desk.ui.draw.model_picker import arch_title, task_title

Index = QModelIndex | QPersistentModelIndex
NUMBERS = {
    Column.PARAMETERS,
    Column.TEST_ACCURACY,
    Column.DRAWN_DIGITS,
    Column.DRAWN_SUMS,
    Column.LATENCY,
    Column.TRAIN_TIME,
}
MEASURED = {Column.DRAWN_DIGITS, Column.DRAWN_SUMS, Column.LATENCY}
UNKNOWN = "—"


class ModelsTableModel(QAbstractTableModel):
    """Rows of models, columns ``app.leaderboard.COLUMNS``."""

    sortRequested = Signal(object, bool)  # Column, descending
    renameRequested = Signal(str, str)  # name, new name

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[LeaderboardRow] = []

    def set_rows(self, rows: tuple[LeaderboardRow, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    # ---- Qt's model interface ----

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tip(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        editable = index.isValid() and COLUMNS[index.column()] is Column.NAME
        if editable and self.rows[index.row()].refusal(Action.RENAME) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = self.rows[index.row()].name
        if str(value).strip() != name:  # blanks too: the session says a name cannot be empty
            self.renameRequested.emit(name, str(value))
        return False  # the name changes when the files have (the rows come again)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sortRequested.emit(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole or column is Column.NAME:
                return row.name
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.in_use:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.NAME and row.entry.shipped:
            return QColor("#555")
        return None

    # ---- words ----

    def text(self, row: LeaderboardRow, column: Column) -> str:
        if not row.entry.readable and column is not Column.NAME:
            return self.tr("unreadable") if column is Column.TASK else ""
        if row.busy and column in MEASURED:
            return self.tr("measuring…")
        value = row.value(column)
        if value is None:
            return UNKNOWN
        if column is Column.TASK:
            return task_title(value)
        if column is Column.PARAMETERS:
            return f"{value:,}"
        if column in (Column.TEST_ACCURACY, Column.DRAWN_DIGITS, Column.DRAWN_SUMS):
            return f"{value:.2%}"
        if column is Column.LATENCY:
            return self.tr("{0:.2f} ms").format(value)
        if column is Column.TRAIN_TIME:
            return format_duration(value)
        if column is Column.CREATED:
            return local_time(value)
        if column is Column.RECIPE:
            seed = row.entry.facts.seed
            return value if seed is None else self.tr("seed {0}: {1}").format(seed, value)
        return str(value)

    def tip(self, row: LeaderboardRow, column: Column) -> str:
        entry, facts = row.entry, row.entry.facts
        if column is Column.NAME:
            if not entry.readable:
                return entry.problem
            where = self.tr("shipped with the app") if entry.shipped else self.tr("yours")
            lines = [row.name, str(entry.path), where]
            if row.in_use:
                lines.append(self.tr("in use in the Draw tab"))
            return "\n".join(lines)
        if column is Column.TASK and entry.readable:  # whole, where the column elides it
            return self.text(row, column)
        if column is Column.ARCH and entry.readable:
            return arch_title(entry.arch, task=entry.task)
        if column is Column.LATENCY and facts.latency_ms is None and entry.readable:
            return self.tr("Not measured on this computer yet: select the model and press Measure")
        if column in MEASURED and facts.measured:
            return self.tr("Measured {0} on the drawn-digit set (300 pairs, seed 12)").format(
                facts.measured
            )
        if column is Column.RECIPE:
            return self.text(row, column)
        return ""

    def column_title(self, column: Column) -> str:
        return {
            Column.NAME: self.tr("Model"),
            Column.TASK: self.tr("Task"),
            Column.ARCH: self.tr("Network"),
            Column.PARAMETERS: self.tr("Parameters"),
            Column.TEST_ACCURACY: self.tr("MNIST test"),
            Column.DRAWN_DIGITS: self.tr("Drawn digits"),
            Column.DRAWN_SUMS: self.tr("Drawn sums"),
            Column.LATENCY: self.tr("Latency"),
            Column.TRAIN_TIME: self.tr("Training time"),
            Column.CREATED: self.tr("Date"),
            Column.RECIPE: self.tr("Recipe"),
        }[column]

    def column_tip(self, column: Column) -> str:
        return {
            Column.NAME: self.tr(
                "Shipped models in grey, yours in black; the model in use in bold"
            ),
            Column.TEST_ACCURACY: self.tr("Accuracy on the 10,000 MNIST test images (sums: pairs)"),
            Column.DRAWN_DIGITS: self.tr(
                "Digits drawn with a mouse (the project's drawn-digit set) that the model reads "
                "itself; Measure fills it in"
            ),
            Column.DRAWN_SUMS: self.tr("Drawn pairs whose sum is right"),
            Column.LATENCY: self.tr("Median time to read both digits and their sum, one thread"),
            Column.RECIPE: self.tr("The command that trained it, and its seed"),
        }.get(column, "")
