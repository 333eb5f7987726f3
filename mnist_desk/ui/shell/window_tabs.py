"""The tabs beside Draw: any panel's (``add``), and the Train, Models, Dataset and My digits tabs,
built once the core has loaded (``add_core_tabs``), with the MNIST data source the Train and
Dataset tabs share (``set_data_folder``, ``set_download_allowed``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication as Qca
from PySide6.QtWidgets import QMainWindow, QWidget


class WindowTabs:
    """The window's tabs other than Draw; the window's attributes name the panels in them
    (``training_panel``, ``models_view``, ``dataset_browser``, ``my_digits_view``)."""

    def __init__(self, window: QMainWindow):  # the MainWindow (not imported: no cycle)
        self.window = window
        self._titles: list[tuple[QWidget, str | Callable[[], str]]] = []

    def add(self, widget: QWidget, title: str | Callable[[], str]) -> int:
        """Add a tab beside "Draw". ``title`` may be a callable returning the translated title,
        so it follows language switches."""
        self._titles.append((widget, title))
        return self.window.tabs.addTab(widget, title() if callable(title) else title)

    def retranslate(self) -> None:
        tabs = self.window.tabs
        for widget, title in self._titles:
            if callable(title):
                tabs.setTabText(tabs.indexOf(widget), title())

    def add_core_tabs(self) -> None:
        """The Train, Models, Dataset and My digits tabs. Added when the first catalog arrives:
        the loader thread has imported torch by then, so building them does not hold up the
        window's first paint."""
        w = self.window
        if w.training_panel is not None or w.closed:
            return
        from mnist_desk.app.training_session import TrainingSession
        from mnist_desk.ui.background import BackgroundWorker
        from mnist_desk.ui.library.dataset_browser import DatasetBrowser
        from mnist_desk.ui.library.models_view import ModelsView
        from mnist_desk.ui.library.my_digits_view import MyDigitsView
        from mnist_desk.ui.train.training_panel import TrainingPanel

        w.training = TrainingSession(
            BackgroundWorker(),
            data_dir=w.data_dir,
            download=w.download,
            models_dir=w.models_dir,
            my_digits=w.corrections.store,
            models=w.models,
        )
        w.training_panel = TrainingPanel(session=w.training)
        w.training_panel.form.restore(w.settings.train_form)  # as the window last closed
        w.training_panel.arch_view.restore(w.settings.arch_comparison)
        w.training_panel.modelSaved.connect(self._on_model_trained)
        w.training_panel.useModelRequested.connect(self.use_trained_model)
        w.training_panel.statusMessage.connect(w.show_status)
        w.dataset_browser = DatasetBrowser(
            data_dir=w.data_dir, download=w.download, settings=w.settings
        )
        w.models_view = ModelsView(w)
        self.add(w.training_panel, lambda: Qca.translate("MainWindow", "Train"))
        self.add(w.models_view, lambda: Qca.translate("MainWindow", "Models"))
        self.add(w.dataset_browser, lambda: Qca.translate("MainWindow", "Dataset"))
        w.my_digits_view = MyDigitsView(w)
        self.add(w.my_digits_view, lambda: Qca.translate("MainWindow", "My digits"))
        # the tab shown when the window last closed, unless the user has begun drawing
        drawing = any(not w.drawing.is_empty(i) for i in range(len(w.canvases)))
        if w.settings.last_tab < w.tabs.count() and not drawing:
            w.tabs.setCurrentIndex(w.settings.last_tab)

    def set_data_folder(self, folder: str) -> None:
        """Use (and remember) another data folder for training and the dataset browser."""
        w = self.window
        w.data_dir = folder
        w.settings.data_folder = folder
        self._set_data_source()
        w.show_status(lambda: Qca.translate("MainWindow", "MNIST data folder: %s") % folder)

    def set_download_allowed(self, allowed: bool) -> None:
        self.window.download = allowed
        self.window.settings.download_allowed = allowed
        self._set_data_source()

    def _set_data_source(self) -> None:
        w = self.window
        for view in (w.training_panel, w.dataset_browser):
            if view is not None:
                view.set_data_source(w.data_dir, w.download)

    def use_trained_model(self, path: str) -> None:
        """Use ``path`` in the Draw tab, and show it there."""
        self.window.use_model(path)
        self.window.tabs.setCurrentWidget(self.window.draw_tab)

    def _on_model_trained(self, path: str) -> None:
        self.window.refresh_models()  # the new checkpoint appears in the model picker
        self.window.models_view.session.model_saved(path)  # and is measured on the drawn digits
