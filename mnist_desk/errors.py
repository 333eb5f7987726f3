"""Which exceptions are the user's to fix (shown as one line) rather than bugs (logged with a traceback).

Every error a user can cause and act on derives from ``UserError``; anything else that escapes is a
bug: its traceback goes to the log file (``mnist_desk.support.logs``) and the user is told where that is.
This module imports nothing of ours, so every layer can raise these.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on: shown as its message, without a traceback."""


class SettingsError(UserError, ValueError):
    """Training settings that cannot work (unknown architecture, negative learning rate, ...)."""


class ImageError(UserError, ValueError):
    """An image file that is missing, unreadable or too large."""


class FolderError(UserError, OSError):
    """A folder the app must write to (models, data) is not writable, or a save failed."""


def is_user_error(error: BaseException) -> bool:
    return isinstance(error, UserError)
