"""The main window's status bar messages.

A message is one line; a long one (a missing MNIST folder's path and why the download failed) ran
under the permanent texts on the right ("…mirror could be classifier-convnet · cpu"), cut in a
word. It ends in "…" where the bar has no more room, the whole message in the bar's tip, and is
fitted again when the bar is resized or the language switches.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStatusBar, QWidget

from mnist_desk.ui.i18n import Text, text_of

MESSAGE_INSET = 12  # px: the bar's own margin left of a message, its padding, and a gap before
# the permanent texts on the right


class StatusLine(QObject):
    """Shows ``Text`` messages in ``bar`` for a while, fitted to the room the bar leaves them."""

    def __init__(self, bar: QStatusBar):
        super().__init__(bar)
        self.bar = bar
        self._status: tuple[Text, str, float | None] = ("", "", None)  # what, as, until
        self._shown = ""  # the message as the bar shows it (perhaps ended in "…")
        bar.installEventFilter(self)
        bar.messageChanged.connect(self._message_changed)

    def show(self, message: Text, timeout_ms: int = 10000) -> None:
        """``message`` for ``timeout_ms`` (0: until another replaces it)."""
        text = text_of(message)
        until = time.monotonic() + timeout_ms / 1000 if timeout_ms > 0 else None
        self._status = (message, text, until)
        self._show(text, timeout_ms)

    def room(self) -> int:
        """The width a message has: up to the leftmost widget on the bar (its permanent texts)."""
        right = self.bar.width()
        for child in self.bar.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child.isVisible():
                right = min(right, child.x())
        return right - MESSAGE_INSET

    def _show(self, text: str, timeout_ms: int) -> None:
        metrics = self.bar.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(self.room(), 0))
        self._shown = shown
        self.bar.showMessage(shown, timeout_ms)
        self.bar.setToolTip(text if shown != text else "")

    def _showing(self) -> bool:
        return bool(self._shown) and self.bar.currentMessage() == self._shown

    def _time_left(self) -> int:
        until = self._status[2]
        return 0 if until is None else max(1, round((until - time.monotonic()) * 1000))

    def retranslate(self) -> None:
        """Word the message showing again, for the time it has left (a language switch)."""
        message = self._status[0]
        if callable(message) and self._showing():
            self.show(message, self._time_left())

    def _message_changed(self, message: str) -> None:
        if message != self._shown:  # timed out or cleared: its tip goes with it
            self.bar.setToolTip("")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.bar and event.type() == QEvent.Type.Resize and self._showing():
            self._show(self._status[1], self._time_left())  # more room, or less, for the whole
        return False
