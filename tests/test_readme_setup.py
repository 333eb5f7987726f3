"""The README's set-up commands name only what exists: make targets, extras, scripts, modules,
files. A renamed target or extra breaks a newcomer's first two minutes; this catches it."""

from __future__ import annotations

import importlib.util
import re
import shlex

import pytest

from tests.support import REPO

SETUP_SECTION = "## Two commands"
# Programs a venv has besides the project's own scripts, and the console scripts of dev tools.
VENV_PROGRAMS = {"python", "python3", "pip", "pythonw"}
DEV_SCRIPTS = {"pytest": "pytest", "ruff": "ruff", "lint-imports": "import-linter"}


def setup_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SETUP_SECTION)
    end = text.find("\n## ", start + len(SETUP_SECTION))
    return text[start : end if end != -1 else None]


def command_lines(section: str) -> list[str]:
    """Every command of the section's code blocks (indented by 4, or fenced) and inline `code`
    that starts with a program name, comments removed."""
    lines = []
    fenced = False
    for line in section.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.startswith("    "):
            lines.append(line.strip())
    lines += re.findall(r"`((?:make|pipx|py|python3?) [^`]+)`", section)
    return [re.split(r"\s+#", line, maxsplit=1)[0].strip() for line in lines if line.strip()]


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, flags=re.MULTILINE))


def pyproject():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def problems_with(command: str, project: dict) -> list[str]:
    """What in ``command`` does not exist (an empty list when all of it does)."""
    words = shlex.split(command.replace("\\", "/"), posix=True)
    program, args = words[0], words[1:]
    found = []
    scripts = set(project["project"]["scripts"])
    extras = project["project"]["optional-dependencies"]
    if program == "make":
        targets = [a for a in args if "=" not in a and not a.startswith("-")]
        found += [f"no make target {t!r}" for t in targets if t not in makefile_targets()]
        return found
    venv = re.fullmatch(r"\.venv/(?:bin|Scripts)/([\w.-]+?)(?:\.exe)?", program)
    if venv:
        name = venv.group(1)
        dev = " ".join(extras.get("dev", []))
        known = name in VENV_PROGRAMS or name in scripts
        known = known or (name in DEV_SCRIPTS and DEV_SCRIPTS[name] in dev)
        if not known:
            found.append(f"the venv has no program {name!r}")
    elif program not in {"py", "python", "python3", "pipx"}:
        found.append(f"unknown program {program!r}")
    for i, arg in enumerate(args):
        if arg == "-m" and i + 1 < len(args):
            module = args[i + 1]
            if module != "venv" and importlib.util.find_spec(module) is None:
                found.append(f"no module {module!r}")
        extra = re.fullmatch(r"\.\[([\w,-]+)\]", arg)
        if extra:
            found += [f"no extra {e!r}" for e in extra.group(1).split(",") if e not in extras]
        if arg == "." and not (REPO / "pyproject.toml").is_file():
            found.append("'.' is not an installable project")
        a_path = "/" in arg and not arg.startswith((".venv", "-", "http")) and "[" not in arg
        if a_path and not (REPO / arg).exists():
            found.append(f"no file {arg!r}")
    return found


def test_the_setup_section_has_commands_for_every_platform():
    section = setup_section()
    commands = command_lines(section)
    assert "make run" in commands and "make test" in commands
    assert any(c.startswith("py -m venv") for c in commands)  # Windows
    assert any(c.startswith(".venv\\Scripts\\") for c in commands)
    assert any(c.startswith(".venv/bin/") for c in commands)  # macOS, Linux
    assert "pipx install ." in commands
    assert "PowerShell" in section and "macOS" in section


def test_every_setup_command_names_what_exists():
    project = pyproject()
    commands = command_lines(setup_section())
    assert len(commands) >= 10
    problems = {c: p for c in commands if (p := problems_with(c, project))}
    assert problems == {}


def test_the_check_catches_a_missing_target_extra_or_script():
    project = pyproject()
    assert problems_with("make no-such-target", project)
    assert problems_with(".venv/bin/pip install -e '.[nosuch]'", project)
    assert problems_with(".venv\\Scripts\\nosuch", project)
    assert problems_with(".venv/bin/python -m no_such_module", project)
    assert not problems_with(".venv\\Scripts\\pip install -e .[dev]", project)
