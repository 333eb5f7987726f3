"""``self-test --window``: the core self-test runs the window check the entry point hands it."""

import mnist_desk.recognition.self_test
import mnist_desk.ui.shell.app
from mnist_desk.cli.main import main


def test_self_test_window_runs_the_ui_check_last_and_fails_with_it(monkeypatch, capsys, tmp_path):
    # No shipped weights to check (test_cli checks them): only the window check's wiring here.
    monkeypatch.setattr(mnist_desk.recognition.self_test, "shipped_weights_dir", lambda: tmp_path)
    calls = []

    def window_check():
        calls.append("window")
        return False, "the window did not open (test)"

    monkeypatch.setattr(mnist_desk.ui.shell.app, "open_and_close_window", window_check)
    assert main(["self-test", "--window"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert calls == ["window"]
    assert lines[-2:] == ["FAIL the window did not open (test)", "self-test FAILED"]
