"""The core's sentences for the user (errors.Phrase) have a translation for every language the
window offers, which names no value its English lacks: the window words them in the user's
language (ui.i18n.text_of), and lupdate cannot find them (they are not tr() calls)."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import string
import xml.etree.ElementTree as ET

import pytest

import mnist_desk
from mnist_desk.errors import Phrase, UserError, Words
from mnist_desk.support.config import resources_dir


def every_phrase() -> list[str]:
    for module in pkgutil.walk_packages(mnist_desk.__path__, "mnist_desk."):
        if not module.name.startswith(("mnist_desk.ui", "mnist_desk.__main__")):
            importlib.import_module(module.name)
    return list(dict.fromkeys(Phrase.made))


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("ts", sorted((resources_dir() / "translations").glob("*.ts")))
def test_every_phrase_has_a_finished_translation_with_its_own_values(ts):
    translated = {}
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") == "Phrase":
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation.get("type") is None and translation.text:
                    translated[message.findtext("source")] = translation.text
    phrases = every_phrase()
    assert len(phrases) > 20  # the walk found the core's modules
    missing = [p for p in phrases if p not in translated]
    assert not missing, f"{ts.name} lacks translations of {missing}"
    for phrase in phrases:
        assert fields(translated[phrase]) <= fields(phrase), phrase


def test_words_are_plain_english_and_keep_what_they_were_made_from():
    # Words made directly: a Phrase made here would join the list the test above checks.
    template = "{path}: {count} of {things}"
    words = Words(
        template, {"path": "a.png", "count": 3, "things": (Words("{n} cat", {"n": 1}), "dogs")}
    )
    assert words == "a.png: 3 of 1 cat, dogs"
    error = UserError(words)
    assert str(error) == words and isinstance(str(error), Words)  # an error's message keeps it
    assert str(error).template == template
    again = pickle.loads(pickle.dumps(words))
    assert again == words and again.values == words.values
    assert type(words + "!") is str  # joined to other text: plain English


def test_a_models_title_is_english_words_worded_in_the_titles_context():
    """A contender's name (app.comparison, app.arch_plan) is made of the core's titles as
    ``models.Title``: English as a str, translated where the titles are (context "ModelTitles")."""
    from mnist_desk.app.comparison import plan_adders
    from mnist_desk.models import TASK_TITLES, TRANSFER, Title
    from mnist_desk.training import TrainingSettings

    title = Title(TASK_TITLES[TRANSFER])
    assert title == "Transfer adder" and title.context == "ModelTitles" and title.values == {}
    again = pickle.loads(pickle.dumps(title))
    assert type(again) is Title and again == title
    transfer, scratch = plan_adders(TrainingSettings(), "c.pt", arch="quick").contenders
    assert (transfer.name, scratch.name) == ("Transfer adder (quick)", "Scratch adder")
    assert transfer.name.values == {"title": "Transfer adder", "arch": "quick"}
    assert isinstance(transfer.name.values["title"], Title) and isinstance(scratch.name, Title)


def test_a_fine_tunes_report_is_english_words_for_the_cli_and_files():
    """The fine-tune's report (personal.report) is made of Phrases for the window, and reads as
    the same English as before wherever it is plain text (the CLI's lines, the run's message)."""
    from mnist_desk.personal.report import CROSS_VALIDATION, PersonalReport

    method = CROSS_VALIDATION(folds=3)
    report = PersonalReport(method, 0.5, 0.75, 40, 40, 0.99, 0.9895, 10_000, "base.pt")
    assert report.lines() == [
        "your held-out digits (40, cross-validation, 3 folds): 50.0% -> 75.0%",
        "MNIST test (10,000): 99.00% -> 98.95% (-0.05 points)",
    ]
    summary = report.summary()
    assert summary == "; ".join(report.lines()) and isinstance(summary, Words)
    assert summary.values["held_out"].values["method"].template == CROSS_VALIDATION.template
