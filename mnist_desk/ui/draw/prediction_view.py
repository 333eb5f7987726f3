"""How results look: the digit read on each canvas and the sum (made of ``result_parts``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.ui.draw.result_parts import (
    FittingLabel,
    Preview28,
    ProbabilityBars,
    WrappingLabel,
    percent_text,
)
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, sentences, text_of


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
        self.confidence_label = WrappingLabel()
        self.confidence_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars = ProbabilityBars(10)
        # The digit a scratch adder that learned digits from sums reads itself (hidden otherwise).
        self.adder_digit_label = WrappingLabel()
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
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    @property
    def digit_text(self) -> str:
        return self.digit_label.text()

    def show_loading(self) -> None:
        self._state = ("loading",)
        self._refresh()

    def show_blank(self) -> None:
        self._state = ("blank",)
        self._refresh()

    def show_error(self, message: Text) -> None:
        """``message`` in place of a reading (a callable words it again after a switch)."""
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
                ).format(percent_text(own.confidence))
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
            self.confidence_label.setText(
                self.tr("{0} sure").format(percent_text(result.confidence))
            )
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
            self.confidence_label.setText(text_of(self._state[1]))

    def _retranslate(self) -> None:
        self.preview_caption.setText(self.tr("Model input"))
        self.preview.setToolTip(self.tr("The 28×28 image the model sees, enlarged"))
        self.bars.setStatusTip(self.tr("Probability of each digit"))
        self._refresh()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)


class SumView(QWidget):
    """The sum, large: ``3 + 5 = 8``, its confidence, and the 19-way distribution over 0..18."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.equation_label = FittingLabel(_big_font(self, 3.0))  # long numbers: smaller, not cut
        self.equation_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.equation_label.setMinimumWidth(260)
        self.caption_label = WrappingLabel()
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars_title = QLabel()
        self.bars = ProbabilityBars(19)
        self.bars.setMinimumHeight(64)
        policy = self.bars.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.bars.setSizePolicy(policy)

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
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    @property
    def equation_text(self) -> str:
        return self.equation_label.text()

    def show_loading(self) -> None:
        self._state = ("loading",)
        self._refresh()

    def show_error(self, message: Text) -> None:
        """``message`` in place of a reading (a callable words it again after a switch)."""
        self._state = ("error", message)
        self._refresh()

    def show_result(self, result) -> None:
        """A SumResult (its digits may be blank)."""
        self._state = ("result", result)
        self._refresh()

    def _refresh(self) -> None:
        kind = self._state[0]
        if kind != "result":
            self.bars.show()
            self.equation_label.setText("? + ? = ?")
            self.bars.set_values(None)
            self.bars_title.setText(self.tr("Sum probabilities (0–18)"))
            self.caption_label.setText(
                self.tr("Loading model…") if kind == "loading" else text_of(self._state[1])
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
            sure = percent_text(result.confidence)
            if result.source == "adder":
                caption = (
                    self.tr("Sum read by the adder network: {0} sure").format(sure)
                    if single
                    else self.tr("Sum worked out by the adder, column by column: {0} sure").format(
                        sure
                    )
                )
                if first.value + second.value != result.total:
                    caption = sentences(
                        caption,
                        self.tr("(the digits read add up to {0})").format(
                            first.value + second.value
                        ),
                    )
            elif single:
                caption = self.tr("Sum of the two digits: {0} sure").format(sure)
            else:
                caption = self.tr("Sum of the two numbers: {0} sure").format(sure)
            self.caption_label.setText(caption)
        numbers = len(first.digits) > 1 or len(second.digits) > 1  # a "?" is one digit too
        # Nineteen sums cannot hold 128 + 7: no empty bars then, the title says why (room kept)
        self.bars.setVisible(not numbers)
        if numbers:
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
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
