"""Measures every shipped model on the drawn-digit sets through the real window; stores the result.

    QT_QPA_PLATFORM=offscreen python scripts/drawn-accuracy.py [--sets drawn,truetype] [NAME...]

Replays each evaluation set (mnist_desk/evaluation/sets.py: the project's drawn set, 300 pairs,
seed 12, and the printed and bold sets the drawn-digit recipe was not tuned on, 300 pairs each,
seed 21) into the app's window with mouse events and reads what it shows
(benchmarks/drawn_replay.py), then writes the scores into each model's metrics JSON in
resources/weights: the drawn set's under "drawn" (with the same drawings read from PNG files by
``predict``), the others under "drawn_sets". ``scripts/accuracy-table.py --write`` rebuilds the
model tables (README.md, docs/recipes.md) from them.
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
from mnist_desk.evaluation.sets import DRAWN, EVAL_SETS  # noqa: E402


def main(args: list[str]) -> int:
    import json

    from mnist_desk.support.fileio import atomic_write_json

    if args[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    sets = list(EVAL_SETS)
    if args[:1] == ["--sets"]:
        sets, args = args[1].split(","), args[2:]
    weights = REPO / "resources" / "weights"
    models = [weights / f"{n}.pt" for n in args] or sorted(weights.glob("*.pt"))
    for eval_set in sets:
        command = f"python scripts/drawn-accuracy.py --sets {eval_set}" + "".join(
            " " + shlex.quote(n) for n in args
        )
        for score in score_models(models, PAIRS, files=eval_set == DRAWN, eval_set=eval_set):
            path = weights / f"{score.model}.json"
            info = json.loads(path.read_text())
            entry = _entry(score, command)
            if eval_set == DRAWN:
                info["drawn"] = entry
            else:
                info.setdefault("drawn_sets", {})[eval_set] = entry
            atomic_write_json(path, info)
    return 0


def _entry(score, command: str) -> dict:
    """What one set's replay measured for one model, as its metrics file keeps it."""
    return {
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
        "seed": EVAL_SETS[score.eval_set].seed,
        "mistakes": score.to_dict()["mistakes"],
        "command": command,
        "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
