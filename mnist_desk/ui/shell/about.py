"""The app's icon and its About box (the data set's licence, the library versions)."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6.QtCore import QCoreApplication, QSize, Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from mnist_desk import __version__
from mnist_desk.support.config import resources_dir


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        path = resources_dir() / "icons" / f"mnist-desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def about_text() -> str:
    """What Help > About says: the app, the data set and its licence, the versions."""
    torch_version = sys.modules["torch"].__version__ if "torch" in sys.modules else None
    if torch_version is None:  # not loaded yet: its installed version, without loading it
        try:
            torch_version = metadata.version("torch")
        except metadata.PackageNotFoundError:
            torch_version = "?"
    import PySide6

    return QCoreApplication.translate(
        "About",
        "<h3>mnist-desk {0}</h3>"
        "<p>Draw two handwritten digits and watch neural networks read them and their sum.</p>"
        "<p>Trained on the <b>MNIST</b> database of handwritten digits by Yann LeCun, "
        "Corinna Cortes and Christopher J.C. Burges, licensed under "
        "<a href='https://creativecommons.org/licenses/by-sa/3.0/'>CC BY-SA 3.0</a>.</p>"
        "<p>mnist-desk {0} · PyTorch {1} · Qt {2} · PySide6 {3} · Python {4}</p>",
    ).format(__version__, torch_version, qVersion(), PySide6.__version__, platform.python_version())


def show_about(parent: QWidget) -> QMessageBox:
    """The About box, non-blocking."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("About", "About mnist-desk"))
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
