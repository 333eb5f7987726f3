"""A save dialog's answer with the file's suffix added, and a question before that replaces a file.

The dialog asks before replacing only the name the user typed: "model" when "model.onnx" is
there passes its check, and the suffix the app then adds would overwrite the file unasked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def may_write(parent: QWidget, chosen: str, target: str) -> bool:
    """True unless ``target`` (the dialog's ``chosen`` name, made into the file to write) is a
    file already there that the dialog did not ask about, and the user would not replace it."""
    if target == chosen or not Path(target).exists():
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SavePaths", "Replace the file?"),
        QCoreApplication.translate("SavePaths", "{0} already exists. Replace it?").format(
            Path(target).name
        ),
    )
    return answer == QMessageBox.StandardButton.Yes
