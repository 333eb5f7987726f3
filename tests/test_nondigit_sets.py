"""The drawn non-digit evaluation sets: fixed by their seeds, as specified, and never trained on."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import numpy as np

from mnist_desk.evaluation.drawn_set import PEN
from mnist_desk.evaluation.nondigit_set import (
    LIKE_DIGIT_LETTERS,
    drawn_letters,
    drawn_scribbles,
    drawn_symbols,
)
from tests.support import REPO, shared_data_dir


def test_each_set_is_fixed_by_its_seed_and_spans_the_pen_widths():
    for make in (drawn_letters, drawn_symbols, drawn_scribbles):
        items = make(120)
        assert items == make(120) and items != make(120, seed=99)
        pens = np.array([i.pen_width for i in items])
        assert PEN[0] <= pens.min() < 0.05 and 0.11 < pens.max() <= PEN[1]
        for item in items:
            points = np.concatenate([np.asarray(s) for s in item.strokes])
            assert points.min() >= 0 and points.max() <= 1


def test_letters_cover_every_letter_of_every_font_and_flag_the_digit_like_ones():
    letters = drawn_letters()
    assert len({i.style for i in letters}) == 52 * 4
    flagged = {i.style.split()[-1] for i in letters if i.like_digit is not None}
    assert flagged == set(LIKE_DIGIT_LETTERS)
    kinds = Counter(i.kind for i in drawn_scribbles())
    assert set(kinds) == {"scribble", "crossed-out"} and min(kinds.values()) > 100


def test_no_training_path_reads_the_evaluation_glyphs():
    for package in ("data", "training", "personal"):
        for path in (REPO / "mnist_desk" / package).rglob("*.py"):
            text = path.read_text()
            for glyphs in ("hershey-", "HersheyFonts", "resources_dir"):
                assert glyphs not in text, f"{path.relative_to(REPO)} reads glyphs ({glyphs})"
            assert "nondigit_set" not in text, f"{path.relative_to(REPO)} names the evaluation set"


def test_building_the_gates_training_data_never_loads_an_evaluation_set():
    script = """
import json, sys
from mnist_desk.data import mnist as mdata
from mnist_desk.training.gate_data import GateSettings, gate_data
settings = GateSettings(redrawn=20, templates=10, negatives=40, turned=30, val_subset=20)
data = gate_data(mdata.load_splits(sys.argv[1]), settings, lambda line: None)
assert len(data.train[1]) == 50_000 + 20 + 10 + 40 + 30
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("benchmarks", "mnist_desk.evaluation")))))
"""
    out = subprocess.run(
        [sys.executable, "-c", script, str(shared_data_dir())],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
