"""A subcommand offers the global options it uses, not those it would ignore: `export --help`
listed --data-dir, --no-download and --device, and took them in silence, though it reads no
MNIST and runs on the CPU. It offers --models-dir alone, and refuses the others."""

from __future__ import annotations

import pytest

from mnist_desk.cli.main import main

IGNORED_BY_EXPORT = ("--data-dir", "--no-download", "--device")


def help_of(capsys, command: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*command.split(), "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "offered", "not_offered"),
    [
        ("export", ("--models-dir",), IGNORED_BY_EXPORT),
        ("explain", ("--models-dir",), IGNORED_BY_EXPORT),
        ("list", ("--models-dir",), IGNORED_BY_EXPORT),
        ("predict", ("--models-dir", "--device"), ("--data-dir", "--no-download")),
        ("self-test", ("--device",), ("--data-dir", "--no-download", "--models-dir")),
        ("my-digits", (), ("--data-dir", "--no-download", "--device", "--models-dir")),
        ("train-gate", ("--data-dir", "--no-download"), ("--device", "--models-dir")),
        ("evaluate", ("--data-dir", "--no-download", "--device", "--models-dir"), ()),
        ("calibrate", ("--data-dir", "--no-download", "--device", "--models-dir"), ()),
    ],
)
def test_the_help_lists_the_global_options_the_subcommand_uses(
    capsys, command, offered, not_offered
):
    text = help_of(capsys, command)
    assert [o for o in offered if o not in text] == []
    assert [o for o in not_offered if o in text] == []


@pytest.mark.parametrize("option", [["--device", "cuda"], ["--data-dir", "x"], ["--no-download"]])
def test_export_refuses_an_option_it_would_ignore(capsys, tmp_path, option):
    output = tmp_path / "m.torchscript"
    with pytest.raises(SystemExit) as done:
        main(["export", "classifier-mlp", "-o", str(output), *option])
    assert done.value.code == 2  # a usage error, as argparse reports one
    assert f"unrecognized arguments: {' '.join(option)}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_finds_a_model_by_name_in_the_models_dir_given(capsys, tmp_path):
    from mnist_desk.store.catalog import shipped_checkpoint

    models = tmp_path / "models"
    models.mkdir()
    (models / "mine.pt").write_bytes(shipped_checkpoint("classifier", "mlp").read_bytes())
    output = tmp_path / "mine.torchscript"
    assert main(["export", "mine", "--models-dir", str(models), "-o", str(output)]) == 0
    assert f"to {output} (" in capsys.readouterr().out and output.is_file()
