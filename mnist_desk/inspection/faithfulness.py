"""The deletion test that chooses the heatmap method (issue 24, benchmark row 13).

For each digit: remove (set to blank) the ``fraction`` of its ink pixels that the heatmap for
the network's answer ranks highest, and see how much the answer's probability drops; compare
with removing as many ink pixels drawn at random (the mean drop over ``draws`` random draws).
A faithful heatmap's deletion lowers the answer's probability more than random deletion does.
Drops are compared in log-probability, which orders them as probability does but does not
round to a tie when a confident answer's probability is 1.0 in float32.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import torch

from mnist_desk.inspection.attribution import heatmaps
from mnist_desk.inspection.subject import Subject

INK = 0.0  # a pixel is ink when it is above this (MNIST's background is exactly 0)


@dataclass
class DeletionResult:
    method: str
    count: int
    wins: int  # digits where the heatmap's deletion lowered the answer more than random deletion
    mean_drop: float  # mean drop of the answer's probability, heatmap deletion
    mean_random_drop: float  # the same for random deletion (mean over the draws)
    seconds_per_digit: float  # heatmap time per digit

    @property
    def win_rate(self) -> float:
        return self.wins / self.count if self.count else 0.0


def ranked_deletion(ink: np.ndarray, scores: np.ndarray, fraction: float) -> np.ndarray:
    """``ink`` with its top-``fraction`` ink pixels by ``scores`` set to blank."""
    flat, order = ink.reshape(-1).copy(), np.flatnonzero(ink.reshape(-1) > INK)
    k = max(1, round(fraction * len(order)))
    flat[order[np.argsort(-scores.reshape(-1)[order], kind="stable")[:k]]] = 0.0
    return flat.reshape(ink.shape)


def random_deletions(ink: np.ndarray, fraction: float, draws: int, rng: np.random.Generator):
    order = np.flatnonzero(ink.reshape(-1) > INK)
    k = max(1, round(fraction * len(order)))
    out = np.repeat(ink.reshape(1, -1), draws, 0)
    for row in out:
        row[rng.choice(order, k, replace=False)] = 0.0
    return out.reshape(draws, *ink.shape)


@torch.no_grad()
def _log_probs(subject: Subject, inks: np.ndarray) -> torch.Tensor:
    return subject.logits(torch.from_numpy(inks).float().reshape(-1, 1, 28, 28)).log_softmax(1)


def deletion_test(
    subject: Subject,
    inks: np.ndarray,
    method: str,
    fraction: float = 0.1,
    draws: int = 10,
    seed: int = 0,
) -> DeletionResult:
    """Run the deletion test for ``method`` on ``inks`` (N, 28, 28), 0..1."""
    rng = np.random.default_rng(seed)
    wins, drops, random_drops, spent = 0, [], [], 0.0
    for ink in inks.astype(np.float32):
        before = _log_probs(subject, ink)[0]
        answer = int(before.argmax())
        start = time.perf_counter()
        scores = heatmaps(subject, ink, [answer], method)[0]
        spent += time.perf_counter() - start
        ranked = _log_probs(subject, ranked_deletion(ink, scores, fraction))[0, answer]
        randoms = _log_probs(subject, random_deletions(ink, fraction, draws, rng))[:, answer]
        p0 = float(before[answer].exp())
        drop, random_drop = p0 - float(ranked.exp()), p0 - float(randoms.exp().mean())
        # log of the random draws' mean probability, taken in log space (no rounding to 1.0)
        random_log = float(torch.logsumexp(randoms, 0)) - math.log(draws)
        wins += float(ranked) < random_log
        drops.append(drop)
        random_drops.append(random_drop)
    n = len(inks)
    return DeletionResult(
        method, n, wins, float(np.mean(drops)), float(np.mean(random_drops)), spent / max(1, n)
    )
