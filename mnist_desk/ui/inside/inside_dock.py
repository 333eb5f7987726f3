"""The Inside dock (View > Inside, Ctrl+I): the network in use seen from inside for the selected
digit, live as it is drawn, and why it answered.

It asks ``InsideSession`` (mnist_desk.app.inside_session) in one long-lived background job for
the newest drawing only, and draws the answers: "Why this answer" (the input, a heatmap for the
answer and one for the runner-up), one sheet of maps at a time (a layer's feature maps, the
attention per layer and head, an MLP's units, the first layer's filters) and the map or unit
clicked, large. Which sheet, which cell and the heatmap method are remembered. The parts are
its own widgets: ``why_view`` (why this answer), ``layers_page`` and ``map_view``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from mnist_desk.app.drawing_session import DigitSelected
from mnist_desk.app.inside_session import InsideFailed, InsideRequest, InsideSession
from mnist_desk.ui.background import BackgroundJob
from mnist_desk.ui.i18n import LiveTexts, is_language_change, text_of
from mnist_desk.ui.inside.body_scroll import BodyScroll
from mnist_desk.ui.inside.layers_page import LayersPage
from mnist_desk.ui.inside.map_view import MapView
from mnist_desk.ui.inside.why_view import WhyView
from mnist_desk.ui.tab_pages import ShownPageTabs


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
        self._mapped = None  # the predictor whose map was asked for

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.why = WhyView(self.settings)
        self.why.method_box.chosen.connect(self.refresh)
        self.layers = LayersPage(self.settings)
        self.map_view = MapView()
        self.map_view.main = window
        self.map_view.open_digit.connect(self._open_digit)
        # the parts tests and the window reach for, by their old names
        self.method_box, self.answer_panel = self.why.method_box, self.why.answer_panel
        self.input_panel, self.runner_up_panel = self.why.input_panel, self.why.runner_up_panel
        self.sheet_box, self.mosaic, self.detail = (
            self.layers.sheet_box,
            self.layers.mosaic,
            self.layers.detail,
        )

        self.pages = ShownPageTabs()  # the map's plot is not below the Layers page's fold
        self.pages.addTab(self.layers, "")
        self.pages.addTab(self.map_view, "")
        self.pages.currentChanged.connect(self._page_changed)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)  # the room the why panels' titles need
        layout.addWidget(self.heading)
        layout.addWidget(self.why)
        layout.addWidget(self.pages, 1)
        self.setWidget(BodyScroll(body))
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
        self.why.show_answer(answer)
        self._show_page()

    def _show_page(self) -> None:
        """Draw the answer on the page in view only (the other is drawn when it is shown)."""
        if self.answer is None:
            return
        if self.pages.currentWidget() is self.map_view:
            self.map_view.place(self.answer.features)
        else:
            self.layers.show_answer(self.answer)

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

    # ---- texts ----
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Inside the network"))
        self.toggleViewAction().setText(self.tr("&Inside the network"))  # View menu: Alt+V, I
        self.pages.setTabText(0, self.tr("Layers"))
        self.pages.setTabText(1, self.tr("Map of the test set"))
        self.why.retranslate()
        self.layers.retranslate()
        if self.answer is not None:  # shown again: its headings, sheets and large view
            self.layers.forget_titles()
            self._on_answer(self.answer)
            return
        self.heading.setText(self.tr("Draw a digit to see what the network computes for it."))

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
