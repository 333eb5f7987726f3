"""Fixtures shared by all tests: Qt runs offscreen and never touches the real user settings."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
