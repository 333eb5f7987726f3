"""The Inside dock's Layers page: one sheet of maps at a time (a layer's feature maps, the
attention per layer and head, an MLP's units, the first layer's filters) and the map or unit
clicked, large. Which sheet and which cell are remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from mnist_desk.app.inside_session import unit_detail
from mnist_desk.app.inside_sheets import (
    ATTENTION,
    CONV,
    FILTERS,
    HIDDEN,
    ROLLOUT,
    TOP_UNITS,
    WEIGHTS,
)
from mnist_desk.ui.eliding_combo import ElidingComboBox
from mnist_desk.ui.inside.detail_view import DetailView
from mnist_desk.ui.inside.image_panel import MosaicView


class LayersPage(QWidget):
    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.answer = None
        self._sheet_keys: list[str] = []
        self.sheet_box = ElidingComboBox()  # a long title ends in "…", said whole in its tip
        self.sheet_box.setSizeAdjustPolicy(  # long titles must not widen the dock
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sheet_box.setMinimumContentsLength(12)
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.mosaic = MosaicView()
        self.mosaic.setMinimumHeight(280)
        self.mosaic.cell_chosen.connect(self._cell_chosen)
        self.detail = DetailView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sheet_box)
        layout.addWidget(self.mosaic, 3)
        layout.addWidget(self.detail, 2)

    def show_answer(self, answer) -> None:
        """The sheets of ``answer`` (``app.inside_session.InsideAnswer``); the sheet and the cell
        shown stay while the model does."""
        self.answer = answer
        sheets = answer.sheets
        keys = [f"{s.kind}-{s.number}" for s in sheets]
        if keys != self._sheet_keys:  # another model: another list of sheets
            self._sheet_keys = keys
            self.sheet_box.blockSignals(True)
            self.sheet_box.clear()
            for sheet in sheets:
                self.sheet_box.addItem(self._sheet_title(sheet))
            saved = str(self.settings.value("inside/sheet", ""))
            self.sheet_box.setCurrentIndex(keys.index(saved) if saved in keys else 0)
            self.sheet_box.blockSignals(False)
            self.mosaic.selected = None
            self._show_sheet(keep_view=False)
        else:
            self._show_sheet(keep_view=True)

    def forget_titles(self) -> None:
        """The sheets' titles are listed again with the next answer (a language switch)."""
        self._sheet_keys = []

    def _show_sheet(self, keep_view: bool) -> None:
        if self.answer is None or not self.answer.sheets:  # a blank digit: no maps to show
            self.mosaic.clear_sheet()
            self.detail.clear()
            return
        sheet = self.answer.sheets[max(0, self.sheet_box.currentIndex())]
        self.mosaic.show_sheet(sheet, keep_view)
        if self.mosaic.selected is None and not keep_view:
            saved = self.settings.value("inside/cell")
            cell = int(saved) if saved is not None and str(saved).isdigit() else None
            if cell is not None and cell < sheet.count:
                self.mosaic.selected = cell
                self.mosaic.show_sheet(sheet, True)
        if self.mosaic.selected is None:
            self.detail.clear()
        else:
            self._show_detail(self.mosaic.selected)

    def _show_detail(self, cell: int) -> None:
        sheet = self.mosaic.sheet
        self.detail.show_detail(sheet, cell, unit_detail(self.answer, sheet, cell))

    # ---- the user's choices ----
    def _sheet_changed(self, index: int) -> None:
        if 0 <= index < len(self._sheet_keys):
            self.settings.setValue("inside/sheet", self._sheet_keys[index])
            self.mosaic.selected = None
            self._show_sheet(keep_view=False)

    def _cell_chosen(self, cell: int) -> None:
        self.settings.setValue("inside/cell", cell)
        self._show_detail(cell)

    # ---- texts ----
    def _sheet_title(self, sheet) -> str:
        n, count = sheet.number, sheet.count
        h, w = sheet.cell_shape
        if sheet.kind == CONV:
            return self.tr("Layer {0}: {1} feature maps, {2}x{3}").format(n, count, h, w)
        if sheet.kind == FILTERS:
            if self.answer is not None and self.answer.kind == "vit":
                return self.tr("Patch embedding: {0} filters, {1}x{2}").format(count, h, w)
            return self.tr("First layer's filters: {0}, {1}x{2}").format(count, h, w)
        if sheet.kind == ATTENTION:
            if n == 0:
                return self.tr(
                    "Class token's attention to the patches (rows: layers, columns: heads)"
                )
            return self.tr(
                "Distillation token's attention to the patches (rows: layers, columns: heads)"
            )
        if sheet.kind == ROLLOUT:
            if n == 0:
                return self.tr("Attention rollout from the class token")
            return self.tr("Attention rollout from the distillation token")
        if sheet.kind == HIDDEN:
            return self.tr("Hidden layer {0}: {1} units").format(n, count)
        if sheet.kind == TOP_UNITS:
            text = self.tr("The {0} units of hidden layer 1 that fire most (their weights)")
            return text.format(count)
        if sheet.kind == WEIGHTS:
            return self.tr("First layer's weights as 28x28 images: {0} units").format(count)
        return sheet.kind

    def retranslate(self) -> None:
        self.sheet_box.setToolTip(
            self.tr("Which layer to show; click a map (or use the arrow keys) to see it large")
        )
        if self.answer is None:
            self.detail.clear()  # nothing drawn yet: the large view's hint
