"""The map of the test set: its legend (the digits' colours) sat in the plot's top-left corner,
over the dots of whichever digits landed there. The colours are said above the map instead, and
nothing but the drawing's star lies over a dot."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from tests.ui.test_inside_map_gui import open_small_map


def test_no_dot_of_the_map_is_hidden_under_its_legend(qtbot, window, isolated_cache):
    view = open_small_map(qtbot, window)
    qtbot.waitUntil(lambda: view.plot.plotItem.vb.width() > 50)
    plot, dots = view.plot, view.dots
    box = plot.plotItem.vb
    (left, right), (top, bottom) = box.viewRange()
    ancestors = {box.background, box.borderRect}  # the view box's own, with nothing drawn
    item = dots
    while item is not None:
        ancestors.add(item)
        item = item.parentItem()
    covered = []
    for x, y in view.shown.data_map.points:
        if not (left <= x <= right and top <= y <= bottom):
            continue
        at = box.mapViewToScene(QPointF(float(x), float(y)))
        items = plot.scene().items(at)  # topmost first
        above = items[: items.index(dots)] if dots in items else items
        over = [i for i in above if i not in ancestors and i is not view.you]
        if over:
            covered.append((float(x), float(y), type(over[0]).__name__))
    assert not covered, f"{len(covered)} dots under {covered[0][2]}"
    assert view.legend.isVisibleTo(view) and all(str(k) in view.legend.text() for k in range(10))
    legend = view.legend.geometry()
    assert not legend.intersects(plot.geometry()) and legend.width() <= view.width()
