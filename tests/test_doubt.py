"""The "not a digit" judge: its API, and (with the shipped gate) what it accepts and rejects."""

from __future__ import annotations

import pytest
import torch

from mnist_desk.models.gate import GATE_KINDS, DigitGate
from mnist_desk.recognition.doubt import REASONS, DigitJudge, Verdict


def test_one_verdict_per_input_with_a_reason_only_when_not_a_digit():
    judge = DigitJudge(DigitGate(), gate_threshold=0.0, min_confidence=0.5)
    sure, unsure = [8.0] + [0.0] * 9, [0.0] * 10
    verdicts = judge.judge(torch.zeros(2, 1, 28, 28), torch.tensor([sure, unsure]))
    assert [type(v) for v in verdicts] == [Verdict, Verdict]
    assert verdicts[0].is_digit and verdicts[0].reason is None
    assert not verdicts[1].is_digit and verdicts[1].reason == REASONS["unsure"]
    assert all(0.0 <= v.score <= 1.0 for v in verdicts)
    assert judge.judge(torch.zeros(0, 1, 28, 28), torch.zeros(0, 10)) == []


def test_the_gate_names_the_kind_it_finds_likeliest():
    gate = DigitGate()
    torch.nn.init.zeros_(gate.head.weight)
    with torch.no_grad():
        gate.head.bias.copy_(torch.tensor([0.0, 0.0, 0.0, 5.0, 0.0]))  # "scribble" wins
    assert GATE_KINDS[3] == "scribble"
    [verdict] = DigitJudge(gate, gate_threshold=0.5).judge(
        torch.zeros(1, 1, 28, 28), torch.tensor([[9.0] + [0.0] * 9])
    )
    assert not verdict.is_digit and verdict.reason == REASONS["scribble"]
    assert verdict.score < 0.5


@pytest.mark.parametrize(
    ("inputs", "logits"),
    [((3, 28, 28), (3, 10)), ((3, 1, 28, 28), (2, 10)), ((3, 1, 28, 28), (3, 19))],
)
def test_wrong_shapes_are_refused(inputs, logits):
    with pytest.raises(ValueError):
        DigitJudge().judge(torch.zeros(inputs), torch.zeros(logits))
