"""How results look: probability bars, the 28x28 the model saw, the digit, the sum."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.ui.draw.paper import grey_to_qimage

PREVIEW_SCALE = 4  # 28 px shown as 112 px, nearest neighbour: every model pixel visible


def percent(value: float) -> str:
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
            text = percent(value)
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


def _big_font(widget: QWidget, scale: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class DigitResultView(QWidget):
    """One canvas's answer: the digit, its confidence, the 10 bars and the model's input."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = Preview28()
        self.preview_caption = QLabel()
        self.preview_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label = QLabel("–")
        self.digit_label.setFont(_big_font(self, 3.2))
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumWidth(70)
        self.confidence_label = QLabel()
        self.confidence_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence_label.setWordWrap(True)
        self.bars = ProbabilityBars(10)
        # The digit a scratch adder that learned digits from sums reads itself (hidden otherwise).
        self.adder_digit_label = QLabel()
        self.adder_digit_label.setWordWrap(True)
        self.adder_digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.adder_digit_label.hide()
        self._adder_digit = None

        preview_box = QVBoxLayout()
        preview_box.setSpacing(2)
        preview_box.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        preview_box.addWidget(self.preview_caption)
        digit_box = QVBoxLayout()
        digit_box.setSpacing(0)
        digit_box.addStretch(1)
        digit_box.addWidget(self.digit_label)
        digit_box.addWidget(self.confidence_label)
        digit_box.addWidget(self.adder_digit_label)
        digit_box.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(preview_box)
        row.addLayout(digit_box)
        row.addWidget(self.bars, 1)
        self._state: tuple = ("loading",)
        self._retranslate()

    @property
    def digit_text(self) -> str:
        return self.digit_label.text()

    def show_loading(self) -> None:
        self._state = ("loading",)
        self._refresh()

    def show_blank(self) -> None:
        self._state = ("blank",)
        self._refresh()

    def show_error(self, message: str) -> None:
        self._state = ("error", message)
        self._refresh()

    @property
    def adder_digit_text(self) -> str:
        """The line about the scratch adder's own reading ("" when hidden)."""
        return self.adder_digit_label.text() if self._adder_digit is not None else ""

    def show_result(self, result, adder_digit=None) -> None:
        """A DigitResult: blank shows the hint, never a guess. ``adder_digit``: the DigitResult a
        scratch adder with digit outputs read itself, shown beneath (None hides that line)."""
        self._adder_digit = None if adder_digit is None or adder_digit.blank else adder_digit
        if result.blank:
            self.show_blank()
        else:
            self._state = ("result", result)
            self._refresh()

    def _refresh(self) -> None:
        kind = self._state[0]
        own = self._adder_digit if kind == "result" else None
        self.adder_digit_label.setVisible(own is not None)
        if own is not None:
            self.adder_digit_label.setText(
                self.tr("{0}: read by the scratch adder, which never saw a digit label").format(
                    own.digit
                )
            )
            self.adder_digit_label.setToolTip(
                self.tr(
                    "This adder was trained on sums alone; its own reading of this digit is "
                    "{0} sure. The large digit comes from the default classifier."
                ).format(percent(own.confidence))
            )
        if kind == "result":
            result = self._state[1]
            self.preview.set_image(result.image28)
            if result.digit is None:  # drawn, but not a digit: never a guess
                self.digit_label.setText("?")
                reason = QCoreApplication.translate("Doubt", result.doubt or "not a digit")
                self.confidence_label.setText(self.tr("Not a digit: {0}").format(reason))
                self.bars.set_values(result.probabilities, -1)
                return
            self.digit_label.setText(str(result.digit))
            self.confidence_label.setText(self.tr("{0} sure").format(percent(result.confidence)))
            self.bars.set_values(result.probabilities)
            return
        self.digit_label.setText("–")
        self.bars.set_values(None)
        self.preview.set_image(None)
        if kind == "loading":
            self.confidence_label.setText(self.tr("Loading model…"))
        elif kind == "blank":
            self.confidence_label.setText(self.tr("Draw a digit"))
        else:
            self.confidence_label.setText(self._state[1])

    def _retranslate(self) -> None:
        self.preview_caption.setText(self.tr("Model input"))
        self.preview.setToolTip(self.tr("The 28×28 image the model sees, enlarged"))
        self.bars.setStatusTip(self.tr("Probability of each digit"))
        self._refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class SumView(QWidget):
    """The sum, large: ``3 + 5 = 8``, its confidence, and the 19-way distribution over 0..18."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.equation_label = QLabel()
        self.equation_label.setFont(_big_font(self, 3.0))
        self.equation_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.equation_label.setMinimumWidth(260)
        self.caption_label = QLabel()
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setWordWrap(True)
        self.bars_title = QLabel()
        self.bars = ProbabilityBars(19)
        self.bars.setMinimumHeight(64)

        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.equation_label)
        left.addWidget(self.caption_label)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addWidget(self.bars_title)
        right.addWidget(self.bars, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 2)
        row.addLayout(right, 3)
        self._state: tuple = ("loading",)
        self._retranslate()

    @property
    def equation_text(self) -> str:
        return self.equation_label.text()

    def show_loading(self) -> None:
        self._state = ("loading",)
        self._refresh()

    def show_error(self, message: str) -> None:
        self._state = ("error", message)
        self._refresh()

    def show_result(self, result) -> None:
        """A SumResult (its digits may be blank)."""
        self._state = ("result", result)
        self._refresh()

    def _refresh(self) -> None:
        kind = self._state[0]
        if kind != "result":
            self.equation_label.setText("? + ? = ?")
            self.bars.set_values(None)
            self.bars_title.setText(self.tr("Sum probabilities (0–18)"))
            self.caption_label.setText(
                self.tr("Loading model…") if kind == "loading" else self._state[1]
            )
            return
        result = self._state[1]
        first, second = result.numbers
        shown = [("?" if n.value is None else n.text) for n in (first, second)]
        single = result.probabilities is not None
        if result.total is None:
            self.equation_label.setText(f"{shown[0]} + {shown[1]} = ?")
            self.bars.set_values(None)
            if first.blank and second.blank:
                self.caption_label.setText(self.tr("Draw a digit in each box"))
            elif first.blank or second.blank:
                self.caption_label.setText(self.tr("Draw a digit in the other box"))
            else:  # something drawn is not read as a number: no sum, never a guess
                doubt = first.doubt if first.value is None else second.doubt
                reason = QCoreApplication.translate("Doubt", doubt or "not a digit")
                self.caption_label.setText(self.tr("Not read as a number: {0}").format(reason))
        else:
            self.equation_label.setText(f"{shown[0]} + {shown[1]} = {result.total}")
            self.bars.set_values(result.probabilities, result.total if single else None)
            sure = percent(result.confidence)
            if result.source == "adder":
                caption = (
                    self.tr("Sum read by the adder network: {0} sure").format(sure)
                    if single
                    else self.tr("Sum worked out by the adder, column by column: {0} sure").format(
                        sure
                    )
                )
                if first.value + second.value != result.total:
                    caption += " " + self.tr("(the digits read add up to {0})").format(
                        first.value + second.value
                    )
            elif single:
                caption = self.tr("Sum of the two digits: {0} sure").format(sure)
            else:
                caption = self.tr("Sum of the two numbers: {0} sure").format(sure)
            self.caption_label.setText(caption)
        if result.probabilities is None and not (first.blank or second.blank):
            self.bars_title.setText(self.tr("Sum probabilities are shown for one digit per box"))
        else:
            self.bars_title.setText(
                self.tr("Adder's probabilities for sums 0–18")
                if result.source == "adder"
                else self.tr("Sum probabilities (0–18), from the two digits")
            )

    def _retranslate(self) -> None:
        self._refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
