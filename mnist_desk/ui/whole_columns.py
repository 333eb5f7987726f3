"""A small table that is never squeezed narrower than its columns, read whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStyle, QTableView

from mnist_desk.ui.table_columns import PADDING


class WholeColumns(QObject):
    """Keeps ``table``'s minimum width at what its columns need to show every cell and heading
    whole (its columns may stretch beyond): a splitter squeezed a per-class table at the window's
    minimum size into "recision" and "100…."."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        model = table.model()
        # not modelReset: the model is reset once more as the table is deleted
        for signal in (model.rowsInserted, model.dataChanged, model.headerDataChanged):
            signal.connect(self.fit)
        table.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()
        return False

    def fit(self) -> None:
        table = self.table
        header = table.horizontalHeader()
        needed = sum(
            max(table.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
            + PADDING
            for column in range(table.model().columnCount())
        )
        scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        table.setMinimumWidth(needed + scroll_bar + 2 * table.frameWidth())
