"""The Train tab's run controls: Start, Pause/Resume, Stop, Compare adders, the progress bar
(steps, images per second, ETA), the phase line under it and an inline error banner.

A view only: the panel connects the buttons, and tells it what to show. Every text it shows is
kept as a callable, so a language switch words the current state again. ``refusal_text`` words
why the session refused a request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mnist_desk.app.run_exports import format_duration
from mnist_desk.app.training_events import Controls, Phase, Refused, StartProblem
from mnist_desk.ui.i18n import LiveTexts, Text, is_language_change, text_of

if TYPE_CHECKING:
    from mnist_desk.training import StepEvent

# the run's keys, documented in docs/using.md (Keyboard)
START_KEY, PAUSE_KEY, STOP_KEY = "Ctrl+Return", "Ctrl+P", "Ctrl+."
BAR_TEXT_MARGIN = 8  # px: the room the style leaves around a progress bar's text
BANNER_STYLE = (
    "QLabel { background: #fde8e8; color: #8a1010; border: 1px solid #e0a0a0;"
    " border-radius: 4px; padding: 6px; }"
)


class RunControls(QWidget):
    """Buttons, progress and messages of the run in progress (or the last one)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.texts = LiveTexts()
        self.start_button = self._button(
            lambda: self.tr("Start"),
            lambda: self.tr("Train with these settings; the model is saved to your models folder"),
            START_KEY,
        )
        self.pause_button = self._button(
            None, lambda: self.tr("Pause or resume the run"), PAUSE_KEY
        )
        self.stop_button = self._button(
            lambda: self.tr("Stop"),
            lambda: self.tr("Stop now; the best model so far is tested and kept"),
            STOP_KEY,
        )
        self.compare_button = self._button(
            lambda: self.tr("Compare adders"),
            lambda: self.tr(
                "Train the transfer adder, then the scratch adder, for the same number of steps "
                "(about a minute on two cores), with the seed, device and training images set "
                "here, and compare their error curves"
            ),
        )
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.installEventFilter(self)  # a narrower bar may need the shorter text
        self.phase_label = QLabel()
        self.phase_label.setStyleSheet("color: #444;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self._problem: Text = ""  # the banner's text, worded again after a language switch
        self._resume = False  # the pause button offers Resume
        self._bar_text: Callable[[], str] = lambda: self.tr("Ready")
        self._short_bar_text: Callable[[], str] | None = None  # where the text does not fit
        self._phase: Callable[[], str] = str
        self._last_step: StepEvent | None = None  # the bar's text after a run is made from it
        self.ended_shown = False  # the bar says how the last run ended

        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.banner)
        self.texts.call(self._show_texts)  # texts that depend on the state

    def _button(
        self, text: Callable[[], str] | None, tip: Callable[[], str], key: str | None = None
    ) -> QPushButton:
        """A button with a key of its own, named in its tip; a QShortcut, as setText resets a
        button's own shortcut. It works while the Train tab is shown, as the button does."""
        button = QPushButton()
        if text is not None:
            self.texts.bind(button.setText, text)
        if key is None:
            self.texts.bind(button.setToolTip, tip)
            return button
        keys = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        self.texts.bind(button.setToolTip, lambda: f"{tip()} ({keys})")
        QShortcut(QKeySequence(key), self, button.click)  # click: nothing while disabled
        return button

    def changeEvent(self, event) -> None:
        if is_language_change(event):
            self.texts.refresh()
        super().changeEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.progress and event.type() == QEvent.Type.Resize:
            self._show_bar_text()
        return False

    def _show_texts(self) -> None:
        self.pause_button.setText(self.tr("Resume") if self._resume else self.tr("Pause"))
        self._show_bar_text()
        self.phase_label.setText(self._phase())
        self.banner.setText(text_of(self._problem))

    def set_controls(self, controls: Controls) -> None:
        """Enable what the run's state allows (``TrainingSession.controls``)."""
        self.start_button.setEnabled(controls.start)
        self.compare_button.setEnabled(controls.start)
        self.pause_button.setEnabled(controls.pause)
        self.stop_button.setEnabled(controls.stop)
        self._resume = controls.resume
        self._show_texts()

    def set_phase(self, text: Callable[[], str]) -> None:
        """The line under the progress bar; a callable, so a language switch re-reads it."""
        self._phase = text
        self.phase_label.setText(text())

    def _set_bar_text(
        self, text: Callable[[], str], short: Callable[[], str] | None = None
    ) -> None:
        self._bar_text, self._short_bar_text = text, short
        self._show_bar_text()

    def _show_bar_text(self) -> None:
        """The bar's text, or its short form where it would not fit (the whole in the tip): a
        narrow window wrapped the progress into two lines, both cut off."""
        text, room = self._bar_text(), self.progress.width() - BAR_TEXT_MARGIN
        fits = self.progress.fontMetrics().horizontalAdvance(text) <= room
        short = self._short_bar_text is not None and not fits
        self.progress.setFormat(self._short_bar_text() if short else text)
        self.progress.setToolTip(text if short else "")

    def show_starting(self, total_steps: int) -> None:
        self.banner.hide()
        self.progress.setRange(0, total_steps)
        self.progress.setValue(0)
        self._last_step = None
        self.ended_shown = False
        self._set_bar_text(lambda: self.tr("starting…"))

    def show_progress(self, event: StepEvent) -> None:
        """Epoch, step, images per second and the ETA, from the latest step."""
        self._last_step = event
        self.progress.setMaximum(event.total_steps)
        self.progress.setValue(event.step)
        if event.elapsed <= 0:
            return
        images_per_s = event.images_seen / event.elapsed
        eta = (event.total_steps - event.step) * event.elapsed / event.step
        epochs = event.total_steps * event.epoch / event.step
        self._set_bar_text(
            lambda: self.tr(
                "epoch {0:.1f}/{1:.1f} · step {2:,}/{3:,} · {4:,.0f} img/s · ETA {5}"
            ).format(
                event.epoch,
                epochs,
                event.step,
                event.total_steps,
                images_per_s,
                format_duration(eta),
            ),
            lambda: self.tr("step {0:,}/{1:,} · ETA {2}").format(
                event.step, event.total_steps, format_duration(eta)
            ),
        )

    def show_complete(self) -> None:
        self.progress.setValue(self.progress.maximum())

    def show_ended(self, status: Callable[[], str]) -> None:
        """The bar after a run: how it ended and the steps done; an ETA would be stale now."""
        step = self._last_step

        def text() -> str:
            if step is None:
                return status()
            return self.tr("{0} · step {1:,}/{2:,}").format(status(), step.step, step.total_steps)

        self._set_bar_text(text)
        self.ended_shown = True

    def show_problem(self, message: Text) -> None:
        """An inline, non-modal error banner (no dialog to block on); a callable ``message`` is
        worded again after a language switch."""
        self._problem = message
        self.banner.setText(text_of(message))
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.show()

    def phase_text(self, phase: Phase) -> str:
        """What a run is doing, in the user's language."""
        if phase is Phase.LOADING:
            return self.tr("Loading MNIST…")
        if phase is Phase.TESTING:
            return self.tr("Testing the best model…")
        if phase is Phase.ANALYSING:
            return self.tr("Finding the worst mistakes…")
        return self.tr("Training…")


def refusal_text(refused: Refused) -> str:
    """Why the training session did not start a request, in the user's language."""
    problem, translate = refused.problem, QCoreApplication.translate
    if problem is StartProblem.NO_CLASSIFIER_FOR_TRANSFER:
        return translate(
            "RunControls",
            "The transfer adder starts from a trained classifier, and none was found. "
            "Train a classifier first (task: Single-digit classifier), or install the "
            "shipped weights.",
        )
    if problem is StartProblem.NO_TEACHER:
        return translate(
            "RunControls",
            "Distillation learns from a trained classifier (the teacher), and none was "
            "found. Train a classifier first, or install the shipped weights.",
        )
    if problem is StartProblem.NO_CLASSIFIER_FOR_COMPARISON:
        return translate(
            "RunControls",
            "Comparing the adders needs a trained classifier for the transfer adder; "
            "none was found. Train a classifier first.",
        )
    if problem is StartProblem.BUSY:
        return translate(
            "RunControls", "A training run is in progress; wait for it to end or stop it."
        )
    if problem is StartProblem.INVALID:
        return translate("RunControls", "Cannot start: {0}").format(text_of(refused.detail))
    return text_of(refused.detail)  # the core's own words (e.g. how many more digits of each)
