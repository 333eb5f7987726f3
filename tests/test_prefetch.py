"""Batches made ahead in a producer thread: the same batches, the same trained weights, errors
raised where the batch is taken, and no thread left behind when a run stops early."""

import threading

import pytest
import torch

from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.training import Trainer
from mnist_desk.training import task_data as task_data_module
from mnist_desk.training.prefetch import prefetched
from tests.support import shared_data_dir, tiny_settings


def _producers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "batch-producer"]


def test_prefetched_gives_every_item_in_order_and_its_thread_ends():
    assert list(prefetched(iter(range(50)))) == list(range(50))
    assert _producers() == []


def test_closing_early_stops_the_producer_even_while_it_waits_on_a_full_queue():
    made = []

    def endless():
        while True:
            made.append(len(made))
            yield made[-1]

    items = prefetched(endless())
    assert [next(items), next(items)] == [0, 1]
    items.close()  # what a loop's break does
    assert _producers() == []
    assert len(made) <= 4  # one ahead, not the whole stream


def test_an_error_while_making_a_batch_is_raised_where_the_batch_is_taken():
    def failing():
        yield 1
        raise ValueError("bad batch")

    items = prefetched(failing())
    assert next(items) == 1
    with pytest.raises(ValueError, match="bad batch"):
        next(items)
    assert _producers() == []


def test_the_consuming_threads_torch_thread_count_is_left_as_it_was():
    threads = torch.get_num_threads()
    seen = []

    def counting():
        for i in range(3):
            seen.append(torch.get_num_threads())  # in the producer: one core
            yield i

    assert list(prefetched(counting())) == [0, 1, 2]
    assert seen == [1, 1, 1]
    assert torch.get_num_threads() == threads
    later = []
    thread = threading.Thread(target=lambda: later.append(torch.get_num_threads()))
    thread.start()
    thread.join()
    assert later == [threads]  # torch's process-wide count, which new threads start from


def test_a_drawn_run_trains_bit_identical_weights_with_and_without_prefetching(
    tmp_path, monkeypatch
):
    settings = tiny_settings(arch="cnn", max_steps=8, aug_drawn=True, drawn_share=0.5, seed=3)
    used = []

    def spying(items):
        used.append(True)
        return prefetched(items)

    monkeypatch.setattr(task_data_module, "prefetched", spying)
    Trainer(settings, data_dir=shared_data_dir(), output=tmp_path / "ahead.pt").run()
    assert used, "a drawn run on the CPU makes its batches ahead"
    monkeypatch.setattr(task_data_module, "prefetched", iter)
    Trainer(settings, data_dir=shared_data_dir(), output=tmp_path / "inline.pt").run()
    ahead = load_checkpoint(tmp_path / "ahead.pt").state_dict
    inline = load_checkpoint(tmp_path / "inline.pt").state_dict
    assert ahead.keys() == inline.keys()
    assert all(torch.equal(ahead[k], inline[k]) for k in ahead)
    assert _producers() == []
