"""Numbers written with the mouse in the real window: each box's number, its digits one by one,
the digit shown in detail (click another to see it), and the equation with the whole sum."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.number_glyphs import write


def draw_number(pen, canvas, names, **kwargs):
    """The glyphs written left to right with the mouse, stroke by stroke."""
    kwargs.setdefault("height", 0.45)
    kwargs.setdefault("at", (0.15, 0.25))
    for stroke in write(names, **kwargs)[0]:
        pen(canvas, [tuple(p) for p in stroke], steps=2)


def test_twelve_and_seven_show_twelve_plus_seven_is_nineteen(window, pen):
    draw_number(pen, window.canvases[0], ["1", "2"])
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))
    assert window.sum_view.equation_text == "12 + 7 = 19"
    assert "sure" in window.sum_view.caption_label.text()
    first, second = window.panels
    assert first.number_view.isVisible() and first.number_view.number_text == "Number: 12"
    assert [c.digit_label.text() for c in first.number_view.chips[:2]] == ["1", "2"]
    assert not second.number_view.isVisible()  # one digit: shown as it always was
    assert second.result_view.digit_text == "7"


def test_the_digit_drawn_last_is_shown_in_detail_and_a_click_shows_another(window, pen):
    draw_number(pen, window.canvases[0], ["1", "2", "8"])
    panel = window.panels[0]
    assert panel.number_view.number_text == "Number: 128"
    assert panel.result_view.digit_text == "8"  # the digit drawn last
    result = window.last_result.numbers[0]
    assert np.array_equal(panel.result_view.preview.image, result.digits[2].image28)
    QTest.mouseClick(panel.number_view.chips[0], Qt.MouseButton.LeftButton)
    assert panel.result_view.digit_text == "1" and window.drawing.selected[0] == 0
    assert panel.result_view.bars.values == result.digits[0].probabilities
    assert window.drawing.selected_digit(0) is result.digits[0]  # what other views can show


def test_numbers_are_added_column_by_column_by_an_adder(make_window, pen):
    from mnist_desk.store.catalog import resolve_model

    window = make_window(model=str(resolve_model("transfer-convnet").path))
    draw_number(pen, window.canvases[0], ["4-two-strokes", "8"])
    draw_number(pen, window.canvases[1], ["5-two-strokes", "9"])
    assert window.sum_view.equation_text == "48 + 59 = 107"
    assert "column by column" in window.sum_view.caption_label.text()


class DoubtDenseInk:
    """A stand-in judge (the trained gate is ood's): inputs with much ink are not digits."""

    def judge(self, inputs, logits):
        from mnist_desk.recognition.doubt import Verdict

        ink = (inputs > 0).float().mean(dim=(1, 2, 3))
        return [
            Verdict(False, "looks like a scribble", 0.1) if v > 0.4 else Verdict(True, None, 0.9)
            for v in ink.tolist()
        ]


def draw_a_doubted_scribble_and_a_7(window, pen):
    """A zigzag in the first box, which the stand-in judge calls a scribble, and a 7."""
    window.predictor.judge = DoubtDenseInk()
    zigzag = [(0.2 + 0.6 * (i % 2), 0.2 + 0.6 * i / 12) for i in range(13)]
    pen(window.canvases[0], zigzag)
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))


def test_what_is_not_a_digit_shows_a_question_mark_and_no_sum(window, pen):
    draw_a_doubted_scribble_and_a_7(window, pen)
    assert window.sum_view.equation_text == "? + 7 = ?"
    assert "scribble" in window.sum_view.caption_label.text()
    view = window.panels[0].result_view
    assert view.digit_text == "?" and "scribble" in view.confidence_label.text()


def test_a_drawn_letter_shows_a_question_mark_with_the_shipped_gate(window, pen):
    """The shipped digit gate (no stand-in): an M is not read as a digit, and no sum is made."""
    assert window.predictor.judge.gate is not None
    pen(window.canvases[0], [(0.25, 0.8), (0.3, 0.2), (0.5, 0.6), (0.7, 0.2), (0.75, 0.8)])
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))
    assert window.sum_view.equation_text == "? + 7 = ?"
    view = window.panels[0].result_view
    assert view.digit_text == "?" and "letter" in view.confidence_label.text()
    assert window.panels[1].result_view.digit_text == "7"


