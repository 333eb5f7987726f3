"""The model tables of README.md and docs/recipes.md are generated from the metrics files
(scripts/accuracy-table.py), never typed: they must match what the files say, and a retrained
model's new figures must show once the generator runs."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from tests.support import REPO, WEIGHTS


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location(
        "accuracy_table", REPO / "scripts" / "accuracy-table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tables_match_the_metrics_files(generator):
    stale = [str(p.relative_to(REPO)) for p in generator.stale()]
    assert stale == [], "run: python scripts/accuracy-table.py --write"


def test_every_shipped_model_has_a_row_with_its_metrics_file_linked(generator):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    recipes = (REPO / "docs" / "recipes.md").read_text(encoding="utf-8")
    for checkpoint in sorted(WEIGHTS.glob("*.pt")):
        assert f"[`{checkpoint.stem}`](resources/weights/{checkpoint.stem}.json)" in readme
        assert f"[`{checkpoint.stem}`](../resources/weights/{checkpoint.stem}.json)" in recipes


def test_the_seeds_published_figures_stand_beside_their_models(generator):
    table = generator.table("short")
    row = next(line for line in table.splitlines() if "`classifier-lenet5`" in line)
    assert "99.11%" in row
    assert table.count("97.99%") == 1 and table.count("97.95%") == 1 and "98.03%" in table


def test_a_retrained_model_changes_the_table(generator, tmp_path):
    weights = tmp_path / "weights"
    shutil.copytree(WEIGHTS, weights, ignore=shutil.ignore_patterns("*.pt", "judge"))
    before = generator.table("full", weights)
    path = weights / "classifier-lenet5.json"
    info = json.loads(path.read_text())
    info["metrics"]["test_accuracy"] = 0.9987
    info["drawn"] = {**info["drawn"], "digit_accuracy": 0.9883}
    info["drawn_sets"] = {"truetype": {"digit_accuracy": 0.9917, "sum_accuracy": 0.98}}
    path.write_text(json.dumps(info))
    after = generator.table("full", weights)
    assert after != before
    row = next(line for line in after.splitlines() if "`classifier-lenet5`" in line)
    assert "**99.87%**" in row and "98.8%" in row and "99.2%" in row
    assert "TrueType printed/bold" in after.splitlines()[0]


def test_only_the_text_between_the_markers_is_rewritten(generator):
    text = "intro\n<!-- model-table:short -->\nold table\n<!-- /model-table -->\nrest\n"
    assert generator.rewrite(text, "short", "NEW") == (
        "intro\n<!-- model-table:short -->\nNEW\n<!-- /model-table -->\nrest\n"
    )
    with pytest.raises(ValueError):
        generator.rewrite("no markers here", "short", "NEW")
