"""Files from the main window: opening a picture into a canvas, saving a drawing as PNG, opening
a model file, choosing the MNIST folder. Errors are shown, never raised: nothing drawn is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow

from mnist_desk.ui.shell.save_paths import may_write

IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"


class WindowFiles(QObject):
    """The window's file dialogs and what they open or save."""

    def __init__(self, window: QMainWindow):  # the MainWindow (not imported: no cycle)
        super().__init__(window)
        self.window = window

    def open_image(self, path: str | Path, index: int) -> bool:
        """Read an image file into canvas ``index`` (it is then recognised); False on an error."""
        try:
            self.window.drawing.open_picture(index, str(path))
        except (OSError, ValueError) as e:
            self.window.show_error(lambda: self.tr("Cannot open the image"), str(e))
            return False
        self.window.set_active(index)
        self.window.show_status(lambda: self.tr("Opened {0}").format(Path(path).name), 4000)
        return True

    def choose_image(self, index: int) -> None:
        self.window.set_active(index)
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open an image of a digit"),
            "",
            self.tr("Images ({0})").format(IMAGE_FILTER),
        )
        if path:
            self.open_image(path, index)

    def save_drawing(self, path: str | Path, index: int) -> bool:
        """Canvas ``index``'s drawing as a grey PNG; False (and a message) if it cannot be."""
        try:
            self.window.canvases[index].save_png(path)
        except OSError as e:
            self.window.show_error(lambda: self.tr("Cannot save the drawing"), str(e))
            return False
        self.window.show_status(lambda: self.tr("Saved {0}").format(Path(path).name), 4000)
        return True

    def choose_save_path(self, index: int) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the drawing"),
            f"digit-{index + 1}.png",
            self.tr("PNG images (*.png)"),
        )
        target = path if path.lower().endswith(".png") else path + ".png"
        if path and may_write(self.window, path, target):
            self.save_drawing(target, index)

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a model file"),
            self.window.models_dir or "",
            self.tr("mnist-desk checkpoints (*.pt)"),
        )
        if path:
            self.window.use_model(path)

    def choose_data_folder(self) -> None:
        from mnist_desk.support.config import resolve_data_dir

        folder = QFileDialog.getExistingDirectory(
            self.window,
            self.tr("Folder that holds MNIST/raw"),
            str(resolve_data_dir(self.window.data_dir)),
        )
        if folder:
            self.window.window_tabs.set_data_folder(folder)
