"""Row 12's latency lines: the window's recognition of one digit and of 3 digits per box.

``Predictor.predict_sum`` on a drawn 7 and 2 (the drawn-digit set's, seed 10) and on two drawn
3-digit numbers (``drawn_number_pairs(1, 5, lengths=(3,))``), with the judge and without it,
every case in turns call by call in one process (all feel the same load), after 10 untimed
calls each. On one torch thread, whatever ``--threads`` says: the window reads on its GUI thread
after ``support.acceleration.single_threaded_here`` (one thread), so that is what a user waits.
"""

from __future__ import annotations

import os
import time

from benchmarks.common import Line, Options, as_the_window_reads, percentile

DEFAULT = "classifier-convnet"
LATENCY_GOAL_S = 0.005  # p95, one digit per box (row 3's goal)
LATENCY_3X3_GOAL_S = 0.010  # p95, numbers of 3 digits in both boxes
CALLS = 400
QUICK_CALLS = 30


def latency(predictor, opts: Options) -> dict:
    """p95 of the window's recognition of one digit per box and of 3 + 3 digits, with the judge
    and without it, interleaved in one process, on one thread as the window reads."""
    from mnist_desk.evaluation.drawn_set import drawn_digits
    from mnist_desk.evaluation.number_set import drawn_number_pairs
    from mnist_desk.imaging.drawn import Strokes
    from mnist_desk.recognition.predictor import Predictor, TrustEveryReading

    digits = drawn_digits(10)
    single = tuple(Strokes.from_points(digits[k].strokes) for k in (7, 2))
    [(a, b)] = drawn_number_pairs(1, 5, lengths=(3,))
    three = (Strokes.from_points(a.strokes), Strokes.from_points(b.strokes))
    trusting = Predictor(predictor.checkpoint, "cpu", judge=TrustEveryReading())
    calls = QUICK_CALLS if opts.quick else CALLS
    cases = {
        (what, name): (p, boxes)
        for what, boxes in (("1+1", single), ("3+3", three))
        for name, p in (("judge", predictor), ("no judge", trusting))
    }
    times: dict[tuple[str, str], list[float]] = {key: [] for key in cases}
    with as_the_window_reads():
        for p, boxes in cases.values():
            for _ in range(10):
                p.predict_sum(*boxes)
        for _ in range(calls):
            for key, (p, boxes) in cases.items():
                start = time.perf_counter()
                p.predict_sum(*boxes)
                times[key].append(time.perf_counter() - start)
    return {f"{what} {name}": percentile(t, 95) for (what, name), t in times.items()}


def latency_lines(predictor, opts: Options) -> list[Line]:
    """The two latency lines of row 12 (one digit per box, 3 digits per box)."""
    import torch

    times = latency(predictor, opts)
    machine = (
        f"CPU capability {torch.backends.cpu.get_cpu_capability()}, load "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    lines = []
    for what, goal in (("1+1", LATENCY_GOAL_S), ("3+3", LATENCY_3X3_GOAL_S)):
        lines.append(
            Line(
                "12",
                f"Latency with the judge, {'one digit' if what == '1+1' else '3 digits'} per "
                f"box (p95, {DEFAULT})",
                f"{times[what + ' judge'] * 1000:.2f} ms",
                f"≤ {goal * 1000:.0f} ms",
                times[what + " judge"] <= goal,
                f"without the judge {times[what + ' no judge'] * 1000:.2f} ms, interleaved in "
                f"one process, {QUICK_CALLS if opts.quick else CALLS} calls each, 1 torch "
                f"thread as the window reads; {machine}",
                data={k: v for k, v in times.items() if k.startswith(what)},
            )
        )
    return lines
