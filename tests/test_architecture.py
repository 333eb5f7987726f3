"""The shape the README's "Layout" section describes, checked: the import-linter contracts in
pyproject.toml hold (what `make lint` runs: Qt only in ui/, nothing imports up a layer, no
cycles), no module is over 400 lines (issue 22), and the Train tab's panel stays thin."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import REPO

MAX_LINES = 400  # past this, a module holds two concerns: split it by concern


def line_counts() -> dict[str, int]:
    return {
        str(path.relative_to(REPO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((REPO / "mnist_desk").rglob("*.py"))
    }


def test_the_import_contracts_hold():
    pytest.importorskip("importlinter")
    # In a process of its own: import-linter configures logging with dictConfig, which would
    # disable this process's loggers (mnist_desk.support.logs) for the tests that follow.
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports({str(REPO / 'pyproject.toml')!r}, no_cache=True, no_logo=True))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr  # the broken contracts, their imports


def test_no_module_is_over_400_lines():
    counts = line_counts()
    assert len(counts) > 50  # the walk found the package (an empty walk would pass anything)
    too_long = {path: lines for path, lines in counts.items() if lines > MAX_LINES}
    assert too_long == {}, f"over {MAX_LINES} lines: split by concern"


def test_the_train_tab_only_renders_and_requests():
    """Issue 22: the Train tab's panel stays a thin view of the training session."""
    assert line_counts()["mnist_desk/ui/train/training_panel.py"] < 250
