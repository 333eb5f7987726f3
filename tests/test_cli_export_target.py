"""``export -o FILE``: the name must end in the suffix of the format it is written in, as
``train -o`` must end in .pt. A name without one (``-o name``), or with another (``-o x.txt``),
was written as ONNX under exactly that name; it is now refused in one line with the name to
give. A folder that is not there (or a file in its place) is one line too, and nothing is
written or created."""

from __future__ import annotations

import errno

import pytest

from mnist_desk.cli.main import main


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ")
    assert captured.err.count("\n") == 1, captured.err  # no traceback
    return captured.err.strip()


@pytest.mark.parametrize(
    ("name", "options", "suggested"),
    [
        ("name", [], "name.onnx"),
        ("name", ["--format", "torchscript"], "name.torchscript"),
        ("model.txt", [], "model.onnx"),
        ("model.pt", [], "model.onnx"),
    ],
    ids=["no suffix", "no suffix, torchscript", "unknown suffix", "a checkpoint's suffix"],
)
def test_a_name_without_an_export_suffix_is_refused_with_the_name_to_give(
    capsys, tmp_path, name, options, suggested
):
    output = tmp_path / name
    assert main(["export", "classifier-mlp", "-o", str(output), *options]) == 1
    assert one_line_error(capsys) == (
        "error: the export file (--output) must end in .onnx or .torchscript: give "
        f"{tmp_path / suggested} instead of {output}"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_suffix_that_names_another_format_than_format_is_refused(capsys, tmp_path):
    output = tmp_path / "m.torchscript"
    assert main(["export", "classifier-mlp", "-o", str(output), "--format", "onnx"]) == 1
    err = one_line_error(capsys)
    assert f"give {tmp_path / 'm.onnx'} instead (or --format torchscript)" in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_given_as_the_file_is_refused_with_a_file_to_give(capsys, tmp_path):
    assert main(["export", "classifier-mlp", "-o", str(tmp_path)]) == 1
    assert f"is a folder; give the file to write, e.g. {tmp_path / 'model.onnx'}" in (
        one_line_error(capsys)
    )
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_does_not_exist_is_one_line_and_is_not_created(capsys, tmp_path):
    output = tmp_path / "no-such-folder" / "m.onnx"
    assert main(["export", "classifier-mlp", "-o", str(output)]) == 1
    assert one_line_error(capsys) == (
        f"error: cannot write {output}: the folder {output.parent} does not exist; "
        "nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_nothing_behind(capsys, tmp_path, monkeypatch):
    from mnist_desk.support import fileio

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", disk_full)
    output = tmp_path / "m.torchscript"
    assert main(["export", "classifier-mlp", "-o", str(output)]) == 1
    assert one_line_error(capsys) == f"error: cannot write {output}: No space left on device"
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temp file


@pytest.mark.parametrize("name", ["m.onnx", "m.torchscript", "M.ONNX"])
def test_a_name_with_its_format_suffix_is_written_and_named_in_the_output(capsys, tmp_path, name):
    pytest.importorskip("onnx")
    output = tmp_path / name
    assert main(["export", "classifier-mlp", "-o", str(output)]) == 0
    assert f"exported classifier/mlp to {output} (" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [name]
