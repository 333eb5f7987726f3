"""Starting the GUI: the QApplication, language, error dialogs, and the window self-check.

Nothing here imports torch: the window is on screen before the core loads in a worker thread.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from mnist_desk import __version__
from mnist_desk.support.config import APP_NAME, ORG_NAME


def make_application(argv: list[str] | None = None):
    """The QApplication (created if needed) with the app's names and icon."""
    from PySide6.QtWidgets import QApplication

    from mnist_desk.ui.gui_gc import collect_in_gui_thread

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    collect_in_gui_thread(app)  # never in the loader or trainer threads: see gui_gc
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    return app


def install_excepthook(parent_getter: Callable[[], object]) -> None:
    """Unexpected exceptions (in slots, event handlers) go to the log and a dialog that says
    where the log is; exceptions that end a Python thread and Qt's warnings go to the log too."""
    from mnist_desk.errors import is_user_error
    from mnist_desk.support.logs import install_thread_hook, log_exception

    install_thread_hook()
    install_qt_message_log()
    showing = []

    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        user_error = is_user_error(exc)
        log = None
        if user_error:
            sys.stderr.write(f"error: {exc}\n")
        elif not issubclass(exc_type, KeyboardInterrupt):
            log = log_exception(exc, "the window", tb)
            sys.stderr.write(text)
        if issubclass(exc_type, KeyboardInterrupt) or showing:
            return
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        if user_error:
            title = QCoreApplication.translate("App", "Error")
        else:
            title = QCoreApplication.translate("App", "Unexpected error")
        message = str(exc) or exc_type.__name__
        if not user_error:
            message = QCoreApplication.translate(
                "App", "Something went wrong: {0}\n\nThe window keeps working; details below."
            ).format(message)
            if log is not None:
                message += "\n" + QCoreApplication.translate(
                    "App", "The details are also kept in {0}."
                ).format(log)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title,
            message,
            QMessageBox.StandardButton.Ok,
            parent_getter(),
        )
        if not user_error:
            box.setDetailedText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        showing.append(box)
        box.finished.connect(lambda _=0: showing.clear())
        box.open()

    sys.excepthook = hook


def install_qt_message_log() -> None:
    """Qt's own warnings and errors go to the log as well as to stderr, as Qt prints them."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from mnist_desk.support.logs import log_message

    levels = {
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, context, message: str) -> None:
        sys.stderr.write(message + "\n")
        if kind in levels:
            log_message(levels[kind], f"Qt: {message}")

    qInstallMessageHandler(handler)


def run_gui(args: argparse.Namespace) -> int:
    """Open the window; honours args.data_dir, args.models_dir, args.device (all optional)."""
    from mnist_desk.ui import i18n
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.about import app_icon
    from mnist_desk.ui.shell.main_window import MainWindow

    app = make_application()
    settings = AppSettings()
    i18n.apply_language(settings.language)
    app.setWindowIcon(app_icon())
    window = MainWindow(
        data_dir=getattr(args, "data_dir", None),
        download=False if getattr(args, "no_download", False) else None,
        models_dir=getattr(args, "models_dir", None),
        device=getattr(args, "device", None),
        model=getattr(args, "model", None),
        settings=settings,
    )
    install_excepthook(lambda: window)
    app.aboutToQuit.connect(window.shutdown)
    from mnist_desk.ui.shell.startup_probe import StartupProbe, probe_requested

    if probe_requested():  # the benchmarks time the start (rows 4 and 17)
        StartupProbe(app, window)
    window.show()
    return app.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` holds or the time is up."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


def open_and_close_window(timeout_s: float = 120) -> tuple[bool, str]:
    """Open the real window, wait for its model, read two sample digits through the canvases,
    close it. (True, what was seen) or (False, why not)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a self-test without a screen
    from mnist_desk.recognition.self_test import sample_digits
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.main_window import MainWindow

    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(settings=AppSettings(str(Path(tmp) / "settings.ini")))
        try:
            window.show()
            if not wait_until(lambda: window.isVisible(), 10):
                return False, "the main window did not appear"
            wait_until(lambda: window.predictor is not None or not window.loading, timeout_s)
            if window.predictor is None:
                return False, f"the window loaded no model: {window.last_error or 'timed out'}"
            samples = dict(sample_digits())
            picks = [d for d in (3, 5) if d in samples] or list(samples)[:2]
            if len(picks) < 2:
                return False, "fewer than two sample digits to draw"
            for index, digit in enumerate(picks[:2]):
                if not window.open_image(samples[digit], index):
                    return False, f"the window could not open a sample: {window.last_error}"
            result = window.predict_now()
            a, b = picks[:2]
            expected = f"{a} + {b} = {a + b}"
            shown = window.sum_view.equation_text
            if result is None or shown != expected:
                return False, f"the window read the samples as {shown!r}, expected {expected!r}"
            name = Path(window.predictor.describe()["path"] or "").stem
            return True, f"main window opened, read {shown} with {name}, and closed"
        except Exception as e:  # noqa: BLE001 - a self-test reports, it does not crash
            return False, f"the window failed: {type(e).__name__}: {e}"
        finally:
            window.close()
