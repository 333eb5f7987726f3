"""Starting the GUI (placeholder until the drawing pad lands)."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("mnist-desk")
    label.show()
    return app.exec()


def open_and_close_window() -> tuple[bool, str]:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("mnist-desk")
    label.show()
    app.processEvents()
    shown = label.isVisible()
    label.close()
    return shown, "main window opened and closed"
