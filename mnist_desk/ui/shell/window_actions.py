"""The main window's actions (with their shortcuts), its menus, and their translated texts.

Every action is added to the window too, so its shortcut works while the menu bar is hidden.
Drawing actions (Esc, Delete, [ ], Ctrl+Z, ...) only work while the Draw tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle

from mnist_desk.ui import i18n
from mnist_desk.ui.shell.model_export import ModelExporter


def key_sequences(shortcuts: list) -> list[QKeySequence]:
    """Each shortcut as key sequences: a standard key gives every binding the platform has for
    it (Redo: Ctrl+Y and Ctrl+Shift+Z on Windows; ``QKeySequence(key)`` keeps only the first)."""
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys += QKeySequence.keyBindings(shortcut)
        else:
            keys.append(QKeySequence(shortcut))
    return list(dict.fromkeys(keys))


class WindowActions(QObject):
    """Builds the window's actions and menus, wired to the window's methods."""

    def __init__(self, window: QMainWindow):  # the MainWindow (not imported: no cycle)
        super().__init__(window)
        self.window = window
        sp = QStyle.StandardPixmap
        w = window
        self.open = self._action(
            lambda: w.choose_image(w.active_index),
            [QKeySequence.StandardKey.Open],
            sp.SP_DialogOpenButton,
        )
        self.open_model = self._action(w.choose_model_file, ["Ctrl+Shift+O"])
        self.exporter = ModelExporter(w)  # what File > Export Model… runs
        self.export_model = self._action(
            lambda: self.exporter.choose_and_export(), ["Ctrl+Shift+E"]
        )
        self.save = self._action(
            w.choose_save_path, [QKeySequence.StandardKey.Save], sp.SP_DialogSaveButton
        )
        # Ctrl+Q too where the platform has no Quit key (Windows: only Alt+F4, from the system)
        self.quit = self._action(w.close, [QKeySequence.StandardKey.Quit, "Ctrl+Q"])
        self.data_folder = self._action(w.choose_data_folder, [])
        self.download = QAction(w, checkable=True)
        self.download.setChecked(w.download)
        self.download.toggled.connect(w.window_tabs.set_download_allowed)
        self.undo = self._action(w.undo, [QKeySequence.StandardKey.Undo], sp.SP_ArrowBack)
        self.redo = self._action(w.redo, [QKeySequence.StandardKey.Redo], sp.SP_ArrowForward)
        self.clear = self._action(
            lambda: w.canvases[w.active_index].clear(), [Qt.Key.Key_Delete, Qt.Key.Key_Backspace]
        )
        self.clear_all = self._action(
            w.clear_all, [Qt.Key.Key_Escape, "Ctrl+Shift+Delete"], sp.SP_DialogResetButton
        )
        self.thicker = self._action(lambda: w.set_pen_width(w.pen_width + 0.01), ["]", "Ctrl+="])
        self.thinner = self._action(lambda: w.set_pen_width(w.pen_width - 0.01), ["[", "Ctrl+-"])
        self.first = self._action(lambda: w.set_active(0), ["Ctrl+1"])
        self.second = self._action(lambda: w.set_active(1), ["Ctrl+2"])
        self.refresh = self._action(
            w.refresh_models, [QKeySequence.StandardKey.Refresh], sp.SP_BrowserReload
        )
        self.about = self._action(w.show_about, [], sp.SP_MessageBoxInformation)
        self.language_group = QActionGroup(w)
        self.languages: dict[str, QAction] = {}
        for code in ["", *(c for c, _ in i18n.available_languages())]:
            action = QAction(w, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: w.set_language(c))
            self.language_group.addAction(action)
            self.languages[code] = action
        self.languages.get(w.settings.language, self.languages[""]).setChecked(True)
        # Drawing shortcuts (Esc, Delete, [ ]) must not fire while another tab has the keyboard.
        self.drawing = [
            self.open,
            self.save,
            self.undo,
            self.redo,
            self.clear,
            self.clear_all,
            self.thicker,
            self.thinner,
            self.first,
            self.second,
        ]
        self._build_menus()

    def _action(self, slot: Callable, shortcuts: list, icon: QStyle.StandardPixmap | None = None):
        action = QAction(self.window)
        if shortcuts:
            action.setShortcuts(key_sequences(shortcuts))
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work while the menu bar is hidden too
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open, self.save, self.open_model, self.export_model])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.data_folder, self.download])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo, self.redo, self.clear, self.clear_all])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.first, self.second])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.thicker, self.thinner])
        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.languages.values()))
        self.model_menu = bar.addMenu("")
        self.model_menu.addActions([self.refresh, self.open_model, self.export_model])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about)

    def set_drawing_enabled(self, enabled: bool) -> None:
        for action in self.drawing:
            action.setEnabled(enabled)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.model_menu.setTitle(self.tr("&Model"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open.setText(self.tr("&Open Image…"))
        self.open.setStatusTip(self.tr("Read a digit from an image file into the selected box"))
        self.open_model.setText(self.tr("Open &Model File…"))
        self.export_model.setText(self.tr("&Export Model…"))
        self.export_model.setStatusTip(
            self.tr("Write the model in use as ONNX or TorchScript, for other programs")
        )
        self.save.setText(self.tr("&Save Drawing as PNG…"))
        self.save.setStatusTip(self.tr("Save the selected box's drawing as a PNG image"))
        self.quit.setText(self.tr("&Quit"))
        self.data_folder.setText(self.tr("MNIST &Data Folder…"))
        self.download.setText(self.tr("Do&wnload MNIST When Missing"))
        self.undo.setText(self.tr("&Undo Last Stroke"))
        self.redo.setText(self.tr("&Redo"))
        self.clear.setText(self.tr("&Clear Selected Box"))
        self.clear_all.setText(self.tr("Clear &All"))
        self.thicker.setText(self.tr("&Thicker Pen"))
        self.thinner.setText(self.tr("T&hinner Pen"))
        self.first.setText(self.tr("Select &First Box"))
        self.second.setText(self.tr("Select &Second Box"))
        self.refresh.setText(self.tr("&Refresh Model List"))
        self.about.setText(self.tr("&About mnist-desk"))
        names = {"": self.tr("System Default"), **dict(i18n.LANGUAGES)}
        for code, action in self.languages.items():
            action.setText(names.get(code, code))
