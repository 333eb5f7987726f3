"""The window fits a laptop: on a 1280x720 work area (1366x768 or 1280x800 less the title bar and
the taskbar), every tab, with the Inside dock open or closed, and the canvases stay drawable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.support import shrink_to_minimum

WORK_AREA = (1280, 690)  # what is left of a 1280x720 screen area once a title bar takes its share
SMALLEST_PAPER = 150  # px: a canvas still written on comfortably with a mouse or a finger


def test_every_tab_fits_a_laptop_screen_with_the_inside_dock_open_or_closed(qtbot, window):
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    too_big = []
    for dock_open in (False, True):
        if window.inside.isVisible() != dock_open:
            QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda open_=dock_open: window.inside.isVisible() == open_)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
            if smallest.width() > WORK_AREA[0] or smallest.height() > WORK_AREA[1]:
                name = window.tabs.tabText(index)
                too_big.append(
                    f"{name}, dock {'open' if dock_open else 'closed'}: "
                    f"{smallest.width()}x{smallest.height()}"
                )
    assert not too_big, too_big
    window.tabs.setCurrentWidget(window.draw_tab)
    shrink_to_minimum(qtbot, window)
    for canvas in window.canvases:
        assert canvas.paper_rect().width() >= SMALLEST_PAPER
