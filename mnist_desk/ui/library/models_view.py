"""The Models tab: the leaderboard of every model, shipped and the user's, and what can be done
to each: use it (Enter), measure it on drawn digits, rename it (F2), delete it (Delete), open
and overlay training curves.

A view of ``app.leaderboard.Leaderboard``: the session holds the rows, the sort and the filter
and decides what may be done; its work (``app.model_files``) runs in background jobs; this view
renders its events and sends it requests. It follows the window: each reading of the catalog
(``MainWindow.catalog_changed``) and the model in use (``model_loaded``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.leaderboard import (
    ActionFailed,
    ActionRefused,
    CurvesReady,
    Leaderboard,
    LeaderboardEvent,
    ModelsChanged,
    NameProblem,
    RowsChanged,
    UseModel,
)
from mnist_desk.app.leaderboard_rows import (
    COLUMNS,
    Action,
    Column,
    Refusal,
)
from mnist_desk.app.model_files import Work
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.draw.model_picker import task_title
from mnist_desk.ui.i18n import LiveTexts, is_language_change, titled
from mnist_desk.ui.library.curves_dialog import CurvesDialog
from mnist_desk.ui.library.models_table import ModelsTableModel
from mnist_desk.ui.table_columns import FittedColumns

TASKS = ("classifier", "transfer", "scratch")


class BackgroundLeaderboardWorker(QObject):
    """Runs the leaderboard's work in background jobs; answers reach ``receive`` in the GUI thread."""

    def __init__(self, receive: Callable[[object], None], parent: QObject | None = None):
        super().__init__(parent)
        self._receive = receive
        self.jobs: set[BackgroundJob] = set()
        self.stopped = False

    def run(self, name: str, work: Work) -> None:
        if self.stopped:
            return
        job = BackgroundJob(work, name=f"mnist-desk {name}")
        job.finished.connect(self._on_finished)
        job.ended.connect(self.jobs.discard)
        self.jobs.add(job)
        job.start()

    @Slot(object)
    def _on_finished(self, answer: object) -> None:
        if not self.stopped:
            self._receive(answer)

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def stop(self) -> None:
        """Report nothing more (a measurement under way ends on its own; exit waits for it)."""
        self.stopped = True
        for job in list(self.jobs):
            job.discard()


