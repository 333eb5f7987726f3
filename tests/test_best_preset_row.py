"""Benchmark row 1b's bookkeeping, with its whole commands replaced by stand-ins (no training):
the Best command runs between two public ones, the ratio is over their mean, and each of the
three goals (time, MNIST, drawn digits) can fail it."""

from __future__ import annotations

import pytest

from benchmarks import best_preset as b
from benchmarks.common import Options


def fake_run(seconds: float, accuracy: float) -> dict:
    return {"seconds": seconds, "accuracy": accuracy, "saved": True, "exit": 0, "error": ""} | {
        "load": "1.00 -> 1.00"
    }


@pytest.mark.parametrize(
    ("best_seconds", "mnist", "drawn", "met"),
    [(55.0, 0.9952, 0.995, True), (66.0, 0.9952, 0.995, False), (55.0, 0.9949, 0.995, False)]
    + [(55.0, 0.9952, 0.992, False)],
)
def test_best_runs_between_two_public_commands(
    monkeypatch, tmp_path, best_seconds, mnist, drawn, met
):
    calls = []

    def timed(words, env, output):
        calls.append(words[0])
        if words[0] == "mnist-desk":
            assert words[1:4] == ["train", "--preset", "best"]
            return fake_run(best_seconds, mnist)
        return fake_run(10.0 + 4 * (len(calls) > 1), 0.991)  # 10 s, then 14 s: mean 12 s

    monkeypatch.setattr(b, "timed", timed)
    seen = {"capability": "AVX2", "native_bf16": False, "precision": "float32"}
    monkeypatch.setattr(b, "probe", lambda env: seen)
    monkeypatch.setattr(b, "drawn_accuracy", lambda model: drawn)
    monkeypatch.setattr(b, "KINDS", {"AVX2 (simulated)": {"ATEN_CPU_CAPABILITY": "avx2"}})
    [line] = b.run(Options(data_dir=tmp_path, threads=2))
    assert calls == ["python", "mnist-desk", "python"]
    assert f"{best_seconds / 12.0:.1f}x" in line.measured
    assert line.met is met


def test_each_cpu_kind_is_measured_unless_its_simulation_did_not_take_effect(monkeypatch, tmp_path):
    native = {"capability": "AVX512", "native_bf16": True, "precision": "bfloat16"}
    monkeypatch.setattr(b, "probe", lambda env: native)  # the AVX2 simulation did not take
    monkeypatch.setattr(b, "timed", lambda words, env, output: fake_run(50.0, 0.9955))
    monkeypatch.setattr(b, "drawn_accuracy", lambda model: 0.995)
    lines = b.run(Options(data_dir=tmp_path, threads=2))
    assert len(lines) == 2 and lines[0].met is True
    assert lines[1].measured.startswith("not measured") and lines[1].met is None
