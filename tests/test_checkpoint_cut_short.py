"""A checkpoint cut short (a download or copy that stopped) is said in one sentence that names the
file, never as torch's "PytorchStreamReader ... internal miniz error"; torch's error is kept as
the cause. Other load errors keep their own words: the check hides nothing else."""

from __future__ import annotations

import errno
import zipfile

import pytest

from mnist_desk.cli.main import main
from mnist_desk.store.catalog import shipped_checkpoint
from mnist_desk.store.checkpoints import CheckpointError, load_checkpoint
from mnist_desk.support.config import resources_dir


def cut_short(path):
    return (
        f"{path} is not a complete mnist-desk model (the file is damaged or was cut short; "
        f"download or train it again)"
    )


@pytest.fixture
def good_bytes() -> bytes:
    return shipped_checkpoint("classifier", "convnet").read_bytes()


# torch says each in other words: "PytorchStreamReader failed reading zip archive: failed finding
# central directory. This is an internal miniz error. ...", EINVAL, or an EOFError
@pytest.mark.parametrize(
    ("keep", "torch_says"),
    [
        ("half", RuntimeError),
        ("all but the last byte", RuntimeError),
        ("the first 5,000 bytes", OSError),
        ("nothing", EOFError),
    ],
)
def test_a_checkpoint_cut_short_is_one_sentence_with_torchs_error_as_its_cause(
    tmp_path, good_bytes, keep, torch_says
):
    whole = len(good_bytes)
    size = {"half": whole // 2, "all but the last byte": whole - 1, "nothing": 0}.get(keep, 5000)
    path = tmp_path / "mine.pt"
    path.write_bytes(good_bytes[:size])
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    assert str(info.value) == cut_short(path)
    assert isinstance(info.value.__cause__, torch_says)  # torch's own error, kept


def test_predict_and_evaluate_say_it_in_one_line(tmp_path, good_bytes, capsys):
    path = tmp_path / "mine.pt"
    path.write_bytes(good_bytes[: len(good_bytes) // 2])
    sample = next((resources_dir() / "samples").glob("digit-7-*.png"))
    for argv in (["predict", str(sample), "--model", str(path)], ["evaluate", str(path)]):
        assert main(argv) == 1
        captured = capsys.readouterr()
        assert captured.err == f"error: {cut_short(path)}\n", argv
        assert captured.out == ""


def test_the_window_is_told_the_same_sentence(tmp_path, good_bytes):
    """The window's model loading (its worker's load work) answers the sentence it shows."""
    from mnist_desk.app.model_session import LoadRequest, load_work

    path = tmp_path / "classifier-mine.pt"
    path.write_bytes(good_bytes[: len(good_bytes) // 2])
    answer = load_work(LoadRequest(3, str(path), "cpu"))(lambda _: None)
    assert answer.predictor is None and answer.error == cut_short(path)


def test_a_zip_that_is_no_pytorch_file_keeps_torchs_own_words(tmp_path):
    path = tmp_path / "archive.pt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a model")
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    assert "cut short" not in str(info.value) and "not in a subdirectory" in str(info.value)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "cannot be read: Permission denied"),
        (RuntimeError("CUDA driver failure"), "RuntimeError: CUDA driver failure"),
        (MemoryError("out of memory"), "MemoryError: out of memory"),
    ],
)
def test_other_errors_are_not_called_a_file_cut_short(
    tmp_path, good_bytes, monkeypatch, error, said
):
    import torch

    path = tmp_path / "mine.pt"
    path.write_bytes(good_bytes)

    def fails(*args, **kwargs):
        raise error

    monkeypatch.setattr(torch, "load", fails)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    assert "cut short" not in str(info.value) and said in str(info.value)
    assert info.value.__cause__ is error
