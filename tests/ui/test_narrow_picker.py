"""The Draw tab's drop-downs at the window's smallest size: the task ("Single-digit classi") and
the weights were cut off mid-word, with nothing to say what was lost. The task and the device are
whole; the network and the weights end in "…" and their tooltips say them whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from tests.support import shrink_to_minimum
from tests.ui.test_inside_titles import hover_tip


def text_room(combo) -> int:
    """The width the style gives a drop-down's current text."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width() - 2


@pytest.fixture
def language(request):
    """The interface in the test's language, English again after it."""
    from mnist_desk.ui import i18n

    i18n.apply_language(request.param)
    yield request.param
    i18n.apply_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_at_the_smallest_window_every_choice_can_be_read(qtbot, window, language):
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=30_000)
    shrink_to_minimum(qtbot, window)
    picker = window.picker
    qtbot.waitUntil(lambda: picker.checkpoint_combo.isEnabled())
    for combo in (picker.task_combo, picker.device_combo):  # short: always whole
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= text_room(combo), text
    for combo in (picker.arch_combo, picker.checkpoint_combo):
        text = combo.currentText()
        if combo.fontMetrics().horizontalAdvance(text) > text_room(combo):
            assert text in hover_tip(combo).splitlines(), f"{text!r} cut off, no tooltip"
            shown = combo.shown_text()
            assert shown.endswith("…") and text.startswith(shown[:-1])
            assert combo.fontMetrics().horizontalAdvance(shown) <= text_room(combo)
            assert len(shown) > 10, f"{shown!r}: too little to tell the choice by"
