"""The latency rows time recognition on one torch thread, as the window reads on its GUI thread
(``support.acceleration.single_threaded_here``), whatever ``--threads`` says, and give the
thread count back afterwards."""

from __future__ import annotations

import torch

from benchmarks.latency import time_calls


def test_row_3_times_each_call_on_one_thread_and_sets_the_count_back():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        seen: list[int] = []
        times = time_calls(lambda: seen.append(torch.get_num_threads()), 5, "cpu")
        assert len(times) == 5
        assert set(seen) == {1}
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
