"""Neighbouring digits of a drawn number whose strokes touch, read as one: where the digit gate
finds that one a letter, the two are a letter's pieces (an h's stem and arch read as 17, an H as
14), each of which alone looks like a digit. ``DigitJudge.judge_number`` decides; this says what
it is shown. Measured on development drawings (docs/lab/recognition-experiments.md, "Touching
letters")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mnist_desk.recognition.doubt import JOINED_LETTER, TOUCH_REACH, Verdict
from mnist_desk.recognition.numbers import Segmentation
from mnist_desk.recognition.scribble import strokes_touch


def joined_verdicts(
    strokes: Sequence[Sequence[np.ndarray]],
    cut: Segmentation,
    way: Sequence[int],
    verdicts: Sequence[Verdict],
) -> list[Verdict | None]:
    """Per gap between the chosen digits ``way`` (indices of ``cut``'s candidates, whose strokes
    are ``strokes``): the verdict on the cut's candidate covering both neighbours where their
    strokes touch (within TOUCH_REACH of the line's height) and the gate finds it a letter,
    else None. Where the cut has no such candidate (pieces clearly apart), nothing: drawing
    the two together as well turned away more development numbers and no more letters."""
    reach = TOUCH_REACH * cut.layout.height
    runs = {c.run: k for k, c in enumerate(cut.candidates)}
    joined: list[Verdict | None] = []
    for n, (a, b) in enumerate(zip(way[:-1], way[1:], strict=True)):
        k = runs.get((cut.candidates[a].run[0], cut.candidates[b].run[1]))
        letter = k is not None and getattr(verdicts[k], "letter", 0.0) > JOINED_LETTER
        touch = letter and strokes_touch(strokes[n], strokes[n + 1], reach)
        joined.append(verdicts[k] if touch else None)
    return joined
