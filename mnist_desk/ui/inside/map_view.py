"""The map of the data: 10,000 test digits as the network sees them, one dot each, coloured by
digit; the drawing sits among them live. Hover over a dot to see its digit, click it to open it
in the selected canvas. Computed in a background job (``mnist_desk.app.map_session``): PCA at
once, then t-SNE settling in view, cached per model."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.map_session import MapProgress, MapRequest, MapShown, MapStop, map_work
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of
from mnist_desk.ui.inside.image_panel import ImagePanel

MAP_MIN_HEIGHT = 220  # px: 10,000 dots still told apart

# Ten colours told apart at a glance (the "tab10" palette of matplotlib and Vega).
DIGIT_COLOURS = [
    pg.mkBrush(c)
    for c in (
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
    )
]


UNBROKEN = {"t-SNE": "t\u2011SNE"}  # a non-breaking hyphen: a wrapped line never ends in "t-"


def unbroken(text: str) -> str:
    """``text`` as the status line shows it: names that must not wrap kept whole."""
    for name, whole in UNBROKEN.items():
        text = text.replace(name, whole)
    return text


class MapView(QWidget):
    open_digit = Signal(object)  # uint8 (28, 28): the clicked test digit

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.compute_button = QPushButton()
        self.compute_button.clicked.connect(self.compute)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setAspectLocked(True)
        # the room left, not a preferred 500 px that put half the map below the dock's fold
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.plot.setMinimumHeight(MAP_MIN_HEIGHT)
        self.dots = pg.ScatterPlotItem(size=4, pen=None, hoverable=True, tip=None)
        self.dots.sigHovered.connect(self._hovered)
        self.dots.sigClicked.connect(self._clicked)
        self.plot.addItem(self.dots)
        # The digits' colours above the map, not on it: a legend in the plot hid the dots under it.
        self.legend = QLabel(
            " ".join(
                f'<span style="color:{brush.color().name()}">&#9679;</span>&nbsp;{k}'
                for k, brush in enumerate(DIGIT_COLOURS)
            )
        )
        self.legend.setWordWrap(True)  # a narrow dock puts the digits on two lines
        self.you = pg.ScatterPlotItem(
            size=22, symbol="star", pen=pg.mkPen("k", width=1.5), brush="#ffd400"
        )
        self.you.setZValue(10)
        self.plot.addItem(self.you)
        self.hover_panel = ImagePanel(size=80)
        self.hover_panel.setFixedWidth(96)
        # The status across the dock, the digit under the mouse beside the button and the legend:
        # beside the status it squeezed the status into a narrow column; beside the map, it left
        # the map a third of the dock's width.
        words = QVBoxLayout()
        words.addWidget(self.compute_button, 0, Qt.AlignmentFlag.AlignLeft)
        words.addWidget(self.legend)
        words.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(words, 1)
        top.addWidget(self.hover_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # a narrow dock: the tab frame is most of the margin
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        self.main = None  # the MainWindow, set by the dock
        self.shown: MapShown | None = None
        self.job: BackgroundJob | None = None
        self.stop: MapStop | None = None
        self._next_id = 0
        self._brushes: list = []
        self.count = 10_000  # test digits on the map
        self._features = None  # the drawing's, kept for the next map
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    # ---- computing ----
    def compute(self) -> None:
        """Start the map of the model in use (the cached one comes at once)."""
        window = self.main
        if window is None or window.predictor is None:
            return
        self.cancel()
        self._next_id += 1
        self.stop = MapStop()
        request = MapRequest(
            self._next_id, window.predictor, window.data_dir, window.download, self.count
        )
        self.job = BackgroundJob(
            map_work(request, self.stop), name="mnist-desk map", controls=self.stop
        )
        self.job.event.connect(self._on_event)
        self.job.failed.connect(self._on_failed)
        self.job.start()
        self.say(self.tr("Reading the test set and its features…"))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.discard()
            self.job.cancel()
            self.job = None

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.stop_now()
            self.job = None

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def say(self, text: str) -> None:
        """The status line above the map."""
        self.status.setText(unbroken(text))

    def _on_failed(self, error) -> None:
        self.say(self.tr("The map could not be made: {0}").format(text_of(error.message)))

    def _on_event(self, event) -> None:
        if event.id != self._next_id:
            return
        if isinstance(event, MapProgress):
            self.dots.setData(
                pos=event.points,
                brush=self._brushes,
                size=4,
                pen=None,
                data=np.arange(len(event.points)),  # a dot hovered meanwhile says its digit
            )
            self.say(
                self.tr("t-SNE settling: iteration {0} of {1}").format(
                    event.iteration, event.iterations
                )
            )
            return
        self.show_map(event)

    def show_map(self, shown: MapShown) -> None:
        self.shown = shown
        labels = shown.data_map.labels
        self._brushes = [DIGIT_COLOURS[int(k)] for k in labels]
        self.dots.setData(
            pos=shown.data_map.points,
            brush=self._brushes,
            size=4,
            pen=None,
            data=np.arange(len(labels)),
        )
        self.plot.autoRange()
        self.place(self._features)
        self._show_status()

    def _show_status(self) -> None:
        s = self.shown
        if s is None:
            self.say(self.tr("The test set's digits as {0} sees them, in 2-D.").format("…"))
            return
        method = "t-SNE" if s.data_map.method == "tsne" else "PCA"
        if s.cached:
            text = self.tr("{0}: {1:,} test digits, {2} (from the cache).")
        elif s.final:
            text = self.tr("{0}: {1:,} test digits, {2}, made in {3:.1f} s.")
        else:
            text = self.tr("{0}: {1:,} test digits, {2} in {3:.1f} s; t-SNE follows.")
        self.say(
            text.format(s.model_name, len(s.images), method, s.seconds)
            + (f" {text_of(s.note)}" if s.note else "")
        )

    # ---- the drawing, hovering, clicking ----
    def place(self, features) -> None:
        """Put the drawing (its penultimate features) on the map; None takes it off."""
        self._features = features
        if (
            self.shown is None
            or features is None
            or features.shape[-1] != self.shown.data_map.mean.shape[-1]
        ):
            self.you.setData([])
            return
        self.you.setData(pos=[self.shown.data_map.place(features)])

    def _hovered(self, _item, points, _event) -> None:
        if self.shown is None or len(points) == 0:
            return
        index = int(points[0].data())
        self.hover_panel.show_grey(self.shown.images[index] / 255, self._digit_text(index))

    def _clicked(self, _item, points, _event) -> None:
        if self.shown is not None and len(points):
            self.open_digit.emit(self.shown.images[int(points[0].data())])

    def _digit_text(self, index: int) -> str:
        m = self.shown.data_map
        true, said = int(m.labels[index]), int(m.predicted[index])
        if said < 0:
            return self.tr("test #{0}: a {1}").format(index, true)
        return self.tr("test #{0}: a {1}, read as {2}").format(index, true, said)

    def _retranslate(self) -> None:
        self.compute_button.setText(self.tr("Make the map"))
        self.compute_button.setToolTip(
            self.tr("Project the test set's last-layer features to 2-D: PCA at once, then t-SNE")
        )
        self._show_status()

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)
