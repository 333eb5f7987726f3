"""RESULTS.md as the union of each row's latest full run.

Each row's last full run is kept in ``benchmarks/results/row-N.json`` (its lines, the machine, the
date, the command and the machine load), so ``--rows 3`` re-measures row 3 and leaves the other
rows' numbers, and the conditions they were measured under, as they were.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, Line

RESULTS_DIR = REPO / "benchmarks" / "results"
RESULTS_MD = REPO / "benchmarks" / "RESULTS.md"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_row(row: str, title: str, lines: list[Line], run: dict[str, Any]) -> Path:
    """Keep one row's lines and the conditions of the run that measured them."""
    record = {"row": row, "title": title, "run": run, "lines": [x.__dict__ for x in lines]}
    path = RESULTS_DIR / f"row-{row}.json"
    _write_atomically(path, json.dumps(record, indent=1, default=str) + "\n")
    return path


def load_rows() -> list[dict[str, Any]]:
    """Every saved row, in row order (1, 2, ..., 10)."""
    records = [json.loads(p.read_text()) for p in RESULTS_DIR.glob("row-*.json")]
    return sorted(records, key=lambda r: (len(r["row"]), r["row"]))


def render_table(lines: list[Line]) -> str:
    head = "| # | Benchmark | Measured | Goal | Met | Notes |\n|---|---|---|---|---|---|\n"
    return head + "".join(
        f"| {x.row} | {x.name} | {x.measured} | {x.goal} | {x.verdict} | {x.notes} |\n"
        for x in lines
    )


def _threads(count: str) -> str:
    return f"{count} torch thread{'' if count == '1' else 's'}"


def render_results(records: list[dict[str, Any]]) -> str:
    """RESULTS.md: one table of every row's lines, then when and how each row was measured."""
    lines = [Line(**x) for r in records for x in r["lines"]]
    runs = "| # | Row | Measured on | Command | Load (1 min) start / end | Took |\n"
    runs += "|---|---|---|---|---|---|\n"
    for r in records:
        run = r["run"]
        m = run["machine"]
        # Rows measured before the capability was recorded say so rather than guess it.
        capability = m.get("cpu capability", "capability not recorded")
        bf16 = f", native bf16 {m['native bf16']}" if "native bf16" in m else ""
        where = (
            f"{m['date']}; {m['cpu']} ({capability}{bf16}), {m['cores']} cores, gpu {m['gpu']}, "
            f"torch {m['torch']}, {_threads(m['torch threads'])}"
        )
        runs += (
            f"| {r['row']} | {r['title']} | {where} | `{run['command']}` | "
            f"{run['load']} | {run['wall_s'] / 60:.1f} min{' (' + run['note'] + ')' if run.get('note') else ''} |\n"
        )
    raw = json.dumps(records, indent=1, default=str)
    return (
        "# Benchmark results\n\n"
        "Written by `make bench` (`python -m benchmarks`): each row shows its latest full run "
        "(`--rows N` re-measures row N only); see benchmarks/README.md for what each row "
        f"measures.\n\n{render_table(lines)}\n## When and where each row was measured\n\n{runs}\n"
        "<details><summary>Raw numbers (JSON)</summary>\n\n```json\n"
        f"{raw}\n```\n</details>\n"
    )


def write_results_md() -> Path:
    _write_atomically(RESULTS_MD, render_results(load_rows()))
    return RESULTS_MD
