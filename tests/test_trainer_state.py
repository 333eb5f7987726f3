"""The Trainer leaves process-wide torch state as its caller set it, writes nothing back into the
settings it was given, and keeps its test predictions so the worst mistakes need no second pass."""

import threading

import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.models import SCRATCH
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.support.acceleration import intra_op_threads
from mnist_desk.training import (
    Predictions,
    Trainer,
    mistakes_among,
    predict_logits,
    worst_mistakes,
)
from tests.support import shared_data_dir, tiny_settings

FEW = {"val_subset": 100, "test_subset": 100}


def _train(settings, output=None):
    return Trainer(settings, data_dir=shared_data_dir(), output=output).run()


def test_a_run_leaves_the_global_generator_and_thread_count_as_they_were(tmp_path):
    threads = torch.get_num_threads()
    torch.manual_seed(1234)
    state = torch.get_rng_state()
    result = _train(tiny_settings(arch="cnn", max_steps=6, num_threads=threads + 1))
    assert result.status == "completed"
    assert torch.equal(torch.get_rng_state(), state)  # seeded inside fork_rng, given back
    assert torch.get_num_threads() == threads  # the caller's choice, not the settings'


def test_the_same_seed_trains_the_same_weights_whatever_the_global_generator(tmp_path):
    saved = []
    for outer_seed, name in ((1, "a.pt"), (2, "b.pt")):
        torch.manual_seed(outer_seed)  # e.g. the window drew random numbers before
        _train(tiny_settings(arch="cnn", max_steps=6, seed=5, **FEW), output=tmp_path / name)
        saved.append(load_checkpoint(tmp_path / name).state_dict)
    assert all(torch.equal(saved[0][k], saved[1][k]) for k in saved[0])
    _train(tiny_settings(arch="cnn", max_steps=6, seed=6, **FEW), output=tmp_path / "c.pt")
    other = load_checkpoint(tmp_path / "c.pt").state_dict
    assert not all(torch.equal(saved[0][k], other[k]) for k in saved[0])


def test_fine_tuning_records_the_checkpoints_model_settings_without_writing_them_back(tmp_path):
    start = tiny_settings(task=SCRATCH, arch="convnet-digits", max_steps=2)
    start.model_kwargs = {"width": 8}
    _train(start, output=tmp_path / "start.pt")
    settings = tiny_settings(
        task=SCRATCH, arch="convnet-digits", max_steps=2, init_from=str(tmp_path / "start.pt")
    )
    result = _train(settings, output=tmp_path / "tuned.pt")
    assert settings.model_kwargs == {}  # as given
    assert result.settings["model_kwargs"] == {"width": 8}  # what the run really built
    assert load_checkpoint(tmp_path / "tuned.pt").model_kwargs == {"width": 8}


def test_the_worst_mistakes_come_from_the_runs_own_test_pass(tmp_path):
    result = _train(tiny_settings(max_steps=15, test_subset=300), output=tmp_path / "m.pt")
    assert len(result.test_predictions.predicted) == result.test["count"] == 300
    splits = mdata.load_splits(shared_data_dir())
    mistakes = worst_mistakes(result, splits, count=5)
    # The same as scoring the saved model again on the same test set, the way the window did.
    inputs, labels = mdata.mnist_test_set(splits, pairs=False, subset=300)
    logits = predict_logits(load_checkpoint(result.checkpoint).build(), inputs, torch.device("cpu"))
    again = mistakes_among(Predictions.from_logits(logits), inputs, labels, count=5)
    assert 0 < len(mistakes) == len(again) == 5
    assert [(m.true_label, m.predicted) for m in mistakes] == [
        (m.true_label, m.predicted) for m in again
    ]
    assert all(
        abs(m.confidence - n.confidence) < 1e-4 for m, n in zip(mistakes, again, strict=True)
    )
    assert mistakes[0].image.shape == (28, 28) and mistakes[0].image.dtype.name == "uint8"
    confidences = [m.confidence for m in mistakes]
    assert confidences == sorted(confidences, reverse=True)


def test_an_adders_mistakes_show_both_digits(tmp_path):
    settings = tiny_settings(
        task=SCRATCH,
        arch="convnet-digits",
        max_steps=3,
        val_subset=100,
        test_subset=200,
        model_kwargs={"width": 8},
    )
    result = _train(settings, output=tmp_path / "s.pt")
    mistakes = worst_mistakes(result, mdata.load_splits(shared_data_dir()), count=3)
    assert mistakes and mistakes[0].image.shape == (28, 56)
    assert all(0 <= m.true_label <= 18 and m.predicted != m.true_label for m in mistakes)


def test_intra_op_threads_sets_the_training_threads_count_and_sets_it_back():
    own = torch.get_num_threads()  # this thread (like the GUI thread) has already run torch
    inside, release, seen = threading.Event(), threading.Event(), {}

    def training_thread():
        with intra_op_threads(own + 1):
            seen["inside"] = torch.get_num_threads()
            inside.set()
            release.wait(10)

    def later_thread():
        seen["later"] = torch.get_num_threads()

    worker = threading.Thread(target=training_thread)
    worker.start()
    assert inside.wait(10)
    assert torch.get_num_threads() == own  # OpenMP's count is per thread: ours is untouched
    release.set()
    worker.join()
    later = threading.Thread(target=later_thread)
    later.start()
    later.join()
    assert seen == {"inside": own + 1, "later": own}  # the process-wide default is set back


def test_intra_op_threads_leaves_a_count_that_is_already_right_alone(monkeypatch):
    own = torch.get_num_threads()
    calls = []
    monkeypatch.setattr(torch, "set_num_threads", calls.append)  # it also empties oneDNN's cache
    with intra_op_threads(own):
        assert torch.get_num_threads() == own
    assert calls == []
    with intra_op_threads(own + 1):
        pass
    assert calls == [own + 1, own]
