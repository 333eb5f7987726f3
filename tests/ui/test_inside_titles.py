"""The Inside dock's sheet titles: a long one (a ViT's "Class token's attention to the patches
(rows: layers, columns: heads)") was cut off mid-word in its drop-down, with no way to read which
sheet was shown. It ends in "…" and the drop-down's tooltip says it whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.test_inside_gui import vit_inside


def hover_tip(widget) -> str:
    """The tooltip a resting mouse pointer brings up over ``widget``."""
    centre = widget.rect().center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, widget.mapToGlobal(centre))
    QApplication.sendEvent(widget, event)
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text


def test_a_long_sheet_title_is_elided_and_said_whole_in_its_tooltip(qtbot, make_window, pen):
    dock = vit_inside(qtbot, make_window, pen)
    box = dock.sheet_box
    box.setCurrentIndex(0)  # the class token's attention: the longest title
    title = box.currentText()
    assert title.startswith("Class token's attention") and title.endswith("heads)")
    qtbot.waitUntil(lambda: box.width() < box.fontMetrics().horizontalAdvance(title))
    assert title in hover_tip(box).splitlines()
    shown = box.shown_text()
    assert shown.endswith("…") and title.startswith(shown[:-1])
    assert box.fontMetrics().horizontalAdvance(shown) < box.width()

    # a dock widened by 120 px (at its narrowest even a short title ends in "…")
    window, narrowest = dock.main, dock.width()
    window.resize(window.width() + 120, window.height())
    window.resizeDocks([dock], [narrowest + 120], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() == narrowest + 120)
    box.setCurrentIndex(1)  # "Attention rollout from the class token": fits, shown whole
    assert box.shown_text() == box.currentText()
    assert box.currentText() not in hover_tip(box)  # the tip is the box's own help
    assert hover_tip(box).startswith("Which layer to show")
