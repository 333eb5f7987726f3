"""Training watched from inside: the first layer's filters (a ViT's patch embedding, an MLP's
first weights as 28x28 images) beside the curves, redrawn from the run's ``FiltersSnapshot``
events, which the run sends no more often than the curves are redrawn."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mnist_desk.app.inside_sheets import filters_sheet
from mnist_desk.ui.i18n import LiveTexts, is_language_change
from mnist_desk.ui.inside.image_panel import MosaicView


class FiltersView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = LiveTexts()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.mosaic = MosaicView()
        self.mosaic.setMinimumSize(120, 120)  # a narrow window keeps room for the curves
        self.step: int | None = None
        self.sheet = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.mosaic, 1)
        self.texts.call(self._show_title)

    def show_weights(self, weights, step: int) -> None:
        """``weights``: the first layer's, (out, in, h, w) or (out, in), a numpy copy."""
        keep = self.sheet is not None and self.sheet.maps.shape[0] == len(weights)
        self.sheet = filters_sheet(weights)
        self.mosaic.show_sheet(self.sheet, keep_view=keep)
        self.step = step
        self._show_title()

    def clear(self) -> None:
        self.sheet, self.step = None, None
        self.mosaic.image.clear()
        self._show_title()

    def _show_title(self) -> None:
        if self.sheet is None:
            self.title.setText(self.tr("The first layer's filters appear here while a run trains."))
            return
        h, w = self.sheet.cell_shape
        self.title.setText(
            self.tr("First layer's {0} filters ({1}x{2}) at step {3:,}").format(
                self.sheet.count, h, w, self.step
            )
        )

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)


def side_by_side(curves: QWidget, filters: FiltersView) -> QWidget:
    """The curves with the filters at their right (a quarter of the width)."""
    both = QWidget()
    layout = QHBoxLayout(both)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(curves, 3)
    layout.addWidget(filters, 1)
    return both
