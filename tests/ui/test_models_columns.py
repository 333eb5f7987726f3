"""The Models tab at the window's default size: the table's columns were sized to their contents,
wider than the window, and had to be scrolled sideways to see the dates and the recipes. Every
column is in view; the numbers and dates are whole, a long name or title ends in "…" and says
itself whole in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from mnist_desk.app.leaderboard_rows import COLUMNS, Column

WHOLE = (
    Column.PARAMETERS,
    Column.TEST_ACCURACY,
    Column.DRAWN_DIGITS,
    Column.DRAWN_SUMS,
    Column.LATENCY,
    Column.TRAIN_TIME,
    Column.CREATED,
)
MARGIN = 6  # a cell's text margins


def cell_tip(table, index) -> str:
    """The tooltip a resting mouse pointer brings up over a cell."""
    viewport = table.viewport()
    centre = table.visualRect(index).center()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    )
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text


def test_at_the_default_size_every_column_is_in_view_and_readable(qtbot, make_window):
    from mnist_desk.ui.shell.main_window import DEFAULT_SIZE

    window = make_window()
    window.resize(DEFAULT_SIZE.expandedTo(window.minimumSizeHint()))
    qtbot.waitUntil(lambda: window.models_view is not None, timeout=60_000)
    view = window.models_view
    bar = window.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(view)).center()
    )
    model, table = view.table_model, view.table
    qtbot.waitUntil(lambda: len(model.rows) >= 10, timeout=60_000)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)  # no scrolling sideways
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(len(COLUMNS) - 1) < table.viewport().width()
    for c, column in enumerate(COLUMNS):
        width = header.sectionSize(c)
        assert width > 40, f"{model.column_title(column)}: {width} px"
        for r, row in enumerate(model.rows):
            index = model.index(r, c)
            text = str(model.data(index))
            font = QFont(table.font())
            font.setBold(row.in_use)
            fits = QFontMetrics(font).horizontalAdvance(text) + MARGIN <= width
            if column in WHOLE:
                assert fits, f"{row.name}: {model.column_title(column)} {text!r} cut off"
            elif not fits:
                assert text in cell_tip(table, index), f"{text!r} cut off, no tooltip"
    view.shutdown()
