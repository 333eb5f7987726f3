"""``mnist-desk`` (the window) where there is no display, e.g. over SSH: one line saying so and
what works instead, where Qt itself aborts with "Reinstalling the application may fix this"."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main


def test_the_window_without_a_display_is_a_clear_error(capsys, monkeypatch):
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(
        "mnist_desk.ui.shell.app.run_gui", lambda args: pytest.fail("Qt was started")
    )
    assert main(["gui"]) == 1
    err = capsys.readouterr().err
    assert "no display" in err and "mnist-desk predict" in err
