"""The Inside dock: drawn with real mouse events, opened with its shortcut, live as the drawing
changes; a click on a map shows it large."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

ANSWER_TIMEOUT_MS = 30_000
SEVEN = [(0.2, 0.2), (0.8, 0.2), (0.45, 0.9)]
ONE = [(0.5, 0.1), (0.5, 0.9)]


def open_inside(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dock = window.inside
    qtbot.waitUntil(dock.isVisible)
    return dock


def wait_for_answer(qtbot, dock, after: int):
    qtbot.waitUntil(
        lambda: dock.answer is not None and dock.answer.id > after, timeout=ANSWER_TIMEOUT_MS
    )
    return dock.answer


def vit_inside(qtbot, make_window, pen):
    """The Inside dock of a window reading a drawn 7 with the shipped ViT, its sheets listed."""
    from mnist_desk.store.catalog import shipped_checkpoint

    window = make_window(model=str(shipped_checkpoint("classifier", "vit")))
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    qtbot.waitUntil(lambda: dock.sheet_box.count() > 0)
    return dock


def click_cell(qtbot, mosaic, cell: int) -> None:
    """A click on a map of the sheet, once the dock has laid it out: its place on the screen
    stays the same for 10 polls running (a click where the map was a moment before misses)."""
    seen = []

    def settled() -> bool:
        seen.append(mosaic.cell_centre(cell))
        return len(seen) >= 10 and len(set(seen[-10:])) == 1

    qtbot.waitUntil(settled, timeout=ANSWER_TIMEOUT_MS)
    QTest.mouseClick(mosaic.viewport(), Qt.MouseButton.LeftButton, pos=seen[-1])


def test_the_maps_follow_the_drawing(qtbot, window, pen):
    canvas = window.canvases[0]
    pen(canvas, SEVEN)
    qtbot.waitUntil(
        lambda: window.last_result is not None and not window.last_result.digits[0].blank
    )
    dock = open_inside(qtbot, window)
    first = wait_for_answer(qtbot, dock, 0)
    assert first.kind == "conv" and first.explanation.answer == window.last_result.digits[0].digit
    shown = dock.mosaic.image.image.copy()
    assert "7" in dock.answer_panel.title and dock.sheet_box.count() == 4

    QTest.keyClick(window, Qt.Key.Key_Escape)  # clear, then draw a 1: the maps must change
    pen(canvas, ONE)
    # the answers in between (the press, the stroke so far) may come first: wait for the 1
    qtbot.waitUntil(
        lambda: (
            not dock.answer.blank
            and dock.answer.explanation.answer == 1
            and window.last_result.digits[0].digit == 1
        ),
        timeout=ANSWER_TIMEOUT_MS,
    )
    assert not np.array_equal(np.nan_to_num(shown), np.nan_to_num(dock.mosaic.image.image))
    assert "1" in dock.answer_panel.title
    job = dock.job
    window.close()  # closing the window ends the dock's job and its thread
    assert dock.job is None and job.wait(5000) and not job.running


def test_clicking_a_map_shows_it_large_with_its_range_and_its_feeds(qtbot, window, pen):
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    dock.sheet_box.setCurrentIndex(1)  # layer 2: fed by the 32 maps of layer 1
    mosaic = dock.mosaic
    click_cell(qtbot, mosaic, 5)
    assert mosaic.selected == 5
    assert dock.detail.large.title.startswith("Map 6 of layer 2")
    assert sum(panel.isVisibleTo(dock) for panel in dock.detail.feeds) == 4
    QTest.keyClick(mosaic, Qt.Key.Key_Right)  # the keyboard moves the selection too
    assert mosaic.selected == 6 and dock.detail.large.title.startswith("Map 7 of layer 2")


def test_the_view_follows_the_model_and_remembers_the_sheet(qtbot, make_window, pen):
    from mnist_desk.store.catalog import shipped_checkpoint

    window = make_window(model=str(shipped_checkpoint("classifier", "vit")))
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    answer = wait_for_answer(qtbot, dock, 0)
    assert answer.kind == "vit" and answer.sheets[0].kind == "attention"
    dock.sheet_box.setCurrentIndex(1)  # the rollout
    assert window.settings.qsettings.value("inside/sheet") == "rollout-0"


def test_in_a_number_the_dock_follows_the_selected_digit(qtbot, window, pen):
    canvas = window.canvases[0]
    pen(canvas, [(0.15, 0.2), (0.15, 0.8)])  # a 1, then a 7 to its right: the number 17
    pen(canvas, [(0.45, 0.2), (0.85, 0.2), (0.6, 0.8)])
    drawing = window.drawing
    qtbot.waitUntil(
        lambda: drawing.result is not None and len(drawing.result.numbers[0].digits) == 2
    )
    dock = open_inside(qtbot, window)
    latest = drawing.selected_digit(0).digit  # the digit drawn last is the one selected

    def shows(digit: int) -> bool:
        a = dock.answer
        return a is not None and not a.blank and a.explanation.answer == digit

    qtbot.waitUntil(lambda: shows(latest), timeout=ANSWER_TIMEOUT_MS)
    other = 1 - drawing.selected[0]
    drawing.select_digit(0, other)  # what a click on the other digit asks for
    qtbot.waitUntil(lambda: shows(drawing.selected_digit(0).digit), timeout=ANSWER_TIMEOUT_MS)
    assert drawing.selected_digit(0).digit != latest


def test_at_its_default_width_the_dock_cuts_nothing_off(qtbot, make_window, pen):
    """The heatmaps' method, the runner-up's heatmap and a long sheet title (a ViT's) fit: the
    dock's body never scrolls sideways, so whatever is wider than the dock is simply lost."""
    from mnist_desk.store.catalog import shipped_checkpoint

    window = make_window(model=str(shipped_checkpoint("classifier", "vit")))
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    qtbot.waitUntil(lambda: dock.sheet_box.count() > 0)
    scroll = dock.widget()
    viewport = scroll.viewport()
    qtbot.wait(200)  # the dock lays out its new contents
    assert scroll.widget().width() <= viewport.width(), "the body is wider than the dock"
    for part in (dock.method_box, dock.runner_up_panel, dock.sheet_box, dock.mosaic):
        right = part.mapTo(viewport, part.rect().topRight()).x()
        assert right < viewport.width(), f"{type(part).__name__} cut off"


def test_a_scratch_adder_is_said_to_read_both_digits_as_their_sum(qtbot, make_window, pen):
    """It said "reads the first digit as sum 8": the scratch adder reads both digits at once."""
    from mnist_desk.store.catalog import shipped_checkpoint

    window = make_window(model=str(shipped_checkpoint("scratch", "convnet")))
    pen(window.canvases[0], SEVEN)
    pen(window.canvases[1], ONE)
    qtbot.waitUntil(lambda: window.last_result is not None and window.last_result.total == 8)
    dock = open_inside(qtbot, window)
    qtbot.waitUntil(
        lambda: dock.answer is not None and dock.answer.explanation is not None,
        timeout=ANSWER_TIMEOUT_MS,
    )
    heading = dock.heading.text()
    assert heading.startswith("scratch-convnet reads both digits as the sum 8 (")
    assert heading.endswith("the maps show the second digit.")  # the canvas drawn last


def test_a_method_that_does_not_apply_is_greyed_out_not_a_failure(qtbot, make_window, pen):
    """Rollout chosen for a ViT, then the convnet in use: the dock said "The inside view failed
    ... This is a bug" beside the old heatmaps. The convnet's heatmaps come from the default
    method, rollout is greyed out, and it is used again for the next ViT."""
    from mnist_desk.store.catalog import default_classifier_path, shipped_checkpoint

    window = make_window(model=str(shipped_checkpoint("classifier", "vit")))
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    box = dock.method_box
    box.setCurrentIndex(box.findData("rollout"))  # what a pick in its list does
    qtbot.waitUntil(lambda: dock.answer.method == "rollout", timeout=ANSWER_TIMEOUT_MS)

    window.use_model(default_classifier_path())
    qtbot.waitUntil(
        lambda: dock.answer.kind == "conv" or "failed" in dock.heading.text(),
        timeout=ANSWER_TIMEOUT_MS,
    )
    assert "failed" not in dock.heading.text()
    assert dock.answer.method == "gradient-x-input" == box.currentData()
    assert not box.model().item(box.findData("rollout")).isEnabled()
    assert box.model().item(box.findData("grad-cam")).isEnabled()
    assert "7" in dock.answer_panel.title

    window.use_model(shipped_checkpoint("classifier", "vit"))
    qtbot.waitUntil(lambda: dock.answer.kind == "vit", timeout=ANSWER_TIMEOUT_MS)
    assert dock.answer.method == "rollout" == box.currentData()


def test_clearing_the_drawing_clears_the_maps(qtbot, window, pen):
    """The heading said "draw the first digit" while the maps and the map shown large were still
    the cleared digit's."""
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    mosaic = dock.mosaic
    click_cell(qtbot, mosaic, 2)
    assert dock.detail.large.image.image is not None

    QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dock.answer.blank, timeout=ANSWER_TIMEOUT_MS)
    assert mosaic.sheet is None and mosaic.image.image is None
    assert dock.detail.large.image.image is None and dock.sheet_box.count() == 0

    pen(window.canvases[0], ONE)  # the next digit shows the sheet chosen before
    qtbot.waitUntil(lambda: not dock.answer.blank, timeout=ANSWER_TIMEOUT_MS)
    assert mosaic.sheet is not None and dock.sheet_box.count() == 4


