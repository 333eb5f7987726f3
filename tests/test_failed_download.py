"""A download of MNIST that fails leaves the disk as it was: the folders made for it (the data
folder, MNIST, MNIST/raw, as torchvision makes them) go again, while whatever was there before,
and any file, stays. No network here: torchvision's MNIST is replaced by one that makes its
folder, as the real one does, and then fails as an unreachable mirror does."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main
from mnist_desk.data.mnist_files import DataUnavailableError, load_mnist_raw, raw_folder


@pytest.fixture
def unreachable_mirror(monkeypatch):
    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")
    tried = []

    class FailingMNIST:
        def __init__(self, root, train=True, download=False):
            tried.append(root)
            raw_folder(root).mkdir(parents=True, exist_ok=True)  # as torchvision's does first
            raise RuntimeError("Error downloading train-images-idx3-ubyte.gz")

    monkeypatch.setattr(datasets, "MNIST", FailingMNIST)
    return tried


def test_a_failed_download_into_a_new_folder_leaves_nothing(tmp_path, unreachable_mirror):
    root = tmp_path / "new" / "deeper"
    with pytest.raises(DataUnavailableError, match="download failed"):
        load_mnist_raw(root, download=True)
    assert unreachable_mirror, "the download was not tried"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_download_keeps_the_folders_that_were_there(tmp_path, unreachable_mirror):
    (tmp_path / "data" / "MNIST").mkdir(parents=True)
    with pytest.raises(DataUnavailableError):
        load_mnist_raw(tmp_path / "data", download=True)
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))] == [
        "data",
        "data/MNIST",
    ]


def test_a_failed_download_deletes_no_file(tmp_path, monkeypatch, unreachable_mirror):
    from torchvision import datasets

    class LeavesAPart:
        def __init__(self, root, train=True, download=False):
            raw_folder(root).mkdir(parents=True, exist_ok=True)
            (raw_folder(root) / "train-images-idx3-ubyte.gz").write_bytes(b"part")
            raise RuntimeError("File not found or corrupted.")

    monkeypatch.setattr(datasets, "MNIST", LeavesAPart)
    with pytest.raises(DataUnavailableError):
        load_mnist_raw(tmp_path / "new", download=True)
    assert (raw_folder(tmp_path / "new") / "train-images-idx3-ubyte.gz").read_bytes() == b"part"


def test_training_into_a_new_data_folder_leaves_nothing_when_the_download_fails(
    tmp_path, capsys, unreachable_mirror
):
    """Training first checks that it could write the download (making the folder to try), then
    downloads: neither leaves a folder behind."""
    data = tmp_path / "new-data"
    argv = ["train", "--data-dir", str(data), "--steps", "1", "-q", "-o", str(tmp_path / "m.pt")]
    assert main(argv) == 1
    assert "download failed" in capsys.readouterr().err
    assert unreachable_mirror == [str(data)]
    assert list(tmp_path.iterdir()) == []
