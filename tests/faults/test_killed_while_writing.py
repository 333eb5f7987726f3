"""SIGKILL in the middle of saving a checkpoint: the previous file survives whole, and the temp
file the killed write left is removed on the next start."""

from __future__ import annotations

from mnist_desk.store.catalog import list_models
from mnist_desk.store.checkpoints import load_checkpoint, metrics_path
from tests.faults.helpers import kill_mid_write, temp_files


def test_a_checkpoint_killed_mid_write_leaves_the_previous_one_intact(good_checkpoint, tmp_path):
    before = good_checkpoint.read_bytes()
    kill_mid_write(
        f"""
        from mnist_desk.store.checkpoints import load_checkpoint, save_checkpoint
        old = load_checkpoint({str(good_checkpoint)!r})
        model = old.build()
        for p in model.parameters():
            p.data.mul_(0)  # different weights: a half-written file would not match the old one
        save_checkpoint({str(good_checkpoint)!r}, model, old.meta)
        """,
        tmp_path,
    )
    assert good_checkpoint.read_bytes() == before  # 0 bytes lost or changed
    assert load_checkpoint(good_checkpoint).build() is not None
    folder = good_checkpoint.parent
    assert temp_files(folder), "the kill did not happen mid-write"

    entries = [e for e in list_models(folder) if not e.shipped]  # what the app does at start
    assert temp_files(folder) == []
    assert [(e.name, e.readable) for e in entries] == [("mine", True)]


def test_a_metrics_file_killed_mid_write_leaves_the_previous_one_intact(good_checkpoint, tmp_path):
    metrics = metrics_path(good_checkpoint)
    metrics.write_text('{"task": "classifier", "arch": "lenet5", "metrics": {}}\n')
    before = metrics.read_bytes()
    kill_mid_write(
        f"""
        from mnist_desk.support.fileio import atomic_write_json
        atomic_write_json({str(metrics)!r}, {{"task": "classifier", "arch": "lenet5", "x": "y" * 10000}})
        """,
        tmp_path,
    )
    assert metrics.read_bytes() == before
    assert temp_files(good_checkpoint.parent)
    list_models(good_checkpoint.parent)
    assert temp_files(good_checkpoint.parent) == []


def test_a_write_in_progress_in_a_live_process_is_not_cleaned_away(good_checkpoint):
    from mnist_desk.support.fileio import remove_stale_temp_files, temp_prefix

    live = good_checkpoint.parent / f"{temp_prefix(good_checkpoint)}abcd1234.tmp"
    live.write_bytes(b"half")
    assert remove_stale_temp_files(good_checkpoint.parent) == []
    assert live.exists()
