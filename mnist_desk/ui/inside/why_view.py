"""The Inside dock's "Why this answer": the heatmap method, the input as the network sees it and
a heatmap for its answer and one for the runner-up, each titled by its question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mnist_desk.ui.inside.image_panel import ImagePanel
from mnist_desk.ui.inside.method_box import MethodBox

WHY_PANEL_SIZE = 70  # the input and two heatmaps, each as wide as a Chinese title's "（100.0%）"


class WhyView(QWidget):
    """The method box (``method_box.chosen`` when the user picks one) and the three panels."""

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)  # a narrow dock wraps it, rather than hiding what follows
        self.method_box = MethodBox(settings)
        self.method_box.setSizeAdjustPolicy(  # a long method name must not widen the dock
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.method_box.setMinimumContentsLength(12)
        # each question whole on its line, its probability on the next: a panel is as wide as its
        # title ("为什么不是 1？" wrapped over three lines when the panels were kept to the maps')
        self.input_panel, self.answer_panel, self.runner_up_panel = (
            ImagePanel(size=WHY_PANEL_SIZE, whole_lines=True) for _ in range(3)
        )
        # the method under the title: beside it, a narrow dock wrapped the title over six lines
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.method_box, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.setSpacing(4)  # the three no wider than the Layers page: the dock fits a laptop
        for panel in self.panels:
            row.addWidget(panel)
        layout.addLayout(row)

    @property
    def panels(self) -> tuple[ImagePanel, ImagePanel, ImagePanel]:
        return self.input_panel, self.answer_panel, self.runner_up_panel

    def show_answer(self, answer) -> None:
        """The input and the heatmaps of ``answer`` (``app.inside_session.InsideAnswer``)."""
        e = answer.explanation
        if answer.blank:
            for panel in self.panels:
                panel.clear_image()
            return
        self.input_panel.show_grey(answer.view.ink, self.tr("What it sees"))
        if e is None:
            note = self.tr("Draw the other digit: this adder answers only their sum")
            self.answer_panel.clear_image(note)
            self.runner_up_panel.clear_image()
            return
        p = e.probabilities
        self.answer_panel.show_image(
            e.answer_map,
            diverging=True,
            title=self._asked(self.tr("Why {0}").format(e.answer), p[e.answer]),
        )
        self.runner_up_panel.show_image(
            e.runner_up_map,
            diverging=True,
            title=self._asked(self.tr("Why not {0}?").format(e.runner_up), p[e.runner_up]),
        )

    def _asked(self, question: str, probability: float) -> str:
        """A heatmap's title: its question, and under it the probability of the digit asked about."""
        return f"{question}\n{self.tr('({0:.1%})').format(probability)}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("<b>Why this answer</b> (red: pushed toward it, blue: against)"))
        self.method_box.setToolTip(
            self.tr("How the heatmaps are computed; gradient × input won the deletion test")
        )
