import itertools
import threading

import pytest
import torch

from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.store.history import read_history
from mnist_desk.training import (
    EpochEvent,
    EvalEvent,
    FailedEvent,
    FinishedEvent,
    StepEvent,
    Trainer,
    TrainingSettings,
)
from tests.support import shared_data_dir

SMALL = dict(train_subset=2000, val_subset=500, test_subset=500, batch_size=64, seed=0)


def _run(settings, output=None, on_event=None):
    events = []

    def callback(event):
        events.append(event)
        if on_event:
            on_event(event, trainer)

    trainer = Trainer(settings, callback, data_dir=shared_data_dir(), output=output)
    result = trainer.run()
    return result, events


def test_a_short_run_lowers_the_loss_emits_events_and_saves_a_checkpoint(tmp_path):
    settings = TrainingSettings(task=CLASSIFIER, arch="cnn", epochs=2, lr=3e-3, **SMALL)
    result, events = _run(settings, output=tmp_path / "cnn.pt")
    steps = [e for e in events if isinstance(e, StepEvent)]
    evals = [e for e in events if isinstance(e, EvalEvent)]
    assert len(steps) == result.steps == 64  # 2 epochs of 32 batches
    assert [e.step for e in steps] == list(range(1, 65))
    assert sum(e.loss for e in steps[-5:]) / 5 < 0.6 * sum(e.loss for e in steps[:5]) / 5
    assert len(evals) >= 2 and evals[-1].val_error < evals[0].val_error
    assert all(b.elapsed >= a.elapsed for a, b in itertools.pairwise(steps))
    assert sum(isinstance(e, EpochEvent) for e in events) == 2
    assert isinstance(events[-1], FinishedEvent) and events[-1].result is result
    assert result.status == "completed" and result.test["count"] == 500
    assert result.test["accuracy"] > 0.85
    ckpt = load_checkpoint(tmp_path / "cnn.pt")
    assert ckpt.metrics["test_accuracy"] == pytest.approx(result.test["accuracy"], abs=1e-6)
    assert ckpt.meta["settings"]["seed"] == 0 and "optimizer" not in ckpt.state_dict
    assert (tmp_path / "cnn.json").exists()
    # the run's curves are kept beside it, as the run logged them
    kept = read_history(tmp_path / "cnn.history.csv")
    assert [p["step"] for p in kept["train"]] == [e.step for e in steps]
    assert [p["error"] for p in kept["val"]] == pytest.approx([e.val_error for e in evals])


def test_cancel_stops_within_one_step_and_keeps_the_best_model(tmp_path):
    def stop_at_20(event, trainer):
        if isinstance(event, StepEvent) and event.step == 20:
            trainer.controls.cancel()

    settings = TrainingSettings(task=CLASSIFIER, arch="mlp", epochs=5, evals_per_epoch=4, **SMALL)
    result, events = _run(settings, output=tmp_path / "m.pt", on_event=stop_at_20)
    assert result.status == "stopped" and result.steps == 20
    assert max(e.step for e in events if isinstance(e, StepEvent)) == 20
    assert result.checkpoint and load_checkpoint(result.checkpoint).task == CLASSIFIER


def test_cancel_without_keeping_saves_nothing(tmp_path):
    def abort(event, trainer):
        if isinstance(event, StepEvent) and event.step == 3:
            trainer.controls.cancel(keep=False)

    settings = TrainingSettings(task=CLASSIFIER, arch="mlp", epochs=5, **SMALL)
    result, _ = _run(settings, output=tmp_path / "m.pt", on_event=abort)
    assert result.steps == 3 and result.checkpoint is None
    assert not (tmp_path / "m.pt").exists()


def test_pause_holds_training_until_resumed():
    seen_while_paused = []

    def pause_once(event, trainer):
        if isinstance(event, StepEvent) and event.step == 2 and not seen_while_paused:
            trainer.controls.pause()
            assert trainer.controls.paused

            def resume():
                seen_while_paused.append(sum(isinstance(e, StepEvent) for e in events))
                trainer.controls.resume()

            threading.Timer(0.3, resume).start()

    events = []
    settings = TrainingSettings(task=CLASSIFIER, arch="mlp", max_steps=4, **SMALL)
    trainer = Trainer(
        settings, lambda e: (events.append(e), pause_once(e, trainer)), data_dir=shared_data_dir()
    )
    result = trainer.run()
    assert seen_while_paused == [2]  # no step ran while paused
    assert result.steps == 4


def test_a_diverging_run_stops_with_a_clear_reason(tmp_path):
    settings = TrainingSettings(
        task=CLASSIFIER, arch="mlp", epochs=3, lr=1e8, optimizer="sgd", schedule="constant", **SMALL
    )
    result, events = _run(settings, output=tmp_path / "d.pt")
    assert result.status == "diverged"
    failed = [e for e in events if isinstance(e, FailedEvent)]
    assert (
        len(failed) == 1
        and "diverged" in failed[0].message
        and "learning rate" in failed[0].message
    )
    assert not any(isinstance(e, FinishedEvent) for e in events)


