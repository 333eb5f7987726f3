"""Correct a digit on the drawing pad, find it in My digits, undo it, relabel and delete it there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from mnist_desk.personal.store import MyDigitsStore
from tests.support import press

VERTICAL = [(0.5, 0.15), (0.5, 0.85)]
LOOP = [(0.5, 0.2), (0.3, 0.35), (0.3, 0.7), (0.5, 0.85), (0.7, 0.7), (0.7, 0.35), (0.5, 0.2)]


def click_bar(panel, digit: int) -> None:
    bars = panel.result_view.bars
    slot = bars.width() / 10
    QTest.mouseClick(
        bars,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round((digit + 0.5) * slot), bars.height() // 2),
    )


def click_item(view, item) -> None:
    """A click on a digit in the browser's grid: it alone is selected."""
    rect = view.grid.visualItemRect(item)
    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def on_disk(window) -> MyDigitsStore:
    """What a fresh start of the app would find."""
    return MyDigitsStore(window.corrections.store.folder)


def my_digits_tab(window, qtbot):
    qtbot.waitUntil(lambda: window.my_digits_view is not None, timeout=60_000)
    window.tabs.setCurrentWidget(window.my_digits_view)
    return window.my_digits_view


def a_7_and_a_6_kept(window, pen, qtbot):
    """A 1 drawn and corrected to 7, a loop corrected to 6; then My digits, shown."""
    pen(window.canvases[0], VERTICAL)
    click_bar(window.panels[0], 7)
    pen(window.canvases[1], LOOP)
    click_bar(window.panels[1], 6)
    return my_digits_tab(window, qtbot)


def test_correct_a_digit_by_clicking_its_bar_and_find_it_in_my_digits(window, pen, qtbot):
    pen(window.canvases[0], VERTICAL)
    assert window.panels[0].result_view.digit_text == "1"
    click_bar(window.panels[0], 7)  # "no, that is my 7"
    [kept] = on_disk(window).items()
    assert (kept.label, kept.predicted, kept.source) == (7, 1, "drawn")
    assert kept.model == "classifier-convnet" and kept.created
    assert (kept.image28 == window.panels[0].result_view.preview.image).all()
    assert len(kept.strokes) == 1 and len(kept.strokes[0]["points"]) >= 2
    assert "as 7 (read as 1)" in window.corrections.bars[0].note_text

    view = my_digits_tab(window, qtbot)
    assert view.grid.count() == 1
    assert view.grid.item(0).text() == "7 · read 1"
    assert "1 digit, 1 misread" in view.summary.text()  # singular
    view.misread_only.setChecked(True)
    assert view.grid.count() == 1
    view.digit_filter.setCurrentIndex(view.digit_filter.findData(3))
    assert view.grid.count() == 0


def test_an_empty_browser_says_how_digits_get_there_and_a_filter_says_it_hides_them(
    window, pen, qtbot
):
    view = my_digits_tab(window, qtbot)
    assert view.empty_hint.isVisible() and not view.grid.isVisible()
    assert "Keep" in view.empty_hint.text()
    window.tabs.setCurrentIndex(0)
    pen(window.canvases[0], VERTICAL)
    click_bar(window.panels[0], 7)
    view = my_digits_tab(window, qtbot)
    assert view.grid.isVisible() and not view.empty_hint.isVisible()
    view.digit_filter.setCurrentIndex(view.digit_filter.findData(3))  # no 3s kept
    assert view.empty_hint.isVisible() and "filter" in view.empty_hint.text()


def test_a_digit_key_on_the_selected_canvas_corrects_and_keep_keeps(window, pen, qtbot):
    canvas = window.canvases[1]
    pen(canvas, VERTICAL)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_4)
    store = on_disk(window)
    assert [(d.label, d.predicted) for d in store.items()] == [(4, 1)]
    QTest.keyClick(canvas, Qt.Key.Key_9)  # changed my mind: the same drawing, relabelled
    assert [(d.label, d.predicted) for d in on_disk(window).items()] == [(9, 1)]
    pen(window.canvases[0], VERTICAL)
    window.corrections.bars[0].keep_button.click()  # read right: kept as an example
    labels = sorted((d.label, d.predicted) for d in on_disk(window).items())
    assert labels == [(1, 1), (9, 1)]


