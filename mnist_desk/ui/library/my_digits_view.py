"""The My digits tab: the user's kept and corrected digits, by digit, with what the model read.

Delete, relabel (buttons or the digit keys), filter to one digit or to the misread ones, counts per
digit, export to / import from a folder, and "Fine-tune on my digits", which the app's training
session runs (shown in the Train tab, with its live curves); its model is offered when it is
saved. The rules are the app layer's (``app.corrections``, ``app.training_session``); this is
only their view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.training_events import RunEnded, RunKind, RunStarted, StartProblem
from mnist_desk.personal.store import MyDigitsError, PersonalDigit
from mnist_desk.ui.draw.corrections import DIGIT_KEYS
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, text_of
from mnist_desk.ui.library.digit_items import ICON_SCALE, digit_item


class MyDigitsView(QWidget):
    """A view of ``window.corrections.store``; follows its changes."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.store = window.corrections.store
        self.last_message = ""

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.digit_filter = QComboBox()
        self.digit_filter.addItem("", None)
        for d in range(10):
            self.digit_filter.addItem(str(d), d)
        self.misread_only = QCheckBox()
        self.grid = QListWidget()
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(28 * ICON_SCALE, 28 * ICON_SCALE))
        self.grid.setGridSize(QSize(28 * ICON_SCALE + 34, 28 * ICON_SCALE + 30))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.installEventFilter(self)
        # Said in place of the empty grid: how digits get here, or that the filter hides them all.
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setMargin(80)  # short lines in the middle of the room, not one long one
        self.pages = QStackedWidget()
        self.pages.addWidget(self.grid)
        self.pages.addWidget(self.empty_hint)
        self.relabel_box = QComboBox()
        for d in range(10):
            self.relabel_box.addItem(str(d), d)
        self.relabel_button = QPushButton()
        self.delete_button = QPushButton()
        self.undo_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.fine_tune_button = QPushButton()
        self.fine_tune_button.setDefault(True)

        filters = QHBoxLayout()
        self.show_label = QLabel()
        filters.addWidget(self.show_label)
        filters.addWidget(self.digit_filter)
        filters.addWidget(self.misread_only)
        filters.addStretch(1)
        filters.addWidget(self.import_button)
        filters.addWidget(self.export_button)
        actions = QHBoxLayout()
        self.relabel_label = QLabel()
        actions.addWidget(self.relabel_label)
        actions.addWidget(self.relabel_box)
        actions.addWidget(self.relabel_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        actions.addWidget(self.fine_tune_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addLayout(actions)

        settings = window.settings  # the filters as the user last left them
        self.digit_filter.setCurrentIndex(
            max(0, self.digit_filter.findData(settings.my_digits_digit))
        )
        self.misread_only.setChecked(settings.my_digits_misread_only)
        self.digit_filter.currentIndexChanged.connect(self._filter_changed)
        self.misread_only.toggled.connect(self._filter_changed)
        self.relabel_button.clicked.connect(
            lambda: self.relabel_selected(self.relabel_box.currentData())
        )
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.grid, self.delete_selected)
        self.undo_button.clicked.connect(self.undo_edit)
        # the window's Ctrl+Z (undo a stroke) is off outside the Draw tab: here it undoes an edit
        QShortcut(
            QKeySequence.StandardKey.Undo,
            self,
            self.undo_edit,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.import_button.clicked.connect(self.choose_import_folder)
        self.export_button.clicked.connect(self.choose_export_folder)
        self.fine_tune_button.clicked.connect(self.fine_tune)
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        window.corrections.changed.connect(self.refresh)
        self._personal_runs: set[int] = set()  # the fine-tunes in progress, by run id
        window.training.on_event(self._on_training_event)
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    # ---- showing ----

    def shown_items(self) -> list[PersonalDigit]:
        items = self.store.items(self.digit_filter.currentData(), self.misread_only.isChecked())
        return sorted(items, key=lambda d: (d.label, d.id))

    def _filter_changed(self) -> None:
        self.window.settings.my_digits_digit = self.digit_filter.currentData()
        self.window.settings.my_digits_misread_only = self.misread_only.isChecked()
        self.refresh()

    def refresh(self) -> None:
        selected = set(self.selected_ids())
        self.grid.clear()
        for digit in self.shown_items():
            item = digit_item(digit)
            self.grid.addItem(item)
            item.setSelected(digit.id in selected)
        counts = self.store.counts()
        # rich text: plain spaces between the digits would collapse into one ("0: 0 1: 0")
        per_digit = "&nbsp;&nbsp; ".join(f"<b>{d}</b>: {n}" for d, n in enumerate(counts))
        count, misread = len(self.store), self.store.misread_count()
        if count == 1:  # English needs the singular; tr(n) would need an English .qm
            text = self.tr("1 digit, {0} misread by the model it was drawn for. Per digit: {1}")
            self.summary.setText(text.format(misread, per_digit))
        else:
            text = self.tr(
                "{0} digits, {1} misread by the model they were drawn for. Per digit: {2}"
            )
            self.summary.setText(text.format(count, misread, per_digit))
        self._show_hint_if_empty()
        self._update_buttons()

    def _show_hint_if_empty(self) -> None:
        if self.grid.count():
            self.pages.setCurrentWidget(self.grid)
            return
        if len(self.store) == 0:
            self.empty_hint.setText(
                self.tr(
                    "No digits yet. On the Draw tab, click Keep under a digit you drew, or "
                    "correct a misread one: it is kept here, and you can fine-tune a model on "
                    "your hand. Import folder… adds digits you saved before."
                )
            )
        else:
            self.empty_hint.setText(self.tr("None of your digits matches this filter."))
        self.pages.setCurrentWidget(self.empty_hint)

    def selected_ids(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.grid.selectedItems()]

    def _update_buttons(self) -> None:
        some = bool(self.grid.selectedItems())
        self.relabel_button.setEnabled(some)
        self.delete_button.setEnabled(some)
        self.undo_button.setEnabled(self.window.corrections.session.can_undo_edit)
        self.export_button.setEnabled(len(self.store) > 0)

    # ---- editing ----

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.grid
            and event.type() == QEvent.Type.KeyPress
            and event.key() in DIGIT_KEYS
            and self.grid.selectedItems()
        ):
            self.relabel_selected(DIGIT_KEYS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def relabel_selected(self, label: int) -> int:
        ids = self.selected_ids()
        if self.window.corrections.session.relabel(ids, label):
            self._say(
                lambda: self.tr("Relabelled {0} as {1}; Ctrl+Z undoes it").format(len(ids), label)
            )
        return len(ids)

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if len(ids) > 1:
            answer = QMessageBox.question(
                self,
                self.tr("Delete digits"),
                self.tr("Delete {0} of your digits?").format(len(ids)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        if self.window.corrections.session.delete(ids):
            self._say(
                lambda: self.tr("Deleted {0} from My digits; Ctrl+Z undoes it").format(len(ids))
            )
        return len(ids)

    def undo_edit(self) -> int:
        """Undo the last delete or relabel; how many digits it put back as they were."""
        count = self.window.corrections.session.undo_edit()
        if count:
            self._say(lambda: self.tr("Put back {0} in My digits as they were").format(count))
        return count

    # ---- folders ----

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder with 0/ … 9/ sub-folders of digit images")
        )
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str | Path):
        try:
            report = self.window.corrections.session.import_folder(folder)
        except MyDigitsError as e:
            self.window.show_error(lambda: self.tr("Cannot import"), str(e))
            return None
        lines = report.lines()
        if report.skipped or report.nothing_imported:
            self.window.show_error(
                lambda: self.tr("Import"), lambda: "\n".join(text_of(line) for line in lines[:40])
            )
        self._say(lines[0])
        return report

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export My digits to a folder"))
        if folder:
            self.export_folder(folder)

    def export_folder(self, folder: str | Path):
        try:
            report = self.window.corrections.session.export_folder(folder)
        except (OSError, MyDigitsError) as e:
            self.window.show_error(lambda: self.tr("Cannot export"), str(e))
            return None
        self._say(report.summary())
        return report

    # ---- fine-tuning ----

    def fine_tune(self) -> bool:
        """Start "classifier, personalised" (shown in the Train tab); False, saying why, if the
        training session refuses it (too few digits, a run in progress)."""
        refused = self.window.training.start_personal()
        if refused is not None:
            text: Text = refused.detail  # the core's own words: how many more of each digit
            if refused.problem is StartProblem.BUSY:
                text = self._busy_text
            self.window.show_error(lambda: self.tr("Fine-tune on my digits"), text)
            return False
        self.window.tabs.setCurrentWidget(self.window.training_panel)
        return True

    def _busy_text(self) -> str:
        return self.tr("A training run is in progress; wait for it to end or stop it.")

    def _on_training_event(self, event) -> None:
        """A personal fine-tune that saved its model: offer it."""
        if isinstance(event, RunStarted) and event.kind is RunKind.PERSONAL:
            self._personal_runs.add(event.run_id)
        elif isinstance(event, RunEnded) and event.run_id in self._personal_runs:
            self._personal_runs.discard(event.run_id)
            result = event.outcome.result if event.outcome is not None else None
            report = getattr(result, "personal", None)
            if result is not None and result.checkpoint and report is not None:
                self.offer_model(result.checkpoint, report)

    def offer_model(self, path: str, report) -> QMessageBox:
        """Before/after (``personal.report.PersonalReport``) and "Use it now?"."""
        text = self.tr(
            "Your held-out digits: {0:.1%} → {1:.1%} ({2} digits)\n"
            "MNIST test: {3:.2%} → {4:.2%}\n\nUse {5} now?"
        ).format(
            report.personal_before,
            report.personal_after,
            report.personal_count,
            report.mnist_before,
            report.mnist_after,
            Path(path).stem,
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Fine-tuned on your digits"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: (
                self.window.window_tabs.use_trained_model(path)  # and try it on the Draw tab
                if result == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.open()
        return box

    # ---- text ----

    def _say(self, message: Text) -> None:
        """``message`` in the status bar (a callable: worded again after a language switch)."""
        self.last_message = text_of(message)
        self.window.show_status(message, 6000)

    def _retranslate(self) -> None:
        self.show_label.setText(self.tr("Show:"))
        self.digit_filter.setItemText(0, self.tr("All digits"))
        self.misread_only.setText(self.tr("Misread only"))
        self.relabel_label.setText(self.tr("Relabel selected as:"))
        self.relabel_button.setText(self.tr("Relabel"))
        self.relabel_button.setToolTip(
            self.tr("Give the selected digits this label (or press a digit key)")
        )
        self.delete_button.setText(self.tr("Delete"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last delete or relabel here (Ctrl+Z)"))
        self.import_button.setText(self.tr("Import folder…"))
        self.import_button.setToolTip(self.tr("Add digits from a folder with sub-folders 0 … 9"))
        self.export_button.setText(self.tr("Export folder…"))
        self.export_button.setToolTip(
            self.tr("Write your digits to sub-folders 0 … 9 of a folder, with a CSV of metadata")
        )
        self.fine_tune_button.setText(self.tr("Fine-tune on my digits"))
        self.fine_tune_button.setToolTip(
            self.tr(
                "Teach the current classifier your hand: a new model trained on your digits "
                "and MNIST, with before/after accuracy"
            )
        )
        self.refresh()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
