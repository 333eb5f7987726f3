"""Prints the model tables from the metrics files in resources/weights (nothing typed by hand).

    python scripts/accuracy-table.py          # the README's table: accuracy beside the seed's figures
    python scripts/accuracy-table.py --full   # docs/drawn-digits.md's: with parameters, time, command

Drawn digits are read in the real window (scripts/drawn-accuracy.py writes them into the metrics
files): the project's drawn set, which the drawn-digit recipe was tuned on, and the printed and
bold sets it was not tuned on (mnist_desk/evaluation/sets.py).
"""

import json
import re
import sys
from pathlib import Path

weights = Path(__file__).resolve().parent.parent / "resources" / "weights"
# The figures the seed project published for its zoo ("PyTorch框架下的mnist手写数字识别模型对比").
SEED_FIGURES = {"lenet5": 0.9911, "vit": 0.9799, "deit": 0.9795, "vit-distill": 0.9803}
OTHER_SETS = ("hershey-printed", "truetype")


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


def rows(full: bool) -> list[str]:
    head = (
        "| model | MNIST test | seed's figure | drawn digits (tuned on) | Hershey printed/bold "
        "| TrueType printed/bold |"
    )
    if full:
        head += " parameters | training time | command (seed) |"
    out = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for path in sorted(weights.glob("*.json")):
        info = json.loads(path.read_text())
        adder = info["task"] != "classifier"
        seed = SEED_FIGURES.get(info["arch"]) if not adder else None
        others = info.get("drawn_sets", {})
        cells = [
            f"`{path.stem}`",
            mnist_text(info),
            f"{seed:.2%}" if seed else "",
            drawn_text(info.get("drawn"), adder),
            *(drawn_text(others.get(name), adder) for name in OTHER_SETS),
        ]
        if full:
            cells += [
                f"{info.get('parameters', 0):,}",
                f"{info['train_time_s'] / 60:.1f} min",
                f"`{info['command']}` ({info['seed']})",
            ]
        out.append("| " + " | ".join(cells) + " |")
    return out


def machines() -> str:
    # The machine field's "torch threads" is torch's default before the command's --threads applied.
    found = {
        re.sub(r", torch threads \d+", "", json.loads(p.read_text()).get("machine") or "")
        for p in weights.glob("*.json")
    }
    return "; ".join(sorted(m for m in found if m))


if __name__ == "__main__":
    full = "--full" in sys.argv[1:]
    print("\n".join(rows(full)))
    print()
    print(
        "Drawn columns: digits read right in the window, of 600 (adders: digits / sums of 300 "
        "pairs). Measured on: "
        + machines()
        + (" (threads per run: its --threads)." if full else ".")
    )
