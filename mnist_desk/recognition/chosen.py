"""The strokes of the digits a drawing's split chose, and what they do: how tall each is, how
its strokes cross and turn, and whether they are a doubled line (``recognition.scribble``). The
judge reads them to judge a number whole, and the Predictor to read an outlined digit filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from mnist_desk.imaging.drawn import Drawn, Strokes
from mnist_desk.recognition.scribble import StrokeShape, stroke_shape


@dataclass(frozen=True)
class ChosenDigit:
    """A chosen digit's strokes, height (its run's box) and how they cross and turn."""

    paths: list
    height: float
    shape: StrokeShape

    @property
    def doubled(self) -> bool:
        return self.shape.doubled


def chosen_strokes(drawn: Drawn, cut, way: list[int]) -> list[ChosenDigit] | None:
    """The chosen digits (``way`` indexes the candidates of ``cut``) of a drawing's strokes;
    None for a picture (its blobs were not measured so)."""
    if not isinstance(drawn, Strokes):
        return None
    chosen = []
    for i in way:
        paths = [cut.paths[k] for k in cut.candidates[i].key]
        height = cut.layout.run_box(*cut.candidates[i].run).height
        chosen.append(ChosenDigit(paths, height, stroke_shape(paths, height)))
    return chosen
