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


def _flip_bytes_inside(packed: bytes) -> bytes:
    damaged = bytearray(packed)
    for i in range(200, 1200):
        damaged[i] ^= 0x5A
    return bytes(damaged)


GZ_DAMAGE = {  # a download stopped part-way, a disk error, a page saved under the file's name
    "cut short": lambda packed: packed[: len(packed) // 3],
    "corrupted inside": _flip_bytes_inside,
    "not gzip at all": lambda packed: b"<html>not found</html>",
}


@pytest.mark.parametrize("case", list(GZ_DAMAGE))
def test_a_damaged_gz_file_is_named_as_damaged_with_what_to_do(data_dir, tmp_path, capsys, case):
    """The files may stay packed (.gz): a damaged one said "cannot be read: Compressed file
    ended before the end-of-stream marker was reached" (truncated) with nothing to do about it,
    or, corrupted inside, was taken for a bug in mnist-desk (zlib.error, exit status 70)."""
    import gzip

    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for file in RAW_FILES:
        source = data_dir / "MNIST" / "raw" / file
        if file == "t10k-labels-idx1-ubyte":
            packed = gzip.compress(source.read_bytes())
            (raw / f"{file}.gz").write_bytes(GZ_DAMAGE[case](packed))
        else:
            (raw / file).symlink_to(source)
    damaged = str(raw / "t10k-labels-idx1-ubyte.gz")
    args = ["evaluate", "classifier-lenet5", "--subset", "10"]
    assert main(["--data-dir", str(tmp_path / "data"), "--no-download", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {damaged} is damaged: ") and "Traceback" not in err
    assert "Replace it with a good copy" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("download", [True, False])
def test_the_damaged_file_message_fits_the_download_setting(data_dir, tmp_path, capsys, download):
    """Deleting the files gets them downloaded again only where the download is allowed: with
    --no-download the message also says how to allow it."""
    name, damage, _ = DAMAGE["truncated labels"]
    folder, _ = damaged_copy(data_dir, tmp_path, name, damage)
    switch = [] if download else ["--no-download"]
    argv = ["--data-dir", folder, *switch, "evaluate", "classifier-lenet5", "--subset", "10"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "so that they are downloaded again" in err
    how_to_allow = "leave out --no-download" in err and "Download MNIST When Missing" in err
    assert how_to_allow is not download
