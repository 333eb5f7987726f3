"""A data folder given one or two levels too deep (.../MNIST or .../MNIST/raw, which hold the
files) is answered with the folder to give instead: not a search of .../MNIST/MNIST/raw, and
never a download of a second copy there."""

from __future__ import annotations

import pytest

from mnist_desk.data import mnist_files
from mnist_desk.data.mnist_files import RAW_FILES, DataUnavailableError, load_mnist_raw


@pytest.mark.parametrize("too_deep", ["MNIST", "MNIST/raw"])
def test_a_folder_inside_the_layout_names_the_one_to_give(tmp_path, monkeypatch, too_deep):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in RAW_FILES:
        (raw / name).write_bytes(b"")  # only their presence is looked at
    monkeypatch.setattr(
        mnist_files, "download_mnist", lambda root: pytest.fail("downloaded a second copy")
    )
    with pytest.raises(DataUnavailableError) as refused:
        load_mnist_raw(tmp_path / too_deep, download=True)
    assert f"--data-dir {tmp_path} " in str(refused.value)
    assert not (tmp_path / too_deep / "MNIST").exists()