def test_a_map_shown_large_with_its_four_feeds_fits_the_dock(qtbot, window, pen):
    """A click on a map of layer 2 (fed by four maps) made the dock's body wider than the dock:
    the runner-up's heatmap, the method and the feeds were cut off on the right."""
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    dock.sheet_box.setCurrentIndex(1)
    mosaic = dock.mosaic
    click_cell(qtbot, mosaic, 5)
    assert sum(panel.isVisibleTo(dock) for panel in dock.detail.feeds) == 4
    qtbot.wait(200)  # the dock lays out its new contents
    scroll = dock.widget()
    viewport = scroll.viewport()
    assert scroll.widget().width() <= viewport.width(), "the body is wider than the dock"
    for part in (dock.method_box, dock.runner_up_panel, *dock.detail.feeds):
        right = part.mapTo(viewport, part.rect().topRight()).x()
        assert right < viewport.width(), f"{type(part).__name__} cut off"


def test_with_a_map_selected_another_sheet_is_framed_to_fill_the_view(qtbot, window, pen):
    """With a map selected, the next sheet was framed around the old sheet's selection marker
    too: a sheet of small maps (the 5x5 filters) sat small in a corner of an empty view."""
    pen(window.canvases[0], SEVEN)
    dock = open_inside(qtbot, window)
    wait_for_answer(qtbot, dock, 0)
    mosaic = dock.mosaic
    click_cell(qtbot, mosaic, 6)
    assert mosaic.selected == 6
    dock.sheet_box.setCurrentIndex(dock.sheet_box.count() - 1)  # the first layer's filters
    assert mosaic.sheet.kind == "filters" and mosaic.selected == 6  # the selection stays
    (left, right), (top, bottom) = mosaic.box.viewRange()
    height, width = mosaic.image.image.shape
    # one side of the view fits the mosaic (the other has room to spare: the aspect is kept)
    assert min((right - left) / width, (bottom - top) / height) < 1.1, "framed too wide"


def test_the_large_view_is_worded_again_after_a_language_switch(qtbot, window, pen):
    """With nothing drawn yet, the large view still said "Click a map or a unit to see it here"
    after View > Language > 简体中文 (the heading above it was Chinese); it follows the switch,
    as a map shown large does."""
    from mnist_desk.ui import i18n

    dock = open_inside(qtbot, window)
    large = dock.detail.large
    assert large.title == "Click a map or a unit to see it here"
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        assert large.title == "点击一张特征图或一个单元，在这里放大查看"
        pen(window.canvases[0], SEVEN)
        qtbot.waitUntil(lambda: dock.sheet_box.count() > 1, timeout=ANSWER_TIMEOUT_MS)
        dock.sheet_box.setCurrentIndex(1)  # layer 2
        click_cell(qtbot, dock.mosaic, 5)
        assert large.title.startswith("第 2 层的特征图 6：")
        window.window_actions.languages["en"].trigger()
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Draw", timeout=2000)
        assert large.title.startswith("Map 6 of layer 2: ")
    finally:
        i18n.apply_language("en")
