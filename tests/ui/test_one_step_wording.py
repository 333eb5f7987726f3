"""A run of one step is worded as one: the results heading read "completed after 1 steps" and
Compare architectures "…one after another, 1 steps each"; Chinese has one word for both."""

from __future__ import annotations

from mnist_desk.ui import i18n
from tests.support import start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000


def test_the_results_of_a_one_step_run_say_after_1_step(panel, qtbot):
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=1, val_subset=200))
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert "completed after 1 step in" in panel.results.summary.text()
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: "已完成，共 1 步" in panel.results.summary.text(), timeout=2000)
    finally:
        i18n.apply_language("en")


def test_comparing_architectures_for_one_step_each_says_step(panel, qtbot):
    view = panel.arch_view
    view.show_training(1)
    assert "one after another, 1 step each;" in view.verdict.text()
    view.show_training(5)
    assert "one after another, 5 steps each;" in view.verdict.text()
