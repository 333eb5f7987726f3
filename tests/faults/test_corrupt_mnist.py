"""A truncated or corrupted MNIST file: one clear line that names the file, no traceback."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main
from mnist_desk.data.mnist import RAW_FILES


def damaged_copy(data_dir, tmp_path, name: str, damage) -> tuple[str, str]:
    """A data folder whose MNIST/raw holds the real files except ``name``, damaged."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for file in RAW_FILES:
        source = data_dir / "MNIST" / "raw" / file
        if file == name:
            (raw / file).write_bytes(damage(source.read_bytes()))
        else:
            (raw / file).symlink_to(source)
    return str(tmp_path / "data"), str(raw / name)


DAMAGE = {
    "truncated images": ("train-images-idx3-ubyte", lambda b: b[: len(b) // 3], "truncated"),
    "truncated labels": ("t10k-labels-idx1-ubyte", lambda b: b[:-10], "truncated"),
    "garbage header": ("t10k-images-idx3-ubyte", lambda b: b"\xff" * 16 + b[16:], "IDX"),
    "overwritten with text": ("train-labels-idx1-ubyte", lambda b: b"<html>" * 100, "IDX"),
    "labels above 9": (
        "t10k-labels-idx1-ubyte",
        lambda b: b[:8] + bytes([200]) * (len(b) - 8),
        "labels above 9",
    ),
}


@pytest.mark.parametrize("case", list(DAMAGE))
@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_a_damaged_mnist_file_is_named_in_one_line(data_dir, tmp_path, capsys, case, command):
    name, damage, words = DAMAGE[case]
    folder, damaged = damaged_copy(data_dir, tmp_path, name, damage)
    args = {
        "train": ["train", "--steps", "1", "-q", "-o", str(tmp_path / "m.pt")],
        "evaluate": ["evaluate", "classifier-lenet5", "--subset", "10"],
    }[command]
    assert main(["--data-dir", folder, "--no-download", *args]) == 1
    err = capsys.readouterr().err
    assert damaged in err and words in err and "Traceback" not in err
    assert err.startswith("error: ") and "not found" not in err
    assert not (tmp_path / "m.pt").exists()
