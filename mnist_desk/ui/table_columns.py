"""A table's columns sized to show every column at once: the numbers whole, their headings on two
lines where one would make a column wider than its numbers, the long texts (names, titles, a
command) given what room is left, ending in "…" with the whole text in their tooltips. Sizing each
column to its contents made a table of models twice as wide as the window, to be scrolled."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 12  # a cell's margins and grid line
SORT_ARROW = 18  # room for the sort indicator beside a heading
CJK = 0x2E80  # the first code point of the CJK scripts
LEAST_SHARE = 0.55  # a squeezed text column keeps at least this share of its natural width


class FittedColumns(QObject):
    """Keeps ``table``'s columns fitted to its width, as rows come and as the table resizes.

    ``squeezable``: the text columns that give way (elided) when the rest do not fit, the first
    first, each down to ``least_share`` of its natural width; the last column takes what is left,
    or with ``spread`` every column a share of it (a table whose last column is a number: its
    "Images/s" stretched across half the table). A column's edge dragged by the user stays until
    the table is fitted again (new rows, another size)."""

    def __init__(
        self,
        table: QTableView,
        squeezable: list[int],
        least_share: float = LEAST_SHARE,
        spread: bool = False,
    ):
        super().__init__(table)
        self.table = table
        self.squeezable = squeezable
        self.least_share = least_share
        self.spread = spread
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged):
            signal.connect(self.fit)
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def heading_width(self, column: int) -> int:
        """The widest word of a column's heading: the heading wraps at its spaces."""
        text = str(self.table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        metrics = self.table.horizontalHeader().fontMetrics()
        # Chinese breaks between any two characters ("MNIST 测\n试"): such a heading stays whole
        words = [text] if any(ord(ch) >= CJK for ch in text) else text.split()
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        return widest + PADDING + self._arrow()

    def _arrow(self) -> int:
        """Room for the sort indicator, in a table that sorts (a table that does not, none)."""
        return SORT_ARROW if self.table.isSortingEnabled() else 0

    def natural_width(self, column: int) -> int:
        return max(self.table.sizeHintForColumn(column), self.heading_width(column))

    def fit(self) -> None:
        table = self.table
        try:
            count = table.model().columnCount()
        except RuntimeError:  # a QTableWidget's own model resets once more as it is deleted
            return
        if count == 0:
            return
        widths = [self.natural_width(c) for c in range(count)]
        room = table.viewport().width()
        last = count - 1
        over = sum(widths[:last]) + self.heading_width(last) - room
        for c in self.squeezable:  # the text columns give way, in turn, down to a share
            if over <= 0:
                break
            give = min(over, widths[c] - int(widths[c] * self.least_share))
            widths[c] -= give
            over -= give
        spare = room - sum(widths)
        if self.spread and spare > 0:  # the room left, shared: the last column fills the rest
            widths = [w + spare // count for w in widths]
        header = table.horizontalHeader()
        for c in range(last):
            header.resizeSection(c, widths[c])
        # the last section stretches to fill, but never below a width set before (its contents')
        header.resizeSection(last, min(widths[last], max(room - sum(widths[:last]), 0)))
        lines = 2 if any(self._wraps(c, widths[c]) for c in range(count)) else 1
        metrics = header.fontMetrics()
        header.setMinimumHeight(lines * metrics.lineSpacing() + PADDING)

    def _wraps(self, column: int, width: int) -> bool:
        text = str(self.table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        metrics = self.table.horizontalHeader().fontMetrics()
        return metrics.horizontalAdvance(text) + PADDING + self._arrow() > width
