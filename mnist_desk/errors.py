"""Which exceptions are the user's to fix (shown as one line) rather than bugs (logged with a traceback).

Every error a user can cause and act on derives from ``UserError``; anything else that escapes is a
bug: its traceback goes to the log file (``mnist_desk.support.logs``) and the user is told where that is.
This module imports nothing of ours, so every layer can raise these.
"""

from __future__ import annotations

from typing import Any, ClassVar


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


# ---- words the window can put into the user's language -------------------------------------


class Words(str):
    """A sentence for the user, in English as a plain ``str`` everywhere, that also remembers the
    ``Phrase`` it was made from and its values, so that the window can word it in the language
    in effect (``ui.i18n.text_of``). It stays itself through ``str()`` and an exception's
    message; joined to other text it becomes plain English."""

    template: str
    values: dict[str, Any]
    context: ClassVar[str] = "Phrase"  # where the translations word its template

    def __new__(cls, template: str, values: dict[str, Any]) -> Words:
        words = super().__new__(cls, template.format(**{k: _plain(v) for k, v in values.items()}))
        words.template, words.values = template, values
        return words

    def __str__(self) -> str:
        return self

    def __reduce__(self):  # pickled as what it was made from, not as its English
        return (Words, (self.template, self.values))


def _plain(value: Any) -> Any:
    """A value as the English sentence shows it: a tuple of values is listed with commas."""
    if isinstance(value, tuple):
        return ", ".join(str(_plain(v)) for v in value)
    return value


class Phrase:
    """An English sentence with ``{named}`` values, which a translation may word differently:
    ``NO_IMAGE = Phrase("{path}: no such image file")``, then ``raise ImageError(NO_IMAGE(path=p))``.
    Every phrase made is listed in ``Phrase.made``: a test checks that each has a translation
    (resources/translations, context "Phrase")."""

    made: ClassVar[list[str]] = []

    def __init__(self, template: str):
        self.template = template
        Phrase.made.append(template)

    def __call__(self, **values: Any) -> Words:
        return Words(self.template, values)


LIST_SEPARATOR = Phrase(", ")  # between the values of a list in a sentence
# where a folder is asked for (an export's, My digits'): here, the one layer both may import
A_FILE_NOT_A_FOLDER = Phrase("{folder} is a file, not a folder")
