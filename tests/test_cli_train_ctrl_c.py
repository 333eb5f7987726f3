"""Ctrl-C during ``mnist-desk train`` is the window's Stop: the best model so far is tested and
saved, and the command says so and exits 130; a second Ctrl-C interrupts at once."""

from __future__ import annotations

import signal
from types import SimpleNamespace

import pytest

from mnist_desk.cli.ctrl_c import ctrl_c_stops
from mnist_desk.cli.main import main
from mnist_desk.training.controls import RunSwitches


@pytest.fixture(autouse=True)
def python_handles_ctrl_c():
    """Ctrl-C as a fresh ``mnist-desk`` process has it (Python's own handler), whatever an
    earlier test in this process left; put back after."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


class CtrlCDuringTraining:
    """A Trainer whose run is interrupted by Ctrl-C and then ends as a stopped run does."""

    def __init__(self, settings, callback, **kwargs):
        self.controls = RunSwitches()

    def run(self):
        signal.raise_signal(signal.SIGINT)
        assert self.controls.cancelled  # asked to stop, not killed
        test = {"accuracy": 0.9, "count": 10}
        return SimpleNamespace(status="stopped", test=test, steps=7, elapsed=1.0, checkpoint="m.pt")


def test_ctrl_c_stops_the_run_and_keeps_its_model(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("mnist_desk.training.Trainer", CtrlCDuringTraining)
    code = main(["train", "--preset", "quick", "-o", str(tmp_path / "m.pt"), "--no-download"])
    out, err = capsys.readouterr()
    assert code == 130
    assert "stopped: test accuracy 90.00%" in out and "saved m.pt" in out
    assert "Ctrl-C again" in err


def test_a_second_ctrl_c_interrupts_and_the_handler_is_put_back():
    before = signal.getsignal(signal.SIGINT)
    assert before is signal.default_int_handler
    controls = RunSwitches()
    with pytest.raises(KeyboardInterrupt), ctrl_c_stops(controls):
        signal.raise_signal(signal.SIGINT)
        assert controls.cancelled and not controls.discarded
        signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_while_the_options_load_torch_is_no_traceback(capsys, monkeypatch):
    """train's options come from TrainingSettings, whose import loads torch (seconds)."""

    def ctrl_c(parser):
        raise KeyboardInterrupt

    monkeypatch.setattr("mnist_desk.cli.train.add_settings_options", ctrl_c)
    try:
        code = main(["train", "-q"])
    except KeyboardInterrupt:  # not raised on: it would end the whole test session
        pytest.fail("Ctrl-C while the options were parsed escaped main: a traceback")
    assert code == 130
    assert capsys.readouterr().err == "interrupted\n"


class CtrlCDuringFineTuning:
    """A PersonalTrainer whose fine-tune is interrupted by Ctrl-C, then ends as a stopped one."""

    def __init__(self, settings, items, callback, **kwargs):
        self.controls = RunSwitches()
        self.transfer_checkpoint = None

    def run(self):
        signal.raise_signal(signal.SIGINT)
        assert self.controls.cancelled and not self.controls.discarded  # asked to stop, kept
        personal = SimpleNamespace(base_model="convnet", learn_count=3, lines=lambda: ["after"])
        return SimpleNamespace(personal=personal, checkpoint="mine.pt", steps=7, elapsed=1.0)


def test_ctrl_c_stops_a_fine_tune_on_your_digits_and_keeps_its_model(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_MY_DIGITS", str(tmp_path / "my-digits"))
    monkeypatch.setattr("mnist_desk.personal.fine_tune.PersonalTrainer", CtrlCDuringFineTuning)
    argv = ["train", "--my-digits", "--init-from", "classifier-convnet", "-q", "--no-download"]
    assert main(argv) == 130
    out, err = capsys.readouterr()
    assert "saved mine.pt" in out and "Ctrl-C again" in err
