"""The keyboard as docs/using.md tells it: every documented shortcut is one of the window's,
every shortcut of the window is documented, and every menu command has its underlined letter."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

USING = Path(__file__).resolve().parents[2] / "docs" / "using.md"


def documented_keys() -> list[str]:
    """The keys in the first column of docs/using.md's Keyboard table."""
    section = USING.read_text(encoding="utf-8").split("## Keyboard", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return [key for row in rows for key in re.findall(r"`([^`]+)`", row)]


def window_shortcuts(window) -> dict[str, list[QKeySequence]]:
    return {a.text(): a.shortcuts() for a in window.actions() if a.shortcuts()}


def test_every_documented_shortcut_is_one_of_the_windows(window):
    keys = documented_keys()
    assert len(keys) >= 15, keys
    known = [key for shortcuts in window_shortcuts(window).values() for key in shortcuts]
    missing = [key for key in keys if QKeySequence(key) not in known]
    assert not missing, f"docs/using.md names shortcuts the window does not have: {missing}"


def test_every_shortcut_of_the_window_is_documented(window):
    documented = [QKeySequence(key) for key in documented_keys()]
    undocumented = {
        text: [k.toString() for k in keys]
        for text, keys in window_shortcuts(window).items()
        if not any(k in documented for k in keys)
    }
    assert not undocumented, f"shortcuts not in docs/using.md's Keyboard table: {undocumented}"


def test_every_menu_command_has_its_own_underlined_letter(window):
    languages = set(window.window_actions.languages.values())  # each language's own name
    problems = []
    menus = [a.menu() for a in window.menuBar().actions()]
    assert all("&" in m.title() for m in menus)
    while menus:
        menu = menus.pop()
        letters = []
        for action in menu.actions():
            if action.isSeparator() or action in languages:
                continue
            if action.menu() is not None:
                menus.append(action.menu())
            found = re.search(r"&(\w)", action.text())
            if found is None:
                problems.append(f"{menu.title()} > {action.text()}: no underlined letter")
            else:
                letters.append(found.group(1).lower())
        if len(set(letters)) != len(letters):
            problems.append(f"{menu.title()}: one letter for two commands {letters}")
    assert not problems, problems
