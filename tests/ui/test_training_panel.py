"""The Train tab end to end on tiny MNIST subsets: runs, controls, faults, closing, comparing."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from mnist_desk.store import catalog
from mnist_desk.training import Trainer, TrainingSettings
from mnist_desk.ui.i18n import text_of
from mnist_desk.ui.train.comparison_view import adder_verdict
from mnist_desk.ui.train.training_panel import TrainingPanel
from tests.support import open_panel, press, shared_data_dir, start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000  # generous: the test machine may be busy with other work


def tiny(**changes) -> TrainingSettings:
    return tiny_settings(**{"max_steps": 45, **changes})


def wait_until_idle(qtbot, panel, timeout=RUN_TIMEOUT_MS):
    qtbot.waitUntil(lambda: not panel.is_running, timeout=timeout)


def python_threads() -> int:
    """Live Python threads, less the placeholder Python keeps for the last QThread it ran in."""
    return sum(not isinstance(t, threading._DummyThread) for t in threading.enumerate())


def qthreads_finished(panel) -> bool:
    """No thread of the panel's is running: its runs are BackgroundJobs, which are never its
    children (ui.background keeps them until their thread ends), so none may be live."""
    from mnist_desk.ui.background import live_jobs

    return not live_jobs() and all(t.isFinished() for t in panel.findChildren(QThread))


def test_a_short_run_draws_curves_saves_a_model_and_exports(panel, models_dir, qtbot, tmp_path):
    saved, used, status = [], [], []
    panel.modelSaved.connect(saved.append)
    panel.useModelRequested.connect(used.append)
    panel.statusMessage.connect(lambda m: status.append(text_of(m)))

    assert start_by_button(qtbot, panel, tiny())
    assert panel.is_running and not panel.run_controls.start_button.isEnabled()
    wait_until_idle(qtbot, panel)

    series = panel.plots.runs[-1]
    # The data handed to the curves (getData() is what is on screen: clipped to the view).
    x, y = series.curves["train_loss"].getOriginalDataset()
    assert len(x) == 45 and x[-1] == 45
    assert len(series.curves["val_error"].getOriginalDataset()[0]) >= 3
    assert panel.run_controls.progress.value() == panel.run_controls.progress.maximum() == 45
    assert "45/45" in panel.run_controls.progress.format()

    checkpoint = Path(panel.last_outcome.result.checkpoint)
    assert checkpoint.parent == models_dir and checkpoint.name.startswith("classifier-mlp-")
    assert checkpoint.with_suffix(".json").is_file()
    assert checkpoint in [entry.path for entry in catalog.list_models()]
    assert saved == [str(checkpoint)]
    assert any("test accuracy" in message for message in status)

    # The results view: accuracy, confusion heatmap, per-class table, worst mistakes.
    assert "Test accuracy" in panel.results.summary.text()
    assert panel.results.confusion.image.image.shape == (10, 10)
    assert panel.results.per_class.rowCount() == 10
    assert panel.results.mistakes.count() > 0
    panel.results.use_button.click()
    assert used == [str(checkpoint)]

    # Views: wall-clock x axis and log scale redraw the same curves.
    panel.plots.set_x_axis("time")
    assert list(series.curves["train_loss"].getOriginalDataset()[0]) == series.train_time
    panel.plots.set_log_scale(True)
    assert panel.plots.readout_text(10.0).startswith("t = 10.0 s")

    # Exports: PNG, CSV, JSON.
    panel.choose_save_path = lambda *args: str(tmp_path / "curves.png")
    panel.export_png_button.click()
    assert (tmp_path / "curves.png").read_bytes()[:4] == b"\x89PNG"
    rows = panel.results.export_history_csv(tmp_path / "h.csv").read_text().splitlines()
    assert rows[0] == "split,step,epoch,time,loss,error"
    assert sum(row.startswith("train,") for row in rows) == 45
    report = json.loads(panel.results.export_report_json(tmp_path / "r.json").read_text())
    assert report["settings"]["arch"] == "mlp" and 0 < report["test"]["accuracy"] <= 1


def test_pause_resume_and_stop_keep_the_best_model(panel, qtbot):
    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 3, timeout=RUN_TIMEOUT_MS)
    press(qtbot, panel.run_controls.pause_button)
    assert panel.run_controls.pause_button.text() == "Resume"
    qtbot.wait(300)  # the step under way finishes and its report arrives
    paused_at = panel.run_controls.progress.value()
    qtbot.wait(400)
    assert panel.run_controls.progress.value() == paused_at
    press(qtbot, panel.run_controls.pause_button)
    assert panel.run_controls.pause_button.text() == "Pause"
    qtbot.waitUntil(
        lambda: panel.run_controls.progress.value() > paused_at + 2, timeout=RUN_TIMEOUT_MS
    )
    press(qtbot, panel.run_controls.stop_button)
    wait_until_idle(qtbot, panel)
    result = panel.last_outcome.result
    assert result.status == "stopped"
    assert result.checkpoint and Path(result.checkpoint).is_file()
    assert (
        panel.run_controls.start_button.isEnabled()
        and not panel.run_controls.stop_button.isEnabled()
    )
    qtbot.wait(20)
    qtbot.waitUntil(lambda: qthreads_finished(panel), timeout=10_000)


def test_clear_during_a_run_keeps_the_curves_of_the_run_in_progress(panel, qtbot):
    """Clear removed every run's curves, the live one's too: the Curves tab stayed empty for the
    rest of the run. It keeps the run in progress and removes the others."""
    assert start_by_button(qtbot, panel, tiny(max_steps=20))
    wait_until_idle(qtbot, panel)
    plots = panel.plots
    panel.views.setCurrentIndex(0)  # back to the curves from the results the run ended on
    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(
        lambda: len(plots.runs) == 2 and len(plots.runs[1].train_step) >= 2,
        timeout=RUN_TIMEOUT_MS,
    )
    live = plots.runs[1]
    press(qtbot, plots.clear_button)
    assert plots.runs == [live] and len(plots.legend.items) == 3  # the key and the live run

    def drawn() -> int:
        x, _ = live.curves["train_loss"].getData()
        return 0 if x is None else len(x)

    before = drawn()
    qtbot.waitUntil(lambda: drawn() > before + 2, timeout=RUN_TIMEOUT_MS)
    press(qtbot, panel.run_controls.stop_button)
    wait_until_idle(qtbot, panel)
    press(qtbot, plots.clear_button)  # once it has ended, Clear removes it too
    assert plots.runs == [] and not plots.legend.isVisible()


class Host(QMainWindow):
    """Stands in for the main window: asks the panel before closing."""

    def __init__(self, panel):
        super().__init__()
        self.panel = panel
        self.setCentralWidget(panel)

    def closeEvent(self, event):
        if self.panel.request_close():
            event.accept()
        else:
            event.ignore()


def test_closing_the_window_mid_run_stops_the_thread_cleanly(
    qtbot, qtlog, data_dir, models_dir, monkeypatch
):
    threads_before = python_threads()
    panel = TrainingPanel(data_dir=data_dir)
    host = Host(panel)
    host.show()
    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)

    answers = []
    monkeypatch.setattr(panel, "confirm_stop", lambda: answers.append("asked") or False)
    assert not host.close()  # the user said no: still open, still training
    assert answers == ["asked"] and panel.is_running

    monkeypatch.setattr(panel, "confirm_stop", lambda: True)
    started = time.monotonic()
    assert host.close()
    assert time.monotonic() - started < 2.0
    assert not panel.is_running
    assert not list(models_dir.glob("*.pt"))  # a run stopped by closing is not saved

    host.deleteLater()  # destroys the panel and its QThread objects
    qtbot.wait(100)
    assert python_threads() <= threads_before
    problems = [
        r.message for r in qtlog.records if "QThread" in r.message or "Destroyed" in r.message
    ]
    assert problems == []


def test_a_diverging_run_stops_with_a_message(panel, qtbot):
    status = []
    panel.statusMessage.connect(lambda m: status.append(text_of(m)))
    assert start_by_button(qtbot, panel, tiny(optimizer="sgd", lr=1e6, max_steps=200))
    wait_until_idle(qtbot, panel)
    assert panel.run_controls.banner.isVisible()
    assert (
        "diverged" in panel.run_controls.banner.text()
        and "lower learning rate" in panel.run_controls.banner.text()
    )
    assert any("diverged" in message for message in status)
    assert panel.run_controls.phase_label.text() == "Failed"


@pytest.mark.parametrize(
    ("data", "settings", "expected"),
    [
        ("missing", tiny(), "MNIST was not found"),
        ("real", tiny(device="cuda:7"), "cuda"),
    ],
)
def test_faults_show_what_to_do(qtbot, data_dir, models_dir, tmp_path, data, settings, expected):
    panel = TrainingPanel(data_dir=tmp_path / "nowhere" if data == "missing" else data_dir)
    qtbot.addWidget(panel)
    panel.show()
    # Settings a person cannot pick in the form (a CUDA device that is not there): started as
    # My digits and Compare adders start theirs.
    assert panel.start(settings)
    wait_until_idle(qtbot, panel)
    assert (
        panel.run_controls.banner.isVisible()
        and expected.lower() in panel.run_controls.banner.text().lower()
    )


def test_a_run_that_fails_before_its_first_step_leaves_no_legend_entry(qtbot, models_dir, tmp_path):
    """A run that failed before it drew anything (no MNIST in the data folder) left its name in
    the curves' legend with no curve beside it; the banner says what went wrong, the legend
    names only runs that drew something."""
    panel = open_panel(qtbot, data_dir=tmp_path / "nowhere")
    assert start_by_button(qtbot, panel, tiny())
    wait_until_idle(qtbot, panel)
    assert "MNIST was not found" in panel.run_controls.banner.text()
    assert panel.plots.legend.items == [] and not panel.plots.legend.isVisible()
    assert panel.plots.runs == []
    assert panel.shutdown()


def test_the_missing_mnist_banner_is_worded_in_the_language_in_effect(qtbot, models_dir, tmp_path):
    """The banner of a run refused for a missing MNIST (the core's own message) stayed in
    English in a Chinese window; it is worded in Chinese, and again after a switch back."""
    from mnist_desk.ui import i18n

    panel = open_panel(qtbot, data_dir=tmp_path / "nowhere")
    banner = panel.run_controls.banner
    try:
        i18n.apply_language("zh_CN")
        assert start_by_button(qtbot, panel, tiny())
        wait_until_idle(qtbot, panel)
        raw = tmp_path / "nowhere" / "MNIST" / "raw"
        assert banner.text().startswith(f"在 {raw} 中找不到 MNIST（")
        assert "（窗口中：文件 > MNIST 数据文件夹…）" in banner.text()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: banner.text().startswith(f"MNIST was not found in {raw} ("))
    assert panel.shutdown()


def test_a_refused_start_says_why_in_the_language_in_effect(qtbot, tmp_path):
    """A start refused for a models folder it cannot write said the core's reason in English
    after "无法开始：" in a Chinese window; the reason is worded in Chinese too."""
    from mnist_desk.ui import i18n

    blocker = tmp_path / "models"
    blocker.write_text("a file where the models folder should be")
    panel = open_panel(qtbot, data_dir=shared_data_dir(), models_dir=blocker)
    banner = panel.run_controls.banner
    try:
        i18n.apply_language("zh_CN")
        assert not start_by_button(qtbot, panel, tiny())
        assert banner.text().startswith(f"无法开始：无法在 {blocker} 中写入训练好的模型：")
        assert "请移走该文件，或选择其他模型文件夹" in banner.text()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(
        lambda: banner.text().startswith(
            f"Cannot start: cannot write the trained model in {blocker}: "
        )
    )
    assert blocker.read_text() == "a file where the models folder should be"
    assert panel.shutdown()


def test_out_of_memory_suggests_a_smaller_batch(panel, qtbot, monkeypatch):
    def out_of_memory(self):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(Trainer, "_run", out_of_memory)
    assert start_by_button(qtbot, panel, tiny())
    wait_until_idle(qtbot, panel)
    assert "smaller batch" in panel.run_controls.banner.text()


def test_start_and_stop_twenty_times(panel, qtbot):
    threads_before = python_threads()
    for i in range(20):
        assert start_by_button(qtbot, panel, tiny(max_steps=5000))
        if i % 5 == 0:  # now and then stop mid-run, otherwise at once
            qtbot.waitUntil(
                lambda: panel.run_controls.progress.value() >= 1, timeout=RUN_TIMEOUT_MS
            )
        press(qtbot, panel.run_controls.stop_button)
        wait_until_idle(qtbot, panel)
    qtbot.wait(50)  # let deferred deletions run
    qtbot.waitUntil(lambda: qthreads_finished(panel), timeout=10_000)
    assert len(panel.findChildren(QThread)) <= 1
    assert python_threads() <= threads_before
    assert len(panel.plots.runs) <= panel.plots.max_runs


def test_the_event_loop_keeps_ticking_while_training(panel, qtbot):
    gaps, last = [], [time.monotonic()]

    def tick():
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    # What this machine's load alone does to a 10 ms timer, so a busy machine is not blamed on us.
    last[0] = time.monotonic()
    timer.start()
    qtbot.wait(1000)
    timer.stop()
    idle_worst = max(gaps, default=0.0)
    bound = max(0.5, 3 * idle_worst)
    gaps.clear()

    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 1, timeout=RUN_TIMEOUT_MS)
    first_step = panel.run_controls.progress.value()
    last[0] = time.monotonic()
    timer.start()  # from here on the worker trains and the plots redraw
    qtbot.waitUntil(
        lambda: len(gaps) >= 30 and panel.run_controls.progress.value() >= first_step + 10,
        timeout=RUN_TIMEOUT_MS,
    )
    timer.stop()
    assert panel.is_running
    assert panel.shutdown()
    assert len(gaps) > 10
    assert max(gaps) < bound, f"the GUI froze for {max(gaps):.2f} s (idle worst {idle_worst:.2f} s)"


def test_compare_adders_draws_both_and_states_a_winner(
    panel, qtbot, models_dir, data_dir, monkeypatch
):
    classifier = models_dir / "classifier-mlp-test.pt"
    Trainer(tiny(max_steps=40), data_dir=data_dir, output=classifier).run()
    panel.refresh_classifiers()
    qtbot.waitUntil(lambda: panel.form.init_box.findData(str(classifier)) >= 0, timeout=30_000)

    # The button's budget, made tiny: 8 steps each instead of a minute's worth.
    budget = tiny(max_steps=8, batch_size=32, val_subset=200, test_subset=200)
    budget = replace(budget, init_from=str(classifier))
    monkeypatch.setattr("mnist_desk.app.training_session.default_budget", lambda form: budget)
    press(qtbot, panel.run_controls.compare_button)
    assert panel.is_running and panel.session.comparing == "adders"
    qtbot.waitUntil(
        lambda: not panel.session.comparing and not panel.is_running, timeout=2 * RUN_TIMEOUT_MS
    )
    names = list(panel.comparison_view.plots.series)
    assert names == ["Transfer adder (mlp)", "Scratch adder"]
    for series in panel.comparison_view.plots.series.values():
        steps, errors = series.curves["by_step"].getData()
        assert len(steps) >= 2 and steps[-1] == 8
        assert len(series.curves["by_time"].getData()[0]) == len(steps)
    legend = [label.text for _, label in panel.comparison_view.plots.legend.items]
    assert legend == names
    verdict = panel.comparison_view.verdict.text()
    assert ("wins" in verdict or "tie" in verdict) and "8 steps each" in verdict
    tasks = {json.loads(p.read_text())["task"] for p in models_dir.glob("*.json")}
    assert {"transfer", "scratch"} <= tasks


def test_stop_during_compare_adders_says_it_stopped(
    panel, qtbot, models_dir, data_dir, monkeypatch
):
    """After Stop the status bar said "Adder comparison finished"; it says it stopped."""
    classifier = models_dir / "classifier-mlp-test.pt"
    Trainer(tiny(max_steps=10), data_dir=data_dir, output=classifier).run()
    panel.refresh_classifiers()
    qtbot.waitUntil(lambda: panel.form.init_box.findData(str(classifier)) >= 0, timeout=30_000)
    budget = replace(tiny(max_steps=5000, test_subset=200), init_from=str(classifier))
    monkeypatch.setattr("mnist_desk.app.training_session.default_budget", lambda form: budget)
    status = []
    panel.statusMessage.connect(
        lambda m: status.append(text_of(m))
    )  # what the window's status bar shows
    press(qtbot, panel.run_controls.compare_button)
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
    press(qtbot, panel.run_controls.stop_button)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert status[-1] == "Adder comparison stopped"


def test_the_verdict_names_the_winner_and_the_margin():
    from mnist_desk.training import TrainingResult

    def result(accuracy, val_error):
        return TrainingResult(
            "completed",
            "",
            {},
            10,
            5.0,
            val_error,
            {"accuracy": accuracy},
            None,
            {"train": [], "val": [{"error": val_error}]},
        )

    verdict = adder_verdict(result(0.96, 0.05), result(0.70, 0.31), 1000)
    assert "transfer adder wins" in verdict
    assert "4.0% vs 30.0%" in verdict and "26.0 points" in verdict
    assert "No verdict" in adder_verdict(result(0.9, 0.1), None, 10)
    # a close win read "1.0× fewer mistakes", as if the winner made no fewer
    close = adder_verdict(result(0.9912, 0.01), result(0.9908, 0.01), 1000)
    assert "4.3% fewer mistakes" in close and "1.0×" not in close


def test_the_teacher_picker_shows_for_distilled_transformers_only(panel):
    assert panel.form.teacher_box.isHidden()  # the default classifier learns from labels alone
    panel.form.arch_box.setCurrentIndex(panel.form.arch_box.findData("deit"))
    assert not panel.form.teacher_box.isHidden() and not panel.form.teacher_label.isHidden()
    default_teacher = str(catalog.default_classifier_path())
    assert panel.form.teacher_box.currentData() == default_teacher
    settings = panel.settings_from_form()
    assert (settings.arch, settings.distill, settings.teacher) == ("deit", "hard", default_teacher)

    lenet = panel.form.teacher_box.findText("LeNet", flags=Qt.MatchFlag.MatchContains)
    assert lenet >= 0, "every trained classifier can teach"
    panel.form.teacher_box.setCurrentIndex(lenet)
    panel.form.arch_box.setCurrentIndex(panel.form.arch_box.findData("vit-distill"))
    settings = panel.settings_from_form()
    assert settings.distill == "soft" and "lenet5" in settings.teacher  # the choice is kept

    panel.form.arch_box.setCurrentIndex(panel.form.arch_box.findData("vit"))
    assert panel.form.teacher_box.isHidden()
    settings = panel.settings_from_form()
    assert (settings.distill, settings.teacher) == ("none", None)


def test_train_curves_redraw_at_most_four_times_a_second_and_catch_up(qtbot):
    from mnist_desk.training import StepEvent
    from mnist_desk.ui.train.plots import REDRAW_INTERVAL_MS, TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.show()  # hidden plots draw nothing until shown (test_plot_redraws.py)
    series = plots.begin_run("r")

    def steps(first, count):
        return [
            StepEvent(s, 100, s / 10, 1.0 / s, 0.1, 1e-3, s * 8, s * 0.01)
            for s in range(first, first + count)
        ]

    def drawn():
        x, _ = series.curves["train_loss"].getData()
        return 0 if x is None else len(x)

    plots.add_steps(series, steps(1, 5))
    assert drawn() == 5  # the first points show at once
    plots.add_steps(series, steps(6, 5))
    assert drawn() == 5  # too soon after: held back...
    qtbot.waitUntil(lambda: drawn() == 10, timeout=REDRAW_INTERVAL_MS * 4)  # ...not lost
    plots.add_steps(series, steps(11, 3))
    plots.flush()  # what a run's end does
    assert drawn() == 13


def test_the_crosshair_follows_the_mouse_over_the_plots(qtbot):
    from PySide6.QtCore import QPoint

    from mnist_desk.training import StepEvent
    from mnist_desk.ui.train.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(800, 400)
    plots.show()
    series = plots.begin_run("r")
    plots.add_steps(
        series,
        [StepEvent(s, 100, s / 10, 1.0 / s, 0.1, 1e-3, s * 8, s * 0.01) for s in range(1, 101)],
    )
    plots.flush()
    qtbot.wait(50)
    view = plots.graphics
    centre = view.mapFromScene(plots.loss_plot.vb.sceneBoundingRect().center())
    for dx in range(0, 40, 4):  # a person's mouse moves in many small steps
        qtbot.mouseMove(view.viewport(), centre + QPoint(dx, 0))
    qtbot.waitUntil(lambda: plots.crosshairs[0].isVisible(), timeout=2000)
    assert plots.crosshairs[0].pos().x() == plots.crosshairs[1].pos().x()  # both plots, one x
    assert plots.readout.text().startswith("step ") and "train loss" in plots.readout.text()


def test_confusion_matrix_counts_fit_their_cells(qtbot):
    import numpy as np

    from mnist_desk.ui.train.run_results import ConfusionMatrixView

    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(360, 360)
    view.show()
    confusion = np.full((10, 10), 3)
    np.fill_diagonal(confusion, 1135)  # MNIST's test set has 1,135 ones
    view.set_matrix(confusion.tolist())
    qtbot.wait(50)
    cell = min(view.plot.vb.width(), view.plot.vb.height()) / 10
    widest = max(  # the text itself, without the text document's blank margin
        label.textItem.boundingRect().width() - 2 * label.textItem.document().documentMargin()
        for label in view.labels
    )
    assert 0 < widest <= 0.9 * cell, (widest, cell)


@pytest.mark.parametrize("size", [(330, 330), (250, 240)])
def test_the_sums_confusion_matrix_labels_do_not_run_into_each_other(qtbot, size):
    """An adder's 19x19 matrix in the Results pane: the 19 labels under its columns overlapped
    ("9101112..."), and those beside its rows in the smaller pane of the window at its smallest;
    every other one is labelled now, and none touches its neighbour."""
    import numpy as np
    from PySide6.QtGui import QImage, QPainter

    from mnist_desk.ui.train.run_results import ConfusionMatrixView

    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(*size)  # the pane at the default window size, and at the smallest
    view.show()
    view.set_matrix(np.eye(19, dtype=int).tolist())
    qtbot.wait(50)
    for side in ("bottom", "left"):
        image = QImage(10, 10, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        _, _, texts = view.plot.getAxis(side).generateDrawSpecs(painter)
        painter.end()
        rects = sorted((rect for rect, _, _ in texts), key=lambda r: (r.x(), r.y()))
        assert {"0", "18"} <= {text for _, _, text in texts}
        for a, b in zip(rects, rects[1:], strict=False):
            assert not a.intersects(b), (side, a, b)


def test_the_confusion_matrix_title_fits_a_narrow_pane(qtbot):
    """At 1280x860 the matrix's pane is about 430 px wide: the title and its hint must both
    show within the width above the matrix (the hint was clipped when the two shared a line)."""
    from mnist_desk.ui.train.run_results import ConfusionMatrixView

    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(430, 390)
    view.show()
    qtbot.wait(50)
    title = view.plot.titleLabel.item
    text = title.toPlainText()
    assert "Confusion matrix" in text and "click a cell" in text
    drawn = title.boundingRect().width() - 2 * title.document().documentMargin()
    assert 0 < drawn <= view.plot.titleLabel.width()
    # A title too long for the pane widens the plot past the pane's edge, where it is cut off.
    assert view.plot.width() <= view.width(), (view.plot.width(), view.width())


def test_the_legend_shows_only_when_it_names_a_run(qtbot):
    from mnist_desk.ui.train.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    assert not plots.legend.isVisible()
    series = plots.begin_run("r")
    assert plots.legend.isVisible()
    assert [label.text for _, label in plots.legend.items] == [
        "training (smoothed)",
        "validation",
        "r",
    ]
    plots.remove_run(series)
    assert not plots.legend.isVisible() and plots.legend.items == []


def test_the_legend_covers_no_curve_and_is_not_cut_off(qtbot):
    """In the Train tab's narrow plots a legend inside each plot hid the start of the curves and
    lost its first letters past the plot's left edge; it now sits under both plots."""
    import pyqtgraph as pg

    from mnist_desk.ui.train.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(400, 560)  # the Train tab's curves in the default 1100-pixel window
    plots.show()
    for name in ("#1 QuickNet (small and fast)", "#2 LeNet-5"):
        plots.begin_run(name)
    qtbot.wait(50)  # the layout places the legend
    legends = [
        item.sceneBoundingRect()
        for item in plots.graphics.scene().items()
        if isinstance(item, pg.LegendItem) and item.isVisible()
    ]
    assert legends
    shown = plots.graphics.viewport().rect()
    for legend in legends:
        for plot in (plots.loss_plot, plots.error_plot):
            assert not legend.intersects(plot.vb.sceneBoundingRect())
        assert shown.contains(plots.graphics.mapFromScene(legend).boundingRect())


def test_switching_the_language_retranslates_the_train_tab_live(panel, qtbot):
    from mnist_desk.ui import i18n

    assert start_by_button(qtbot, panel, tiny(max_steps=10))
    wait_until_idle(qtbot, panel)
    english_summary = panel.results.summary.text()
    assert "Test accuracy" in english_summary
    form_labels = [label.text() for label in panel.findChildren(QLabel)]
    assert "Task" in form_labels
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: panel.run_controls.start_button.text() == "开始", timeout=2000)
        assert "任务" in [label.text() for label in panel.findChildren(QLabel)]
        assert (
            panel.form.task_box.itemText(panel.form.task_box.findData("classifier"))
            == "单个数字分类器"
        )
        assert panel.form.arch_box.itemText(panel.form.arch_box.findData("cnn")) == "参考 CNN"
        assert panel.views.tabText(0) == "曲线"
        assert panel.run_controls.pause_button.text() == "暂停"
        assert panel.run_controls.phase_label.text().startswith("已完成，测试准确率")
        assert "测试准确率" in panel.results.summary.text()
        assert panel.results.use_button.text() == "使用此模型"
        assert panel.plots.log_box.text() == "对数坐标"
        assert panel.run_controls.progress.format().startswith(
            "已完成 · 步"
        )  # how it ended, no stale ETA
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: panel.run_controls.start_button.text() == "Start", timeout=2000)
    assert panel.run_controls.phase_label.text().startswith("Completed, test accuracy")
    assert panel.results.summary.text() == english_summary
    assert panel.form.task_box.itemText(panel.form.task_box.findData("classifier")) == (
        "Single-digit classifier"
    )


