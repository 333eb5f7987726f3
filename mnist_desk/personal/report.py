"""What a personal fine-tune reports: before/after accuracy on the user's held-out digits and on
MNIST test (``PersonalReport``), and the run's result carrying it (``PersonalResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mnist_desk.training import TrainingResult


@dataclass
class PersonalReport:
    """Before/after on held-out personal digits and on MNIST test."""

    method: str  # "holdout" or "cross-validation (k folds)"
    personal_before: float
    personal_after: float
    personal_count: int  # held-out digits the accuracies are measured on
    learn_count: int  # digits the saved model was trained on
    mnist_before: float
    mnist_after: float
    mnist_count: int
    base_model: str
    per_class_after: list[float] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"your held-out digits ({self.personal_count}, {self.method}): "
            f"{self.personal_before:.1%} -> {self.personal_after:.1%}",
            f"MNIST test ({self.mnist_count:,}): {self.mnist_before:.2%} -> {self.mnist_after:.2%} "
            f"({(self.mnist_after - self.mnist_before) * 100:+.2f} points)",
        ]


@dataclass
class PersonalResult(TrainingResult):
    personal: PersonalReport | None = None
