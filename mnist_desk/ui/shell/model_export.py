"""File > Export Model…: the model in use, written as ONNX or TorchScript in a worker thread.

The work is the app layer's (``mnist_desk.app.model_export``); this view asks where, runs it
through ``BackgroundJob`` and says how it went (the status bar, or a dialog for an error).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow

from mnist_desk.app.model_export import (
    EXPORT_FORMATS,
    ExportRequest,
    export_start_folder,
    export_work,
    format_for_path,
    suggested_export_path,
)
from mnist_desk.ui.background import BackgroundJob, JobError
from mnist_desk.ui.shell.save_paths import may_write


class ModelExporter(QObject):
    """Asks for a file, exports the window's model there, reports the result."""

    exported = Signal(object)  # the ExportResult

    def __init__(self, window: QMainWindow):  # the MainWindow (not imported: no cycle)
        super().__init__(window)
        self.window = window
        self.job: BackgroundJob | None = None

    @property
    def start_folder(self) -> str:
        """Where the dialog opens: the folder of the last export (remembered between runs in
        the window's settings), or the nearest folder above it that is still there."""
        return export_start_folder(self.window.settings.export_folder)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def choose_and_export(self, model_path: str | None = None) -> None:
        """The action: ask where (and in which format) to write ``model_path`` (default: the
        model in use), then export it."""
        model_path = model_path or self.window.models.current_path
        if not model_path:
            self.window.show_status(lambda: self.tr("No model to export yet"), 4000)
            return
        filters = [f"{f.title} (*{f.suffix})" for f in EXPORT_FORMATS]
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export the model"),
            str(suggested_export_path(model_path, "onnx", self.start_folder)),
            ";;".join(filters),
        )
        if not path:
            return
        by_filter = EXPORT_FORMATS[filters.index(chosen)] if chosen in filters else None
        fmt = format_for_path(path, default=by_filter.key if by_filter else "onnx")
        target = path
        # A name without a format's suffix ("mine", "mine.txt") gets the chosen format's, so the
        # file says what it holds; may_write asks before that replaces a file.
        if Path(path).suffix.lower() not in {f.suffix for f in EXPORT_FORMATS}:
            target += next(f.suffix for f in EXPORT_FORMATS if f.key == fmt)
        if may_write(self.window, path, target):
            self.export(model_path, target, fmt)

    def export(self, model_path: str, target: str, fmt: str) -> BackgroundJob | None:
        """Export in a worker thread; None if an export is still running."""
        if self.busy:
            self.window.show_status(lambda: self.tr("An export is still running"), 4000)
            return None
        stem = Path(model_path).stem
        self.window.show_status(lambda: self.tr("Exporting {0}…").format(stem), 0)
        job = BackgroundJob(export_work(ExportRequest(model_path, target, fmt)), name="export")
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_ended)
        self.job = job.start()
        return job

    def _on_finished(self, result) -> None:
        self.window.settings.export_folder = str(result.path.parent.absolute())
        what = "ONNX" if result.format == "onnx" else "TorchScript"
        diff = f"{result.max_abs_diff:.0e}" if result.max_abs_diff is not None else ""
        name = f"{result.task}-{result.arch}"

        def message() -> str:
            if result.max_abs_diff is None:
                text = self.tr("Exported {0} as {1} to {2} (not checked: no onnxruntime)")
            else:
                text = self.tr("Exported {0} as {1} to {2}; it agrees with the model within {3}")
            return text.format(name, what, result.path, diff)

        self.window.show_status(message, 10000)
        self.exported.emit(result)

    def _on_failed(self, error: JobError) -> None:
        self.window.statusBar().clearMessage()
        self.window.show_error(lambda: self.tr("Cannot export the model"), error.message)

    def _on_ended(self, job: BackgroundJob) -> None:
        if job is self.job:
            self.job = None