def test_early_stopping_stops_a_run_that_does_not_improve():
    settings = TrainingSettings(
        task=CLASSIFIER,
        arch="mlp",
        epochs=10,
        lr=1e-12,
        schedule="constant",
        evals_per_epoch=2,
        patience=1,
        **SMALL,
    )
    result, _ = _run(settings)
    assert result.status == "early-stopped" and result.steps < 64
    assert "did not improve" in result.message
    assert result.history["stopped"][0]["reason"] == "early-stopped"


def test_cuda_where_there_is_none_is_a_clear_failure(monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    settings = TrainingSettings(task=CLASSIFIER, arch="mlp", max_steps=2, device="cuda", **SMALL)
    result, events = _run(settings)
    assert result is None
    assert isinstance(events[-1], FailedEvent) and "CUDA" in events[-1].message


def test_transfer_adder_fine_tunes_from_a_classifier_checkpoint(tmp_path):
    classifier = TrainingSettings(task=CLASSIFIER, arch="mlp", epochs=1, **SMALL)
    _run(classifier, output=tmp_path / "mlp.pt")
    transfer = TrainingSettings(
        task=TRANSFER,
        arch="mlp",
        max_steps=20,
        lr=1e-3,
        init_from=str(tmp_path / "mlp.pt"),
        **SMALL,
    )
    result, events = _run(transfer, output=tmp_path / "t.pt")
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert sum(e.loss for e in steps[-5:]) < sum(e.loss for e in steps[:5])
    assert result.test["count"] == 500 and len(result.test["confusion"]) == 19
    saved = load_checkpoint(tmp_path / "t.pt")
    assert saved.task == TRANSFER and 0.5 < saved.metrics["digit_test_accuracy"] <= 1


def test_transfer_adder_without_a_classifier_is_a_clear_failure():
    result, events = _run(TrainingSettings(task=TRANSFER, arch="mlp", max_steps=2, **SMALL))
    assert result is None and "init_from" in events[-1].message


def test_scratch_adder_learns_from_sums_alone():
    settings = TrainingSettings(
        task=SCRATCH,
        arch="convnet",
        max_steps=30,
        pairs_per_epoch=2000,
        model_kwargs={"width": 8},
        **SMALL,
    )
    result, events = _run(settings)
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert steps[-1].images_seen == 30 * 64 * 2
    assert result.test["count"] == 500 and len(result.test["confusion"]) == 19
    assert sum(e.loss for e in steps[-5:]) < sum(e.loss for e in steps[:5])


def test_a_cancel_ends_a_validation_pass_between_batches():
    from torch import nn

    from mnist_desk.training import EvaluationInterrupted, predict_logits

    batches = []

    class Counting(nn.Module):
        def forward(self, x):
            batches.append(len(x))
            return x.flatten(1)[:, :10]

    with pytest.raises(EvaluationInterrupted):
        predict_logits(
            Counting(),
            torch.zeros(5000, 1, 28, 28),
            torch.device("cpu"),
            should_stop=lambda: len(batches) >= 2,
        )
    assert len(batches) == 2  # not the 5 batches of the whole set


def test_closing_mid_run_skips_the_validation_that_was_due(tmp_path):
    def close_before_eval(event, trainer):  # the step that triggers validation
        if isinstance(event, StepEvent) and event.step == 8:
            trainer.controls.cancel(keep=False)

    # 16 steps: validation after steps 4, 8, 12 and 16
    settings = TrainingSettings(task=CLASSIFIER, arch="mlp", epochs=5, max_steps=16, **SMALL)
    result, events = _run(settings, output=tmp_path / "m.pt", on_event=close_before_eval)
    assert result.status == "stopped" and result.steps == 8
    assert not [e for e in events if isinstance(e, EvalEvent) and e.step == 8]


def test_a_scratch_adder_fine_tunes_from_its_own_checkpoint_and_refuses_another_task(tmp_path):
    scratch = TrainingSettings(task=SCRATCH, arch="convnet-digits", max_steps=5, **SMALL)
    _run(scratch, output=tmp_path / "s.pt")
    saved = load_checkpoint(tmp_path / "s.pt").build().state_dict()

    again = TrainingSettings(
        task=SCRATCH, arch="convnet-digits", max_steps=1, init_from=str(tmp_path / "s.pt"), **SMALL
    )
    started = Trainer(again, lambda e: None, data_dir=shared_data_dir()).build_model().state_dict()
    assert all(torch.equal(saved[k], started[k]) for k in saved)

    as_classifier = TrainingSettings(
        task=CLASSIFIER, arch="convnet", max_steps=1, init_from=str(tmp_path / "s.pt"), **SMALL
    )
    result, events = _run(as_classifier)
    assert result is None and "fine-tuning needs a classifier/convnet one" in events[-1].message
