"""A clicked map or unit, large: its value range, and what feeds it (small panels beside)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mnist_desk.app.inside_sheets import ATTENTION, CONV, FILTERS, ROLLOUT
from mnist_desk.ui.inside.image_panel import ImagePanel

FEED_PANELS = 4


class DetailView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # the large map and its feeds two by two fit the dock's narrowest width: four feeds in a
        # row (160 + 4 x 80 pixels) made the dock's body wider than the dock and cut it off
        self.large = ImagePanel(size=96)
        self.feeds_title = QLabel()
        self.feeds_title.setWordWrap(True)
        self.feeds = [ImagePanel(size=52) for _ in range(FEED_PANELS)]
        feeds_grid = QGridLayout()
        for k, panel in enumerate(self.feeds):
            feeds_grid.addWidget(panel, k // 2, k % 2)
        side = QVBoxLayout()
        side.addWidget(self.feeds_title)
        side.addLayout(feeds_grid, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.large, 2)
        layout.addLayout(side, 3)
        self.clear()

    def clear(self) -> None:
        self.large.clear_image(self.tr("Click a map or a unit to see it here"))
        self.feeds_title.setText("")
        for panel in self.feeds:
            panel.clear_image()
        self._show_panels(0)

    def _show_panels(self, count: int) -> None:
        """The first ``count`` feed panels shown, the rest hidden; a panel's visibility changes
        only when it must (each change lays the dock out again)."""
        for k, panel in enumerate(self.feeds):
            if panel.isHidden() == (k < count):
                panel.setVisible(k < count)

    def show_detail(self, sheet, cell: int, detail) -> None:
        """``detail``: ``mnist_desk.inspection.details.UnitDetail`` of ``sheet``'s ``cell``."""
        title = self._title(sheet, cell, detail)
        if detail.image.size == 1:  # a hidden unit: one value; its weights are shown beside
            self.large.clear_image(title)
        else:
            diverging = sheet.diverging or sheet.kind == FILTERS
            self.large.show_image(detail.image, diverging=diverging, title=title)
        self._show_feeds(sheet, detail)

    def _title(self, sheet, cell: int, detail) -> str:
        unit, low, high = sheet.unit(cell), detail.low, detail.high
        if sheet.kind == CONV:
            text = self.tr("Map {0} of layer {1}: {2:.3g} to {3:.3g}")
            return text.format(unit + 1, sheet.number, low, high)
        if sheet.kind == ATTENTION:
            text = self.tr("Layer {0}, head {1}: attention {2:.3g} to {3:.3g}")
            return text.format(cell // sheet.columns + 1, cell % sheet.columns + 1, low, high)
        if sheet.kind == ROLLOUT:
            return self.tr("Rolled out through every layer: {0:.3g} to {1:.3g}").format(low, high)
        if sheet.kind == FILTERS:
            text = self.tr("Filter {0}: weights {1:.3g} to {2:.3g}")
            return text.format(unit + 1, low, high)
        text = self.tr("Unit {0} of hidden layer {1}: {2:.3g}")  # HIDDEN, TOP_UNITS, WEIGHTS
        return text.format(unit + 1, sheet.number, low)

    def _show_feeds(self, sheet, detail) -> None:
        panels = iter(self.feeds)
        if not detail.feeds:
            self.feeds_title.setText("")
            self._show_panels(0)
            return
        if sheet.kind == CONV:
            self.feeds_title.setText(
                self.tr("Fed by its kernel over the input maps that add the most:")
            )
            for feed in detail.feeds:
                panel = next(panels)
                if sheet.number == 1:
                    text = self.tr("over the image")
                else:
                    text = self.tr("map {0}: {1:.3g}").format(feed.source + 1, feed.contribution)
                panel.show_image(feed.weights, diverging=True, title=text)
            self._show_panels(len(detail.feeds))
            return
        feed = detail.feeds[0]
        if sheet.kind in (ATTENTION, ROLLOUT):
            self.feeds_title.setText(self.tr("It reads the patches of the digit, weighted so:"))
            next(panels).show_image(feed.product, title=self.tr("weighted input"))
        elif sheet.kind == FILTERS:
            self.feeds_title.setText(self.tr("The map it makes of this digit:"))
            next(panels).show_image(feed.product, diverging=True, title="")
        else:
            self.feeds_title.setText(self.tr("Fed by its weights over what it reads:"))
            next(panels).show_image(feed.weights, diverging=True, title=self.tr("weights"))
            next(panels).show_image(feed.product, diverging=True, title=self.tr("weights × input"))
        self._show_panels(1 if sheet.kind in (ATTENTION, ROLLOUT, FILTERS) else 2)
