"""The model tables, generated from the metrics files in resources/weights (nothing typed by hand).

    python scripts/accuracy-table.py           # prints the README's table: accuracy beside the seed's figures
    python scripts/accuracy-table.py --full    # prints docs/recipes.md's: with parameters, time, command
    python scripts/accuracy-table.py --write   # rewrites both tables in place, between their markers
    python scripts/accuracy-table.py --check   # exit status 1 when a table differs from the metrics files

Run --write after a model is retrained (its metrics file replaced); tests/test_model_table.py
fails while a table is stale. The tables sit between `<!-- model-table:short -->` (README.md) or
`<!-- model-table:full -->` (docs/recipes.md) and `<!-- /model-table -->`.

Drawn digits are read in the real window (scripts/drawn-accuracy.py writes them into the metrics
files): the project's drawn set, which the drawn-digit recipe was tuned on, and the printed and
bold sets it was not tuned on (mnist_desk/evaluation/sets.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "resources" / "weights"
# Where each table lives, and how that file links to a metrics file.
TABLES = {"short": (ROOT / "README.md", ""), "full": (ROOT / "docs" / "recipes.md", "../")}
END = "<!-- /model-table -->"
# The figures the seed project published for its zoo ("PyTorch框架下的mnist手写数字识别模型对比").
SEED_FIGURES = {"lenet5": 0.9911, "vit": 0.9799, "deit": 0.9795, "vit-distill": 0.9803}
SET_TITLES = {"hershey-printed": "Hershey printed/bold", "truetype": "TrueType printed/bold"}
OTHER_SETS = tuple(SET_TITLES)


def mnist_text(info: dict) -> str:
    m = info["metrics"]
    what = "sums" if info["task"] != "classifier" else "digits"
    text = f"**{m['test_accuracy']:.2%}** {what}"
    if "digit_test_accuracy_matched" in m:  # digits learned from sums, never from a digit label
        text += f" (digits {m['digit_test_accuracy']:.2%}, never shown a digit label)"
    elif "digit_test_accuracy" in m:
        text += f" (its classifier: digits {m['digit_test_accuracy']:.2%})"
    return text


def drawn_text(entry: dict | None, sums: bool) -> str:
    if not entry:
        return "not measured"
    text = f"{entry['digit_accuracy']:.1%}"
    if sums:
        text += f" / {entry['sum_accuracy']:.1%}"
    if entry.get("adder_digit_accuracy") is not None:
        text += f" (itself {entry['adder_digit_accuracy']:.1%})"
    return text


def metrics_files(weights: Path = WEIGHTS) -> list[Path]:
    return sorted(weights.glob("*.json"))


def rows(full: bool, weights: Path = WEIGHTS, link: str = "") -> list[str]:
    """The table's lines; ``link`` leads from the file that shows it to the repository root."""
    infos = {path: json.loads(path.read_text(encoding="utf-8")) for path in metrics_files(weights)}
    # A set no model was measured on yet gets no column (scripts/drawn-accuracy.py measures them).
    sets = [s for s in OTHER_SETS if any(s in i.get("drawn_sets", {}) for i in infos.values())]
    head = "| model | MNIST test | seed's figure | drawn digits (tuned on) |"
    head += "".join(f" {SET_TITLES[s]} |" for s in sets)
    if full:
        head += " parameters | training time | command (seed) |"
    out = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for path, info in infos.items():
        adder = info["task"] != "classifier"
        seed = SEED_FIGURES.get(info["arch"]) if not adder else None
        others = info.get("drawn_sets", {})
        cells = [
            f"[`{path.stem}`]({link}resources/weights/{path.name})",
            mnist_text(info),
            f"{seed:.2%}" if seed else "",
            drawn_text(info.get("drawn"), adder),
            *(drawn_text(others.get(name), adder) for name in sets),
        ]
        if full:
            cells += [
                f"{info.get('parameters', 0):,}",
                f"{info['train_time_s'] / 60:.1f} min",
                f"`{info['command']}` ({info['seed']})",
            ]
        out.append("| " + " | ".join(cells) + " |")
    return out


def machines(weights: Path = WEIGHTS) -> str:
    # The machine field's "torch threads" is torch's default before the command's --threads applied.
    found = {
        re.sub(r", torch threads \d+", "", json.loads(p.read_text()).get("machine") or "")
        for p in metrics_files(weights)
    }
    return "; ".join(sorted(m for m in found if m))


def table(kind: str, weights: Path = WEIGHTS) -> str:
    """The whole generated block for ``kind`` ("short" or "full"): the table and its key."""
    full = kind == "full"
    key = (
        "Drawn columns: digits read right in the window, of 600 (adders: digits / sums of 300 "
        "pairs); the seed's figure is the seed project's published MNIST test accuracy. "
        "Measured on: "
        + machines(weights)
        + (" (threads per run: its --threads)." if full else ".")
    )
    return "\n".join([*rows(full, weights, TABLES[kind][1]), "", key])


def rewrite(text: str, kind: str, block: str) -> str:
    """``text`` with the block between ``kind``'s markers replaced by ``block``."""
    start = f"<!-- model-table:{kind} -->"
    pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(END), flags=re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"no {start} ... {END} markers")
    return pattern.sub(lambda _: f"{start}\n{block}\n{END}", text, count=1)


def stale(weights: Path = WEIGHTS) -> list[Path]:
    """The files whose table differs from what the metrics files say."""
    found = []
    for kind, (path, _) in TABLES.items():
        text = path.read_text(encoding="utf-8")
        if rewrite(text, kind, table(kind, weights)) != text:
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    if not set(argv) <= {"--full", "--write", "--check"}:
        print(__doc__)
        return 0 if set(argv) & {"-h", "--help"} else 2
    if "--check" in argv:
        for path in stale():
            print(f"{path.relative_to(ROOT)}: the model table is stale; run {__file__} --write")
        return 1 if stale() else 0
    if "--write" in argv:
        for kind, (path, _) in TABLES.items():
            text = path.read_text(encoding="utf-8")
            path.write_text(rewrite(text, kind, table(kind)), encoding="utf-8")
            print(f"wrote the {kind} model table in {path.relative_to(ROOT)}")
        return 0
    print(table("full" if "--full" in argv else "short"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
