"""Every command in a metrics file runs as written from a fresh clone: relative paths only
(`--data-dir ../shared/datasets`; a shipped model's `-o resources/weights/NAME.pt`), options today's CLI accepts,
and every file it starts from (`--init-from`, `--teacher`) either shipped or made by a command
the file lists under "prerequisites". Retrained models' metrics files are held to the same rule."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from tests.support import REPO, WEIGHTS

METRICS_FILES = sorted([*WEIGHTS.rglob("*.json"), *(REPO / "docs").rglob("*.json")])
# A path that only exists on the machine that ran the command: absolute, home-relative, a drive.
MACHINE_PATH = re.compile(r"^(/|~|[A-Za-z]:[\\/])")
INPUTS = ("--init-from", "--teacher")


def commands_in(obj, where: str = "") -> list[tuple[str, str]]:
    """Every ("where", command) in a metrics file: "command" keys at any depth."""
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "command" and isinstance(value, str):
                found.append((f"{where}.{key}", value))
            else:
                found += commands_in(value, f"{where}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += commands_in(value, f"{where}[{i}]")
    return found


def option(words: list[str], name: str) -> str | None:
    return words[words.index(name) + 1] if name in words[:-1] else None


def machine_paths(command: str) -> list[str]:
    """The words of ``command`` (or the paths after an ``=``) that name one machine's folders."""
    words = shlex.split(command.replace("\\", "/"))  # a Windows path keeps its separators
    return [w for w in words if MACHINE_PATH.match(w.split("=", 1)[-1])]


def missing_inputs(info: dict) -> list[str]:
    """Files the train commands of ``info`` start from that are neither in the repository nor
    made by an earlier prerequisite's command."""
    made: set[str] = set()
    missing = []
    for command in [p["command"] for p in info.get("prerequisites", [])] + [info["command"]]:
        words = shlex.split(command)
        for name in INPUTS:
            path = option(words, name)
            if path and path not in made and not (REPO / path).is_file():
                missing.append(path)
        if option(words, "-o"):
            made.add(option(words, "-o"))
    return missing


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def train_files() -> list[Path]:
    return [p for p in METRICS_FILES if load(p).get("command", "").startswith("mnist-desk train")]


def test_there_are_metrics_files_to_check():
    assert len(train_files()) >= 12


@pytest.mark.parametrize("path", METRICS_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_command_names_an_absolute_path(path):
    found = {where: bad for where, c in commands_in(load(path)) if (bad := machine_paths(c))}
    assert found == {}


def test_shipped_models_are_written_where_they_ship():
    wrong = {}
    for path in train_files():
        out = option(shlex.split(load(path)["command"]), "-o")
        if path.parent == WEIGHTS and out != f"resources/weights/{path.stem}.pt":
            wrong[path.name] = f"-o {out}"
    assert wrong == {}


def test_every_file_a_command_starts_from_is_shipped_or_made_first():
    missing = {p.name: m for p in train_files() if (m := missing_inputs(load(p)))}
    assert missing == {}


def test_every_train_command_parses_with_todays_cli():
    from mnist_desk.cli.main import build_parser

    refused = {}
    for path in train_files():
        info = load(path)
        for command in [p["command"] for p in info.get("prerequisites", [])] + [info["command"]]:
            try:
                build_parser().parse_args(shlex.split(command)[1:])
            except SystemExit:
                refused[path.name] = command
    assert refused == {}


def test_the_checks_can_fail():
    assert machine_paths("mnist-desk train --data-dir /work/shared/datasets -o x.pt")
    assert machine_paths("mnist-desk train -o /tmp/lead/c.pt")
    assert machine_paths("mnist-desk train --data-dir=C:\\data")
    assert not machine_paths("mnist-desk train --data-dir ../shared/datasets -o build/weights/a.pt")
    unmade = {"command": "mnist-desk train --init-from build/weights/nosuch.pt -o a.pt"}
    assert missing_inputs(unmade) == ["build/weights/nosuch.pt"]
    made = {
        "prerequisites": [{"command": "mnist-desk train -o build/weights/nosuch.pt"}],
        **unmade,
    }
    assert missing_inputs(made) == []
