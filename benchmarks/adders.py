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
from mnist_desk.data import mnist as mdata
from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER
from mnist_desk.store.catalog import shipped_checkpoint
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
    return lines + [compare_defaults(opts)]


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


COMPARE_GOAL_ACCURACY = 0.97
COMPARE_GOAL_SECONDS = 60.0


def compare_defaults(opts: Options) -> Line:
    """ "Compare adders" as the Train tab runs it by default: both adders on the default budget
    (adder_comparison.default_budget), each Trainer.run() timed whole (training, validation and
    the final test report on the 10,000 fixed test pairs; saving is skipped)."""
    import time

    from mnist_desk.store.checkpoints import load_checkpoint
    from mnist_desk.training import Trainer, TrainingSettings
    from mnist_desk.training.adder_comparison import comparison_settings, default_budget

    form = TrainingSettings(seed=SEED, num_threads=opts.threads)
    budget = default_budget(form)
    if opts.quick:
        budget.max_steps, budget.train_subset, budget.val_subset = 8, 1024, 500
    if not budget.init_from:
        return Line("2", "Compare adders, Train tab defaults", "not available: no shipped QuickNet")
    arch = load_checkpoint(budget.init_from).arch
    steps, transfer, scratch = comparison_settings(budget, budget.init_from, arch)
    mdata.load_splits(opts.data_dir)  # loaded before the clocks, as the open app has it
    seconds, accuracy = {}, {}
    for name, settings in (("transfer", transfer), ("scratch", scratch)):
        log(f"row 2: compare adders defaults, {name} ({steps} steps)")
        start = time.perf_counter()
        result = Trainer(settings, data_dir=opts.data_dir).run()
        seconds[name] = time.perf_counter() - start
        accuracy[name] = result.test["accuracy"] if result and result.test else 0.0
    total = sum(seconds.values())
    met = min(accuracy.values()) >= COMPARE_GOAL_ACCURACY and total <= COMPARE_GOAL_SECONDS
    return Line(
        "2",
        "Compare adders, Train tab defaults: both adders' test sum acc. and total time (CPU)",
        f"transfer {accuracy['transfer']:.2%} ({seconds['transfer']:.1f} s), scratch "
        f"{accuracy['scratch']:.2%} ({seconds['scratch']:.1f} s); total {total:.1f} s",
        f"both ≥ {COMPARE_GOAL_ACCURACY:.0%} in ≤ {COMPARE_GOAL_SECONDS:g} s",
        met,
        f"{steps} steps of {budget.batch_size} pairs each, autocast {'on' if budget.amp else 'off'}"
        f", no augmentation, validation on {budget.val_subset:,} pairs; transfer from the shipped "
        f"classifier-{arch} ({transfer.optimizer} lr {transfer.lr:g}), scratch {scratch.arch} "
        f"({scratch.optimizer} lr {scratch.lr:g}); each run timed whole (training, validation, "
        f"final test report on 10,000 pairs), seed {SEED}, {opts.threads} thread(s)",
        data={"seconds": seconds, "accuracy": accuracy, "steps": steps},
    )
