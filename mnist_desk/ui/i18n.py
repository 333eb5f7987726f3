"""Languages: the app's own translations (resources/translations) and Qt's, switched live.

Installing a translator makes Qt send every widget a LanguageChange event; the widgets
re-read their texts from ``tr()`` in ``changeEvent``, so switching needs no restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from mnist_desk.errors import LIST_SEPARATOR, Words
from mnist_desk.support.config import resources_dir

SOURCE_LANGUAGE = "en"
# (code, name in its own language); '' follows the system locale.
LANGUAGES: list[tuple[str, str]] = [("en", "English"), ("zh_CN", "简体中文")]

_installed: list[QTranslator] = []

# A text shown to the user: a plain string (e.g. the core's own words), or a callable that words
# it in the language in effect, so that a view can show it again after a switch.
Text = str | Callable[[], str]


def text_of(text: Text) -> str:
    """``text`` in the language in effect now (the core's own words too, where it said them as
    a ``Phrase``: ``worded``)."""
    return worded(text() if callable(text) else text)


def worded(text: str) -> str:
    """The core's ``Words`` in the language in effect: its phrase translated (context "Phrase"
    in resources/translations, or its kind's ``context``: ``models.Title``) with its values,
    each worded too; any other text as it is. A translation that names a value its phrase
    lacks gives the English."""
    if not isinstance(text, Words):
        return text
    template = QCoreApplication.translate(text.context, text.template)
    values = {name: _worded_value(value) for name, value in text.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return str.__str__(text)


def _worded_value(value: object) -> object:
    if isinstance(value, tuple):  # a list of values: each worded, joined as the language joins
        return QCoreApplication.translate("Phrase", LIST_SEPARATOR.template).join(
            str(_worded_value(v)) for v in value
        )
    return worded(value) if isinstance(value, Words) else value


def sentences(*parts: str) -> str:
    """Translated sentences one after another, as the language in effect writes them: English
    with a space between them, Chinese without (its full stop ends a sentence). Empty parts are
    left out."""
    # Translators: two sentences (or a sentence and a remark in brackets) one after the other
    after = QCoreApplication.translate("Sentences", "{0} {1}")
    joined = ""
    for part in parts:
        joined = after.format(joined, part) if joined and part else joined or part
    return joined


def titled(title: str, text: str) -> str:
    """``text`` after what it is about (a model, a run, an error's title): "mine: exists",
    "mine：已存在"."""
    # Translators: a name or title, then what is said of it
    return QCoreApplication.translate("Sentences", "{0}: {1}").format(title, text)


def remarked(text: str, remark: str) -> str:
    """``text`` with a remark in brackets: "Training (50,000)", "训练集（50,000）"."""
    return QCoreApplication.translate("Sentences", "{0} ({1})").format(text, remark)


def listed(items) -> str:
    """Names in a sentence, separated as the language in effect separates them ("a, b"; "a、b")."""
    return QCoreApplication.translate("Phrase", LIST_SEPARATOR.template).join(map(str, items))


def translations_dir() -> Path:
    return resources_dir() / "translations"


def available_languages() -> list[tuple[str, str]]:
    """Languages with a compiled translation (English, the source language, always)."""
    return [
        (code, name)
        for code, name in LANGUAGES
        if code == SOURCE_LANGUAGE or (translations_dir() / f"mnist_desk_{code}.qm").is_file()
    ]


def system_language() -> str:
    """The best shipped language for the system locale."""
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        name = name.replace("-", "_")
        if name.startswith("zh") and not any(t in name for t in ("TW", "HK", "Hant", "MO")):
            return "zh_CN"
        if name.startswith("en"):
            return "en"
    return SOURCE_LANGUAGE


def effective_language(choice: str) -> str:
    return choice or system_language()


def apply_language(choice: str) -> str:
    """Install the translators for ``choice`` ('' = system); returns the language in effect."""
    app = QCoreApplication.instance()
    language = effective_language(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / f"mnist_desk_{language}.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
            qt_own = QTranslator(app)  # Qt's own strings: standard buttons, file dialogs
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(f"qt_{language}", qt_dir):
                app.installTranslator(qt_own)
                _installed.append(qt_own)
        else:
            language = SOURCE_LANGUAGE
    # Qt announces a new translator only while exec() runs; say it ourselves so that a switch
    # before the event loop starts (or under a test) retranslates too.
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    return language


class LiveTexts:
    """A widget's fixed texts, set again in the new language after every switch.

    ``texts.bind(button.setText, lambda: self.tr("Start"))`` sets the text now and again on every
    ``refresh()``, which the widget's ``changeEvent`` calls on LanguageChange. The lambda keeps
    the ``tr("…")`` literal where lupdate finds it.
    """

    def __init__(self) -> None:
        self._appliers: list[Callable[[], object]] = []

    def call(self, apply: Callable[[], object]) -> None:
        """Run ``apply`` now and on every refresh: for texts set by more than one call."""
        apply()
        self._appliers.append(apply)

    def bind(self, setter: Callable[[str], object], text: Callable[[], str]) -> None:
        self.call(lambda: setter(text()))

    def items(self, box, title: Callable[[object], str]) -> None:
        """Title every item of the QComboBox ``box`` by ``title(its data)``, whatever items it
        holds at the time."""
        self.call(lambda: [box.setItemText(i, title(box.itemData(i))) for i in range(box.count())])

    def label(self, text: Callable[[], str]):
        """A QLabel whose text follows the language."""
        from PySide6.QtWidgets import QLabel

        label = QLabel()
        self.bind(label.setText, text)
        return label

    def refresh(self) -> None:
        for apply in self._appliers:
            apply()


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange
