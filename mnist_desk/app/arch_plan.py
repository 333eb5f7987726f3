""" "Compare architectures" as a ``Comparison``: its plan and its judge.

``plan_architectures`` makes one contender per architecture on one budget
(``training.arch_comparison``: the same data, seed, augmentation and steps, each with its own
recipe); ``ComparisonRun`` trains them one after another in the session's worker, with the usual
events (``RunStarted`` with the contender's place, ``StepsDone``, ``Evaluated``, ``RunEnded``,
inside ``ComparisonStarted`` ... ``ComparisonEnded``). The judge, still in the worker, reads the
project's drawn digits with each saved model (as the Models tab measures them, and keeps the
figure with the model), then hands the ``ArchitectureVerdict``: the window and
``mnist-desk compare`` show the same data and say the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from mnist_desk.app.arch_verdict import ArchitectureRow, ArchitectureVerdict
from mnist_desk.app.comparison import Comparison, Contender, ContenderResult, final_val_error
from mnist_desk.errors import Phrase
from mnist_desk.models import CLASSIFIERS, Title
from mnist_desk.training import TrainingSettings
from mnist_desk.training.arch_comparison import (
    COMPARE_VAL_IMAGES,
    architecture_settings,
    default_budget,
    parse_archs,
)

ARCHITECTURES = "architectures"
DRAWN_NOT_MEASURED = Phrase("drawn digits not measured: {reason}")

# A saved model's path -> the share of the drawn digits it reads (None: not measured).
DrawnMeasure = Callable[[str], float | None]


def drawn_digit_accuracy(path: str, models_dir: str | None = None) -> float | None:
    """Read the project's drawn digits (``evaluation.drawn_score``, through the window's renderer)
    with the model saved at ``path``, keep the figures with it, and give its digit accuracy."""
    import os
    import platform
    from datetime import datetime, timezone

    from mnist_desk.evaluation.drawn_score import measure_drawn
    from mnist_desk.recognition.predictor import Predictor
    from mnist_desk.store.checkpoints import load_checkpoint
    from mnist_desk.store.measurements import record_drawn

    measurement = measure_drawn(Predictor(load_checkpoint(path), "cpu"))
    drawn = {
        **measurement.to_dict(),
        "command": "mnist-desk compare",
        "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
    }
    record_drawn(path, drawn, shipped=False, models_dir=models_dir)
    return measurement.digit_accuracy


def architecture_row(result: ContenderResult, drawn: DrawnMeasure) -> ArchitectureRow:
    """One contender's row: its test figures, and its drawn digits read with the saved model."""
    contender, trained = result.contender, result.result
    checkpoint = trained.checkpoint if trained is not None and trained.checkpoint else ""
    problem = result.problem
    drawn_digits = None
    if checkpoint and result.tested:
        try:
            drawn_digits = drawn(checkpoint)
        except Exception as e:  # noqa: BLE001 - the row says why; the verdict still comes
            problem = problem or DRAWN_NOT_MEASURED(reason=str(e))
    return ArchitectureRow(
        arch=contender.key,
        name=contender.name,
        status=result.status,
        test_accuracy=result.test_accuracy,
        drawn_digits=drawn_digits,
        parameters=result.parameters,
        seconds=result.seconds,
        images_per_second=result.images_per_second,
        final_val_error=final_val_error(trained) if trained is not None else None,
        checkpoint=checkpoint,
        problem=problem,
    )


def judge_architectures(
    comparison: Comparison, results: list[ContenderResult], drawn: DrawnMeasure
) -> ArchitectureVerdict:
    rows = tuple(architecture_row(r, drawn) for r in results)
    stopped = any(r.status == "not run" for r in results)
    return ArchitectureVerdict(comparison.steps, rows, stopped)


def window_budget(form: TrainingSettings, epochs: float) -> TrainingSettings:
    """The window's budget: ``epochs`` each, on the Train form's device, seed, threads and data
    subsets (its training images; validation and test as its settings hold them)."""
    return replace(
        default_budget(form),
        epochs=epochs,
        max_steps=None,
        train_subset=form.train_subset,
        val_subset=form.val_subset or COMPARE_VAL_IMAGES,
        test_subset=form.test_subset,
    )


def plan_architectures(
    archs: str | list[str],
    budget: TrainingSettings | None = None,
    drawn: DrawnMeasure = drawn_digit_accuracy,
) -> Comparison:
    """Every architecture of ``archs`` ("mlp,lenet5" or a list) on ``budget`` (default:
    ``arch_comparison.default_budget()``), in that order. A SettingsError names an unknown one."""
    names = parse_archs(archs)
    steps, settings = architecture_settings(names, budget or default_budget())
    contenders = [
        Contender(arch, Title(CLASSIFIERS[arch].title), s)
        for arch, s in zip(names, settings, strict=True)
    ]
    return Comparison(ARCHITECTURES, steps, contenders, partial(judge_architectures, drawn=drawn))
