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


def test_a_model_name_opens_that_model(make_window):
    """``MainWindow(model=NAME)`` resolves the name as ``predict --model`` does (it used to
    open the default convnet without a word)."""
    window = make_window(model="classifier-vit")
    assert window.predictor.describe()["arch"] == "vit"
    assert window.predictor.checkpoint.path.name == "classifier-vit.pt"


def test_an_unknown_model_name_is_an_error_not_a_silent_fallback(make_window, qtbot, message_boxes):
    window = make_window(model="nosuch")
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=LOAD_TIMEOUT_MS)
    (box,) = message_boxes()
    assert "no model named 'nosuch'" in box.text() and "classifier-vit" in box.text()
    assert window.predictor.describe()["arch"] == "convnet"  # the default, said out loud


def test_gui_model_resolves_the_name_before_the_window_opens(monkeypatch, make_window, capsys):
    from mnist_desk.cli.main import main
    from mnist_desk.ui.shell import app

    opened = []

    def run_gui(args):  # the window as run_gui makes it, without its event loop
        opened.append(make_window(model=args.model))
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    assert main(["gui", "--model", "classifier-vit"]) == 0
    assert opened[0].predictor.describe()["arch"] == "vit"
    assert main(["gui", "--model", "nosuch"]) == 1
    assert len(opened) == 1  # no window for an unknown name
    error = capsys.readouterr().err
    assert "no model named 'nosuch'" in error and "classifier-vit" in error
    assert main(["gui", "--model", "gone.pt"]) == 1
    assert "gone.pt: no such checkpoint file" in capsys.readouterr().err


def test_a_model_file_that_cannot_be_read_is_said_in_a_dialog(
    make_window, qtbot, message_boxes, convnet_path, tmp_path
):
    """``gui --model broken.pt``: the file exists but is no checkpoint. The window says so and
    that another model is used (it was a status-bar line that the default's "ready" replaced)."""
    broken = tmp_path / "broken.pt"
    broken.write_bytes(convnet_path.read_bytes()[:5000])  # a download cut short
    window = make_window(model=str(broken))
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=LOAD_TIMEOUT_MS)
    (box,) = message_boxes()
    assert "broken.pt" in box.text() and "Another model is used instead." in box.text()
    assert "was cut short" in box.text() and "miniz" not in box.text()
    qtbot.waitUntil(lambda: window.predictor is not None, timeout=LOAD_TIMEOUT_MS)
    assert window.predictor.describe()["arch"] == "convnet"