def test_keep_on_what_is_not_a_digit_asks_for_the_right_digit_and_keeps_nothing(
    window, pen, qtbot, message_boxes
):
    scribble = [(0.2, 0.2), (0.8, 0.8), (0.2, 0.8), (0.8, 0.2), (0.2, 0.5), (0.8, 0.5)]
    pen(window.canvases[0], scribble + [(0.5, 0.1), (0.5, 0.9)])
    assert window.panels[0].result_view.digit_text == "?"
    press(qtbot, window.corrections.bars[0].keep_button)
    assert message_boxes() == []  # no "None is not a digit label" dialog
    assert "bar" in window.statusBar().currentMessage()
    assert len(on_disk(window)) == 0
    click_bar(window.panels[0], 4)  # the user says which digit it is: kept as that
    assert [(d.label, d.predicted) for d in on_disk(window).items()] == [(4, None)]


def test_keeping_a_number_says_one_digit_per_box(window, pen, qtbot):
    from tests.ui.test_numbers_gui import draw_number

    canvas = window.canvases[0]
    draw_number(pen, canvas, ["1", "2"])
    assert window.panels[0].number_view.number_text == "Number: 12"
    press(qtbot, window.corrections.bars[0].keep_button)
    assert "one digit per box" in window.statusBar().currentMessage()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_7)
    assert "one digit per box" in window.statusBar().currentMessage()
    assert len(on_disk(window)) == 0


def test_undo_takes_a_correction_back(window, pen, qtbot):
    pen(window.canvases[0], VERTICAL)
    click_bar(window.panels[0], 7)
    click_bar(window.panels[0], 2)  # relabel the same drawing
    assert [d.label for d in on_disk(window).items()] == [2]
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [d.label for d in on_disk(window).items()] == [7]  # the relabel is undone
    window.undo_button.click()
    assert len(on_disk(window)) == 0  # then the correction itself
    assert not window.canvases[0].is_empty()  # the drawing stays
    window.undo()
    assert window.canvases[0].is_empty()  # then the stroke


def test_relabel_and_delete_in_the_browser(window, pen, qtbot):
    view = a_7_and_a_6_kept(window, pen, qtbot)
    assert view.grid.count() == 2
    first = view.grid.item(0)  # sorted by label: the 6, then the 7
    assert first.text().startswith("6")
    click_item(view, first)
    view.relabel_box.setCurrentIndex(view.relabel_box.findData(0))
    view.relabel_button.click()
    assert sorted(d.label for d in on_disk(window).items()) == [0, 7]
    seven = next(view.grid.item(i) for i in range(2) if view.grid.item(i).text().startswith("7"))
    click_item(view, seven)
    QTest.keyClick(view.grid, Qt.Key.Key_3)  # a digit key relabels the selection
    assert sorted(d.label for d in on_disk(window).items()) == [0, 3]
    click_item(view, view.grid.item(0))
    view.delete_button.click()
    [left] = on_disk(window).items()
    assert left.label == 3 and view.grid.count() == 1
    assert "1 digit," in view.summary.text()