def test_a_classifier_starts_on_the_quick_preset_and_the_preset_box_switches_recipes(panel, qtbot):
    assert panel.form.task_box.currentData() == "classifier"
    assert panel.form.preset_box.currentData() == "quick"
    assert panel.form.preset_box.currentText() == "Quick (≈99% in seconds)"
    quick = panel.settings_from_form()
    assert quick.arch == "quick" and quick.amp and quick.batch_size == 256
    assert not quick.augment and panel.form.batch_spin.value() == 256

    # A person opens the preset list and picks Standard with the keyboard.
    panel.form.preset_box.setFocus()
    qtbot.keyClick(panel.form.preset_box, Qt.Key.Key_Down)
    assert panel.form.preset_box.currentData() == "standard"
    standard = panel.settings_from_form()
    assert standard.arch == "convnet" and standard.augment and not standard.amp
    assert panel.form.arch_box.currentData() == "convnet" and panel.form.augment_check.isChecked()

    # The list is the command line's (`mnist-desk train --preset`); Best is QuickNet, wider,
    # with the drawn-digit recipe.
    from mnist_desk.training.presets import PRESETS, preset_settings

    box = panel.form.preset_box
    assert tuple(box.itemData(i) for i in range(box.count())) == PRESETS
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == "best"
    best = panel.settings_from_form()
    expected = preset_settings("best", best)
    assert (best.arch, best.model_kwargs, best.drawn, best.epochs, best.lr) == (
        expected.arch,
        expected.model_kwargs,
        True,
        expected.epochs,
        expected.lr,
    )
    assert panel.form.drawn_check.isChecked() and panel.form.batch_spin.value() == 128
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentData() == "standard"

    # Picking QuickNet in the architecture list is the quick preset again, drawn digits and all.
    panel.form.arch_box.setCurrentIndex(panel.form.arch_box.findData("quick"))
    assert panel.form.preset_box.currentData() == "quick" and panel.settings_from_form().amp
    picked, quick = panel.settings_from_form(), preset_settings("quick")
    assert (picked.drawn, picked.synthetic_digits, picked.drawn_share, picked.template_seed) == (
        quick.drawn,
        quick.synthetic_digits,
        quick.drawn_share,
        quick.template_seed,
    )
    assert panel.form.drawn_check.isChecked()

    # Adders have no presets: the row hides, and comes back with the classifier.
    panel.form.task_box.setCurrentIndex(panel.form.task_box.findData("scratch"))
    assert panel.form.preset_box.isHidden()
    panel.form.task_box.setCurrentIndex(panel.form.task_box.findData("classifier"))
    assert not panel.form.preset_box.isHidden()


