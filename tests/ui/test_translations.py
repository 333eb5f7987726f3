"""The shipped zh_CN translation is complete, and every text keeps its format placeholders."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mnist_desk.support.config import resources_dir

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TS = resources_dir() / "translations" / "mnist_desk_zh_CN.ts"


def messages():
    for message in ET.parse(TS).getroot().iter("message"):
        yield message.findtext("source") or "", message.find("translation")


def test_every_text_is_translated():
    unfinished = [src for src, tr in messages() if tr.get("type") == "unfinished" or not tr.text]
    assert unfinished == []


def test_translations_keep_the_placeholders_that_format_fills():
    broken = [
        (src, tr.text)
        for src, tr in messages()
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(tr.text or ""))
    ]
    assert broken == []


def test_the_compiled_file_holds_every_translation():
    """The .qm the app loads was rebuilt after the last change to the .ts."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    stale = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, expected = message.findtext("source"), message.findtext("translation")
            if translator.translate(name, source) != expected:
                stale.append((name, source))
    assert stale == []


def test_why_a_run_did_not_start_is_said_in_the_users_language(qapp):
    """The training session's refusals are worded outside a widget, in the RunControls context."""
    from mnist_desk.app.training_events import Refused, StartProblem
    from mnist_desk.ui import i18n
    from mnist_desk.ui.train.run_controls import refusal_text

    try:
        i18n.apply_language("zh_CN")
        assert refusal_text(Refused(StartProblem.BUSY)) == "正在训练；请等待其结束或先停止它。"
        assert refusal_text(Refused(StartProblem.INVALID, "x")) == "无法开始：x"
    finally:
        i18n.apply_language("en")
    assert refusal_text(Refused(StartProblem.INVALID, "x")) == "Cannot start: x"


def test_translated_sentences_and_lists_are_joined_as_the_language_writes_them(qapp):
    """A view that puts translated sentences one after another (the Compare adders verdict, a
    sum's caption) or lists names joined them the English way in Chinese too: "…倍）。 最终验证
    误差", "LeNet-5, MLP"; Chinese joins sentences without a space and names with "、"."""
    from mnist_desk.ui import i18n

    try:
        i18n.apply_language("zh_CN")
        assert i18n.sentences("甲。", "", "乙。", "（丙）") == "甲。乙。（丙）"
        assert i18n.listed(["LeNet-5", "MLP"]) == "LeNet-5、MLP"
    finally:
        i18n.apply_language("en")
    assert i18n.sentences("One.", "", "Two.", "(three)") == "One. Two. (three)"
    assert i18n.listed(["LeNet-5", "MLP"]) == "LeNet-5, MLP"
