"""The pieces a result is shown with: probability bars, the 28x28 the model saw, a confidence
as text. ``prediction_view`` and ``number_view`` compose them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QWidget,
)

from mnist_desk.ui.draw.paper import grey_to_qimage

PREVIEW_SCALE = 3  # 28 px shown as 84 px, nearest neighbour: every pixel seen, on a laptop too


class WrappingLabel(QLabel):
    """A word-wrapped label that does not ask its layout for height-for-width.

    Why: a wrapped QLabel reports height-for-width, and a box layout holding one stops honouring
    its siblings' minimum heights when the window is at its smallest (the digit chips of a number
    were drawn over the canvas). Without it, the label's minimum size is its wrapped text's.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:
        return False


class FittingLabel(QLabel):
    """One line of large text (the equation) whose font shrinks to fit the label's width.

    Why: "12345 + 67890 = 80235" at three times the normal size is wider than its half of the
    window, and a plain QLabel cuts both ends off (the sum among them). Its height stays that of
    the full-size font, so the row does not jump as the text grows.
    """

    def __init__(self, font: QFont, parent: QWidget | None = None):
        super().__init__(parent)
        self._full_font = QFont(font)
        self.setFont(font)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        needed = QFontMetricsF(self._full_font).horizontalAdvance(self.text()) + 2
        room = self.contentsRect().width()
        font = QFont(self._full_font)
        if needed > room > 0:
            font.setPointSizeF(max(1.0, self._full_font.pointSizeF() * room / needed))
        if font != self.font():
            self.setFont(font)

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self._full_font)
        return QSize(round(metrics.horizontalAdvance(self.text()) + 2), round(metrics.height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.sizeHint().height())


def percent_text(value: float) -> str:
    """A confidence as the views word it ("97.3%", ">99.9%")."""
    return f"{value:.1%}" if value < 0.9995 else ">99.9%"


class ProbabilityBars(QWidget):
    """One bar per class, labelled underneath; the most likely class is highlighted."""

    bar_clicked = Signal(int)  # the class whose bar (or label) was clicked

    def __init__(self, count: int, parent: QWidget | None = None, label_every: int = 1):
        super().__init__(parent)
        self._count = count
        self._label_every = label_every
        self._values: list[float] | None = None
        self._highlight = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(70)

    @property
    def values(self) -> list[float] | None:
        return self._values

    @property
    def highlighted(self) -> int:
        return self._highlight

    def set_values(self, values: Sequence[float] | None, highlight: int | None = None) -> None:
        """Probabilities (or None: empty bars); ``highlight`` marks the answer shown (default: argmax)."""
        self._values = None if values is None else [float(v) for v in values]
        self._highlight = -1
        if self._values is not None:
            best = int(np.argmax(self._values)) if highlight is None else highlight
            self._highlight = best
            lines = [f"{i}: {v:.1%}" for i, v in enumerate(self._values)]
            if best >= 0:
                lines[best] = f"<b>{lines[best]}</b>"
            self.setToolTip("<br>".join(lines))
        else:
            self.setToolTip("")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(max(160, 18 * self._count), 90)

    def bar_at(self, x: float) -> int:
        """The class drawn at horizontal position ``x``."""
        return min(self._count - 1, max(0, int(x * self._count / max(1, self.width()))))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._values is not None:
            self.bar_clicked.emit(self.bar_at(event.position().x()))
        super().mousePressEvent(event)

    def minimumSizeHint(self) -> QSize:
        return QSize(8 * self._count, 60)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        muted = QColor(150, 150, 150)
        metrics = painter.fontMetrics()
        label_h = metrics.height()
        w, h = self.width(), self.height()
        slot = w / self._count
        bar_w = max(3.0, slot * 0.7)
        top, bottom = label_h + 2, h - label_h - 2
        track = QColor(text_colour)
        track.setAlpha(25)
        best = self._highlight
        for i in range(self._count):
            x = i * slot + (slot - bar_w) / 2
            painter.fillRect(QRectF(x, top, bar_w, bottom - top), track)
            if self._values:
                value = min(1.0, max(0.0, self._values[i]))
                bar_h = max(1.0, value * (bottom - top)) if value > 0.001 else 0.0
                painter.fillRect(
                    QRectF(x, bottom - bar_h, bar_w, bar_h), accent if i == best else muted
                )
            if i % self._label_every == 0 or i == best:
                painter.setPen(accent if i == best else text_colour)
                font = painter.font()
                font.setBold(i == best)
                painter.setFont(font)
                painter.drawText(
                    QRectF(i * slot, bottom + 2, slot, label_h),
                    Qt.AlignmentFlag.AlignCenter,
                    str(i),
                )
        if best >= 0:
            value = self._values[best]
            painter.setPen(accent)
            text = percent_text(value)
            x = best * slot + slot / 2
            tw = metrics.horizontalAdvance(text) + 4
            x = min(max(x - tw / 2, 0), w - tw)
            painter.drawText(QRectF(x, 0, tw, label_h), Qt.AlignmentFlag.AlignCenter, text)


class Preview28(QLabel):
    """Exactly what the model sees (DigitResult.image28), scaled up with nearest neighbour."""

    def __init__(self, parent: QWidget | None = None, scale: int = PREVIEW_SCALE):
        super().__init__(parent)
        self.scale = scale
        side = 28 * scale + 2
        self.setFixedSize(side, side)
        self.setFrameShape(QFrame.Shape.Box)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: black; color: #888; border: 1px solid #888;")
        self._image: np.ndarray | None = None

    @property
    def image(self) -> np.ndarray | None:
        return self._image

    def set_image(self, image28: np.ndarray | None) -> None:
        self._image = None if image28 is None else np.asarray(image28)
        if self._image is None:
            self.setPixmap(QPixmap())
            return
        pixmap = QPixmap.fromImage(grey_to_qimage(self._image))
        self.setPixmap(
            pixmap.scaled(
                28 * self.scale,
                28 * self.scale,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
