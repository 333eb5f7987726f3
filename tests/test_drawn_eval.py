"""The drawn-digit evaluation set: deterministic, varied as specified, and never used in training."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch

from mnist_desk.evaluation import printed_set
from mnist_desk.evaluation.drawn_set import PEN, SIZE, _hand_styles, drawn_digits, drawn_pairs
from mnist_desk.evaluation.sets import DEV_SET, EVAL_SETS
from tests.support import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
EVAL_MODULES = ("benchmarks", "mnist_desk.evaluation")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_app_module_imports_the_benchmarks_and_no_training_path_the_evaluation_sets():
    training_paths = ("data", "training", "personal")
    for path in (REPO / "mnist_desk").rglob("*.py"):
        forbidden = EVAL_MODULES if path.parent.name in training_paths else ("benchmarks",)
        for name in imported_modules(path):
            assert not name.startswith(forbidden), f"{path.relative_to(REPO)} imports {name}"


def test_a_drawn_style_training_run_never_loads_the_evaluation_set():
    data_dir = shared_data_dir()
    script = """
import json, sys
from mnist_desk.data import mnist as mdata
from mnist_desk.training import TaskData, TrainingSettings
settings = TrainingSettings(drawn=True, synthetic_digits=20, train_subset=100,
                            val_subset=10, test_subset=10)
task = TaskData(settings, mdata.load_splits(sys.argv[1]), mdata.torch.device("cpu"))
next(task.epoch_batches(32))
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("benchmarks", "mnist_desk.evaluation")))))
"""
    out = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_training_templates_are_not_the_evaluation_paths():
    from mnist_desk.data.synthetic import synthetic_digits
    from mnist_desk.imaging.strokes import render_strokes

    templates = torch.cat([synthetic_digits(200, 1)[0], synthetic_digits(600, 1, "all")[0]])
    flat = templates.flatten(1)
    evaluated = {name: strokes for name, (_, strokes) in _hand_styles().items()}
    fonts = printed_set._fonts()
    evaluated.update({f"{font} {d}": fonts[font][str(d)] for font in fonts for d in range(10)})
    for name, strokes in evaluated.items():
        rendered = render_strokes(strokes).tensor.flatten()
        nearest = (flat - rendered).abs().mean(1).min()
        # Styles may be alike (both have flag 1s); a copy would be ~0 apart.
        assert nearest > 0.02, f"the evaluation style {name} is a training template"


def test_the_set_is_fixed_by_its_seed_and_spans_the_specified_ranges():
    digits = drawn_digits(200)
    assert digits == drawn_digits(200)
    assert [d.label for d in digits[:10]] == list(range(10))
    pens = np.array([d.pen_width for d in digits])
    assert PEN[0] <= pens.min() < 0.05 and 0.11 < pens.max() <= PEN[1]
    sizes = []
    for d in digits:
        points = np.concatenate([np.asarray(s) for s in d.strokes])
        assert points.min() >= 0 and points.max() <= 1
        sizes.append((points.max(0) - points.min(0)).max())
    # The centre lines span 40-90% of the canvas (the hand's wobble adds a little).
    assert SIZE[0] - 0.03 <= min(sizes) < 0.45 and 0.85 < max(sizes) <= SIZE[1] + 0.03
    assert len({d.style for d in digits}) > 15
    pairs = drawn_pairs(50)
    assert len(pairs) == 50 and pairs == drawn_pairs(50)


def test_the_printed_sets_are_fixed_by_their_seed_and_draw_every_font_they_name():
    for name in printed_set.SETS:
        digits = printed_set.printed_digits(name, 300)
        assert digits == printed_set.printed_digits(name, 300)
        assert [d.label for d in digits[:10]] == list(range(10))
        assert {d.style for d in digits} == set(printed_set.fonts_of(name))
        for d in digits:
            points = np.concatenate([np.asarray(s) for s in d.strokes])
            assert points.min() >= 0 and points.max() <= 1
    assert len(printed_set.fonts_of("hershey-printed")) == 5
    kinds = {f.split(":")[0] for f in printed_set.fonts_of("truetype")}
    assert kinds == {"skeleton", "outline"}


def test_only_the_projects_drawn_set_was_tuned_on_and_every_set_gives_pairs():
    assert [s.name for s in EVAL_SETS.values() if s.tuned_on] == ["drawn"] and DEV_SET.tuned_on
    for the_set in EVAL_SETS.values():
        pairs = the_set.pairs(20)
        assert len(pairs) == 20 and pairs == the_set.pairs(20)
