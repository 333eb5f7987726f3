"""Row 11: drawn numbers and their sums through the real window, and as PNG files via predict.

The drawn-number evaluation set (``mnist_desk/evaluation/number_set.py``: the drawn-digit set's
sources, numbers of 1-3 digits in each box, a writer's slant, sizes, spacing from clear gaps to
touching and slightly overlapping digits, pen 4-12% of the box, seed 23) is replayed pair by pair
into the window's two boxes with mouse events (``drawn_replay.draw``); the equation the window
shows (``12 + 7 = 19``) must be right as a whole: both numbers and their sum. The same drawings
saved as PNG files are read by ``mnist-desk predict a.png b.png --json`` ("number" of each image,
"total"). The default classifier carries the goal; the two default adders add the same numbers
column by column. Numbers of 4 digits are scored on a set of their own, beside.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import Line, Options, log
from benchmarks.drawn_replay import _process_events, draw, make_window, use_model

PAIRS = 300
LONG_PAIRS = 100  # of 4-digit numbers
QUICK_PAIRS = 8
GOAL = 0.97  # the whole equation right, default classifier, numbers of 1-3 digits
DEFAULT = "classifier-convnet"
ADDERS = ("transfer-convnet", "scratch-convnet-digits")


@dataclass
class NumberScore:
    """How one model read the drawn number pairs, in the window and from the saved files."""

    model: str
    lengths: str
    pairs: int = 0
    numbers_right: int = 0
    equations_right: int = 0
    file_numbers_right: int | None = None
    file_equations_right: int | None = None
    seconds: float = 0.0
    by_spacing: Counter = field(default_factory=Counter)  # (kind, right?) -> numbers
    mistakes: Counter = field(default_factory=Counter)  # "12 -> 2" -> count

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "lengths": self.lengths,
            "pairs": self.pairs,
            "window_number_accuracy": self.numbers_right / (2 * self.pairs),
            "window_equation_accuracy": self.equations_right / self.pairs,
            "file_number_accuracy": None
            if self.file_numbers_right is None
            else self.file_numbers_right / (2 * self.pairs),
            "file_equation_accuracy": None
            if self.file_equations_right is None
            else self.file_equations_right / self.pairs,
            "numbers_right_by_spacing": {
                kind: f"{self.by_spacing[(kind, True)]}/"
                f"{self.by_spacing[(kind, True)] + self.by_spacing[(kind, False)]}"
                for kind in ("clear", "touching", "overlapping")
            },
            "seconds": round(self.seconds, 1),
            "mistakes": dict(self.mistakes.most_common(25)),
        }


def score_in_window(window, pairs, score: NumberScore, save_dir: Path | None) -> None:
    """Write every pair in the window's boxes; read the equation it shows."""
    for i, pair in enumerate(pairs):
        window.clear_all()
        for index, number in enumerate(pair):
            window.set_pen_width(number.pen_width)
            draw(window.canvases[index], number)
        result = window.last_result  # set by the last pen-up's reading
        a, b = (n.value for n in pair)
        expected = f"{a} + {b} = {a + b}"
        shown = window.sum_view.equation_text
        right = [read.value == n.value for read, n in zip(result.numbers, pair, strict=True)]
        score.pairs += 1
        score.numbers_right += sum(right)
        score.equations_right += shown == expected
        for read, number, ok in zip(result.numbers, pair, right, strict=True):
            kinds = set(number.spacing) or {"clear"}
            for kind in kinds:
                score.by_spacing[(kind, ok)] += 1
            if not ok:
                score.mistakes[f"{number.value} -> {read.text or 'blank'}"] += 1
        if save_dir is not None:
            for index in range(2):
                window.save_drawing(save_dir / f"pair{i:04d}-{index}.png", index)
        if i % 25 == 0:
            _process_events()


def score_files(model: Path, pairs, save_dir: Path, score: NumberScore) -> None:
    """``mnist-desk predict a.png b.png --json`` for every saved pair: "number" and "total"."""
    from mnist_desk.cli.main import main

    score.file_numbers_right = score.file_equations_right = 0
    for i, pair in enumerate(pairs):
        files = [str(save_dir / f"pair{i:04d}-{k}.png") for k in range(2)]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["predict", *files, "--model", str(model), "--json"])
        if status != 0:
            raise RuntimeError(f"mnist-desk predict failed on {files}")
        answer = json.loads(out.getvalue())
        read = [entry["number"] for entry in answer["images"]]
        right = sum(r == n.value for r, n in zip(read, pair, strict=True))
        score.file_numbers_right += right
        score.file_equations_right += (
            right == 2 and answer["total"] == pair[0].value + pair[1].value
        )


def score_models(models: list[Path], sets: dict[str, list], log=print) -> list[NumberScore]:
    """Every model on every set of pairs, in the window; the default also via predict."""
    scores = []
    with tempfile.TemporaryDirectory(prefix="mnist-desk-numbers-") as tmp:
        tmp_path = Path(tmp)
        window = make_window(tmp_path)
        try:
            for model in models:
                use_model(window, model)
                for name, pairs in sets.items():
                    start = time.perf_counter()
                    score = NumberScore(model.stem, name)
                    files = model.stem == DEFAULT
                    save_dir = tmp_path / f"{model.stem}-{name}"
                    save_dir.mkdir()
                    score_in_window(window, pairs, score, save_dir if files else None)
                    if files:
                        score_files(model, pairs, save_dir, score)
                    score.seconds = time.perf_counter() - start
                    log(f"{model.stem} ({name}): {score.to_dict()}")
                    scores.append(score)
        finally:
            window.close()
            window.deleteLater()
            _process_events(0.05)
    return scores


def run(opts: Options) -> list[Line]:
    from mnist_desk.evaluation.number_set import SEED, drawn_number_pairs
    from mnist_desk.support.config import shipped_weights_dir

    paths = {p.stem: p for p in shipped_weights_dir().glob("*.pt")}
    models = [paths[m] for m in (DEFAULT, *ADDERS) if m in paths]
    if DEFAULT not in paths:
        return [Line("11", "Drawn numbers", f"not available: no {DEFAULT} weights")]
    count = QUICK_PAIRS if opts.quick else PAIRS
    sets = {
        "1-3 digits": drawn_number_pairs(count, SEED),
        "4 digits": drawn_number_pairs(
            QUICK_PAIRS if opts.quick else LONG_PAIRS, SEED + 1, lengths=(4,)
        ),
    }
    lines = []
    for score in score_models(models, sets, log=lambda m: log(f"row 11: {m}")):
        data = score.to_dict()
        default = score.model == DEFAULT and score.lengths == "1-3 digits"
        files = ""
        if data["file_equation_accuracy"] is not None:
            files = (
                f"; as PNG files via `mnist-desk predict`: numbers "
                f"{data['file_number_accuracy']:.2%}, equations {data['file_equation_accuracy']:.2%}"
            )
        lines.append(
            Line(
                "11",
                f"Drawn numbers ({score.lengths}) in the window, {score.model}",
                f"equations {data['window_equation_accuracy']:.2%}, numbers "
                f"{data['window_number_accuracy']:.2%}",
                f"equations ≥ {GOAL:.0%}" if default else "",
                data["window_equation_accuracy"] >= GOAL if default else None,
                f"{score.pairs} pairs, seed {SEED if score.lengths != '4 digits' else SEED + 1}; "
                f"numbers right by spacing {data['numbers_right_by_spacing']}{files}; "
                f"{score.seconds:.0f} s",
                data=data,
            )
        )
    return lines
