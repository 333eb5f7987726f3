"""Prints the README's accuracy table from the metrics files in resources/weights (nothing typed by hand)."""

import json
import re
from pathlib import Path

weights = Path(__file__).resolve().parent.parent / "resources" / "weights"
print("| model | MNIST test | drawn digits | parameters | training time | command (seed) |")
print("|---|---|---|---|---|---|")
for path in sorted(weights.glob("*.json")):
    info = json.loads(path.read_text())
    m = info["metrics"]
    what = "sum" if info["task"] != "classifier" else "digit"
    extra = (
        f"; its classifier reads digits at {m['digit_test_accuracy']:.2%}"
        if "digit_test_accuracy" in m
        else ""
    )
    if "digit_test_accuracy_matched" in m:  # digits learned from sums, never from a digit label
        matching = "the identity" if m["digit_matching"] == list(range(10)) else "not the identity"
        extra = (
            f"; never shown a digit label, it reads the 10,000 test digits at "
            f"{m['digit_test_accuracy']:.2%} (best output-to-digit matching: {matching})"
        )
    drawn = info.get("drawn")
    drawn_text = (
        f"**{drawn['digit_accuracy']:.1%}** digits, {drawn['sum_accuracy']:.1%} sums "
        f"({drawn['digits']} / {drawn['pairs']})"
        if drawn
        else "not measured"
    )
    if drawn and drawn.get("adder_digit_accuracy") is not None:
        drawn_text += f"; the adder itself reads {drawn['adder_digit_accuracy']:.1%} of the digits"
    print(
        f"| `{path.stem}` | **{m['test_accuracy']:.2%}** {what} ({m['test_count']:,} test examples{extra}) "
        f"| {drawn_text} "
        f"| {info.get('parameters', 0):,} | {info['train_time_s'] / 60:.1f} min | `{info['command']}` ({info['seed']}) |"
    )
# The machine field's "torch threads" is torch's default before the command's --threads applied.
machines = {
    re.sub(r", torch threads \d+", "", json.loads(p.read_text()).get("machine") or "")
    for p in weights.glob("*.json")
}
print()
print(
    "Measured on: "
    + "; ".join(sorted(m for m in machines if m))
    + " (threads per run: its --threads)."
)
