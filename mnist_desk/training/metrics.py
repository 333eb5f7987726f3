"""Classification metrics from predictions: accuracy, confusion matrix, per-class precision and recall."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch


@dataclass
class ClassificationReport:
    accuracy: float
    confusion: list[list[int]]  # rows: true class, columns: predicted class
    precision: list[float]
    recall: list[float]
    count: int

    def to_dict(self) -> dict:
        return asdict(self)


def classification_report(
    predicted: torch.Tensor, target: torch.Tensor, num_classes: int
) -> ClassificationReport:
    predicted, target = predicted.cpu().long(), target.cpu().long()
    confusion = torch.bincount(target * num_classes + predicted, minlength=num_classes**2)
    confusion = confusion.view(num_classes, num_classes)
    true_positive = confusion.diag().double()
    predicted_count = confusion.sum(0).double()
    actual_count = confusion.sum(1).double()
    precision = torch.where(
        predicted_count > 0, true_positive / predicted_count.clamp(min=1), torch.zeros(())
    )
    recall = torch.where(
        actual_count > 0, true_positive / actual_count.clamp(min=1), torch.zeros(())
    )
    return ClassificationReport(
        accuracy=float(true_positive.sum() / max(len(target), 1)),
        confusion=confusion.tolist(),
        precision=[round(float(p), 6) for p in precision],
        recall=[round(float(r), 6) for r in recall],
        count=len(target),
    )


def best_matching(confusion: list[list[int]]) -> list[int]:
    """The one-to-one relabelling of outputs that agrees with the most examples (the Hungarian
    assignment, solved exactly by dynamic programming over subsets: 10 classes are 1,024 states).

    ``confusion[t][p]`` counts examples of true class t read as output p; the answer maps each
    output p to the class it stands for. A model that learned its classes without their labels
    (digits learned from sums) is scored after this matching as well as raw.
    """
    n = len(confusion)
    # best[mask]: the most agreements when outputs 0..k-1 (k = popcount(mask)) take the classes in mask
    best = [-1] * (1 << n)
    choice = [0] * (1 << n)
    best[0] = 0
    for mask in range(1 << n):
        if best[mask] < 0:
            continue
        output = bin(mask).count("1")
        if output == n:
            continue
        for cls in range(n):
            if not mask >> cls & 1:
                nxt, value = mask | 1 << cls, best[mask] + confusion[cls][output]
                if value > best[nxt]:
                    best[nxt], choice[nxt] = value, cls
    mapping, mask = [0] * n, (1 << n) - 1
    for output in range(n - 1, -1, -1):
        mapping[output] = choice[mask]
        mask &= ~(1 << choice[mask])
    return mapping


@dataclass
class EmergentDigits:
    """How well a model that never saw a digit label reads digits."""

    raw_accuracy: float  # output k taken as digit k
    matched_accuracy: float  # after the best one-to-one relabelling of the outputs
    matching: list[int]  # output -> the digit it stands for (the identity when learned as digits)
    confusion: list[list[int]]  # rows: true digit, columns: raw output

    @property
    def identity(self) -> bool:
        return self.matching == list(range(len(self.matching)))

    def to_dict(self) -> dict:
        return {**asdict(self), "identity": self.identity}


def emergent_digits(predicted: torch.Tensor, target: torch.Tensor) -> EmergentDigits:
    """Raw and matched digit accuracy of unlabelled outputs (see ``best_matching``)."""
    report = classification_report(predicted, target, 10)
    mapping = best_matching(report.confusion)
    agreed = sum(report.confusion[mapping[p]][p] for p in range(10))
    return EmergentDigits(
        raw_accuracy=report.accuracy,
        matched_accuracy=agreed / max(report.count, 1),
        matching=mapping,
        confusion=report.confusion,
    )