def test_at_the_smallest_window_the_digits_of_a_number_stay_below_the_canvas(window, pen):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    window.resize(window.minimumSizeHint())
    QApplication.processEvents()
    draw_number(pen, window.canvases[0], ["1", "2", "8"])
    QApplication.processEvents()
    panel, canvas = window.panels[0], window.canvases[0]

    def top(widget):
        return widget.mapTo(window, QPoint(0, 0)).y()

    canvas_bottom = top(canvas) + canvas.height()
    chips = [chip for chip in panel.number_view.chips if chip.isVisible()]
    assert len(chips) == 3
    for chip in chips:
        assert top(chip) >= canvas_bottom, "a digit chip is drawn over the canvas"
        assert chip.height() >= chip.minimumSizeHint().height(), "a digit chip is squeezed"
    strip_bottom = max(top(chip) + chip.height() for chip in chips)
    assert top(panel.result_view) >= strip_bottom, "the digit in detail covers the chips"


def test_the_sum_of_two_numbers_shows_no_empty_sum_bars(window, pen):
    draw_number(pen, window.canvases[0], ["1", "2"])
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))
    assert window.sum_view.equation_text == "12 + 7 = 19"
    assert not window.sum_view.bars.isVisible()
    assert "one digit per box" in window.sum_view.bars_title.text()
    QTest.mouseClick(window.panels[0].clear_button, Qt.MouseButton.LeftButton)  # one digit again
    draw_number(pen, window.canvases[0], ["3"], at=(0.35, 0.25))
    assert window.sum_view.equation_text == "3 + 7 = 10"
    assert window.sum_view.bars.isVisible() and len(window.sum_view.bars.values) == 19


def test_one_digit_per_box_with_a_question_mark_keeps_the_sum_bars_and_their_title(window, pen):
    draw_a_doubted_scribble_and_a_7(window, pen)
    assert window.sum_view.equation_text == "? + 7 = ?"
    assert window.sum_view.bars.isVisible() and window.sum_view.bars.values is None
    assert "one digit per box" not in window.sum_view.bars_title.text()  # there is one in each
    assert window.sum_view.bars_title.text() == "Sum probabilities (0–18), from the two digits"


def test_a_long_equation_is_shown_whole_in_a_smaller_font(window, pen):
    from PySide6.QtGui import QFontMetricsF

    label = window.sum_view.equation_label
    draw_number(pen, window.canvases[0], ["3"], at=(0.35, 0.25))
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))
    full_size = label.font().pointSizeF()
    five = ["9", "8", "7", "6", "5-two-strokes"]
    for canvas in window.canvases:
        QTest.mouseClick(window.panels[canvas.index].clear_button, Qt.MouseButton.LeftButton)
        draw_number(pen, canvas, five, height=0.17, gap=0.35, at=(0.05, 0.4))
    assert window.sum_view.equation_text == "98765 + 98765 = 197530"
    shown = QFontMetricsF(label.font()).horizontalAdvance(label.text())
    assert shown <= label.contentsRect().width(), "the equation is cut off"
    assert label.font().pointSizeF() < full_size
    window.clear_all()
    assert label.font().pointSizeF() == full_size  # "? + ? = ?" fits at full size again


def test_a_long_number_scrolls_its_digits_rather_than_widening_the_window(window, pen):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    width = window.width()
    eight = ["9", "8", "7", "6", "5-two-strokes", "4-two-strokes", "3", "2"]
    for canvas in window.canvases:
        draw_number(pen, canvas, eight, height=0.1, gap=0.35, at=(0.05, 0.4))
    QApplication.processEvents()  # the layout, and the scroll to the digit shown in detail
    digits = window.last_result.numbers[0].digits
    assert len(digits) >= 7
    assert window.minimumSizeHint().width() <= width, "a long number widens the window"
    strip = window.panels[0].number_view
    viewport = strip.chips_area.viewport()
    last = strip.chips[len(digits) - 1]  # the digit drawn last, shown in detail
    left = last.mapTo(viewport, QPoint(0, 0)).x()
    assert left >= 0 and left + last.width() <= viewport.width(), "the digit in detail is hidden"


def test_an_outlined_0_drawn_with_the_pen_lifted_reads_as_one_0(window, pen):
    """The outer contour in two strokes, then the inner one: one 0, not 60 or 603."""
    t = np.linspace(0, 2 * np.pi, 80)
    outer = np.c_[0.5 + 0.25 * np.sin(t), 0.5 - 0.38 * np.cos(t)]
    inner = np.c_[0.5 + 0.13 * np.sin(t), 0.5 - 0.25 * np.cos(t)]
    for stroke in (outer[:45], outer[44:], inner):
        pen(window.canvases[0], [tuple(p) for p in stroke], steps=2)
    draw_number(pen, window.canvases[1], ["7"], at=(0.35, 0.25))
    assert window.sum_view.equation_text == "0 + 7 = 7"