def test_the_device_box_names_the_threads_a_run_will_use(panel):
    from mnist_desk.support.acceleration import training_threads

    threads = training_threads(interactive=True)
    cpu = panel.form.device_box.itemText(panel.form.device_box.findData("cpu"))
    assert cpu == f"CPU ({threads} thread{'s' if threads != 1 else ''})"


def test_the_drawn_digits_box_turns_the_drawn_digit_recipe_on_and_off(panel, qtbot):
    box = panel.form.drawn_check
    # The Quick preset, where a classifier starts, reads drawn digits
    assert box.isVisible() and box.isChecked() and panel.settings_from_form().drawn
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert not box.isChecked() and not panel.settings_from_form().drawn
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked() and panel.settings_from_form().drawn
    # Settings handed to the form show their recipe: a run started from them keeps it.
    panel.form.set_settings(replace(panel.settings_from_form(), drawn=False))
    assert not box.isChecked()


def test_an_export_that_cannot_be_written_says_why_and_one_that_can_says_where(
    panel, qtbot, tmp_path
):
    """A folder that cannot be written showed an "Unexpected error" traceback; a saved CSV or
    JSON said nothing at all."""
    from mnist_desk.app.training_events import RunOutcome
    from mnist_desk.training.events import TrainingResult

    status = []
    panel.statusMessage.connect(lambda m: status.append(text_of(m)))
    settings = {"task": "classifier", "arch": "mlp", "seed": 0}
    panel.results.show_outcome(
        RunOutcome(
            "#1 MLP",
            TrainingResult("stopped", "", settings, 3, 1.0, 0.5, None, None, {}),
        )
    )
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    panel.results.choose_save_path = lambda *args: str(not_a_folder / "h.csv")
    press(qtbot, panel.results.csv_button)
    banner = panel.run_controls.banner
    assert banner.isVisible() and banner.text().startswith(f"Could not save {not_a_folder}")
    assert status[-1] == banner.text()
    panel.choose_save_path = lambda *args: str(not_a_folder / "curves.png")
    press(qtbot, panel.export_png_button)
    assert "curves.png" in banner.text()

    panel.results.choose_save_path = lambda *args: str(tmp_path / "run.json")
    press(qtbot, panel.results.json_button)
    assert json.loads((tmp_path / "run.json").read_text())["settings"]["arch"] == "mlp"
    assert status[-1] == f"Saved {tmp_path / 'run.json'}"


def test_the_device_list_follows_a_language_switch(panel, qtbot):
    """The Train tab's device list kept "CPU (2 threads)" (and CUDA's English reason) after a
    switch to 简体中文; the whole list is worded again in the new language."""
    from mnist_desk.ui import i18n

    box = panel.form.device_box
    cpu = box.findData("cpu")
    assert "thread" in box.itemText(cpu)
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: "线程" in box.itemText(box.findData("cpu")), timeout=2000)
        cuda = box.findData("cuda")
        if cuda >= 0:  # no CUDA here: its entry says why, in Chinese too
            assert "PyTorch" in box.itemData(cuda, Qt.ItemDataRole.ToolTipRole)
            assert "sees no" not in box.itemData(cuda, Qt.ItemDataRole.ToolTipRole)
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: "thread" in box.itemText(box.findData("cpu")), timeout=2000)
    assert box.currentData() == "cpu"
