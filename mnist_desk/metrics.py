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
