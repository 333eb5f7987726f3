""" "Why this answer": the network's answer, its runner-up, and a heatmap for each.

One function for the window and ``mnist-desk explain`` alike. The method is the one the deletion
test chose (``DEFAULT_METHOD``; docs/inside.md gives the figures that chose it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from mnist_desk.inspection.attribution import heatmaps
from mnist_desk.inspection.methods import DEFAULT_METHOD
from mnist_desk.inspection.subject import Subject


@dataclass
class Explanation:
    """The answer and the runner-up among ``subject``'s classes, each with its heatmap (28, 28):
    positive where a pixel pushed the network toward that class."""

    method: str
    answers: str  # "digit" or "sum"
    ink: np.ndarray  # (28, 28) 0..1: the model input
    probabilities: np.ndarray
    answer: int
    runner_up: int
    answer_map: np.ndarray
    runner_up_map: np.ndarray

    def to_dict(self) -> dict:
        """Plain values for JSON: the 28x28 arrays as lists of rows."""

        def rows(a: np.ndarray) -> list[list[float]]:
            return np.round(a.astype(float), 6).tolist()

        return {
            "method": self.method,
            "answers": self.answers,
            "answer": self.answer,
            "probability": float(self.probabilities[self.answer]),
            "runner_up": self.runner_up,
            "runner_up_probability": float(self.probabilities[self.runner_up]),
            "probabilities": [round(float(p), 6) for p in self.probabilities],
            "input": rows(self.ink),
            "heatmap": rows(self.answer_map),
            "runner_up_heatmap": rows(self.runner_up_map),
        }


def explain(subject: Subject, ink: np.ndarray, method: str = DEFAULT_METHOD) -> Explanation:
    """Why ``subject`` answers what it does for ``ink`` (28, 28), 0..1, and why not its runner-up."""
    ink = np.asarray(ink, dtype=np.float32).reshape(28, 28)
    with torch.no_grad():
        logits = subject.logits(torch.from_numpy(ink).reshape(1, 1, 28, 28))[0]
    probabilities = logits.softmax(0).numpy().copy()
    answer, runner_up = (int(i) for i in np.argsort(-probabilities, kind="stable")[:2])
    maps = heatmaps(subject, ink, [answer, runner_up], method)
    return Explanation(
        method, subject.answers, ink, probabilities, answer, runner_up, maps[0], maps[1]
    )
