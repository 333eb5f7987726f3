"""Fixtures shared by all tests: Qt runs offscreen and never touches the real user settings."""

from __future__ import annotations

import faulthandler
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The log file (mnist_desk.support.logs) of every test, and of the processes tests start, goes here,
# never into the user's own data folder; the run removes the folder it made when it ends.
_OWN_LOG_DIR: str | None = None
if "MNIST_DESK_LOG_DIR" not in os.environ:
    _OWN_LOG_DIR = tempfile.mkdtemp(prefix="mnist-desk-test-logs-")
    os.environ["MNIST_DESK_LOG_DIR"] = _OWN_LOG_DIR
# The app's data folder is the shared MNIST beside the checkout, as `make test` sets it, also when
# pytest runs on its own: never the user's folder, never a download (tests touch no network).
_SHARED_MNIST = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
if not os.environ.get("MNIST_DESK_DATA") and (_SHARED_MNIST / "MNIST" / "raw").is_dir():
    os.environ["MNIST_DESK_DATA"] = str(_SHARED_MNIST)
# The user's folders are this run's own also where no test's fixtures have set them: the autouse
# fixtures below give each test fresh ones, but only from its function-scoped fixtures on, while
# code also runs when test modules are collected (a parametrize list), in module and session
# fixtures, between tests, and in the processes tests start. The per-user data folder these would
# fall back to (platformdirs: XDG_DATA_HOME on Linux) is this run's own too, and watched: a test
# after which it exists fails (no_per_user_folder_made), so no code path reaches the real one.
_RUN_FOLDER = Path(tempfile.mkdtemp(prefix="mnist-desk-test-run-"))
for _variable, _folder in (
    ("MNIST_DESK_MODELS", "models"),
    ("MNIST_DESK_MY_DIGITS", "my-digits"),
    ("MNIST_DESK_CACHE", "cache"),
    ("XDG_DATA_HOME", "xdg-data"),
):
    os.environ[_variable] = str(_RUN_FOLDER / _folder)
_DEFAULT_USER_FOLDER = Path(platformdirs.user_data_dir("mnist-desk", appauthor=False))
# Watched only where it lies in this run's folder (Linux): elsewhere it is the developer's own.
_WATCHED = _DEFAULT_USER_FOLDER if _RUN_FOLDER in _DEFAULT_USER_FOLDER.parents else None


def _per_user_folder_made() -> str | None:
    """What code that did not use the folders it was given made in the per-user data folder
    (which is then removed, so that each test is judged on its own); None if nothing."""
    if _WATCHED is None or not _WATCHED.exists():
        return None
    made = sorted(str(p.relative_to(_WATCHED)) for p in _WATCHED.rglob("*")) or ["(empty)"]
    shutil.rmtree(_WATCHED, ignore_errors=True)
    return f"created the per-user data folder, as the user's own would be: {', '.join(made)}"


def pytest_collection_finish(session):
    made = _per_user_folder_made()
    if made:
        raise pytest.UsageError(f"collecting the tests (a test module's top-level code) {made}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After all of a test's fixtures are torn down: the test, its fixtures (also its module's,
    set up for it) and what they left running must not have used the per-user data folder."""
    result = yield
    made = _per_user_folder_made()
    if made:
        pytest.fail(f"{item.nodeid} (or a fixture set up for it) {made}", pytrace=False)
    return result


@pytest.fixture(autouse=True)
def isolated_qt_settings(tmp_path_factory):
    """QSettings (default format) go to a temporary folder, never the user's own."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # a core-only environment
        yield None
        return
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture(autouse=True, scope="session")
def one_torch_thread():
    """The test process owns torch's thread count (the Trainer leaves it to its caller): one,
    as tests run beside other work on small machines, where more threads only contend."""
    import torch

    torch.set_num_threads(1)
    yield


HARD_TIMEOUT_MARGIN_S = 120
_terminal_fd: int | None = None  # the run's own stderr: see pytest_configure


def pytest_configure(config):
    """Keep a handle on the run's real stderr. During a test pytest points file descriptor 2 at
    its capture file, and a dump written there is lost when faulthandler ends the process; while
    pytest_configure runs, capture is suspended and descriptor 2 is the terminal or the CI log."""
    global _terminal_fd
    if _terminal_fd is None:
        _terminal_fd = os.dup(2)


def pytest_unconfigure(config):
    if _OWN_LOG_DIR is not None:
        shutil.rmtree(_OWN_LOG_DIR, ignore_errors=True)
    shutil.rmtree(_RUN_FOLDER, ignore_errors=True)


@pytest.fixture(autouse=True)
def hard_timeout(request):
    """Backstop for pytest-timeout: its watchdog is a Python thread, which cannot run while a
    deadlock inside Qt holds the GIL. faulthandler's watchdog is native: after the test's time
    limit plus a margin it prints every thread's stack and ends the run."""
    marker = request.node.get_closest_marker("timeout")
    try:
        limit = marker.args[0] if marker and marker.args else request.config.getini("timeout")
    except ValueError:  # pytest-timeout not loaded
        limit = None
    seconds = float(limit or 300) + HARD_TIMEOUT_MARGIN_S
    faulthandler.dump_traceback_later(
        seconds, exit=True, file=_terminal_fd if _terminal_fd is not None else sys.__stderr__
    )
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def no_window_left_open():
    """A test closes every window and dialog it opened (qtbot.addWidget does it for registered
    ones): whatever is still shown afterwards is closed here and fails the test that left it, so
    no later test finds it (tests pass in any order). Tests that never started Qt skip this."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    QApplication.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    names = [f"{type(w).__name__} {w.windowTitle()!r}" for w in left]
    for widget in left:
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    # Widgets closed with deleteLater (qtbot.addWidget's, the ones above) are deleted now, not
    # whenever an event loop next runs: a later test's language switch would reach them half gone.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not names, "left open: " + ", ".join(names)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Cached results (the 2-D maps of the test set) go to a temporary folder."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MNIST_DESK_CACHE", str(folder))
    yield folder


@pytest.fixture(autouse=True)
def isolated_models(tmp_path_factory, monkeypatch):
    """The user's models folder is a temporary one (a test may set its own): a run saved
    without ``-o`` must never land in, or create, the real per-user folder."""
    folder = tmp_path_factory.mktemp("models")
    monkeypatch.setenv("MNIST_DESK_MODELS", str(folder))
    yield folder


@pytest.fixture(autouse=True)
def isolated_my_digits(tmp_path_factory, monkeypatch):
    """The user's own digits (My digits) go to a temporary folder, never the real one."""
    folder = tmp_path_factory.mktemp("my-digits")
    monkeypatch.setenv("MNIST_DESK_MY_DIGITS", str(folder))
    yield folder


@pytest.fixture
def no_data_loading(monkeypatch):
    """MNIST may not be loaded: for a command that must refuse, or check, before it reads data."""
    from mnist_desk.data import mnist as mdata

    def load_splits(*args, **kwargs):
        raise AssertionError("MNIST was loaded before the command refused or checked up front")

    monkeypatch.setattr(mdata, "load_splits", load_splits)
