"""The window's model loads run as background jobs, one at a time: switching while a load is
under way keeps the newest pick, and closing mid-load leaves no thread running (several windows)."""

from __future__ import annotations

from mnist_desk.ui.background import live_jobs

LOAD_TIMEOUT_MS = 60_000


def test_picks_made_while_loading_end_on_the_newest(window, qtbot, tmp_path):
    import shutil

    from mnist_desk.store.checkpoints import metrics_path

    first = window.predictor.checkpoint.path
    copies = []
    for name in ("classifier-convnet-a.pt", "classifier-convnet-b.pt"):
        copy = tmp_path / name
        shutil.copy(first, copy)
        shutil.copy(metrics_path(first), metrics_path(copy))
        copies.append(copy)
    window.use_model(copies[0])
    window.use_model(copies[1])  # before the first has loaded: it supersedes it
    worker = window.models._worker
    assert worker.busy
    qtbot.waitUntil(lambda: not window.loading and not worker.busy, timeout=LOAD_TIMEOUT_MS)
    assert window.predictor.checkpoint.path == copies[1]
    assert window.picker.current_checkpoint() == str(copies[1])


def test_closing_while_a_model_loads_leaves_no_thread_running(make_window, qtbot, convnet_path):
    for _ in range(3):
        window = make_window()
        worker = window.models._worker
        window.use_model(convnet_path.with_name("classifier-lenet5.pt"))
        job = worker.job  # started; its thread may already have finished, its end not yet seen
        assert window.loading and job is not None
        window.close()  # waits for the load under way; the session loads no more
        assert not job.running and not worker._queue
        window.use_model(convnet_path)  # after closing: refused, nothing starts
        assert worker.job is job and not worker._queue
    qtbot.waitUntil(lambda: not live_jobs(), timeout=LOAD_TIMEOUT_MS)
