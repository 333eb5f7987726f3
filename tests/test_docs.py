"""The README stays a short read, and the pages it points to are there: every link from the README,
from docs/ (its lab notebook in docs/lab/ included), from benchmarks/ and from packaging/ leads to
a file that exists, and to a heading of it where it names one; every page of docs/ can be reached
from the README; and every `mnist-desk` command they show parses with today's CLI (argparse only,
nothing run)."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

from tests.support import REPO

README = REPO / "README.md"
# docs/ at any depth: the reference pages and the lab notebook (docs/lab/).
PAGES = sorted((REPO / "docs").rglob("*.md"))
# Pages outside docs/ whose links, commands and paths are held to the same rules; among them
# benchmarks/RESULTS.md, whose commands the benchmark runner records with the repository's
# neighbours named from its root (--data-dir ../shared/datasets), never by a machine's path.
OTHER_PAGES = [
    p
    for p in [*sorted((REPO / "benchmarks").glob("*.md")), REPO / "packaging" / "README.md"]
    if p.is_file()
]
ALL_PAGES = [README, *PAGES, *OTHER_PAGES]
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A command's path that only exists on the machine that ran it.
MACHINE_PATH = re.compile(r"(?<![\w.])(/work/|/tmp/|/home/|~/|[A-Z]:\\)")


def relative_links(text: str) -> list[str]:
    """The links of a Markdown text that point into the repository (no web addresses)."""
    return [link for link in LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def heading_anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown text's headings: lower case, punctuation other than
    hyphens and underscores dropped, each space a hyphen (a repeated heading gains -1, -2...)."""
    anchors: set[str] = set()
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (heading := re.match(r"#{1,6} (.+?)\s*#*\s*$", line)):
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            anchor, n = slug, 0
            while anchor in anchors:
                n += 1
                anchor = f"{slug}-{n}"
            anchors.add(anchor)
    return anchors


def broken_links(path) -> list[str]:
    """The links of a page that lead to no file, or to a heading its Markdown file does not have."""
    text = path.read_text(encoding="utf-8")
    found = []
    for link in relative_links(text):
        target, _, anchor = link.partition("#")
        file = (path.parent / target) if target else path
        headed = file.suffix == ".md" and file.is_file()
        missing = not file.exists() or (
            anchor and headed and anchor not in heading_anchors(file.read_text("utf-8"))
        )
        if missing:
            found.append(link)
    return found


