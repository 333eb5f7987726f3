"""The README stays a short read, and the pages it points to are there: every link from the README
and from docs/ leads to a file that exists, and every page of docs/ is reachable from the README."""

from __future__ import annotations

import re

from tests.support import REPO

README = REPO / "README.md"
PAGES = sorted((REPO / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


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


def test_every_docs_page_is_linked_from_the_readme():
    linked = {
        (REPO / link.split("#", 1)[0]).resolve() for link in relative_links(README.read_text())
    }
    assert [p.name for p in PAGES if p.resolve() not in linked] == []


def test_the_checks_can_fail(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[there](page.md) [gone](nosuch.md#part) [web](https://example.org)")
    assert broken_links(page) == ["nosuch.md#part"]
