"""The Inside dock with a ViT: a click on a filter of its patch embedding showed the filter large
and, where a convnet's filter shows "the map it makes of this digit", nothing: an empty half of
the panel. It shows the filter's value for each 7x7 patch of the digit."""

from __future__ import annotations

import numpy as np

from tests.ui.test_inside_gui import click_cell, vit_inside


def test_a_vit_filter_shows_the_map_it_makes_of_the_digit(qtbot, make_window, pen):
    dock = vit_inside(qtbot, make_window, pen)
    box = dock.sheet_box
    box.setCurrentIndex(box.count() - 1)  # the patch embedding's filters
    assert dock.mosaic.sheet.kind == "filters"
    click_cell(qtbot, dock.mosaic, 5)
    assert dock.detail.large.title.startswith("Filter 6")
    feed = dock.detail.feeds[0]
    assert feed.isVisibleTo(dock) and dock.detail.feeds_title.text()
    shown = feed.image.image
    assert shown is not None and shown.shape == (28, 28)
    # one value per patch: 4x4 patches of 7x7 pixels, and the drawing makes them differ
    patches = shown.reshape(4, 7, 4, 7).transpose(0, 2, 1, 3).reshape(16, 49)
    assert np.ptp(patches, axis=1).max() == 0 and np.ptp(patches[:, 0]) > 0
    assert feed.canvas.width() > 0 and feed.canvas.height() > 0
