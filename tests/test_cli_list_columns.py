"""``mnist-desk list`` lines up its columns, whatever the length of an architecture's name."""

from __future__ import annotations

from mnist_desk.cli.main import main


def test_list_keeps_its_columns_aligned_for_long_architecture_names(capsys, tmp_path):
    assert main(["list", "--models-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("scratch/convnet-digits" in line for line in lines)
    assert len({line.index(" shipped ") for line in lines}) == 1