def test_fine_tune_on_my_digits_runs_in_the_train_tab_and_offers_the_model(
    window, qtbot, data_dir, tmp_path, message_boxes
):
    from benchmarks.personal_hand import hand_digits
    from mnist_desk.personal.recipe import PersonalSettings

    view = my_digits_tab(window, qtbot)
    view.fine_tune_button.click()  # no digits yet: it says how many it needs
    assert "at least 5 of each digit" in window.last_error and not window.training_panel.is_running
    [needs_more] = message_boxes()
    assert "at least 5 of each digit" in needs_more.text()
    needs_more.close()
    store = window.corrections.store
    for d in hand_digits(10):
        store.add(d.image28, d.label, predicted=None, source="generated")
    window.corrections.changed.emit()
    assert "100 digits" in view.summary.text()
    window.training.personal_settings = PersonalSettings(
        steps=6, evals=2, val_subset=100, test_subset=200, num_threads=1
    )
    # The Train tab's task "classifier, personalised", chosen and started as a person does.
    panel = window.training_panel
    window.tabs.setCurrentWidget(panel)
    task_box = panel.form.task_box
    task_box.setFocus()
    while task_box.currentData() != "classifier-personalised":  # the last task in the list
        QTest.keyClick(task_box, Qt.Key.Key_Down)
    assert "My digits" in task_box.currentText() and not panel.form.lr_spin.isEnabled()
    assert task_box.isEnabled() and not panel.form.arch_box.isEnabled()  # the way back stays open
    press(qtbot, panel.run_controls.start_button)
    assert window.tabs.currentWidget() is panel and panel.is_running
    assert task_box.currentData() == "classifier-personalised"  # the form shows what runs
    qtbot.waitUntil(lambda: not panel.is_running, timeout=120_000)
    saved = sorted((tmp_path / "models").glob("classifier-convnet-mine-*.pt"))
    series = panel.plots.runs[-1]
    assert len(saved) == 1 and len(series.train_step) == 6 and series.val_step  # live curves
    [box] = view.findChildren(QMessageBox)  # the saved model is offered ...
    assert "Your held-out digits" in box.text() and "MNIST test" in box.text()
    box.button(box.StandardButton.Yes).click()  # ... and used at once when accepted
    qtbot.waitUntil(lambda: window.predictor.checkpoint.path == saved[0], timeout=60_000)
    assert window.tabs.currentWidget() is window.draw_tab  # where it is tried, as Use does
    [adder] = sorted((tmp_path / "models").glob("transfer-convnet-mine-*.pt"))
    # The adders build on it: choosing the transfer adder task picks the one reading digits with
    # the personalised classifier, not the shipped one.
    picker = window.picker
    qtbot.waitUntil(lambda: picker.entry_for(str(adder)) is not None, timeout=60_000)
    assert picker.task_combo.currentData() == "classifier"
    QTest.keyClick(picker.task_combo, Qt.Key.Key_Down)  # the next task: the transfer adder
    assert picker.task_combo.currentData() == "transfer"
    qtbot.waitUntil(lambda: window.predictor.checkpoint.path == adder, timeout=60_000)
    task_box.setFocus()  # after the run, back to another task: its settings apply again
    QTest.keyClick(task_box, Qt.Key.Key_Up)
    assert task_box.currentData() == "scratch" and panel.form.lr_spin.isEnabled()


def test_an_import_report_is_worded_in_the_language_in_effect(
    window, qtbot, tmp_path, monkeypatch, message_boxes
):
    """The report of an import (the core's own lines) stayed English in a Chinese window."""
    from PySide6.QtWidgets import QFileDialog

    from mnist_desk.ui import i18n

    empty = tmp_path / "class-pool"
    empty.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(empty))
    )
    view = my_digits_tab(window, qtbot)
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
        [box] = message_boxes()
        assert box.text().startswith(f"没有从 {empty} 导入任何内容\n")
        assert "0 到 9" in box.text()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: box.text().startswith(f"nothing imported from {empty}\n"), timeout=2000)


def test_the_counts_per_digit_stay_apart(window, pen, qtbot):
    """The summary's counts ran together, "Per digit: 0: 0 1: 1 2: 0" (the spaces between them,
    in rich text, collapsed into one); they are set apart."""
    import re

    from PySide6.QtGui import QTextDocument

    pen(window.canvases[0], VERTICAL)
    press(qtbot, window.corrections.bars[0].keep_button)
    view = my_digits_tab(window, qtbot)
    shown = QTextDocument()
    shown.setHtml(view.summary.text())  # what the label draws
    text = shown.toPlainText()
    assert re.search(r"0: 0[ \u00a0]{3}1: 1[ \u00a0]{3}2: 0", text), text


