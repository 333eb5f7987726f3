"""Benchmark row 1w's bookkeeping, with its whole commands replaced by stand-ins (no training):
the CPU kinds interleave seed by seed, the ratio is of medians, and a simulation of a CPU without
native bf16 that did not take effect is reported, never measured."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from benchmarks import whole_commands as w
from benchmarks.common import Options


def _fake_run(seconds: float, accuracy: float = 0.991) -> dict:
    return {"seconds": seconds, "accuracy": accuracy, "saved": True, "exit": 0, "error": ""} | {
        "load": "1.00 -> 1.00"
    }


def test_kinds_interleave_and_the_ratio_is_of_medians(monkeypatch, tmp_path):
    calls = []

    def timed(words, env, output):
        calls.append((words[0], env.get("ATEN_CPU_CAPABILITY", "")))
        project = words[0] == "mnist-desk"
        return _fake_run((6.0 if project else 10.0) + len(calls) / 100)

    seen = {"capability": "AVX2", "native_bf16": False, "precision": "float32"}
    monkeypatch.setattr(w, "timed", timed)
    monkeypatch.setattr(w, "probe", lambda env: seen)
    lines = w.measure(Options(data_dir=tmp_path, threads=2), tmp_path)
    assert [c[1] for c in calls[:4]] == ["", "", "avx2", "avx2"]
    assert [c[0] for c in calls[:2]] == ["mnist-desk", "python"] and len(calls) == 12
    assert len(lines) == 2 and all(line.met for line in lines)
    assert "0.6" in lines[0].measured and "3/3 project seeds" in lines[0].measured


def test_a_simulation_that_did_not_take_effect_is_not_measured(monkeypatch, tmp_path):
    native = {"capability": "AVX512", "native_bf16": True, "precision": "bfloat16"}
    monkeypatch.setattr(w, "probe", lambda env: native)
    monkeypatch.setattr(w, "timed", lambda words, env, output: _fake_run(5.0, 0.98))
    lines = w.measure(Options(data_dir=tmp_path, threads=2), tmp_path)
    assert lines[0].measured.startswith("not measured: the simulation did not take effect")
    assert lines[1].met is False  # every project seed under 99.0%


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="AVX2 is x86's")
def test_the_simulated_cpu_is_what_a_child_process_sees():
    seen = w.probe({**w.child_env(Options(data_dir=Path("."))), **w.WITHOUT_BF16})
    assert seen["capability"] == "AVX2" and not seen["native_bf16"]
    assert seen["precision"] == "float32"
