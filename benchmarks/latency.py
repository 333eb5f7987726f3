"""Row 3: recognition latency, canvas strokes -> model input -> model -> two digits and their sum.

The drawing pad hands its strokes to ``render_strokes`` (mnist_desk/imaging/strokes.py), so each model is
timed on two drawn digits (a 7 and a 2 of the drawn-digit set, as mouse samples ~4 px apart on a
320 px canvas): ``Predictor.predict_sum(Strokes a, Strokes b)`` call by call: both renderings,
the model(s) and the sum, everything the window waits for after a stroke, on one torch thread
as the window reads on its GUI thread. An opened
picture takes the pixel path instead: two 280x280 canvases made from real MNIST test digits
scaled up 10x, preprocessed; that step has a line of its own. The default models are also timed
on two 3-digit numbers of the drawn-number set: every candidate digit of both boxes read in one
batch, each box's split chosen, the long addition.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.common import Line, Options, as_the_window_reads, log, percentile, sync
from mnist_desk.imaging.drawn import Strokes
from mnist_desk.imaging.pictures import preprocess
from mnist_desk.imaging.strokes import render_strokes
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.support.config import shipped_weights_dir

CALLS = 1000
WARMUP = 30
GOAL_P95_S = 0.005
GOAL_NUMBERS_P95_S = 0.010  # two 3-digit numbers
# The defaults of the three tasks: the latency goal is theirs.
DEFAULT_MODELS = ("classifier-convnet", "transfer-convnet", "scratch-convnet-digits")
CANVAS = 280
# Every line of this row times on one torch thread (``as_the_window_reads``), whatever --threads
# says; the row's record says so.
TORCH_THREADS = 1


def canvas_image(digit28: np.ndarray) -> np.ndarray:
    """A 28x28 MNIST digit (white on black) as the 280x280 canvas would hold it: black on white."""
    from PIL import Image

    big = Image.fromarray(digit28).resize((CANVAS, CANVAS), Image.Resampling.BILINEAR)
    return 255 - np.asarray(big)


def test_canvases(opts: Options) -> tuple[np.ndarray, np.ndarray, int]:
    """Two canvases with real test digits (a 7 and a 2, the first two MNIST test images)."""
    from mnist_desk.data.mnist_files import read_split

    images, labels = read_split(opts.data_dir, "t10k")
    a, b = images[0].numpy(), images[1].numpy()
    return canvas_image(a), canvas_image(b), int(labels[0] + labels[1])


def drawn_strokes() -> tuple[tuple, tuple, int]:
    """The strokes of a drawn 7 and a drawn 2 (the drawn-digit set's first ones) and their sum."""
    from mnist_desk.evaluation.drawn_set import drawn_digits

    digits = drawn_digits(10)
    return digits[7].strokes, digits[2].strokes, 9


def time_calls(fn, calls: int, device: str) -> list[float]:
    """Each call's seconds after WARMUP calls, on one torch thread as the window reads (before
    2026-12-07 this row ran on ``--threads``, 2 by default on 2 cores)."""
    with as_the_window_reads():
        for _ in range(WARMUP):
            fn()
        times = []
        for _ in range(calls):
            start = time.perf_counter()
            fn()
            sync(device)
            times.append(time.perf_counter() - start)
    return times


def run(opts: Options) -> list[Line]:
    picture, _, _ = test_canvases(opts)
    first, second, true_sum = drawn_strokes()
    calls = 50 if opts.quick else CALLS
    lines = []

    pre = time_calls(lambda: preprocess(picture), calls, "cpu")
    lines.append(
        Line(
            "3",
            "Preprocess one 280x280 picture (CPU)",
            f"p50 {percentile(pre, 50) * 1e3:.2f} ms, p95 {percentile(pre, 95) * 1e3:.2f} ms",
            notes=f"{calls} calls, 1 torch thread; an opened or dropped image's path (drawings take the next line's)",
        )
    )
    render = time_calls(lambda: render_strokes(first), calls, "cpu")
    lines.append(
        Line(
            "3",
            "Strokes of one drawn digit -> model input (CPU)",
            f"p50 {percentile(render, 50) * 1e3:.2f} ms, p95 {percentile(render, 95) * 1e3:.2f} ms",
            notes=f"{calls} calls, 1 torch thread; part of every row below (twice per call)",
        )
    )
    paths = sorted(shipped_weights_dir().glob("*.pt"))
    if not paths:
        return lines + [
            Line(
                "3", "Recognition latency", f"not available: no weights in {shipped_weights_dir()}"
            )
        ]
    devices = (["cpu"] if opts.cpu else []) + (["cuda"] if opts.cuda else [])
    for device in devices:
        for path in paths:
            name = path.stem
            if device == "cuda" and name not in DEFAULT_MODELS:
                continue
            log(f"row 3: {name} on {device}, {calls} calls")
            try:
                predictor = Predictor(load_checkpoint(path), device)
            except Exception as e:  # a broken or half-written file: say so, go on
                lines.append(Line("3", f"Latency {name} ({device})", f"not available: {e}"))
                continue

            drawn = Strokes.from_points(first), Strokes.from_points(second)

            def recognise(p=predictor, drawn=drawn):
                return p.predict_sum(*drawn)

            answer = recognise()
            times = time_calls(recognise, calls, device)
            p50, p95 = percentile(times, 50), percentile(times, 95)
            default = name in DEFAULT_MODELS and device == "cpu"
            lines.append(
                Line(
                    "3",
                    f"Latency drawn strokes -> digits + sum, {name} ({device.upper()})",
                    f"p50 {p50 * 1e3:.2f} ms, p95 {p95 * 1e3:.2f} ms",
                    f"p95 ≤ {GOAL_P95_S * 1e3:g} ms" if default else "",
                    (p95 <= GOAL_P95_S) if default else None,
                    f"{calls} calls, 1 torch thread as the window reads; answered {answer.numbers[0].text}+{answer.numbers[1].text}"
                    f"={answer.total} ({answer.source}; true sum {true_sum})",
                    data={"p50_s": p50, "p95_s": p95, "max_s": max(times), "calls": calls},
                )
            )
            if name in DEFAULT_MODELS:
                lines.append(_three_and_three(predictor, name, device, calls))
    return lines


def drawn_numbers() -> tuple[Strokes, Strokes, int]:
    """Two drawn 3-digit numbers (the first such pair of the drawn-number set) and their sum."""
    from mnist_desk.evaluation.number_set import SEED, drawn_number_pairs

    pairs = drawn_number_pairs(200, SEED, lengths=(3,))
    a, b = next(p for p in pairs if len(p[0].digits) == len(p[1].digits) == 3)
    return Strokes.from_points(a.strokes), Strokes.from_points(b.strokes), a.value + b.value


def _three_and_three(predictor: Predictor, name: str, device: str, calls: int) -> Line:
    """The same call on two 3-digit numbers: every candidate digit of both boxes in one batch,
    the split chosen, the long addition."""
    first, second, true_sum = drawn_numbers()
    answer = predictor.predict_sum(first, second)
    times = time_calls(lambda: predictor.predict_sum(first, second), calls, device)
    p50, p95 = percentile(times, 50), percentile(times, 95)
    default = device == "cpu"
    return Line(
        "3",
        f"Latency drawn 3 + 3 digits -> numbers + sum, {name} ({device.upper()})",
        f"p50 {p50 * 1e3:.2f} ms, p95 {p95 * 1e3:.2f} ms",
        f"p95 ≤ {GOAL_NUMBERS_P95_S * 1e3:g} ms" if default else "",
        (p95 <= GOAL_NUMBERS_P95_S) if default else None,
        f"{calls} calls, 1 torch thread as the window reads; answered {answer.numbers[0].text}+{answer.numbers[1].text}"
        f"={answer.total} ({answer.source}; true sum {true_sum}); "
        f"{sum(len(s.strokes) for s in (first, second))} strokes",
        data={"p50_s": p50, "p95_s": p95, "max_s": max(times), "calls": calls},
    )
