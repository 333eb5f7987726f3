"""RESULTS.md keeps every row's latest full run: re-measuring one row leaves the others."""

from benchmarks import results
from benchmarks.common import Line


def _run(date: str) -> dict:
    machine = {
        "date": date,
        "cpu": "cpu",
        "cores": "2",
        "gpu": "none",
        "torch": "t",
        "torch threads": "2",
    }
    return {
        "machine": machine,
        "command": "python -m benchmarks",
        "load": "0.1 / 0.2",
        "wall_s": 60.0,
    }


def test_rerunning_one_row_keeps_the_others(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
    monkeypatch.setattr(results, "RESULTS_MD", tmp_path / "RESULTS.md")
    results.save_row("1", "first", [Line("1", "speed", "10 s")], _run("day 1"))
    results.save_row("10", "tenth", [Line("10", "drawn", "97%")], _run("day 1"))
    results.save_row("2", "second", [Line("2", "adders", "old")], _run("day 1"))
    results.save_row(
        "2", "second", [Line("2", "adders", "new", goal="g", met=False)], _run("day 2")
    )

    text = results.write_results_md().read_text()

    assert "| 1 | speed | 10 s |" in text
    assert "| 2 | adders | new | g | **no** |" in text
    assert "| old |" not in text
    assert "day 2" in text and "day 1" in text
    # Rows sort as numbers: 1, 2, 10.
    assert text.index("| 1 | speed") < text.index("| 2 | adders") < text.index("| 10 | drawn")
    assert not list((tmp_path / "results").glob("*.tmp"))


def test_each_row_says_which_cpu_capability_it_was_measured_with(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
    monkeypatch.setattr(results, "RESULTS_MD", tmp_path / "RESULTS.md")
    avx2 = _run("day 3")
    avx2["machine"].update({"cpu capability": "AVX2", "native bf16": "no"})
    results.save_row("3", "latency", [Line("3", "p95", "2 ms")], avx2)
    results.save_row("4", "startup", [Line("4", "window", "0.3 s")], _run("day 1"))

    text = results.write_results_md().read_text()

    assert "day 3; cpu (AVX2, native bf16 no), 2 cores" in text
    # A row measured before the capability was recorded says so rather than guess it.
    assert "day 1; cpu (capability not recorded), 2 cores" in text


def test_the_machine_record_holds_the_cpu_capability():
    import torch

    from benchmarks.common import machine_info

    machine = machine_info(1)

    assert machine["cpu capability"] == torch.backends.cpu.get_cpu_capability()
    assert machine["native bf16"] in ("yes", "no")


def test_a_row_timed_on_its_own_thread_count_records_that_count(tmp_path, monkeypatch):
    """Row 3 times every line on one torch thread, as the window reads: its record says 1,
    not the --threads the run was given."""
    import sys
    import types

    import benchmarks.__main__ as bench

    (tmp_path / "MNIST" / "raw").mkdir(parents=True)
    own = types.ModuleType("own_threads_row")
    own.TORCH_THREADS = 1
    own.run = lambda opts: [Line("9", "p95", "1 ms")]
    plain = types.ModuleType("plain_row")
    plain.run = lambda opts: [Line("8", "p95", "2 ms")]
    monkeypatch.setitem(sys.modules, "own_threads_row", own)
    monkeypatch.setitem(sys.modules, "plain_row", plain)
    monkeypatch.setattr(
        bench, "ROWS", {"9": ("own", "own_threads_row"), "8": ("plain", "plain_row")}
    )
    saved = {}
    monkeypatch.setattr(bench, "save_row", lambda row, title, lines, run: saved.update({row: run}))
    monkeypatch.setattr(bench, "write_results_md", lambda: tmp_path / "RESULTS.md")
    monkeypatch.setattr(bench, "set_threads", lambda threads: None)

    assert bench.main(["--rows", "9,8", "--threads", "2", "--data-dir", str(tmp_path)]) == 0

    assert saved["9"]["machine"]["torch threads"] == "1"
    assert saved["8"]["machine"]["torch threads"] == "2"


def test_the_runs_table_counts_threads_in_words(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "RESULTS_DIR", tmp_path / "results")
    monkeypatch.setattr(results, "RESULTS_MD", tmp_path / "RESULTS.md")
    one = _run("day 1")
    one["machine"]["torch threads"] = "1"
    results.save_row("3", "latency", [Line("3", "p95", "2 ms")], one)
    results.save_row("4", "startup", [Line("4", "window", "0.3 s")], _run("day 1"))

    text = results.write_results_md().read_text()

    assert "torch t, 1 torch thread |" in text
    assert "torch t, 2 torch threads |" in text