def test_a_digit_deleted_in_my_digits_comes_back_with_ctrl_z(window, pen, qtbot):
    """Delete removed a digit for good, with no question and no undo; the Draw tab still said
    it was kept. Ctrl+Z (or Undo) puts it back, and the Draw tab follows."""
    pen(window.canvases[0], VERTICAL)
    click_bar(window.panels[0], 7)
    [kept] = on_disk(window).items()
    view = my_digits_tab(window, qtbot)
    assert not view.undo_button.isEnabled()
    click_item(view, view.grid.item(0))
    QTest.keyClick(view.grid, Qt.Key.Key_Delete)
    assert on_disk(window).items() == [] and view.grid.count() == 0
    assert "Ctrl+Z" in view.last_message
    assert "Kept" not in window.corrections.bars[0].note_text  # not kept any more
    assert view.undo_button.isEnabled()
    QTest.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = on_disk(window).items()
    assert (back.id, back.label, back.predicted) == (kept.id, 7, 1)
    assert view.grid.count() == 1 and not view.undo_button.isEnabled()
    assert "as 7 (read as 1)" in window.corrections.bars[0].note_text
    QTest.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing more
    assert len(on_disk(window)) == 1


def test_several_deleted_digits_come_back_with_the_undo_button(window, pen, qtbot, monkeypatch):
    view = a_7_and_a_6_kept(window, pen, qtbot)
    view.grid.selectAll()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    press(qtbot, view.delete_button)
    assert len(on_disk(window)) == 0
    press(qtbot, view.undo_button)
    assert sorted(d.label for d in on_disk(window).items()) == [6, 7]


def test_a_digit_key_that_relabelled_every_selected_digit_is_undone_with_ctrl_z(window, pen, qtbot):
    """Ctrl+A then a stray digit key gave every digit that label; their own labels were lost."""
    view = a_7_and_a_6_kept(window, pen, qtbot)
    click_item(view, view.grid.item(0))
    QTest.keyClick(view.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view.grid, Qt.Key.Key_3)
    assert sorted(d.label for d in on_disk(window).items()) == [3, 3]
    assert "Ctrl+Z" in view.last_message
    QTest.keyClick(view.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(d.label for d in on_disk(window).items()) == [6, 7]


def test_a_digits_tooltip_says_when_on_the_users_clock_and_where_from_in_their_words(
    window, pen, qtbot
):
    """The tooltip showed "2026-12-08T01:58:53+00:00, drawn": UTC in ISO form, and "drawn" in
    English in the Chinese window."""
    from mnist_desk.ui import i18n

    pen(window.canvases[0], VERTICAL)
    click_bar(window.panels[0], 7)
    view = my_digits_tab(window, qtbot)
    tip = view.grid.item(0).toolTip()
    assert "T" not in tip.splitlines()[1] and "+00:00" not in tip
    assert tip.splitlines()[1].endswith(", drawn")
    try:
        window.window_actions.languages["zh_CN"].trigger()
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        assert view.grid.item(0).toolTip().endswith("手绘")
    finally:
        i18n.apply_language("en")


def test_an_empty_box_offers_nothing_to_keep_or_correct(window, pen, qtbot):
    """Under an empty box, Keep was enabled and the note asked "Misread? Click the right
    digit's bar"; there is nothing to keep until something is drawn, nor after Clear."""
    bar = window.corrections.bars[1]
    assert not bar.keep_button.isEnabled() and "Misread" not in bar.note_text
    pen(window.canvases[1], VERTICAL)
    assert bar.keep_button.isEnabled() and "Misread" in bar.note_text
    window.canvases[1].clear()
    assert not bar.keep_button.isEnabled() and bar.note_text == ""
