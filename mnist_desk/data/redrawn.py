"""MNIST's digits drawn again with the canvas's pen: real handwriting as the app would see it drawn.

A digit drawn on the canvas reaches a model through ``imaging.strokes.render_strokes`` (one
MNIST-like pen, antialiased); MNIST's own digits were written with pens of every width. To teach
a network what drawn digits look like without a font or any evaluation source, each MNIST digit
is thinned to its centre line (Zhang-Suen thinning, for a whole batch at once) and every
centre-line pixel is drawn again as a dot of the canvas's pen by the canvas's own renderer, after
a random slant and stretch like a hand's.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from mnist_desk.imaging.field import MEAN, STD
from mnist_desk.imaging.strokes import render_strokes

INK = 0.35  # a pixel darker than this (0..1 ink) is part of the digit before thinning

# The 8 neighbours of a pixel, clockwise from the one above: P2..P9 in Zhang and Suen's paper.
_NEIGHBOURS = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))


def _neighbours(ink: torch.Tensor) -> torch.Tensor:
    """(N, 8, H, W): each pixel's 8 neighbours, P2..P9."""
    padded = F.pad(ink, (1, 1, 1, 1))
    h, w = ink.shape[-2:]
    return torch.stack(
        [padded[:, 1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w] for dy, dx in _NEIGHBOURS], 1
    )


def thin(ink: torch.Tensor, max_passes: int = 30) -> torch.Tensor:
    """Zhang-Suen thinning: bool (N, H, W) shapes -> their one-pixel-wide centre lines."""
    skeleton = ink.clone()
    for _ in range(max_passes):
        changed = False
        for step in (0, 1):
            p = _neighbours(skeleton).to(torch.int8)
            count = p.sum(1)
            rolled = torch.roll(p, -1, dims=1)
            crossings = ((p == 0) & (rolled == 1)).sum(1)
            p2, p4, p6, p8 = p[:, 0], p[:, 2], p[:, 4], p[:, 6]
            if step == 0:
                sides = (p2 * p4 * p6 == 0) & (p4 * p6 * p8 == 0)
            else:
                sides = (p2 * p4 * p8 == 0) & (p2 * p6 * p8 == 0)
            remove = skeleton & (count >= 2) & (count <= 6) & (crossings == 1) & sides
            if remove.any():
                skeleton = skeleton & ~remove
                changed = True
        if not changed:
            break
    return skeleton


def centre_lines(images: torch.Tensor) -> torch.Tensor:
    """Normalised MNIST images (N, 1, 28, 28) -> bool (N, 28, 28) centre lines."""
    ink = (images[:, 0] * STD + MEAN) > INK
    return thin(ink)


def trace(centre_line: np.ndarray) -> list[list[tuple[int, int]]]:
    """A centre line's pixels as pen strokes: walks from the ends along unvisited neighbours
    (side neighbours before corner ones); a walk that stops beside a visited pixel joins it."""
    ys, xs = np.nonzero(centre_line)
    left = set(zip(xs.tolist(), ys.tolist(), strict=True))
    every = frozenset(left)
    steps = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))

    def around(p, pool):
        return [(p[0] + dx, p[1] + dy) for dx, dy in steps if (p[0] + dx, p[1] + dy) in pool]

    strokes = []
    while left:
        ends = [p for p in left if len(around(p, every)) <= 1]
        start = min(ends or left)
        path = [start]
        left.discard(start)
        joined = around(start, every - left - {start})
        if joined:  # a branch that starts on a visited line
            path.insert(0, joined[0])
        while True:
            ahead = around(path[-1], left)
            if not ahead:
                back = [q for q in around(path[-1], every - left) if q not in path[-3:]]
                if back:
                    path.append(back[0])
                break
            path.append(ahead[0])
            left.discard(ahead[0])
        strokes.append(path)
    return strokes


def redraw(centre_line: np.ndarray, rng: np.random.Generator) -> torch.Tensor:
    """One bool (28, 28) centre line -> the model input the canvas would make of it, after a
    random slant (-0.25..0.35) and stretch (0.8..1.2 wide)."""
    slant, aspect = rng.uniform(-0.25, 0.35), rng.uniform(0.8, 1.2)
    strokes = [[((x + slant * (14 - y)) * aspect, y) for x, y in s] for s in trace(centre_line)]
    return render_strokes(strokes or [[(0.0, 0.0)]]).tensor


def redrawn_digits(images: torch.Tensor, seed: int) -> torch.Tensor:
    """MNIST images (N, 1, 28, 28), normalised -> the same digits redrawn with the canvas's pen."""
    rng = np.random.default_rng(seed)
    lines = centre_lines(images).numpy()
    if len(lines) == 0:
        return torch.zeros(0, 1, 28, 28)
    return torch.stack([redraw(line, rng) for line in lines])
