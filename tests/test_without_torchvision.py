"""The app without torchvision (as in the CPU bundle): it reads MNIST, trains and evaluates;
only a download needs torchvision, and without it the message says how to get the files."""

from __future__ import annotations

import gzip
import shutil
import sys

import pytest
import torch

from mnist_desk.cli.main import main
from mnist_desk.data import mnist_files
from mnist_desk.data.mnist_files import RAW_FILES, DataUnavailableError, load_mnist_raw
from tests.support import shared_data_dir


@pytest.fixture
def no_torchvision(monkeypatch):
    """torchvision as if it were not installed: any import of it raises ImportError."""
    for name in [m for m in sys.modules if m == "torchvision" or m.startswith("torchvision.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "torchvision", None)
    with pytest.raises(ImportError):
        import torchvision  # noqa: F401


def linked_copy(tmp_path, names=RAW_FILES):
    """A fresh data folder (not in load_splits' cache) whose MNIST/raw links to the real files."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in names:
        (raw / name).symlink_to(shared_data_dir() / "MNIST" / "raw" / name)
    return tmp_path / "data"


def test_the_app_reads_mnist_trains_and_evaluates_without_torchvision(
    no_torchvision, tmp_path, capsys
):
    data = str(linked_copy(tmp_path))
    model = tmp_path / "m.pt"
    common = ["--data-dir", data, "--no-download", "--device", "cpu"]
    args = ["train", "--arch", "mlp", "--steps", "3", "--test-subset", "200", "--threads", "1"]
    assert main([*common, *args, "--val-subset", "200", "-q", "-o", str(model)]) == 0
    assert main([*common, "evaluate", str(model), "--subset", "200"]) == 0
    checkpoint = torch.load(model, weights_only=True)
    assert "torchvision" not in checkpoint["meta"]["versions"]
    assert "torchvision" not in capsys.readouterr().err


def test_a_download_without_torchvision_says_where_to_get_the_files(no_torchvision, tmp_path):
    root = tmp_path / "empty"
    with pytest.raises(DataUnavailableError) as info:
        load_mnist_raw(root, download=True)
    message = str(info.value)
    assert str(root / "MNIST" / "raw") in message
    assert mnist_files.MNIST_MIRROR in message and "t10k-labels-idx1-ubyte.gz" in message
    assert "pip install torchvision" in message and "--data-dir" in message
    assert not (root / "MNIST" / "raw").exists()


def test_the_frozen_app_does_not_suggest_pip(no_torchvision, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(DataUnavailableError) as info:
        load_mnist_raw(tmp_path, download=True)
    message = str(info.value)
    assert "does not download it" in message and "pip" not in message
    assert mnist_files.MNIST_MIRROR in message


def test_the_command_line_prints_that_message_in_one_error(no_torchvision, tmp_path, capsys):
    code = main(["--data-dir", str(tmp_path), "train", "--steps", "1", "-q"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err
    assert "torchvision" in err and mnist_files.MNIST_MIRROR in err


def test_packed_files_read_the_same_as_unpacked(tmp_path):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        source = shared_data_dir() / "MNIST" / "raw" / name
        with open(source, "rb") as f, gzip.open(raw / f"{name}.gz", "wb", compresslevel=1) as out:
            shutil.copyfileobj(f, out)
    packed = mnist_files.read_split(tmp_path, "t10k")
    unpacked = mnist_files.read_split(shared_data_dir(), "t10k")
    assert packed[0].shape == (10_000, 28, 28) and packed[0].dtype == torch.uint8
    assert packed[1].dtype == torch.int64
    assert all(torch.equal(a, b) for a, b in zip(packed, unpacked, strict=True))


def test_a_truncated_packed_file_is_named(tmp_path):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    whole = gzip.compress((shared_data_dir() / "MNIST/raw/t10k-labels-idx1-ubyte").read_bytes())
    (raw / "t10k-labels-idx1-ubyte.gz").write_bytes(whole[: len(whole) // 2])
    (raw / "t10k-images-idx3-ubyte").symlink_to(
        shared_data_dir() / "MNIST/raw/t10k-images-idx3-ubyte"
    )
    with pytest.raises(mnist_files.DataCorruptError) as info:
        mnist_files.read_split(tmp_path, "t10k")
    assert str(raw / "t10k-labels-idx1-ubyte.gz") in str(info.value)


def test_the_reader_agrees_with_torchvision(tmp_path):
    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")
    ours = mnist_files.read_split(shared_data_dir(), "t10k")
    theirs = datasets.MNIST(str(shared_data_dir()), train=False, download=False)
    assert torch.equal(ours[0], theirs.data) and torch.equal(ours[1], theirs.targets)


def test_a_download_goes_through_torchvision_where_it_is_installed(tmp_path, monkeypatch):
    """The files torchvision's MNIST fetches are then read by our reader (no network here:
    the download is replaced by copying the real files where torchvision puts them)."""
    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")
    fetched = []

    def fake_download(self):
        raw = mnist_files.raw_folder(self.root)
        raw.mkdir(parents=True, exist_ok=True)
        for name in RAW_FILES:
            if not (raw / name).exists():
                (raw / name).symlink_to(shared_data_dir() / "MNIST" / "raw" / name)
        fetched.append(self.train)

    monkeypatch.setattr(datasets.MNIST, "download", fake_download)
    train_x, train_y, test_x, test_y = load_mnist_raw(tmp_path / "new", download=True)
    assert fetched and train_x.shape == (60_000, 28, 28) and test_y.shape == (10_000,)


def test_a_failed_download_says_why_in_a_line_not_every_mirror_s_address(tmp_path, monkeypatch):
    """torchvision reports a failed download mirror by mirror (six lines of addresses for two
    mirrors); the message gives the reason once, then what to do."""
    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")

    def offline(self):  # what torchvision's MNIST.download raises with no network
        reason = "<urlopen error [Errno -2] Name or service not known>"
        raise RuntimeError(
            "Error downloading train-images-idx3-ubyte.gz:\n"
            f"Tried https://ossci-datasets.s3.amazonaws.com/mnist/, got:\n{reason}\n"
            f"Tried http://yann.lecun.com/exdb/mnist/, got:\n{reason}\n"
        )

    monkeypatch.setattr(datasets.MNIST, "download", offline)
    with pytest.raises(mnist_files.DataUnavailableError) as info:
        load_mnist_raw(tmp_path / "new", download=True)
    first_line = str(info.value).splitlines()[0]
    assert first_line == (
        f"MNIST was not found in {tmp_path / 'new' / 'MNIST' / 'raw'} (download failed: no MNIST "
        "mirror could be reached: [Errno -2] Name or service not known)."
    )
    assert "amazonaws" not in str(info.value) and "File > MNIST Data Folder" in str(info.value)


def test_a_failed_download_advises_going_online_not_allowing_the_download(tmp_path, monkeypatch):
    """The download was allowed and tried: the advice was still "Either allow the download
    (needs internet)", which the user had done. It says to try again once online instead."""
    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")

    def offline(self):
        raise RuntimeError("<urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(datasets.MNIST, "download", offline)
    with pytest.raises(mnist_files.DataUnavailableError) as info:
        load_mnist_raw(tmp_path / "new", download=True)
    advice = str(info.value).splitlines()[1]
    assert "allow the download" not in advice
    assert advice.startswith("Either try again once this computer is online, or place the four")


def test_a_download_not_allowed_says_where_to_allow_it(tmp_path):
    """With the download switched off, "allow the download" said neither how (leave out
    --no-download) nor where in the window (File > Download MNIST When Missing)."""
    with pytest.raises(mnist_files.DataUnavailableError) as info:
        load_mnist_raw(tmp_path / "none", download=False)
    advice = str(info.value).splitlines()[1]
    assert advice.startswith(
        "Either allow the download (needs internet: leave out --no-download; in the window: "
        "File > Download MNIST When Missing), or place the four files"
    )
