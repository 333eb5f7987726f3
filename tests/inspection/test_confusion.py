"""The test images behind a confusion cell: in the core, for `evaluate`, and in the Results tab."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from mnist_desk.cli.main import main
from mnist_desk.inspection.confusion import cell_indices, off_diagonal_cells, pictures


def test_a_cell_holds_exactly_the_examples_of_that_truth_and_answer():
    labels = np.array([3, 3, 5, 3, 5])
    said = np.array([3, 5, 5, 5, 3])
    assert cell_indices(labels, said, 3, 5).tolist() == [1, 3]
    assert cell_indices(labels, said, 5, 5).tolist() == [2]
    assert off_diagonal_cells(labels, said) == {"3,5": [1, 3], "5,3": [4]}


def test_pictures_of_digits_and_of_pairs():
    digits = torch.randn(6, 1, 28, 28)
    assert pictures(digits, np.array([0, 5])).shape == (2, 28, 28)
    pairs = torch.randn(4, 2, 1, 28, 28)
    shown = pictures(pairs, np.array([1]))
    assert shown.shape == (1, 28, 56) and shown.dtype == np.uint8


def test_evaluate_lists_and_writes_the_images_behind_the_mistakes(tmp_path, capsys):
    out = tmp_path / "cells"
    args = [
        "evaluate",
        "classifier-mlp",
        "--subset",
        "500",
        "--json",
        "--confusion-images",
        str(out),
    ]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    cells = result["confusion_examples"]
    mistakes = sum(len(v) for v in cells.values())
    assert mistakes == 500 - round(result["accuracy"] * 500) > 0
    assert result["confusion_images"]["count"] == mistakes
    for key, indices in cells.items():
        true, said = key.split(",")
        assert result["confusion"][int(true)][int(said)] == len(indices)
        files = sorted((out / f"true-{true}" / f"said-{said}").glob("test-*.png"))
        assert [int(f.stem[5:]) for f in files] == indices


@pytest.fixture
def finished_outcome():
    """A finished run's outcome as the Train tab gets it: the shipped mlp's test predictions."""
    from mnist_desk.app.training_session import RunOutcome
    from mnist_desk.data import mnist as mdata
    from mnist_desk.store.catalog import resolve_model
    from mnist_desk.training import full_report
    from mnist_desk.training.events import Predictions, TrainingResult
    from tests.support import shared_data_dir

    splits = mdata.load_splits(shared_data_dir())
    inputs, labels = mdata.mnist_test_set(splits, pairs=False, subset=1000)
    model = resolve_model("classifier-mlp").build()
    report, loss, logits = full_report(model, inputs, labels, torch.device("cpu"), 10)
    test = {**report.to_dict(), "loss": loss}
    settings = {"task": "classifier", "arch": "mlp", "test_subset": 1000, "seed": 0}
    result = TrainingResult(
        "completed", "", settings, 10, 1.0, 0.02, test, None, {}, Predictions.from_logits(logits)
    )
    return RunOutcome("run", result), report


def test_clicking_a_cell_in_the_results_tab_opens_its_images(qtbot, finished_outcome):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from mnist_desk.ui.train.run_results import RunResultsView

    outcome, report = finished_outcome
    view = RunResultsView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_outcome(outcome)
    qtbot.waitExposed(view)
    qtbot.wait(50)  # the matrix laid out at its size before its cells are aimed at
    confusion = np.asarray(report.confusion)
    off = confusion - np.diag(np.diag(confusion))
    true, said = np.unravel_index(off.argmax(), off.shape)
    matrix = view.confusion
    scene = matrix.image.mapToScene(QPointF(said + 0.5, true + 0.5))
    QTest.mouseClick(matrix.viewport(), Qt.MouseButton.LeftButton, pos=matrix.mapFromScene(scene))
    assert view.cells.job is not None
    qtbot.waitUntil(
        lambda: view.cells.dialog is not None and view.cells.dialog.isVisible(), timeout=60_000
    )
    dialog = view.cells.dialog
    assert dialog.images.count() > 0, dialog.title.text()
    assert dialog.images.count() == confusion[true, said]
    assert f"{true}, predicted {said}" in dialog.windowTitle()
    dialog.close()
