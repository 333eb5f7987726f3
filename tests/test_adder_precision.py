"""The digits-from-sums adder reads its digits in the precision it was trained in: bfloat16 where
the CPU runs it natively (its recipe trains with ``--amp``), float32 elsewhere; either way the
same answers."""

from dataclasses import replace

import pytest
import torch

from mnist_desk.recognition.predictor import Predictor
from mnist_desk.store.catalog import resolve_model
from mnist_desk.support import acceleration
from tests.test_numbers import strokes

PAIRS = [
    (["1", "2"], ["7"]),
    (["4-two-strokes", "8"], ["5-two-strokes", "9"]),
    (["9"], ["9", "0"]),
    (["3"], ["6"]),
]


def _adder(monkeypatch, native_bf16: bool, amp: bool | None = None) -> Predictor:
    monkeypatch.setattr(acceleration, "cpu_has_native_bf16", lambda: native_bf16)
    checkpoint = resolve_model("scratch-convnet-digits")
    if amp is not None:
        settings = {**checkpoint.meta["settings"], "amp": amp}
        checkpoint = replace(checkpoint, meta={**checkpoint.meta, "settings": settings})
    return Predictor(checkpoint, "cpu")


@pytest.mark.parametrize(
    "native, amp, dtype",
    [
        (True, None, torch.bfloat16),  # the shipped adder was trained with --amp
        (False, None, None),  # a CPU without native bf16: float32
        (True, False, None),  # an adder trained in float32 reads in float32
    ],
)
def test_the_adder_reads_in_the_precision_it_was_trained_in(monkeypatch, native, amp, dtype):
    assert _adder(monkeypatch, native, amp).adder_precision.dtype == dtype


def test_in_bfloat16_it_gives_the_answers_it_gives_in_float32(monkeypatch):
    in_bf16 = _adder(monkeypatch, native_bf16=True)
    in_float32 = _adder(monkeypatch, native_bf16=False)
    for first, second in PAIRS:
        a = in_bf16.predict_sum(strokes(first), strokes(second))
        b = in_float32.predict_sum(strokes(first), strokes(second))
        assert (
            a.total
            == b.total
            == int("".join(n[0] for n in first)) + int("".join(n[0] for n in second))
        )
        for mine, theirs in zip(a.adder_numbers, b.adder_numbers, strict=True):
            assert [d.digit for d in mine.digits] == [d.digit for d in theirs.digits]
            for d, e in zip(mine.digits, theirs.digits, strict=True):
                assert d.probabilities == pytest.approx(e.probabilities, abs=0.02)
        assert a.confidence == pytest.approx(b.confidence, abs=0.02)
