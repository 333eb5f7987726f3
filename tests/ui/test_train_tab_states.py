"""What the Train tab shows around a run: no stale ETA after Stop, the whole form locked while a
run goes, and a sane empty confusion matrix before any run."""

from __future__ import annotations

import pytest

from mnist_desk.ui import i18n
from mnist_desk.ui.train.run_results import ConfusionMatrixView
from mnist_desk.ui.train.training_panel import TrainingPanel
from tests.support import press, start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000


@pytest.fixture
def panel(qtbot, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    panel = TrainingPanel(data_dir=data_dir)
    panel.ask_before_closing = False
    qtbot.addWidget(panel)
    panel.show()
    yield panel
    assert panel.shutdown()


def test_after_stop_the_progress_bar_drops_the_eta(panel, qtbot):
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=5000))
    qtbot.waitUntil(lambda: "ETA" in panel.run_controls.progress.format(), timeout=RUN_TIMEOUT_MS)
    press(qtbot, panel.run_controls.stop_button)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert "ETA" not in panel.run_controls.progress.format()
    assert "Stopped" in panel.run_controls.progress.format()
    i18n.apply_language("zh_CN")  # a language switch must not bring the stale text back
    try:
        assert "ETA" not in panel.run_controls.progress.format()
    finally:
        i18n.apply_language("en")
    assert "ETA" not in panel.run_controls.progress.format()


def test_every_run_setting_is_locked_during_a_run(panel, qtbot):
    settings_widgets = [
        panel.form.epochs_spin,
        panel.form.steps_spin,
        panel.form.batch_spin,
        panel.form.lr_spin,
        panel.form.seed_spin,
        panel.form.task_box,
        panel.form.arch_box,
    ]
    assert panel.form.epochs_spin.isEnabled()
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=5000, epochs=1.0))
    panel.form.steps_spin.setValue(0)  # as the form shows it
    assert not any(w.isEnabled() for w in settings_widgets)
    press(qtbot, panel.run_controls.stop_button)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert panel.form.epochs_spin.isEnabled() and panel.form.lr_spin.isEnabled()


def test_the_empty_confusion_matrix_shows_a_sane_empty_state(qtbot):
    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    qtbot.wait(50)
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    assert -3 <= x0 < x1 <= 12 and -3 <= y0 < y1 <= 12  # about the 10 classes, not -400..400
    for side in ("left", "bottom"):
        axis = view.plot.getAxis(side)
        assert axis.autoSIPrefixScale == 1.0  # no "(x0.001)"
    assert view.empty_text.isVisible() and "no test results" in view.empty_text.toPlainText()
    view.set_matrix([[5, 1], [0, 7]])
    assert not view.empty_text.isVisible()
    view.set_matrix([])
    assert view.empty_text.isVisible()
