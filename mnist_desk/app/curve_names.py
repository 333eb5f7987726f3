"""What a curve is called in a legend: what the rest of the window calls its model or run.

A name the user gave a model stays as it is. A name the app made (shipped ``{task}-{arch}``,
trained ``{task}-{arch}-{YYYYmmdd-HHMMSS}``, personalised ``{task}-{arch}-mine-{...}``) becomes
the model's title: its network's (an adder's task first), in words the window translates
(``models.Title``, ``Phrase``). Labels that would read the same get the model's date as the
Models tab shows it (``local_time``), then a number. The Train tab's runs are named in the same
words, numbered (``run_name``). No Qt; the core's titles are read when asked for (they import
torch).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mnist_desk.errors import Phrase, Words

# An adder's title: its task, then the network it is built on ("Transfer adder · ConvNet (BN, ...)";
# a dot, not a colon: the status bar puts a colon after a run's name)
TASK_AND_NETWORK = Phrase("{task} · {network}")
PERSONALISED_MODEL = Phrase("{model}, personalised")  # a model fine-tuned on the user's digits
RUN_NAME = Phrase("#{number} {model}")  # a Train-tab run, numbered by the session
# two models that would read the same: their dates (a dot, not a comma: titles hold commas, and a
# window title lists the labels with commas)
DATED = Phrase("{name} · {date}")
NUMBERED = Phrase("{name} #{number}")  # ... and a number where even those are the same

_STAMP = r"\d{8}-\d{6}(?:-\d+)?"  # the time a trained model's file is named by, -2 on a clash


def local_time(created: str) -> str:
    """An ISO 8601 time as the local date and minute ("" stays ""), as the Models tab shows it."""
    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def model_title(task: str, arch: str) -> Words:
    """What the window calls a model of ``task`` and ``arch``: its network's title, after the
    task's for an adder (words the window translates)."""
    from mnist_desk.app.model_catalog import english_arch_title, english_task_title
    from mnist_desk.models import CLASSIFIER, Title

    network = Title(english_arch_title(task, arch))
    if task == CLASSIFIER:
        return network
    return TASK_AND_NETWORK(task=Title(english_task_title(task)), network=network)


def run_name(number: int, task: str, arch: str) -> Words:
    """A Train-tab run's name: "#1 ConvNet (BN, default)" in the window's language."""
    return RUN_NAME(number=number, model=model_title(task, arch))


def model_label(name: str, task: str, arch: str) -> str:
    """A model's label: ``name`` if the user gave it, else its title (``model_title``)."""
    made = re.fullmatch(rf"{re.escape(task)}-{re.escape(arch)}(?:(-mine)?-{_STAMP})?", name)
    if made is None:
        return name
    title = model_title(task, arch)
    return PERSONALISED_MODEL(model=title) if made.group(1) else title


@dataclass(frozen=True)
class Labelled:
    """A model to label: its file name, task, architecture and when it was made (ISO 8601)."""

    name: str
    task: str
    arch: str
    created: str = ""


def distinct_labels(models: Sequence[Labelled]) -> list[str]:
    """Each model's label (``model_label``), told apart where two would read the same: by the
    date, then by a number in the order given."""
    labels = [model_label(m.name, m.task, m.arch) for m in models]
    twice = _read_twice(labels)
    for i, model in enumerate(models):
        date = local_time(model.created)
        if str(labels[i]) in twice and date:
            labels[i] = DATED(name=labels[i], date=date)
    twice, seen = _read_twice(labels), Counter[str]()
    for i, label in enumerate(labels):
        if str(label) in twice:
            seen[str(label)] += 1
            labels[i] = NUMBERED(name=label, number=seen[str(label)])
    return labels


def _read_twice(labels: Sequence[str]) -> set[str]:
    # English is enough to compare: a title reads the same as another in every language or none
    return {label for label, n in Counter(map(str, labels)).items() if n > 1}
