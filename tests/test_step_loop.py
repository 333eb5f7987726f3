"""The one step loop on a learner of its own (no data, no model): what every run shares."""

from __future__ import annotations

import threading

import torch

from mnist_desk.training import EpochEvent, EvalEvent, StepEvent
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.steps import LoopPlan, StepLoop


class Counting:
    """A learner whose loss and validation errors are scripted; it counts what it was asked."""

    def __init__(self, losses=None, val_errors=None, batches_per_epoch=4):
        self.losses = list(losses or [])
        self.val_errors = list(val_errors or [])
        self.batches_per_epoch = batches_per_epoch
        self.updates = self.kept = 0
        self.before_step = lambda: None

    def batches(self):
        for _ in range(self.batches_per_epoch):
            self.before_step()
            yield torch.zeros(8, 3), torch.zeros(8, dtype=torch.long)

    def loss(self, inputs, labels):
        value = self.losses.pop(0) if self.losses else 1.0
        logits = torch.zeros(len(labels), 3)
        logits[: len(labels) // 2, 1] = 1  # half of them wrong
        return torch.tensor(value), logits, {"part": value / 2}

    def update(self, loss):
        self.updates += 1

    def learning_rate(self):
        return 0.1

    def validate(self, should_stop):
        return 0.5, self.val_errors.pop(0) if self.val_errors else 0.3

    def keep_best(self):
        self.kept += 1


def run(learner, events=None, controls=None, **plan):
    values = {"total_steps": 10, "steps_per_epoch": 4, "eval_every": 5, **plan}
    sink = events if events is not None else []
    return StepLoop(learner, LoopPlan(**values), controls or RunSwitches(), sink.append).run()


def test_steps_are_reported_validated_and_epochs_counted():
    events, learner = [], Counting(val_errors=[0.4, 0.2])
    loop = run(learner, events)
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.step for e in steps] == list(range(1, 11)) and learner.updates == 10
    assert steps[0].error == 0.5 and steps[0].parts == {"part": 0.5} and steps[0].lr == 0.1
    assert steps[-1].images_seen == 80 and steps[-1].epoch == 2.5
    evals = [e for e in events if isinstance(e, EvalEvent)]
    assert [(e.step, e.val_error, e.best_val_error) for e in evals] == [
        (5, 0.4, 0.4),
        (10, 0.2, 0.2),
    ]
    assert learner.kept == 2 and loop.best_error == 0.2
    assert [e.epoch for e in events if isinstance(e, EpochEvent)] == [1, 2, 3]
    assert (loop.status, loop.step) == ("completed", 10)
    assert len(loop.history["train"]) == 10 and len(loop.history["val"]) == 2


def test_a_diverging_loss_ends_the_run_before_its_update():
    learner = Counting(losses=[1.0, 1.0, float("nan")])
    loop = run(learner, divergence_hint="Try a lower learning rate (now 0.1).")
    assert loop.status == "diverged" and learner.updates == 2
    assert loop.message == (
        "Training diverged: the loss became nan at step 3. Try a lower learning rate (now 0.1)."
    )


def test_patience_stops_early_and_no_validation_set_means_none():
    loop = run(Counting(val_errors=[0.3, 0.4, 0.5]), eval_every=2, patience=1)
    assert loop.status == "early-stopped" and loop.step == 6  # two evaluations without a gain
    events, learner = [], Counting()
    loop = run(learner, events, eval_every=None)
    assert loop.step == 10 and not loop.validated and learner.kept == 0
    assert not any(isinstance(e, EvalEvent) for e in events)


def test_a_quiet_run_trains_without_reporting_or_validating():
    events, learner = [], Counting()
    loop = run(learner, events, report=False)
    assert loop.step == 10 and learner.updates == 10 and events == []
    assert loop.history == {"train": [], "val": []}


def test_cancel_stops_after_the_current_step_and_pauses_are_left_out_of_the_time():
    controls, learner = RunSwitches(), Counting(batches_per_epoch=100)
    learner.before_step = lambda: controls.cancel() if learner.updates == 3 else None
    loop = run(learner, controls=controls, total_steps=100)
    assert (loop.status, loop.step) == ("stopped", 3)
    assert loop.message == "stopped by the user at step 3"

    controls, learner = RunSwitches(), Counting()
    controls.pause()
    threading.Timer(0.3, controls.resume).start()
    loop = run(learner, controls=controls, total_steps=2)
    assert loop.paused >= 0.25 and loop.elapsed() < loop.paused
    assert loop.step == 2 and not controls.paused


def test_how_a_run_ended_is_english_words_the_window_can_translate():
    """The end messages are Phrases (errors.Words): plain English for the CLI and the files,
    each with the template the window translates (context "Phrase") and its values."""
    from mnist_desk.errors import Words
    from mnist_desk.training import steps

    finished = run(Counting())
    early = run(Counting(val_errors=[0.3, 0.4, 0.5]), eval_every=2, patience=1)
    hint = steps.LOWER_LR_NOW(lr="0.1")
    diverged = run(Counting(losses=[float("inf")]), divergence_hint=hint)
    assert finished.message == "training finished"
    assert finished.message.template == steps.FINISHED.template
    assert early.message == (
        "stopped early at step 6: validation error did not improve for 1 evaluations"
    )
    assert early.message.values == {"step": 6, "patience": 1}
    assert diverged.message == (
        "Training diverged: the loss became inf at step 1. Try a lower learning rate (now 0.1)."
    )
    assert diverged.message.values["hint"] is hint
    kept = steps.what_was_kept(diverged.message, kept=True, checkpoint="m.pt")
    assert kept == f"{diverged.message} The best model so far was kept: m.pt."
    assert kept.values["ending"] is diverged.message
    for message in (finished.message, early.message, diverged.message, kept):
        assert isinstance(message, Words)
