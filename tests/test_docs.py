"""The README stays a short read, and the pages it points to are there: every link from the README
and from docs/ leads to a file that exists, and every page of docs/ can be reached from the README."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support import REPO

README = REPO / "README.md"
PAGES = sorted((REPO / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A command's path that only exists on the machine that ran it.
MACHINE_PATH = re.compile(r"(?<![\w.])(/work/|/tmp/|/home/|~/|[A-Z]:\\)")


def relative_links(text: str) -> list[str]:
    """The links of a Markdown text that point into the repository (no web addresses)."""
    return [link for link in LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def broken_links(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    for link in relative_links(text):
        target = link.split("#", 1)[0]
        if target and not (path.parent / target).exists():
            found.append(link)
    return found


def test_the_readme_is_under_12_kb():
    assert README.stat().st_size < 12 * 1024


def test_every_link_of_the_readme_and_the_docs_leads_somewhere():
    broken = {p.name: b for p in [README, *PAGES] if (b := broken_links(p))}
    assert broken == {}


def reachable_from(start: Path) -> set[Path]:
    """The Markdown files of the repository that links lead to from ``start``, at any depth."""
    seen, todo = {start.resolve()}, [start.resolve()]
    while todo:
        page = todo.pop()
        for link in relative_links(page.read_text(encoding="utf-8")):
            target = (page.parent / link.split("#", 1)[0]).resolve()
            if target.suffix == ".md" and target.is_file() and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_docs_page_can_be_reached_from_the_readme():
    reachable = reachable_from(README)
    assert [p.name for p in PAGES if p.resolve() not in reachable] == []


def test_no_command_in_the_docs_names_a_path_of_one_machine():
    commands = []
    for path in [README, *PAGES]:
        text = path.read_text(encoding="utf-8")
        spans = re.findall(r"`([^`\n]+)`", text) + re.findall(r"^    (\S.*)$", text, re.MULTILINE)
        commands += [(path.name, s) for s in spans if re.match(r"(mnist-desk|python|\.venv)", s)]
    assert len(commands) > 20
    assert [c for c in commands if MACHINE_PATH.search(c[1])] == []


def test_the_checks_can_fail(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[there](page.md) [gone](nosuch.md#part) [web](https://example.org)")
    assert broken_links(page) == ["nosuch.md#part"]
    (tmp_path / "other.md").write_text("no links")
    assert reachable_from(page) == {page.resolve()}
    assert MACHINE_PATH.search("mnist-desk train --data-dir /work/shared/datasets")
    assert not MACHINE_PATH.search("mnist-desk train --data-dir ../shared/datasets")
