"""The Inside dock's "why" heatmaps in Chinese, in a window at its smallest: "为什么不是 1？（0.0%）"
broke over three lines in a panel kept to its map's 70 px. Each question is whole on its line and
the probability on the next, in both languages."""

from __future__ import annotations

import pytest

from tests.ui.test_inside_gui import SEVEN, open_inside, wait_for_answer


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_why_questions_are_not_broken_at_the_smallest_window(qtbot, window, pen, language):
    window.window_actions.languages[language].trigger()
    try:
        window.resize(window.minimumSizeHint().expandedTo(window.minimumSize()))
        pen(window.canvases[0], SEVEN)
        dock = open_inside(qtbot, window)
        wait_for_answer(qtbot, dock, 0)
        qtbot.wait(100)  # the dock lays out its titles
        for panel in (dock.answer_panel, dock.runner_up_panel):
            label = panel.label
            lines = label.text().splitlines()
            assert len(lines) == 2, label.text()  # the question, then its probability
            room = label.contentsRect().width()
            for line in lines:
                assert label.fontMetrics().horizontalAdvance(line) <= room, (line, room)
            # two lines tall, not three: nothing wrapped within a line
            assert label.height() < 3 * label.fontMetrics().lineSpacing()
    finally:
        window.window_actions.languages["en"].trigger()
