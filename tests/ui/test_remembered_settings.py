"""What the window remembers across a restart, driven as a user would: close it, open it again
with the same settings file, and find it as it was left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton


def _settings(tmp_path):
    from mnist_desk.ui.settings import AppSettings

    return AppSettings(str(tmp_path / "remember.ini"))


def test_the_inside_dock_closed_with_its_close_button_stays_closed(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    QTest.keyClick(first, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(first.inside.isVisible)
    (close,) = [
        b
        for b in first.inside.findChildren(QAbstractButton)
        if b.objectName() == "qt_dockwidget_closebutton"
    ]
    QTest.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not first.inside.isVisible())
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.wait(50)
    assert not second.inside.isVisible()


def test_the_inside_docks_side_is_remembered(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    QTest.keyClick(first, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(first.inside.isVisible)
    # where dragging the dock by its title bar to the window's left edge puts it
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.inside)
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(second.inside.isVisible)
    assert second.dockWidgetArea(second.inside) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.inside.x() < second.centralWidget().x()


def test_the_last_tab_is_shown_again(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.models_view is not None)
    bar = first.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert first.tabs.currentWidget() is first.models_view
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.models_view is not None)
    assert second.tabs.currentWidget() is second.models_view


def test_the_first_start_is_no_larger_than_the_screen(qtbot, tmp_path, gui_thread_gc):
    from mnist_desk.ui.shell.main_window import MainWindow

    window = MainWindow(models_dir=str(tmp_path / "models"), settings=_settings(tmp_path))
    qtbot.addWidget(window)  # never shown: its size is what it would open with
    room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    smallest = window.minimumSizeHint()
    assert window.width() <= max(room.width(), smallest.width())
    assert window.height() <= max(room.height(), smallest.height())
