"""The drawing pad's keys, pressed as a person presses them (on the window, through its
shortcuts): [ ] pen width, Ctrl+1/Ctrl+2 canvas, Delete, Esc, Ctrl+Z / redo, Ctrl+O, Ctrl+S."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.number_glyphs import write
from tests.ui.test_drawing_pad import VERTICAL, sample, shown_digit

CTRL = Qt.KeyboardModifier.ControlModifier


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(window, key, modifiers)


def press_sequence(window, standard_key):
    """The platform's first binding of a standard key (e.g. Redo: Ctrl+Shift+Z here)."""
    combo = QKeySequence.keyBindings(standard_key)[0][0]
    QTest.keyClick(window, combo.key(), combo.keyboardModifiers())


def test_brackets_change_the_pen_width(window):
    window.set_pen_width(0.05)
    press(window, Qt.Key.Key_BracketRight)
    press(window, Qt.Key.Key_BracketRight)
    assert window.pen_width == pytest.approx(0.07)
    assert all(c.pen_width == pytest.approx(0.07) for c in window.canvases)
    press(window, Qt.Key.Key_BracketLeft)
    assert window.pen_width == pytest.approx(0.06)
    assert window.draw_tab.pen_slider.value() == 6 and "6%" in window.draw_tab.pen_label.text()


def test_ctrl_digits_select_a_canvas_and_delete_clears_only_it(window, pen):
    pen(window.canvases[0], VERTICAL)
    pen(window.canvases[1], VERTICAL)
    press(window, Qt.Key.Key_2, CTRL)
    assert window.active_index == 1
    press(window, Qt.Key.Key_1, CTRL)
    assert window.active_index == 0
    press(window, Qt.Key.Key_Delete)
    assert window.canvases[0].is_empty() and not window.canvases[1].is_empty()
    assert shown_digit(window, 0) == "–" and shown_digit(window, 1) == "1"


def test_undo_and_redo_keys_across_canvases(window, pen):
    pen(window.canvases[0], VERTICAL)
    pen(window.canvases[1], VERTICAL)
    press(window, Qt.Key.Key_Escape)  # clear both: one step
    assert all(c.is_empty() for c in window.canvases)
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.sum_view.equation_text == "1 + 1 = 2"  # both back with one undo
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.canvases[1].is_empty() and not window.canvases[0].is_empty()
    press_sequence(window, QKeySequence.StandardKey.Redo)
    assert window.sum_view.equation_text == "1 + 1 = 2"
    press(window, Qt.Key.Key_Z, CTRL)
    press(window, Qt.Key.Key_Z, CTRL)
    assert all(c.is_empty() for c in window.canvases)
    press(window, Qt.Key.Key_Z, CTRL)  # nothing left: said, not an error
    assert "Nothing to undo" in window.statusBar().currentMessage()


def test_ctrl_z_mid_stroke_takes_back_only_the_stroke_being_drawn(window, pen, qtbot):
    """Ctrl+Z with the button still held dropped the stroke being drawn and undid the one before
    it too. It takes back only the stroke in progress; the rest of that drag draws nothing."""
    canvas = window.canvases[0]
    first, second = write(["1", "1"], height=0.45, at=(0.15, 0.25))[0]
    pen(window.canvases[1], VERTICAL)
    pen(canvas, [tuple(p) for p in first], steps=2)
    assert window.sum_view.equation_text == "1 + 1 = 2"
    pen(canvas, [tuple(p) for p in second], steps=2, release=False)  # the button still held
    qtbot.waitUntil(lambda: window.sum_view.equation_text == "11 + 1 = 12", timeout=2000)
    press(window, Qt.Key.Key_Z, CTRL)
    assert not canvas.drawing and len(canvas.state.strokes) == 1  # the first 1 stays
    assert window.sum_view.equation_text == "1 + 1 = 2"
    pen(canvas, [(0.8, 0.3), (0.8, 0.8)], press=False)  # the rest of the drag, then release
    assert len(canvas.state.strokes) == 1 and window.sum_view.equation_text == "1 + 1 = 2"
    press(window, Qt.Key.Key_Z, CTRL)  # the next Ctrl+Z undoes the last finished stroke
    assert canvas.is_empty() and window.sum_view.equation_text == "? + 1 = ?"


def test_redo_mid_stroke_keeps_the_stroke_being_drawn(window, pen, qtbot):
    """Redo with the button still held dropped the stroke being drawn. The undone stroke comes
    back and the stroke in progress goes on over it, landing when the button is released."""
    canvas = window.canvases[0]
    first, second = write(["1", "1"], height=0.45, at=(0.15, 0.25))[0]
    pen(window.canvases[1], VERTICAL)
    pen(canvas, [tuple(p) for p in first], steps=2)
    press(window, Qt.Key.Key_Z, CTRL)
    assert not canvas.state.strokes and window.sum_view.equation_text == "? + 1 = ?"
    pen(canvas, [tuple(p) for p in second], steps=2, release=False)  # the button still held
    press_sequence(window, QKeySequence.StandardKey.Redo)
    assert canvas.drawing and len(canvas.state.strokes) == 1  # the first 1 is back
    pen(canvas, [tuple(second[-1])], press=False)  # the release ends the stroke in progress
    assert not canvas.drawing and len(canvas.state.strokes) == 2
    assert window.sum_view.equation_text == "11 + 1 = 12"


def test_ctrl_o_opens_into_the_selected_canvas_and_ctrl_s_saves_it(window, monkeypatch, tmp_path):
    asked = []

    def open_name(parent, caption, folder, filter):
        asked.append(filter)
        return str(sample(4)), filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_name))
    press(window, Qt.Key.Key_2, CTRL)
    press(window, Qt.Key.Key_O, CTRL)
    assert "*.png" in asked[0] and shown_digit(window, 1) == "4"
    assert window.canvases[0].is_empty()

    saved = tmp_path / "four"  # the dialog's answer without the extension: .png is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(saved), "PNG images"))
    )
    press(window, Qt.Key.Key_S, CTRL)
    assert saved.with_suffix(".png").is_file()
    assert window.open_image(saved.with_suffix(".png"), 0) and shown_digit(window, 0) == "4"


def test_drawing_keys_do_nothing_on_another_tab(window, pen):
    from PySide6.QtWidgets import QLabel

    pen(window.canvases[0], VERTICAL)
    window.tabs.setCurrentIndex(window.add_tab(QLabel("elsewhere"), "Elsewhere"))
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Z, CTRL)
    assert not window.canvases[0].is_empty()
