"""The Train tab's exports: where to save (a dialog tests replace) and the writing itself, which
says where a file went or, in the banner, why it could not be written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from mnist_desk.support.config import resolve_models_dir


class PanelExports:
    """Mixed into ``TrainingPanel``: needs its ``session``, ``comparison_view``,
    ``statusMessage`` and ``show_problem``. Its texts keep the panel's translation context."""

    def choose_save_path(self, caption: str, suggested: str, filter_: str) -> str:
        """Ask where to save; tests replace this to avoid the modal dialog."""
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        return path

    def _export_comparison(self) -> None:
        self._export_png(self.comparison_view.plots, "adder-comparison")

    def _export_png(self, plots, stem: str) -> None:
        suggested = resolve_models_dir(self.session.models_dir) / f"{stem}.png"
        path = self.choose_save_path(
            QCoreApplication.translate("TrainingPanel", "Export curves"),
            str(suggested),
            "PNG (*.png)",
        )
        if path:
            self.save(path, plots.export_png)

    def save(self, path: str, write: Callable[[str], object]) -> bool:
        """Write an export with ``write(path)``: the status bar says where it went, the banner
        why it could not be written (a folder that cannot be written, a full disk)."""
        try:
            write(path)
        except OSError as e:
            why = e.strerror or e
            self.show_problem(
                lambda: QCoreApplication.translate(
                    "TrainingPanel", "Could not save {0}: {1}"
                ).format(path, why)
            )
            return False
        self.statusMessage.emit(
            lambda: QCoreApplication.translate("TrainingPanel", "Saved {0}").format(path)
        )
        return True
