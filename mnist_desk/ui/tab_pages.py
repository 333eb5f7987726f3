"""A tab widget whose height is asked for by the page shown only."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyleOptionTabWidgetFrame,
    QTabWidget,
)


class ShownPageTabs(QTabWidget):
    """Tabs that need the height of the page shown, not their tallest page's (Qt's stack asks
    for its tallest page's): a short page is not pushed below the fold by a page out of sight."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentChanged.connect(self._fit)

    def _fit(self, _index: int = 0) -> None:
        for index in range(self.count()):
            shown = index == self.currentIndex()
            tall = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            self.widget(index).setSizePolicy(QSizePolicy.Policy.Preferred, tall)

    def addTab(self, page, label):  # noqa: N802 - Qt's name
        index = super().addTab(page, label)
        self._fit()
        return index

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        whole = super().heightForWidth(width)
        page = self.currentWidget()
        if page is None:
            return whole
        option = QStyleOptionTabWidgetFrame()
        self.initStyleOption(option)
        padding = self.style().sizeFromContents(
            QStyle.ContentsType.CT_TabWidget, option, QSize(0, 0), self
        )
        inner = width - padding.width()  # the pages' width, as QTabWidget works it out
        stack = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        shown = max(page.heightForWidth(inner), page.minimumSizeHint().height())
        return whole - stack.heightForWidth(inner) + shown
