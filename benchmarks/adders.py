"""Row 2: the two adders, time and steps to 98% test sum accuracy within a capped step budget.

Each runs the project's default settings for its task with ``max_steps`` set to the budget (so
the learning-rate schedule fits the budget), scoring the 10,000 fixed test pairs at each of the
Trainer's evaluations. The transfer adder starts from the shipped classifier-convnet, so it is
also scored once before its first step. The run goes on to the end of its budget, to report the
accuracy it finishes with.
"""

from __future__ import annotations

from benchmarks.common import SEED, Line, Options, log, secs
from benchmarks.targets import TargetRun, train_to_target
from mnist_desk import data as mdata
from mnist_desk.catalog import shipped_checkpoint
from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER
from mnist_desk.training import default_settings

TARGET = 0.98
BUDGET_STEPS = {TRANSFER: 300, SCRATCH: 800}  # batch 128: 38k and 102k pairs (~4 min in all)


def run(opts: Options) -> list[Line]:
    splits = mdata.load_splits(opts.data_dir)
    test_pairs, test_sums = mdata.fixed_pairs(splits.test, len(splits.test))
    lines = []
    for task in (TRANSFER, SCRATCH):
        settings = default_settings(task, "convnet")
        settings.seed, settings.num_threads = SEED, opts.threads
        settings.max_steps = BUDGET_STEPS[task]
        inputs, labels = test_pairs, test_sums
        if task == TRANSFER:
            init = shipped_checkpoint(CLASSIFIER, "convnet")
            if not init.exists():
                lines.append(
                    Line(
                        "2", "Transfer adder to 98% test sum acc.", f"not available: {init} missing"
                    )
                )
                continue
            settings.init_from = str(init)
        if opts.quick:
            settings.max_steps, settings.train_subset = 8, 1024
            settings.val_subset = 500
            inputs, labels = inputs[:500], labels[:500]
        log(f"row 2: {task} adder, budget {settings.max_steps} steps")
        result = train_to_target(
            settings,
            opts.data_dir,
            inputs,
            labels,
            TARGET,
            stop_at_target=False,
            score_before_training=task == TRANSFER,
        )
        lines.append(_line(task, settings, result))
    return lines


def _line(task: str, settings, r: TargetRun) -> Line:
    title = "Transfer" if task == TRANSFER else "Scratch"
    final = (
        f"final test sum acc. {r.last_accuracy:.2%} (kept checkpoint {r.kept_accuracy:.2%})"
        if r.kept_accuracy is not None
        else f"final test sum acc. {r.last_accuracy:.2%}"
    )
    if r.reached and r.steps == 0:
        measured = f"at step 0 (scoring only, {secs(r.seconds)}); {final}"
    elif r.reached:
        measured = f"{secs(r.seconds)}, {r.steps} steps ({r.images:,} images); {final}"
    else:
        measured = f"not reached in {r.total_steps} steps ({secs(r.total_seconds)}); {final}"
    init = " from the shipped classifier-convnet" if task == TRANSFER else ""
    notes = (
        f"default {task} settings{init}: {settings.optimizer} lr {settings.lr:g} "
        f"{settings.schedule}, batch {settings.batch_size}, budget {settings.max_steps} steps "
        f"({r.total_seconds:.0f} s), seed {settings.seed}"
    )
    return Line(
        "2",
        f"{title} adder to {TARGET:.0%} test sum acc. (CPU)",
        measured,
        notes=notes,
        data={"run": r.__dict__},
    )
