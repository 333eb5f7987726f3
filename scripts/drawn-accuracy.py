"""Measures every shipped model on the drawn-digit set through the real window; stores the result.

    QT_QPA_PLATFORM=offscreen python scripts/drawn-accuracy.py [NAME...]

Replays the drawn-digit evaluation set (mnist_desk/evaluation/drawn_set.py, 300 pairs, seed 12) into the
app's window with mouse events and reads what it shows (benchmarks/drawn_replay.py), then writes
the scores into the "drawn" entry of each model's metrics JSON in resources/weights, from which
scripts/accuracy-table.py builds the README's table.
"""

from __future__ import annotations

import os
import platform
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.drawn import PAIRS  # noqa: E402
from benchmarks.drawn_replay import score_models  # noqa: E402
from mnist_desk.evaluation.drawn_set import SEED  # noqa: E402


def main(names: list[str]) -> int:
    import json

    from mnist_desk.support.fileio import atomic_write_json

    weights = REPO / "resources" / "weights"
    models = [weights / f"{n}.pt" for n in names] or sorted(weights.glob("*.pt"))
    command = "python scripts/drawn-accuracy.py" + "".join(" " + shlex.quote(n) for n in names)
    for score in score_models(models, PAIRS):
        path = weights / f"{score.model}.json"
        info = json.loads(path.read_text())
        info["drawn"] = {
            "digit_accuracy": score.window_digit_accuracy,
            "sum_accuracy": score.window_sum_accuracy,
            "file_digit_accuracy": score.file_digit_accuracy,
            "file_sum_accuracy": score.file_sum_accuracy,
            # digits read by a scratch adder that learned them from sums (None: no digit outputs)
            "adder_digit_accuracy": None
            if score.adder_digits_right is None
            else score.adder_digits_right / score.digits,
            "digits": score.digits,
            "pairs": score.pairs,
            "seed": SEED,
            "mistakes": score.to_dict()["mistakes"],
            "command": command,
            "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        }
        atomic_write_json(path, info)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
