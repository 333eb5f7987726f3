"""The Train tab inside the real main window: a trained model reaches the drawing pad's picker,
"Use this model" switches the pad to it, and closing the window mid-run ends the thread cleanly."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mnist_desk.training import TrainingSettings
from mnist_desk.ui import i18n
from tests.support import press, start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000


def tiny(**changes) -> TrainingSettings:
    return tiny_settings(**{"max_steps": 30, **changes})


def test_a_trained_model_reaches_the_drawing_pad_and_closing_mid_run_is_clean(
    make_window, data_dir, qtbot, qtlog, tmp_path, monkeypatch
):
    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    window = make_window(data_dir=str(data_dir))
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=RUN_TIMEOUT_MS)
    panel = window.training_panel
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:4] == ["Draw", "Train", "Models", "Dataset"]
    window.tabs.setCurrentWidget(panel)

    assert start_by_button(qtbot, panel, tiny())
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    checkpoint = panel.last_outcome.result.checkpoint
    assert Path(checkpoint).parent == tmp_path / "models"
    qtbot.waitUntil(lambda: window.picker.entry_for(checkpoint) is not None, timeout=30_000)

    panel.results.use_button.click()
    assert window.tabs.currentWidget() is window.draw_tab
    qtbot.waitUntil(
        lambda: (
            window.predictor is not None
            and Path(window.predictor.describe()["path"]) == Path(checkpoint)
        ),
        timeout=30_000,
    )

    # Closing while a run trains: the question is asked (answered here without a dialog).
    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
    asked = []
    monkeypatch.setattr(panel, "confirm_stop", lambda: asked.append(1) or False)
    assert not window.close() and panel.is_running  # "No": the window stays, training goes on
    monkeypatch.setattr(panel, "confirm_stop", lambda: True)
    started = time.monotonic()
    assert window.close()
    assert time.monotonic() - started < 2.0 and asked == [1]
    assert not panel.is_running
    qtbot.wait(50)
    assert not any(t.name.startswith("mnist-loader") for t in threading.enumerate())
    problems = [r.message for r in qtlog.records if "QThread" in r.message]
    assert problems == []


def test_the_status_bar_says_paused_while_a_run_is_paused_and_training_again_on_resume(
    make_window, data_dir, qtbot, tmp_path, monkeypatch
):
    """The status bar said "Training …" all through a pause (the line under the progress bar
    said "Paused"). It says the run is paused, then training again on Resume."""
    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    window = make_window(data_dir=str(data_dir))
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=RUN_TIMEOUT_MS)
    panel, status = window.training_panel, window.statusBar()
    panel.ask_before_closing = False  # closing mid-run (a failed assertion) asks nothing
    window.tabs.setCurrentWidget(panel)
    assert start_by_button(qtbot, panel, tiny(max_steps=5000))
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
    name = panel.plots.training.name  # the run's name, as its curves and the status bar say it
    assert name.startswith("#1 ")

    press(qtbot, panel.run_controls.pause_button)
    assert panel.run_controls.phase_label.text() == "Paused"
    assert status.currentMessage() == f"{name}: paused"
    try:  # and in the user's language after a switch, as the line under the bar is
        i18n.apply_language("zh_CN")
        said = "#1 多层感知机 (MLP)：已暂停"  # the run's name in Chinese too (curve_names.run_name)
        qtbot.waitUntil(lambda: status.currentMessage() == said, timeout=2000)
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: status.currentMessage() == f"{name}: paused", timeout=2000)
    press(qtbot, panel.run_controls.pause_button)  # Resume
    assert status.currentMessage() == f"Training {name}…"
    press(qtbot, panel.run_controls.stop_button)
    assert status.currentMessage().startswith("Stopping")
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)


def test_keys_start_pause_resume_and_stop_a_run_while_the_train_tab_is_shown(
    make_window, data_dir, qtbot, tmp_path, monkeypatch
):
    """Start, Pause/Resume and Stop had no keys: a run could only be driven by the mouse. The
    keys (named in the buttons' tips) work in the Train tab, and do nothing on the Draw tab."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    monkeypatch.setenv("MNIST_DESK_MODELS", str(tmp_path / "models"))
    window = make_window(data_dir=str(data_dir))
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=RUN_TIMEOUT_MS)
    panel, controls = window.training_panel, window.training_panel.run_controls
    panel.ask_before_closing = False  # closing mid-run (a failed assertion) asks nothing
    panel.set_settings(tiny(max_steps=5000))
    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(window, Qt.Key.Key_Return, ctrl)  # on the Draw tab: no run
    assert not panel.is_running
    window.tabs.setCurrentWidget(panel)
    assert "Ctrl+Return" in controls.start_button.toolTip()
    panel.form.seed_spin.setFocus()  # typing in the form, as a person does before starting
    QTest.keyClick(panel.form.seed_spin, Qt.Key.Key_Return, ctrl)
    assert panel.is_running
    qtbot.waitUntil(lambda: controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
    QTest.keyClick(window, Qt.Key.Key_P, ctrl)
    assert controls.phase_label.text() == "Paused" and controls.pause_button.text() == "Resume"
    QTest.keyClick(window, Qt.Key.Key_P, ctrl)
    assert controls.pause_button.text() == "Pause"
    QTest.keyClick(window, Qt.Key.Key_Period, ctrl)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert panel.last_outcome.result.status == "stopped"
