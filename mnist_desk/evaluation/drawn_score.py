"""How well a loaded model reads drawn digits and sums, and how fast it answers, in seconds.

The drawn pairs (``drawn_set.drawn_pairs``: 300 pairs, seed 12) reach the model as they do in
the window: as ``Strokes`` (``imaging.drawn``), which the ``Predictor`` renders with the window's
own stroke renderer (``imaging.strokes.render_strokes``) and reads. This gives the same figures as
replaying the strokes into the window with mouse events (``benchmarks/drawn_replay.py``), which
the shipped metrics files record, without a window. Latency is the median time of one
``predict_sum`` (both drawings rendered, both digits and their sum read: what the Draw tab asks
for on every stroke) in the calling thread.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from typing import Any

from mnist_desk.evaluation.drawn_set import SEED, DrawnDigit, drawn_pairs
from mnist_desk.imaging.drawn import Strokes

PAIRS = 300


@dataclass(frozen=True)
class DrawnMeasurement:
    """A model's drawn-digit figures, as stored in its metrics file under ``drawn``."""

    digit_accuracy: (
        float  # the digits the window shows (a scratch adder's: the default classifier's)
    )
    sum_accuracy: float
    adder_digit_accuracy: float | None  # a scratch adder that learned digits from sums: its own
    digits: int
    pairs: int
    seed: int
    latency_ms: float  # median of one predict_sum, in the measuring thread
    latency_p95_ms: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_drawn(predictor: Any, pairs: int = PAIRS, seed: int = SEED) -> DrawnMeasurement:
    """Read ``pairs`` drawn pairs with ``predictor`` (a ``recognition.Predictor``)."""
    drawn = drawn_pairs(pairs, seed)
    rendered = [(_strokes(a), _strokes(b)) for a, b in drawn]
    digits_right = sums_right = adder_digits_right = 0
    seconds = []
    for (first, second), (a, b) in zip(rendered, drawn, strict=True):
        began = time.perf_counter()
        result = predictor.predict_sum(first, second)
        seconds.append(time.perf_counter() - began)
        sums_right += result.total == a.label + b.label
        digits_right += _right(result.digits, a.label, b.label)
        if result.adder_digits is not None:
            adder_digits_right += _right(result.adder_digits, a.label, b.label)
    seconds.sort()
    return DrawnMeasurement(
        digit_accuracy=digits_right / (2 * pairs),
        sum_accuracy=sums_right / pairs,
        adder_digit_accuracy=adder_digits_right / (2 * pairs)
        if getattr(predictor, "adder_reads_digits", False)
        else None,
        digits=2 * pairs,
        pairs=pairs,
        seed=seed,
        latency_ms=round(statistics.median(seconds) * 1000, 3),
        latency_p95_ms=round(seconds[int(0.95 * (len(seconds) - 1))] * 1000, 3),
    )


def _right(read: Any, first: int, second: int) -> int:
    """How many of the two digits ``read`` (DigitResults) are right."""
    return int(read[0].digit == first) + int(read[1].digit == second)


def _strokes(digit: DrawnDigit) -> Strokes:
    return Strokes.from_points(digit.strokes, width=digit.pen_width)
