"""What a personal fine-tune reports: before/after accuracy on the user's held-out digits and on
MNIST test (``PersonalReport``), and the run's result carrying it (``PersonalResult``).

Its lines are Phrases' words: English wherever they are plain text (the CLI, saved files), in the
window's language where the window shows them (the status bar after a fine-tune)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mnist_desk.errors import Phrase, Words
from mnist_desk.training import TrainingResult

# How the before/after was measured (PersonalTrainer.plan), said in the report and kept in files
HOLDOUT = Phrase("holdout")
CROSS_VALIDATION = Phrase("cross-validation, {folds} folds")
GIVEN_HELD_OUT = Phrase("given held-out set")
HELD_OUT_LINE = Phrase("your held-out digits ({count}, {method}): {before} -> {after}")
MNIST_LINE = Phrase("MNIST test ({count}): {before} -> {after} ({change} points)")
BOTH_LINES = Phrase("{held_out}; {mnist}")  # the report in one line: a run's end message


@dataclass
class PersonalReport:
    """Before/after on held-out personal digits and on MNIST test."""

    method: str  # HOLDOUT or CROSS_VALIDATION's words (English as a str)
    personal_before: float
    personal_after: float
    personal_count: int  # held-out digits the accuracies are measured on
    learn_count: int  # digits the saved model was trained on
    mnist_before: float
    mnist_after: float
    mnist_count: int
    base_model: str
    per_class_after: list[float] = field(default_factory=list)

    def lines(self) -> list[Words]:
        return [
            HELD_OUT_LINE(
                count=self.personal_count,
                method=self.method,
                before=f"{self.personal_before:.1%}",
                after=f"{self.personal_after:.1%}",
            ),
            MNIST_LINE(
                count=f"{self.mnist_count:,}",
                before=f"{self.mnist_before:.2%}",
                after=f"{self.mnist_after:.2%}",
                change=f"{(self.mnist_after - self.mnist_before) * 100:+.2f}",
            ),
        ]

    def summary(self) -> Words:
        """The report in one line (the fine-tune's end message)."""
        held_out, mnist = self.lines()
        return BOTH_LINES(held_out=held_out, mnist=mnist)


@dataclass
class PersonalResult(TrainingResult):
    personal: PersonalReport | None = None
