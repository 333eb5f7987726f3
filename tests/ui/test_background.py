"""The one background-work adapter: events arrive in order in the GUI thread, errors become
messages, controls pass through, and no QObject or running QThread is destroyed off the GUI
thread, over many jobs."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt, QThread

from mnist_desk.errors import UserError
from mnist_desk.ui.background import BackgroundJob, live_jobs, wait_for_background_jobs


def collect(job: BackgroundJob) -> list[tuple[str, object]]:
    """Every signal the job emits, in order, with the thread it was delivered in."""
    seen: list[tuple[str, object]] = []
    gui = QThread.currentThread()

    def note(kind):
        def slot(value=None):
            assert QThread.currentThread() is gui  # queued to the GUI thread, never direct
            seen.append((kind, value))

        return slot

    job.event.connect(note("event"))
    job.finished.connect(note("finished"))
    job.failed.connect(note("failed"))
    job.ended.connect(note("ended"))
    return seen


def test_events_then_the_result_then_ended_all_in_the_gui_thread(qtbot):
    work_threads = []

    def work(emit):
        work_threads.append(threading.get_ident())
        for i in range(5):
            emit(i)
        emit(None)  # None travels too
        return None

    job = BackgroundJob(work, name="counting")
    seen = collect(job)
    with qtbot.waitSignal(job.ended, timeout=10_000):
        job.start()
    assert seen == [("event", i) for i in range(5)] + [
        ("event", None),
        ("finished", None),
        ("ended", job),
    ]
    assert work_threads and work_threads[0] != threading.get_ident()
    assert job not in live_jobs() and not job.running


def test_a_user_error_keeps_its_message_and_a_bug_is_logged(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_LOG_DIR", str(tmp_path))

    def user_error(emit):
        raise UserError("MNIST was not found in /nowhere")

    def bug(emit):
        raise ZeroDivisionError("oops")

    errors = []
    for work in (user_error, bug):
        job = BackgroundJob(work, name="loading MNIST")
        job.failed.connect(errors.append)
        with qtbot.waitSignal(job.ended, timeout=10_000):
            job.start()
    assert errors[0].message == "MNIST was not found in /nowhere" and errors[0].user_error
    assert not errors[1].user_error and errors[1].error_type == "ZeroDivisionError"
    assert "loading MNIST" in errors[1].message or "log" in errors[1].message.lower()


class Controls:
    """Thread-safe controls, as the Trainer's: the work waits while paused, stops when told."""

    def __init__(self):
        self.cancelled = threading.Event()
        self.running = threading.Event()
        self.unpaused = threading.Event()
        self.unpaused.set()
        self.cancel_options = {}

    @property
    def paused(self) -> bool:
        return not self.unpaused.is_set()

    def pause(self):
        self.unpaused.clear()

    def resume(self):
        self.unpaused.set()

    def cancel(self, **options):
        self.cancel_options = options
        self.cancelled.set()
        self.unpaused.set()

    def work(self, emit):
        steps = 0
        self.running.set()
        while not self.cancelled.wait(0.005):
            self.unpaused.wait()
            steps += 1
        return steps


def test_pause_resume_and_cancel_reach_the_work(qtbot):
    controls = Controls()
    job = BackgroundJob(controls.work, name="steps", controls=controls)
    results = []
    job.finished.connect(results.append)
    job.start()
    assert controls.running.wait(10)
    job.pause()
    assert job.paused
    job.resume()
    assert not job.paused
    with qtbot.waitSignal(job.ended, timeout=10_000):
        job.cancel(keep=False)
    assert controls.cancel_options == {"keep": False} and results and results[0] >= 0


def test_stop_now_waits_and_reports_nothing_more(qtbot):
    controls = Controls()
    job = BackgroundJob(controls.work, name="steps", controls=controls)
    seen = collect(job)
    job.start()
    assert controls.running.wait(10)
    assert job.stop_now(5000, keep=False)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == "ended", timeout=5000)
    assert [kind for kind, _ in seen] == ["ended"]  # the result was discarded


def test_a_view_closed_mid_job_takes_nothing_down(qtbot):
    """The widget that started a job is destroyed while the work still runs: the job lives on,
    unparented, ends normally, and exit waits for it."""
    from PySide6.QtWidgets import QLabel

    release = threading.Event()

    class View(QLabel):
        def start(self):
            self.job = BackgroundJob(lambda emit: release.wait(10) and "done", name="slow load")
            self.job.finished.connect(self.setText)
            self.job.start()

    view = View()
    view.start()
    job = view.job
    view.deleteLater()
    del view
    qtbot.wait(20)  # the view is gone, the thread runs on
    assert job in live_jobs() and job.running and job.parent() is None
    release.set()
    assert wait_for_background_jobs(10_000)
    qtbot.waitUntil(lambda: job not in live_jobs(), timeout=5000)


def test_many_jobs_leave_no_thread_and_no_worker_in_a_worker_thread(qtbot, gui_thread_gc):
    gui = QCoreApplication.instance().thread()
    threads_before = threading.active_count()
    workers_thread, at_done = [], []
    for i in range(30):
        job = BackgroundJob(lambda emit, i=i: [i] * 1000, name=f"job {i}")
        worker = job.worker
        # Both run where they are emitted: "done" in the worker thread, "destroyed" wherever
        # the worker is deleted.
        worker.done.connect(lambda w=worker: at_done.append(w.thread()), Qt.DirectConnection)
        worker.destroyed.connect(lambda *_: workers_thread.append(QThread.currentThread()))
        with qtbot.waitSignal(job.ended, timeout=10_000):
            job.start()
        del worker
    assert len(at_done) == 30 and all(t is gui for t in at_done)  # moved back before done
    qtbot.wait(50)  # deferred deletions run in the GUI thread
    assert workers_thread and all(t is gui for t in workers_thread)
    assert not live_jobs()
    assert threading.active_count() <= threads_before
