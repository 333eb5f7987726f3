"""Opening the Inside dock (Ctrl+I) on a window 1100 px wide made it 1241 px wide, nearly all of
a 1280-px laptop screen: the Draw and Train tabs and the dock each asked for more room than they
need. The window with the dock open fits in 1100 px, on every tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

WIDEST = 1100  # px: a 1280-px screen keeps room beside the window


def test_opening_the_inside_dock_does_not_widen_a_1100_px_window(qtbot, window):
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    window.resize(WIDEST, 780)
    qtbot.waitUntil(lambda: window.width() == WIDEST)
    assert not window.inside.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.inside.isVisible)
    qtbot.wait(50)  # the layout settles
    assert window.width() == WIDEST
    bar = window.tabs.tabBar()
    for index in range(window.tabs.count()):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        qtbot.waitUntil(lambda i=index: window.tabs.currentIndex() == i)
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize()).width()
        assert smallest <= WIDEST, f"{bar.tabText(index)}: {smallest} px at the least"
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.inside.isVisible())