class ModelsView(QWidget):
    """The leaderboard's table, its task filter and its actions."""

    statusMessage = Signal(object)  # a Text (ui.i18n): a callable is worded again on a switch

    ask_before_deleting = True  # tests answer the question themselves when they turn this off

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window  # the MainWindow (not imported: no cycle)
        self.texts = LiveTexts()
        self.worker = BackgroundLeaderboardWorker(self._receive, self)
        settings = window.settings
        self.session = Leaderboard(
            self.worker,
            self._on_event,
            models_dir=window.models_dir,
            column=_column(settings.models_sort_column) or Column.DRAWN_DIGITS,
            descending=settings.models_sort_descending,
            task=settings.models_task if settings.models_task in TASKS else "",
        )
        self.curves: CurvesDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.table_model = ModelsTableModel(self)
        self.table_model.sortRequested.connect(self.session.sort_by)
        # queued: the name cell's editor closes (focus back on the table) before the rows change
        self.table_model.renameRequested.connect(
            self._rename_requested, Qt.ConnectionType.QueuedConnection
        )
        self._renamed_to = ""  # a renamed model's new name: selected again when its row comes
        self._build()
        self.statusMessage.connect(window.show_status)
        window.catalog_changed.connect(self.session.catalog_read)
        window.model_loaded.connect(lambda info: self.session.model_in_use(info["path"] or ""))
        if window.models.catalog is not None:
            self.session.catalog_read(window.models.catalog)
        if window.models.current_path:
            self.session.model_in_use(window.models.current_path)

    def _build(self) -> None:
        self.task_box = QComboBox()
        self.task_box.addItem("", "")
        for task in TASKS:
            self.task_box.addItem("", task)
        self.texts.items(self.task_box, lambda task: task_title(task) if task else self.tr("All"))
        self.task_box.setCurrentIndex(max(0, self.task_box.findData(self.session.task)))
        self.task_box.currentIndexChanged.connect(
            lambda: self.session.filter_task(self.task_box.currentData())
        )
        self.buttons: dict[Action, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.texts.label(lambda: self.tr("Task:")))
        row.addWidget(self.task_box)
        row.addStretch(1)
        for action, text in (
            (Action.USE, lambda: self.tr("Use")),
            (Action.MEASURE, lambda: self.tr("Measure")),
            (Action.CURVES, lambda: self.tr("Curves")),
            (Action.RENAME, lambda: self.tr("Rename…")),
            (Action.DELETE, lambda: self.tr("Delete…")),
        ):
            button = QPushButton()
            self.texts.bind(button.setText, text)
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
            self.buttons[action] = button
            row.addWidget(button)

        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2: ours
        order = (
            Qt.SortOrder.DescendingOrder if self.session.descending else Qt.SortOrder.AscendingOrder
        )
        # Enabling sorting sorts by the header's indicator: it shows the session's sort first.
        self.table.horizontalHeader().setSortIndicator(COLUMNS.index(self.session.column), order)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # every column in view at once: the titles, then the names give way (elided, said whole
        # in their tooltips), the recipe takes what is left
        squeezable = [COLUMNS.index(c) for c in (Column.TASK, Column.ARCH, Column.NAME)]
        self.columns = FittedColumns(self.table, squeezable)
        self.table.activated.connect(lambda _index: self.trigger(Action.USE))  # Enter
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for action, key in (
            (Action.DELETE, QKeySequence.StandardKey.Delete),
            (Action.RENAME, QKeySequence(Qt.Key.Key_F2)),
        ):
            shortcut = QAction(self.table)
            shortcut.setShortcut(key)
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.triggered.connect(lambda _=False, a=action: self.trigger(a))
            self.table.addAction(shortcut)
        self.hint = self.texts.label(
            lambda: self.tr(
                "Enter uses the selected model, F2 renames it, Delete deletes it. Select several "
                "to measure them or to overlay their curves."
            )
        )
        self.hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
            self._update_buttons()
        super().changeEvent(event)

    # ---- selection and actions ----

    def selected_names(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table_model.rows[r].name for r in rows if r < len(self.table_model.rows)]

    def select(self, name: str) -> None:
        """Make ``name`` the current, selected row (tests and the window use this)."""
        for r, row in enumerate(self.table_model.rows):
            if row.name == name:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.table_model.index(r, 0))
                return

    def trigger(self, action: Action) -> None:
        names = self.selected_names()
        if not names:
            return
        if action is Action.MEASURE:
            self.session.measure(names)
        elif action is Action.CURVES:
            self.session.open_curves(names)
        elif action is Action.USE:
            self.session.use(names[0])
        elif action is Action.RENAME:
            self._rename(names[0])
        elif action is Action.DELETE:
            self._confirm_delete(names[0])

    def _rename(self, name: str) -> None:
        row = self.session.row(name)
        if row is None or self._refused(Action.RENAME, name, row.refusal(Action.RENAME)):
            return
        r = self.table_model.rows.index(next(x for x in self.table_model.rows if x.name == name))
        self.table.edit(self.table_model.index(r, COLUMNS.index(Column.NAME)))

    def _rename_requested(self, name: str, new_name: str) -> None:
        self._renamed_to = new_name.strip().removesuffix(".pt")
        self.session.rename(name, new_name)

    def _confirm_delete(self, name: str) -> None:
        row = self.session.row(name)
        if row is None or self._refused(Action.DELETE, name, row.refusal(Action.DELETE)):
            return
        if self.confirmation is not None:
            self.confirmation.close()
        text = self.tr("Delete {0}? Its file, metrics and curves are removed from {1}.").format(
            name, row.entry.path.parent
        )
        catalog = self.session.catalog
        if row.in_use and catalog is not None and catalog.default_path:  # say what takes over
            text += "\n\n" + self.tr("It is the model in use: {0} takes its place.").format(
                Path(catalog.default_path).stem
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete model"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _=0: setattr(self, "confirmation", None))
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(
            lambda: self.session.delete(name)
        )
        self.confirmation = box
        box.open()

    def _refused(self, action: Action, name: str, refusal) -> bool:
        if refusal is None:
            return False
        self.statusMessage.emit(lambda: titled(name, self.refusal_text(action, refusal)))
        return True

    def refusal_text(self, action: Action, refusal: Refusal | NameProblem) -> str:
        return {
            Refusal.SHIPPED: self.tr("shipped models cannot be renamed or deleted"),
            Refusal.UNREADABLE: self.tr("the file cannot be read (see its tooltip)"),
            Refusal.NO_HISTORY: self.tr("no training curves were kept with this model"),
            Refusal.BUSY: self.tr("busy: wait until it has been measured"),
            NameProblem.EMPTY: self.tr("a name cannot be empty"),
            NameProblem.CHARACTERS: self.tr(
                'a name cannot start with a dot or hold / \\ : * ? " < > |'
            ),
            NameProblem.TAKEN: self.tr("another model has that name"),
        }[refusal]

    def _update_buttons(self) -> None:
        names = set(self.selected_names())
        rows = [r for r in self.table_model.rows if r.name in names]
        for action, button in self.buttons.items():
            refusals = [r.refusal(action) for r in rows]
            if action in (Action.MEASURE, Action.CURVES):  # several at once: any that can
                refusal = refusals[0] if refusals and all(refusals) else None
            else:  # the first selected
                refusal = refusals[0] if refusals else None
            button.setEnabled(bool(rows) and refusal is None)
            button.setToolTip(self.refusal_text(action, refusal) if refusal else "")

    # ---- what the session reports ----

    def _receive(self, answer: object) -> None:
        self.session.receive(answer)

    def _on_event(self, event: LeaderboardEvent) -> None:
        if isinstance(event, RowsChanged):
            self._show_rows(event)
        elif isinstance(event, UseModel) and event.show:
            self.window.window_tabs.use_trained_model(event.path)
        elif isinstance(event, UseModel):  # renamed or deleted in use: the user stays here
            self.window.use_model(event.path)
        elif isinstance(event, ModelsChanged):
            self._models_changed(event)
        elif isinstance(event, CurvesReady):
            self._show_curves(event)
        elif isinstance(event, ActionRefused):
            self._renamed_to = ""
            self._refused(event.action, event.name, event.refusal)
        elif isinstance(event, ActionFailed):
            self._renamed_to = ""
            self.window.show_error(lambda: self.tr("Models"), event.message)

    def _show_rows(self, event: RowsChanged) -> None:
        selected = set(self.selected_names())
        if any(row.name == self._renamed_to for row in event.rows):
            selected, self._renamed_to = {self._renamed_to}, ""
        self.table_model.set_rows(event.rows)
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if event.descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)  # the indicator follows the session; it must not sort again
        header.setSortIndicator(COLUMNS.index(event.column), order)
        header.blockSignals(False)
        header.viewport().update()
        chosen = self.table.selectionModel()
        current = None
        for r, row in enumerate(event.rows):
            if row.name in selected:
                chosen.select(
                    self.table_model.index(r, 0),
                    chosen.SelectionFlag.Select | chosen.SelectionFlag.Rows,
                )
                current = current or self.table_model.index(r, 0)
        if current is not None:  # Enter uses the current row: it must not be lost with the rows
            chosen.setCurrentIndex(current, chosen.SelectionFlag.NoUpdate)
        settings = self.window.settings
        settings.models_sort_column = event.column.value
        settings.models_sort_descending = event.descending
        settings.models_task = event.task
        self._update_buttons()

    def _models_changed(self, event: ModelsChanged) -> None:
        self.window.refresh_models()
        panel = getattr(self.window, "training_panel", None)
        if panel is not None:
            panel.refresh_classifiers()
        if event.action in (Action.MEASURE, Action.RENAME, Action.DELETE):
            self.statusMessage.emit(lambda: self._done_text(event))

    def _done_text(self, event: ModelsChanged) -> str:
        message = {
            Action.MEASURE: self.tr("Measured {0} on the drawn digits"),
            Action.RENAME: self.tr("Renamed {0} to {1}"),
            Action.DELETE: self.tr("Deleted {0}"),
        }[event.action]
        return message.format(event.name, event.new_name)

    def _show_curves(self, event: CurvesReady) -> None:
        if self.curves is None:
            self.curves = CurvesDialog(self)
        self.curves.show_curves(event.curves.curves)
        for error in event.curves.errors:
            self.statusMessage.emit(error)

    def shutdown(self) -> None:
        self.worker.stop()
        if self.curves is not None:
            self.curves.close()


def _column(value: str) -> Column | None:
    return next((c for c in Column if c.value == value), None)