def name(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_readme_is_under_12_kb():
    assert README.stat().st_size < 12 * 1024


def test_every_link_of_the_readme_and_the_docs_leads_somewhere():
    assert len(OTHER_PAGES) >= 2 and any(p.parent.name == "lab" for p in PAGES)
    broken = {name(p): b for p in ALL_PAGES if (b := broken_links(p))}
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
    assert [name(p) for p in PAGES if p.resolve() not in reachable] == []


def test_the_recorded_benchmark_runs_name_no_path_of_one_machine():
    """Every row's committed run (RESULTS.md's tables and raw JSON, results/*.json) records
    commands and files as anyone can rerun them: rows 10, 15 and 17 once recorded /tmp and
    /work folders of the machine that ran them."""
    benchmarks = README.parent / "benchmarks"
    recorded = [benchmarks / "RESULTS.md", *sorted((benchmarks / "results").glob("*.json"))]
    assert len(recorded) > 10
    found = [
        (path.name, line.strip()[:120])
        for path in recorded
        for line in path.read_text(encoding="utf-8").splitlines()
        if MACHINE_PATH.search(line)
    ]
    assert found == []


def test_no_command_in_the_docs_names_a_path_of_one_machine():
    commands = []
    for path in ALL_PAGES:
        text = path.read_text(encoding="utf-8")
        spans = re.findall(r"`([^`\n]+)`", text) + re.findall(r"^    (\S.*)$", text, re.MULTILINE)
        commands += [(name(path), s) for s in spans if re.match(r"(mnist-desk|python|\.venv)", s)]
    assert len(commands) > 20
    assert [c for c in commands if MACHINE_PATH.search(c[1])] == []


# A command as the docs write it: in a code block (indented by 4, or fenced) or in inline `code`.
COMMAND = re.compile(r"^(?:\S*[/\\])?(?:mnist-desk|python3? -m mnist_desk)(?=\s|$)")


def commands_in(text: str) -> list[str]:
    """The `mnist-desk ...` commands of a Markdown text, each as one line: a comment, a pipe into
    another program and a trailing backslash's line break removed."""
    spans = [" ".join(s.split()) for s in re.findall(r"`([^`]+)`", text)]
    lines, fenced = [], False
    for line in re.sub(r"\\\n\s*", " ", text).splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced or line.startswith("    "):
            lines.append(line.strip())
    found = []
    for command in spans + lines:
        command = re.split(r"\s#|\s\|\s", command, maxsplit=1)[0].strip()
        if COMMAND.match(command):
            found.append(command)
    return found


def usage_error(command: str) -> str | None:
    """What argparse says against ``command`` (None when it parses). The docs' shorthand is read
    as a reader would: ``[--json]`` may be left out, ``...`` stands for more options,
    ``quick|standard|best`` is any one of them, ``--lr LR`` holds a placeholder (a number will
    do), and ``mnist-desk predict`` alone names the subcommand."""
    from mnist_desk.cli.main import build_parser

    words = shlex.split(re.sub(r"\[[^\]]*\]", "", command))
    words = words[3:] if words[1:3] == ["-m", "mnist_desk"] else words[1:]
    words = [w.split("|")[0] for w in words if w != "..."]
    words = ["1" if re.fullmatch(r"[A-Z][A-Z0-9_]*", w) else w for w in words]
    if len(words) == 1 and not words[0].startswith("-"):
        words.append("--help")  # a subcommand named in prose: it must exist
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(words)
    except SystemExit as done:
        if done.code:
            return err.getvalue().strip().splitlines()[-1]
    return None


def test_every_command_in_the_readme_and_the_docs_parses():
    pages = ALL_PAGES
    commands = [(name(p), c) for p in pages for c in commands_in(p.read_text("utf-8"))]
    assert len(commands) > 60
    refused = {f"{name}: {c}": e for name, c in commands if (e := usage_error(c))}
    assert refused == {}


def test_the_checks_can_fail(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[there](page.md) [gone](nosuch.md#part) [web](https://example.org)")
    assert broken_links(page) == ["nosuch.md#part"]
    page.write_text("# A page\n## The Best preset's recipe (issue 26)\n[a](#a-page) [b](#gone)\n")
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "notes.md").write_text("[c](../page.md#the-best-presets-recipe-issue-26)")
    (tmp_path / "lab" / "more.md").write_text("[d](../page.md#the-best-preset) [e](notes.md)")
    assert broken_links(page) == ["#gone"]
    assert broken_links(tmp_path / "lab" / "notes.md") == []
    assert broken_links(tmp_path / "lab" / "more.md") == ["../page.md#the-best-preset"]
    assert heading_anchors("# X\n```\n# not a heading\n```\n## X\n") == {"x", "x-1"}
    (tmp_path / "other.md").write_text("no links")
    assert reachable_from(page) == {page.resolve()}
    assert MACHINE_PATH.search("mnist-desk train --data-dir /work/shared/datasets")
    assert not MACHINE_PATH.search("mnist-desk train --data-dir ../shared/datasets")
    page = "    mnist-desk export m --device cuda   # a comment\n`mnist-desk nosuch` `make run`"
    assert commands_in(page) == ["mnist-desk nosuch", "mnist-desk export m --device cuda"]
    assert "unrecognized arguments: --device cuda" in usage_error(commands_in(page)[1])
    assert "invalid choice: 'nosuch'" in usage_error("mnist-desk nosuch")
    assert "invalid choice: 'fastest'" in usage_error("mnist-desk train --preset fastest")
    assert usage_error("mnist-desk my-digits list [--json] [--misread]") is None
    assert usage_error("mnist-desk train --preset quick|standard|best ... --threads 1") is None
    assert usage_error(".venv/bin/python -m mnist_desk predict") is None
    assert usage_error("mnist-desk train --lr LR --seed S --init-from MODEL") is None
