"""The map of the test set: made in the background (the event loop keeps turning), cached per
model, the drawing placed on it live, a dot opened into the canvas with a click."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest

MAP_TIMEOUT_MS = 240_000
SEVEN = [(0.2, 0.2), (0.8, 0.2), (0.45, 0.9)]


def open_small_map(qtbot, window):
    """Ctrl+I, the map page, a map of 300 test digits shown: its view."""
    dock = window.inside
    dock.map_view.count = 300
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dock.pages.setCurrentWidget(dock.map_view)
    qtbot.waitUntil(lambda: dock.map_view.shown is not None, timeout=MAP_TIMEOUT_MS)
    return dock.map_view


def spot_of(view, x: float, y: float):
    """Where a map point (x, y) lies in the plot's viewport, for the mouse."""
    from PySide6.QtCore import QPointF

    return view.plot.mapFromScene(view.plot.plotItem.vb.mapViewToScene(QPointF(x, y)))


def test_the_map_is_made_in_the_background_and_cached(qtbot, window, pen, isolated_cache):
    pen(window.canvases[0], SEVEN)
    dock = window.inside
    dock.map_view.count = 1500  # a unit test's share of the 10,000
    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    timer.start()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dock.pages.setCurrentWidget(dock.map_view)
    qtbot.waitUntil(lambda: dock.map_view.shown is not None, timeout=MAP_TIMEOUT_MS)
    assert dock.map_view.shown.data_map.method == "pca"  # at once, t-SNE follows
    qtbot.waitUntil(
        lambda: dock.map_view.shown.final and not dock.map_view.busy, timeout=MAP_TIMEOUT_MS
    )
    timer.stop()
    shown = dock.map_view.shown
    assert shown.data_map.method == "tsne" and len(shown.data_map.points) == 1500
    gaps = np.diff(ticks)
    assert len(ticks) > 20 and gaps.max() < 1000, f"the event loop stalled {gaps.max():.0f} ms"
    assert list((isolated_cache / "maps").glob("*-tsne-1500-*.npz"))

    qtbot.waitUntil(lambda: dock.answer is not None and dock.answer.features is not None)
    assert len(dock.map_view.you.data) == 1  # the drawing sits on the map

    dock.map_view.shown = None  # again: this time from the cache
    dock._mapped = None
    start = time.perf_counter()
    dock.update_map()
    qtbot.waitUntil(lambda: dock.map_view.shown is not None, timeout=MAP_TIMEOUT_MS)
    assert dock.map_view.shown.cached and time.perf_counter() - start < 30


def test_clicking_a_dot_opens_that_test_digit_in_the_canvas(qtbot, window, isolated_cache):
    view = open_small_map(qtbot, window)
    # the map has the dock's width: the hover panel beside it had left it a third in a narrow dock
    assert view.plot.width() > 2 * view.hover_panel.width()
    opened = []
    view.open_digit.connect(opened.append)
    spot = spot_of(view, *view.shown.data_map.points[0])
    QTest.mouseMove(view.plot.viewport(), spot)
    assert view.hover_panel.title.startswith("test #")  # hovering shows a test digit
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert len(opened) == 1
    qtbot.waitUntil(lambda: window.drawing.drawings[0].picture is not None)
    qtbot.waitUntil(
        lambda: window.last_result is not None and not window.last_result.digits[0].blank
    )
    index = next(i for i, im in enumerate(view.shown.images) if np.array_equal(im, opened[0]))
    assert window.last_result.digits[0].digit == view.shown.data_map.predicted[index]


def test_hovering_a_dot_while_t_sne_settles_shows_its_digit(qtbot, window, isolated_cache):
    from mnist_desk.app.map_session import MapProgress

    view = open_small_map(qtbot, window)
    view.cancel()  # the settling map below is the last the view hears of
    points = view.shown.data_map.points * 0.5 + 1.0  # as t-SNE moves them
    view._on_event(MapProgress(view._next_id, points, 50, 375))
    spot = spot_of(view, *points[7])
    QTest.mouseMove(view.plot.viewport(), spot)
    assert view.hover_panel.title.startswith("test #")


def wrapped_line_starts(label, width: int) -> list[int]:
    """Where each line of ``label``'s text starts when wrapped as a word-wrapping label wraps it
    at ``width`` px."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    starts = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def test_the_status_line_never_breaks_t_sne_across_lines(qtbot, window, isolated_cache):
    """A narrow dock wrapped the status line as "…, t-" / "SNE, made in …"."""
    from mnist_desk.app.map_session import MapProgress

    view = open_small_map(qtbot, window)
    qtbot.waitUntil(lambda: view.shown.final and not view.busy, timeout=MAP_TIMEOUT_MS)
    finished = view.status.text()
    view._on_event(MapProgress(view._next_id, view.shown.data_map.points, 50, 375))
    for text in (finished, view.status.text()):
        view.status.setText(text)
        assert "SNE" in text and text.replace("\u2011", "-").count("t-SNE") == text.count("SNE")
        where = [i for i in range(len(text)) if text.startswith("SNE", i)]
        for width in range(120, 400, 2):  # the dock at its narrowest and wider
            starts = wrapped_line_starts(view.status, width)
            assert not set(where) & set(starts), f"'t-SNE' broken at {width} px: {text!r}"


def test_at_the_default_size_the_whole_map_is_in_view_without_scrolling(
    qtbot, window, isolated_cache
):
    """The map's page asked for the Layers page's height and a plot 500 px tall: at 1100x780 the
    map's lower half lay below the dock's fold."""
    window.resize(1100, 780)
    dock = window.inside
    dock.map_view.count = 300
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.isVisible)
    bar = dock.pages.tabBar()
    map_tab = bar.tabRect(dock.pages.indexOf(dock.map_view)).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=map_tab)
    assert dock.pages.currentWidget() is dock.map_view
    qtbot.waitUntil(lambda: dock.map_view.shown is not None, timeout=MAP_TIMEOUT_MS)
    plot, viewport = dock.map_view.plot, dock.widget().viewport()
    qtbot.waitUntil(lambda: plot.mapTo(viewport, plot.rect().bottomLeft()).y() < viewport.height())
    assert window.height() == 780
    assert plot.mapTo(viewport, plot.rect().topLeft()).y() >= 0
    assert plot.height() >= 200


def test_without_open_tsne_the_map_says_why_in_chinese(qtbot, window, isolated_cache, monkeypatch):
    """Without openTSNE the map's status line ended in "t-SNE needs openTSNE (pip install
    openTSNE)" in a Chinese window; it is worded in Chinese, and in English after a switch back."""
    import sys

    from mnist_desk.ui import i18n

    monkeypatch.setitem(sys.modules, "openTSNE", None)  # `import openTSNE` fails
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        view = open_small_map(qtbot, window)
        qtbot.waitUntil(lambda: view.shown.final and not view.busy, timeout=MAP_TIMEOUT_MS)
        said = view.status.text().replace("\u2011", "-")
        assert said.endswith("。 t-SNE 需要 openTSNE（pip install openTSNE）"), said
        window.window_actions.languages["en"].trigger()
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Draw", timeout=2000)
        said = view.status.text().replace("\u2011", "-")
        assert said.endswith(". t-SNE needs openTSNE (pip install openTSNE)"), said
    finally:
        i18n.apply_language("en")
