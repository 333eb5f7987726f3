"""``mnist-desk compare``: Compare architectures from the command line, on a tiny budget."""

from __future__ import annotations

import json
from pathlib import Path

from mnist_desk.cli.main import main
from tests.support import shared_data_dir

TINY = [
    "--steps", "6", "--batch-size", "32", "--train-subset", "600",
    "--val-subset", "100", "--test-subset", "200", "--threads", "1",
]  # fmt: skip


def test_compare_json_has_one_row_per_architecture_and_the_verdict(capsys, tmp_path):
    models = tmp_path / "models"
    argv = ["compare", "--archs", "lenet5,mlp", "--json", "-q", *TINY]
    argv += ["--data-dir", str(shared_data_dir()), "--models-dir", str(models)]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["arch"] for row in data["rows"]] == ["lenet5", "mlp"]
    assert data["steps"] == 6 and not data["stopped"]
    for row in data["rows"]:
        assert row["status"] == "completed" and 0 < row["test_accuracy"] <= 1
        assert 0 <= row["drawn_digits"] <= 1 and row["parameters"] > 0
        assert row["seconds"] > 0 and row["images_per_second"] > 0
        assert Path(row["checkpoint"]).parent == models and Path(row["checkpoint"]).exists()
    assert data["winner"] == data["ranking"][0] and sorted(data["ranking"]) == ["lenet5", "mlp"]
    assert "after 6 steps each" in data["verdict"][0]


def test_compare_prints_a_table_and_the_verdict_in_words(capsys, tmp_path):
    argv = ["compare", "--archs", "mlp,lenet5", "-q", *TINY, "--steps", "3"]
    argv += ["--data-dir", str(shared_data_dir()), "--models-dir", str(tmp_path)]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["architecture", "test", "drawn"]
    assert out[1].startswith("MLP ") and out[2].startswith("LeNet-5 ")
    assert any("after 3 steps each" in line for line in out)


def test_an_unknown_architecture_is_a_clear_error_and_nothing_trains(capsys, tmp_path):
    argv = ["compare", "--archs", "mlp,nosuch", "--models-dir", str(tmp_path)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "error: unknown architecture nosuch; choose among" in err and "lenet5" in err
    assert not list(tmp_path.iterdir())


def test_without_mnist_compare_says_what_is_wrong_once_and_prints_no_table(capsys, tmp_path):
    """With no MNIST each architecture failed in turn, its whole message printed each time, then
    came a table of dashes and "No verdict: fewer than two architectures were tested". The
    first failure ends the comparison: its progress line, then the message once, as an error."""
    argv = ["--data-dir", str(tmp_path / "no-mnist"), "--no-download", "--models-dir"]
    argv += [str(tmp_path / "models"), "compare", "--archs", "mlp,lenet5", *TINY]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no table, no verdict
    err = captured.err
    missing = f"MNIST was not found in {tmp_path / 'no-mnist' / 'MNIST' / 'raw'}"
    assert err.count(missing) == 2 and err.count("place the four files") == 1
    assert f"  failed: {missing}" in err and f"\nerror: {missing}" in err
    assert "LeNet-5" not in err and "Traceback" not in err
