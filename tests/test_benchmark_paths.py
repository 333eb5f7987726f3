"""The benchmark runner records the commands it runs with paths inside or beside the repository
relative to its root (`--data-dir ../shared/datasets`), as they run from there: RESULTS.md
named `/work/shared/datasets`, a folder of the one machine that ran them."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from benchmarks.common import REPO, Options, repo_path


@pytest.fixture
def beside(tmp_path):
    """A checkout in a folder of worktrees (tmp/wt/repo), whose ../shared is a link to the
    machine's shared folder (tmp/shared), as in a worktree of this project."""
    (tmp_path / "shared" / "datasets").mkdir(parents=True)
    (tmp_path / "wt" / "repo").mkdir(parents=True)
    (tmp_path / "wt" / "shared").symlink_to(tmp_path / "shared")
    return tmp_path


def test_a_path_inside_the_repository_is_relative_to_its_root():
    assert repo_path(REPO / "benchmarks" / "results") == "benchmarks/results"
    assert repo_path(REPO) == "."


def test_a_path_beside_the_repository_goes_up_from_its_root():
    assert repo_path(REPO.parent / "shared" / "datasets") == "../shared/datasets"


def test_a_folder_reached_through_a_link_beside_the_repository_is_named_through_it(beside):
    root = beside / "wt" / "repo"
    assert repo_path(beside / "shared" / "datasets", root) == "../shared/datasets"
    assert (root / "../shared/datasets").resolve() == (beside / "shared" / "datasets").resolve()


def test_a_path_elsewhere_is_kept_as_it_is(beside):
    root = beside / "wt" / "repo"
    assert repo_path("/opt/mnist", root) == "/opt/mnist"
    assert repo_path(beside / "other", root) == str(beside / "other")


def machine_paths(words: list[str]) -> list[str]:
    return [w for w in words if os.path.isabs(w)]


def test_the_recorded_commands_name_the_data_folder_from_the_repository_root():
    from benchmarks.best_preset import best_command
    from benchmarks.personal import hand_command
    from benchmarks.whole_commands import project_command, public_command

    data = (REPO.parent / "shared" / "datasets").resolve()  # as the runner resolves it
    opts = Options(data_dir=data, threads=2)
    commands = [
        project_command(0, Path("MODEL.pt"), opts),
        public_command(0, Path("MODEL.pt"), opts),
        best_command(0, Path("MODEL.pt"), opts),
        hand_command(Path("MODEL.pt"), opts)[1:],
    ]
    for words in commands:
        assert "--data-dir ../shared/datasets" in shlex.join(words)
        assert machine_paths(words) == []


def test_the_run_s_own_command_names_its_folders_from_the_repository_root():
    from benchmarks.__main__ import recorded_command

    data = str(REPO.parent / "shared" / "datasets")
    assert recorded_command([]) == "python -m benchmarks"
    assert recorded_command(["--rows", "1w", "--data-dir", data]) == (
        "python -m benchmarks --rows 1w --data-dir ../shared/datasets"
    )
    assert recorded_command([f"--output={REPO / 'x.md'}"]) == "python -m benchmarks --output=x.md"


def test_a_path_in_a_run_s_temporary_folder_is_recorded_under_a_placeholder(tmp_path):
    from benchmarks.common import temp_path

    folder = tmp_path / "mnist-desk-personal-0314h5ek"
    assert temp_path(folder / "models" / "m.pt", folder) == "TMP/models/m.pt"
    assert temp_path(str(folder / "m.pt"), str(folder)) == "TMP/m.pt"
    assert temp_path(tmp_path / "elsewhere" / "m.pt", folder) == "m.pt"


def test_a_program_is_recorded_from_the_repository_root_or_by_its_name():
    from benchmarks.common import recorded_program

    assert recorded_program(REPO / ".venv" / "bin" / "python") == ".venv/bin/python"
    assert recorded_program(REPO / "dist" / "mnist-desk" / "mnist-desk") == (
        "dist/mnist-desk/mnist-desk"
    )
    assert recorded_program("/opt/python/bin/python3.12") == "python3.12"


def test_row_10_records_its_command_without_its_temporary_folder(tmp_path):
    from benchmarks.personal import recorded_hand_command

    data = (REPO.parent / "shared" / "datasets").resolve()
    tmp = tmp_path / "mnist-desk-personal-wl0bniag"
    output = tmp / "models" / "classifier-convnet-mine-bench.pt"
    command = recorded_hand_command(output, tmp, Options(data_dir=data, threads=2))
    assert command == (
        "mnist-desk train --task classifier --my-digits --data-dir ../shared/datasets "
        "--no-download --threads 2 -o TMP/models/classifier-convnet-mine-bench.pt -q"
    )


def test_row_15_records_the_models_it_trained_without_their_temporary_folder(tmp_path):
    from benchmarks.gui_arch_compare import recorded_verdict

    home = tmp_path / "mnist-desk-bench-lzse1m3l"
    verdict = {
        "winner": "lenet5",
        "rows": [
            {"arch": "lenet5", "checkpoint": str(home / "classifier-lenet5-20261207.pt")},
            {"arch": "vit", "checkpoint": ""},  # a run that failed saved nothing
        ],
    }
    recorded = recorded_verdict(verdict, str(home))
    assert [row["checkpoint"] for row in recorded["rows"]] == [
        "TMP/classifier-lenet5-20261207.pt",
        "",
    ]
    assert recorded["winner"] == "lenet5" and recorded["rows"][0]["arch"] == "lenet5"


def test_row_17_records_its_programs_from_the_repository_root():
    from benchmarks.frozen_startup import recorded_commands

    commands = {
        "frozen": [str(REPO / "dist" / "mnist-desk" / "mnist-desk")],
        "build env": [str(REPO / ".venv-package-cpu" / "bin" / "python"), "-m", "mnist_desk"],
        "dev env": [str(REPO / ".venv" / "bin" / "python"), "-m", "mnist_desk"],
    }
    assert recorded_commands(commands) == {
        "frozen": ["dist/mnist-desk/mnist-desk"],
        "build env": [".venv-package-cpu/bin/python", "-m", "mnist_desk"],
        "dev env": [".venv/bin/python", "-m", "mnist_desk"],
    }
