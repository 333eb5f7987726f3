"""``self-test``: the window check the entry point hands it runs last; samples a model's metrics
file records it misreads are expected as recorded, every other sample read right."""

import json
import shutil

import mnist_desk.recognition.self_test
import mnist_desk.ui.shell.app
from mnist_desk.cli.main import main
from mnist_desk.models import DEFAULT_CLASSIFIER
from mnist_desk.recognition.self_test import (
    MISREADS,
    recorded_misreads,
    run_self_test,
    sample_digits,
)
from tests.support import WEIGHTS


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


def _one_model_and_samples(monkeypatch, tmp_path, misreads=None):
    """A shipped-weights folder holding classifier-mlp alone (with ``misreads`` recorded in its
    metrics file), and the sample digits with the 3 labelled a 5: the model reads it as 3."""
    weights, samples = tmp_path / "weights", tmp_path / "resources" / "samples"
    weights.mkdir()
    samples.mkdir(parents=True)
    shutil.copy(WEIGHTS / "classifier-mlp.pt", weights)
    info = json.loads((WEIGHTS / "classifier-mlp.json").read_text())
    if misreads is not None:
        info[MISREADS] = misreads
    (weights / "classifier-mlp.json").write_text(json.dumps(info))
    for _, path in sample_digits():
        name = "digit-5-test18.png" if path.name == "digit-3-test18.png" else path.name
        shutil.copy(path, samples / name)
    monkeypatch.setattr(mnist_desk.recognition.self_test, "shipped_weights_dir", lambda: weights)
    monkeypatch.setattr(mnist_desk.recognition.self_test, "resources_dir", lambda: samples.parent)


def test_a_misread_sample_fails_unless_the_metrics_file_records_it(monkeypatch, tmp_path):
    _one_model_and_samples(monkeypatch, tmp_path)
    said = []
    assert not run_self_test(said.append)
    assert "FAIL classifier-mlp.pt: 9/10 digits  wrong (expected, got): [(5, 3)]" in said


def test_a_recorded_misread_is_expected_as_recorded(monkeypatch, tmp_path):
    _one_model_and_samples(monkeypatch, tmp_path, {"digit-5-test18.png": 3})
    said = []
    assert run_self_test(said.append)
    assert (
        "ok   classifier-mlp.pt: 9/10 digits (reads digit-5-test18.png as 3, as its metrics "
        "file records)"
    ) in said


def test_a_sample_read_otherwise_than_recorded_fails(monkeypatch, tmp_path):
    """The install must compute what the measured model computed: another answer is a fault."""
    _one_model_and_samples(monkeypatch, tmp_path, {"digit-5-test18.png": 8, "digit-7-test0.png": 1})
    said = []
    assert not run_self_test(said.append)
    assert "wrong (expected, got): [(8, 3), (1, 7)]" in said[1]


def test_only_models_that_misread_record_it_and_never_the_default_or_an_adder():
    """What the shipped metrics files record, each for a sample that exists; the default
    classifier and the adders read every sample right."""
    names = {path.name for _, path in sample_digits()}
    recorded = {}
    for path in sorted(WEIGHTS.glob("*.pt")):
        misreads = recorded_misreads(path)
        assert set(misreads) <= names
        if misreads:
            recorded[path.stem] = misreads
    assert f"classifier-{DEFAULT_CLASSIFIER}" not in recorded
    assert all(name.startswith("classifier-") for name in recorded)
