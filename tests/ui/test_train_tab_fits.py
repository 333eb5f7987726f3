"""The Train tab's pages at the window's smallest: what a person reads there is whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mnist_desk.ui import i18n
from tests.support import shrink_to_minimum, start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000  # generous: the test machine may be busy with other work
CELL_MARGIN = 6  # a cell's text margins, both sides together


def click_tab(tabs, page) -> None:
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page


def cut_off_cells(table) -> list[str]:
    """The cells and headings of ``table`` whose text does not fit its column."""
    cut, metrics = [], table.fontMetrics()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        room = table.columnWidth(column) - CELL_MARGIN
        heading = table.horizontalHeaderItem(column).text()
        if header.fontMetrics().horizontalAdvance(heading) > room:
            cut.append(heading)
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            if metrics.horizontalAdvance(text) > room:
                cut.append(text)
    return cut


def test_at_the_smallest_size_the_per_class_table_shows_every_number_whole(panel, qtbot):
    """At the window's minimum size a splitter squeezed the table: "recision", "100…."."""
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=20))
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    click_tab(panel.views, panel.results)
    table = panel.results.per_class
    assert table.rowCount() == 10
    try:
        for language in ("en", "zh_CN"):
            i18n.apply_language(language)
            shrink_to_minimum(qtbot, panel)
            qtbot.wait(1)  # the layouts settle in the event loop
            assert not cut_off_cells(table), (language, cut_off_cells(table))
            columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
            assert columns <= table.viewport().width()  # nothing to scroll sideways to
    finally:
        i18n.apply_language("en")


def test_at_the_smallest_size_the_confusion_matrix_is_not_cut_off(qtbot, window):
    """At the window's minimum size the splitter squeezed the matrix's pane narrower than its
    plot: the title read "Confusion matrix (test" and the column of 9s was cut off."""
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    panel = window.training_panel
    click_tab(window.tabs, panel)
    click_tab(panel.views, panel.results)
    matrix = panel.results.confusion
    try:
        for language in ("en", "zh_CN"):
            i18n.apply_language(language)

            def at_smallest() -> bool:  # a language just switched to moves the minimum
                window.resize(window.minimumSizeHint())
                return window.size() == window.minimumSizeHint()

            qtbot.waitUntil(at_smallest)
            qtbot.wait(1)  # the layouts settle in the event loop
            drawn = int(matrix.ci.geometry().width())  # the plot, title and axes (a px part: 0)
            assert drawn <= matrix.viewport().width(), (language, drawn, matrix.width())
    finally:
        i18n.apply_language("en")


def test_at_the_smallest_size_the_progress_of_a_run_is_read_on_one_line(panel, qtbot):
    """At the window's minimum size the bar's "epoch 0.2/1.9 · step 6/60 · 1,094 img/s · ETA 0:13"
    wrapped into two lines, both cut off: the bar says the steps and the ETA, its tip the whole."""
    bar, controls = panel.run_controls.progress, panel.run_controls
    panel.resize(panel.minimumSizeHint())
    qtbot.waitUntil(lambda: panel.size() == panel.minimumSizeHint())
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=2000))
    try:
        qtbot.waitUntil(lambda: "ETA" in bar.format(), timeout=RUN_TIMEOUT_MS)
        qtbot.mouseClick(controls.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controls.pause_button.text() == "Resume", timeout=RUN_TIMEOUT_MS)
        text = bar.format()
        assert "ETA" in text and "step" in text
        assert bar.fontMetrics().horizontalAdvance(text) <= bar.width() - 8, text
        assert "img/s" in bar.toolTip() and "ETA" in bar.toolTip()
    finally:
        qtbot.mouseClick(controls.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)


def wholly_in_view(widget) -> bool:
    """Nothing of ``widget`` is hidden by a parent's edge (a scroll area's, the window's)."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def click_language(window, qtbot, language: str) -> None:
    window.window_actions.languages[language].trigger()  # View > Language
    shrink_to_minimum(qtbot, window)
    qtbot.wait(1)  # the layouts settle in the event loop


def test_at_the_smallest_size_the_phase_line_under_the_progress_bar_is_whole(
    qtbot, make_window, data_dir
):
    """At the window's minimum size "Completed, test accuracy 69.80%" under the bar sat half below
    the scroll area's bottom edge: the settings scroll, the controls under them stay in view."""
    window = make_window(data_dir=str(data_dir))
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    panel = window.training_panel
    click_tab(window.tabs, panel)
    qtbot.waitUntil(lambda: panel.form.choices_ready, timeout=30_000)
    shrink_to_minimum(qtbot, window)
    assert start_by_button(qtbot, panel, tiny_settings(max_steps=5))
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    phase = panel.run_controls.phase_label
    try:
        for language in ("en", "zh_CN"):
            click_language(window, qtbot, language)
            assert "%" in phase.text(), phase.text()  # the test accuracy
            assert wholly_in_view(phase), (language, phase.visibleRegion().boundingRect())
    finally:
        i18n.apply_language("en")


def test_at_the_smallest_size_a_failed_comparisons_banner_is_in_view(qtbot, make_window, tmp_path):
    """Compare adders without MNIST: the banner saying so was below the left column's fold, out
    of sight at the window's minimum size, and the phase line "Failed" cut in half."""
    empty = tmp_path / "no-mnist"
    empty.mkdir()
    window = make_window(data_dir=str(empty), download=False)
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    panel = window.training_panel
    click_tab(window.tabs, panel)
    qtbot.waitUntil(lambda: panel.form.choices_ready, timeout=30_000)
    controls = panel.run_controls
    qtbot.mouseClick(controls.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running and controls.ended_shown, timeout=RUN_TIMEOUT_MS)
    try:
        for language in ("en", "zh_CN"):
            click_language(window, qtbot, language)
            assert "MNIST" in controls.banner.text()
            assert wholly_in_view(controls.banner), (language, controls.banner.visibleRegion())
            assert wholly_in_view(controls.phase_label), language
    finally:
        i18n.apply_language("en")
