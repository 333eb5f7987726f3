"""The Inside dock (View > Inside, Ctrl+I): the network in use seen from inside for the selected
digit, live as it is drawn, and why it answered.

It asks ``InsideSession`` (mnist_desk.app.inside_session) in one long-lived background job for
the newest drawing only, and draws the answers: "Why this answer" (the input, a heatmap for the
answer and one for the runner-up), one sheet of maps at a time (a layer's feature maps, the
attention per layer and head, an MLP's units, the first layer's filters) and the map or unit
clicked, large. Which sheet, which cell and the heatmap method are remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.drawing_session import DigitSelected
from mnist_desk.app.inside_session import InsideFailed, InsideRequest, InsideSession, unit_detail
from mnist_desk.app.inside_sheets import (
    ATTENTION,
    CONV,
    FILTERS,
    HIDDEN,
    ROLLOUT,
    TOP_UNITS,
    WEIGHTS,
)
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.eliding_combo import ElidingComboBox
from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of
from mnist_desk.ui.inside.detail_view import DetailView
from mnist_desk.ui.inside.image_panel import ImagePanel, MosaicView
from mnist_desk.ui.inside.map_view import MapView
from mnist_desk.ui.inside.method_box import MethodBox
from mnist_desk.ui.tab_pages import ShownPageTabs

WHY_PANEL_SIZE = 70  # the input and two heatmaps, each as wide as a Chinese title's "（100.0%）"


class InsideDock(QDockWidget):
    def __init__(self, window):  # the MainWindow (not imported: no cycle)
        super().__init__(window)
        self.setObjectName("inside-dock")
        self.main = window
        self.settings = window.settings.qsettings
        self.session = InsideSession()
        self.job: BackgroundJob | None = None
        self.answer = None
        self._next_id = 0
        self._sheet_keys: list[str] = []
        self._mapped = None  # the predictor whose map was asked for

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.why_title = QLabel()
        self.why_title.setWordWrap(True)  # a narrow dock wraps it, rather than hiding what follows
        self.method_box = MethodBox(self.settings)
        self.method_box.chosen.connect(self.refresh)
        self.input_panel, self.answer_panel, self.runner_up_panel = (
            ImagePanel(size=WHY_PANEL_SIZE) for _ in range(3)
        )
        self.sheet_box = ElidingComboBox()  # a long title ends in "…", said whole in its tip
        for box in (self.method_box, self.sheet_box):  # long titles must not widen the dock
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.mosaic = MosaicView()
        self.mosaic.setMinimumHeight(280)
        self.mosaic.cell_chosen.connect(self._cell_chosen)
        self.detail = DetailView()
        self.map_view = MapView()
        self.map_view.main = window
        self.map_view.open_digit.connect(self._open_digit)

        # the method under the title: beside it, a narrow dock wrapped the title over six lines
        why_header = QVBoxLayout()
        why_header.addWidget(self.why_title)
        why_header.addWidget(self.method_box, 0, Qt.AlignmentFlag.AlignLeft)
        why_row = QHBoxLayout()
        why_row.setSpacing(4)  # the three no wider than the Layers page: the dock fits a laptop
        for panel in (self.input_panel, self.answer_panel, self.runner_up_panel):
            why_row.addWidget(panel)
        layers = QWidget()
        layers_layout = QVBoxLayout(layers)
        layers_layout.setContentsMargins(0, 0, 0, 0)
        layers_layout.addWidget(self.sheet_box)
        layers_layout.addWidget(self.mosaic, 3)
        layers_layout.addWidget(self.detail, 2)
        self.pages = ShownPageTabs()  # the map's plot is not below the Layers page's fold
        self.pages.addTab(layers, "")
        self.pages.addTab(self.map_view, "")
        self.pages.currentChanged.connect(self._page_changed)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addLayout(why_header)
        layout.addLayout(why_row)
        layout.addWidget(self.pages, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)
        # wide enough for the body (its scroll bar never scrolls sideways): nothing is cut off
        scroll.setMinimumWidth(
            body.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        self.pages.setCurrentIndex(int(str(self.settings.value("inside/page", 0) or 0)) % 2)
        self.visibilityChanged.connect(lambda shown: shown and (self.refresh(), self.update_map()))
        self.texts = LiveTexts()  # this widget's texts, set again on a language switch
        self.texts.call(self._retranslate)

    # ---- requests ----
    @property
    def method(self) -> str:
        """The method the user chose (the answer says which one its heatmaps used)."""
        return self.method_box.choice

    def refresh(self) -> None:
        """Ask for the selected canvas's selected digit as the drawing session reads it now (only
        while the dock is shown); the other canvas's selected digit comes along, for an adder
        that answers only the sum of both."""
        window, drawing = self.main, self.main.drawing
        closed = getattr(window, "_closed", False)  # the window has shut down: no more work
        if closed or not self.isVisible() or window.predictor is None or drawing.result is None:
            return
        index = window.active_index

        def image(i: int):
            digit = drawing.selected_digit(i)
            return None if digit is None else digit.image28

        self._next_id += 1
        request = InsideRequest(
            self._next_id, window.predictor, image(index), image(1 - index), index, self.method
        )
        if self.job is None:
            self.job = BackgroundJob(
                self.session.serve, name="mnist-desk inside view", controls=self.session
            )
            self.job.event.connect(self._on_answer)
            self.job.start()
        self.session.submit(request)

    def eventFilter(self, watched, event) -> bool:
        """The main window closes: stop the jobs (a window kept open restarts them on demand)."""
        if watched is self.main and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        self.map_view.shutdown()
        if self.job is not None:
            self.job.stop_now()
            self.job = None

    # ---- answers ----
    @Slot(object)
    def _on_answer(self, answer) -> None:
        if isinstance(answer, InsideFailed):
            self.heading.setText(
                self.tr("The inside view failed: {0}").format(text_of(answer.message))
            )
            return
        if self.answer is not None and answer.id < self.answer.id:
            return  # a late answer to an older drawing
        self.answer = answer
        self.method_box.show_used(answer.method, answer.methods)
        self._show_heading()
        self._show_why()
        self._show_page()

    def _show_page(self) -> None:
        """Draw the answer on the page in view only (the other is drawn when it is shown)."""
        if self.answer is None:
            return
        if self.pages.currentWidget() is self.map_view:
            self.map_view.place(self.answer.features)
        else:
            self._show_sheets()

    def _show_heading(self) -> None:
        a = self.answer
        which = self.tr("first digit") if a.position == 0 else self.tr("second digit")
        if a.blank:
            text = self.tr("{0}: draw the {1} to look inside.").format(a.model_name, which)
        elif a.explanation is None:
            text = self.tr("{0}, {1}: its trunk reads the digit; the sum needs both digits.")
            text = text.format(a.model_name, which)
        elif a.answers == "sum":  # a scratch adder reads both digits at once, not this one alone
            e = a.explanation
            text = self.tr(
                "{0} reads both digits as the sum {1} ({2:.1%}) in {3:.0f} ms; the maps show "
                "the {4}."
            ).format(a.model_name, e.answer, e.probabilities[e.answer], a.seconds * 1000, which)
        else:
            e = a.explanation
            text = self.tr("{0} reads the {1} as {2} {3} ({4:.1%}) in {5:.0f} ms.").format(
                a.model_name,
                which,
                self.tr("digit"),
                e.answer,
                e.probabilities[e.answer],
                a.seconds * 1000,
            )
        self.heading.setText(text)

    def _show_why(self) -> None:
        a, e = self.answer, self.answer.explanation
        if a.blank:
            for panel in (self.input_panel, self.answer_panel, self.runner_up_panel):
                panel.clear_image()
            return
        self.input_panel.show_grey(a.view.ink, self.tr("What it sees"))
        if e is None:
            note = self.tr("Draw the other digit: this adder answers only their sum")
            self.answer_panel.clear_image(note)
            self.runner_up_panel.clear_image()
            return
        p = e.probabilities
        self.answer_panel.show_image(
            e.answer_map,
            diverging=True,
            title=self.tr("Why {0} ({1:.1%})").format(e.answer, p[e.answer]),
        )
        self.runner_up_panel.show_image(
            e.runner_up_map,
            diverging=True,
            title=self.tr("Why not {0}? ({1:.1%})").format(e.runner_up, p[e.runner_up]),
        )

    def _show_sheets(self) -> None:
        sheets = self.answer.sheets
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

    # ---- the map ----
    def _page_changed(self, _index: int = 0) -> None:
        self.settings.setValue("inside/page", self.pages.currentIndex())
        self._show_page()
        self.update_map()

    def update_map(self) -> None:
        """Make the map when its page is shown and it is not the model in use's."""
        if not self.isVisible() or self.pages.currentWidget() is not self.map_view:
            return
        if getattr(self.main, "_closed", False):
            return
        predictor = self.main.predictor
        shown = self.map_view.shown
        if predictor is None or predictor is self._mapped:
            return
        self._mapped = predictor
        if shown is None or not self.map_view.busy:
            self.map_view.compute()

    def _open_digit(self, image28) -> None:
        """A test digit from the map, opened in the selected canvas as a picture (10x, black on
        white, as an opened file would be)."""
        import numpy as np

        picture = np.kron(255 - np.asarray(image28, np.uint8), np.ones((10, 10), np.uint8))
        self.main.canvases[self.main.active_index].set_image(picture)

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

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Inside the network"))
        self.toggleViewAction().setText(self.tr("&Inside the network"))  # View menu: Alt+V, I
        self.pages.setTabText(0, self.tr("Layers"))
        self.pages.setTabText(1, self.tr("Map of the test set"))
        self.why_title.setText(
            self.tr("<b>Why this answer</b> (red: pushed toward it, blue: against)")
        )
        self.method_box.setToolTip(
            self.tr("How the heatmaps are computed; gradient × input won the deletion test")
        )
        self.sheet_box.setToolTip(
            self.tr("Which layer to show; click a map (or use the arrow keys) to see it large")
        )
        if self.answer is not None:  # shown again: its headings, sheets and large view
            self._sheet_keys = []
            self._on_answer(self.answer)
            return
        self.heading.setText(self.tr("Draw a digit to see what the network computes for it."))
        self.detail.clear()  # nothing drawn yet: the large view's hint

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)


def install_inside_dock(window) -> InsideDock:
    """Add the dock to ``window`` (hidden at first) with View > Inside (Ctrl+I), and keep it fed
    with the window's readings and its selected canvas."""
    dock = InsideDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    shown = str(window.settings.qsettings.value("inside/visible", "false")).lower() == "true"
    dock.setVisible(shown)
    action = dock.toggleViewAction()
    action.setShortcut("Ctrl+I")
    # toggled, not triggered: closing the dock with its own close button counts too
    action.toggled.connect(lambda on: window.settings.qsettings.setValue("inside/visible", on))
    window.addAction(action)
    window.window_actions.view_menu.addAction(action)
    window.installEventFilter(dock)  # the window's Close ends the dock's jobs (eventFilter)
    window.prediction_updated.connect(lambda _result: dock.refresh())
    # a click on another digit of a number shows that one
    window.drawing.on_reading(lambda event: isinstance(event, DigitSelected) and dock.refresh())
    window.model_loaded.connect(lambda _info: (dock.refresh(), dock.update_map()))
    for canvas in window.canvases:
        canvas.activated.connect(dock.refresh)
    return dock
