"""Batches made one ahead, in a thread of their own, while the training thread takes its step.

Why: the drawn augmentation is many small operations that run on one core (``TaskData``); done
in the training thread, every step waits for it (13 s of Best's 94 s on a 2-core AVX2 machine).
Made by a producer thread, the next batch is ready when the step ends. The batches are the same
tensors in the same order: the producer alone draws from the data's own generator, and nothing
it does touches torch's process-wide one (``tests/test_prefetch.py`` checks a run's weights are
bit-identical either way).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

import torch

from mnist_desk.support.acceleration import single_threaded_here

T = TypeVar("T")

_DONE = object()
_POLL_S = 0.1  # how often a producer waiting on a full queue checks whether it was stopped


class _Failed:
    """The producer's exception, raised again in the consumer's thread."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetched(items: Iterable[T], depth: int = 1) -> Iterator[T]:
    """``items``, made up to ``depth`` ahead by a producer thread on one core.

    Closing the iterator early (the loop broke: budget spent, cancelled, diverged) stops the
    producer and waits for it, so no thread outlives the run. An exception in the producer is
    raised here, at the item it would have made."""
    ready: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        # One core: a team of its own would compete with the training thread's for the cores.
        single_threaded_here()
        try:
            for item in items:
                if not hand_over(item):
                    return
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, raised there
            hand_over(_Failed(error))
            return
        hand_over(_DONE)

    # This thread's own count is fixed before the producer changes torch's process-wide one
    # (a thread's first parallel operation would otherwise take the producer's 1).
    own_threads = torch.get_num_threads()
    producer = threading.Thread(target=produce, name="batch-producer", daemon=True)
    producer.start()
    try:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        producer.join()
        # torch keeps one process-wide count that threads started later begin from: give it
        # back (this thread's own count is unchanged).
        torch.set_num_threads(own_threads)
