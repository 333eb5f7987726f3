"""A kept digit as an item of the My digits grid: its picture, its caption, its tooltip."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidgetItem

from mnist_desk.personal.store import PersonalDigit
from mnist_desk.ui.draw.paper import grey_to_qimage

ICON_SCALE = 2  # 28 px shown as 56 px
MISREAD_BACKGROUND = QColor(255, 225, 225)


def tr(text: str) -> str:
    return QCoreApplication.translate("MyDigitsView", text)  # the tab's words, one context


def digit_icon(image28: np.ndarray) -> QIcon:
    pixmap = QPixmap.fromImage(grey_to_qimage(image28))
    return QIcon(pixmap.scaled(28 * ICON_SCALE, 28 * ICON_SCALE))


def local_time(created: str) -> str:
    """A kept digit's time (ISO 8601, UTC) as the user's clock reads it: 2026-12-08 09:58."""
    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def source_text(source: str) -> str:
    """Where a kept digit came from, in the user's words."""
    return {
        "drawn": tr("drawn"),
        "image": tr("from an image"),
        "imported": tr("imported"),
    }.get(source, source)


def digit_item(digit: PersonalDigit) -> QListWidgetItem:
    """The grid's item for ``digit``: its picture, "7 · read 1", and where and when it came from."""
    read = "?" if digit.predicted is None else str(digit.predicted)
    item = QListWidgetItem(
        digit_icon(digit.image28), tr("{0} · read {1}").format(digit.label, read)
    )
    item.setData(Qt.ItemDataRole.UserRole, digit.id)
    item.setToolTip(
        tr("Labelled {0}; the model ({1}) read {2}\n{3}, {4}").format(
            digit.label,
            digit.model or "?",
            read,
            local_time(digit.created),
            source_text(digit.source),
        )
    )
    if digit.misread:
        item.setBackground(QBrush(MISREAD_BACKGROUND))
    return item
