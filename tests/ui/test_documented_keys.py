"""The keyboard as docs/using.md tells it: every menu command has its underlined letter."""

from __future__ import annotations

import re


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
