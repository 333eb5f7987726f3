"""The drawing pad without Qt: the canvases' drawings, command-based undo, recognition requests.

Each canvas shows one ``Drawing`` (immutable: an optional picture underneath and finished
strokes) plus the stroke the pen is drawing now. Every change a person can take back is a
command (``ChangeDrawings``, or a step from elsewhere such as keeping a digit in My digits) pushed
on an undo history: in the app that history is Qt's ``QUndoStack`` (``mnist_desk.ui.draw.drawing_tab``
wraps each command in a ``QUndoCommand``), headless it is ``UndoHistory`` below; both call
``redo()`` when a command is pushed, as Qt does. Undo runs across canvases in the order the changes
were made.

Recognition: strokes reach the model as strokes (``mnist_desk.imaging.strokes.render_strokes``: MNIST's
pen, size and place whatever the user's); a drawing with a picture underneath as its pixels, which
only the view can render, so the view passes a ``pixels(index)`` callable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

PAPER = 255  # grey level of the blank paper
BLANK = np.full((28, 28), PAPER, np.uint8)  # what an empty canvas hands the Predictor
MIN_STEP = 0.002  # of the paper side: closer pointer samples add nothing but cost

Point = tuple[float, float, float]  # x, y relative to the paper side (0..1, y down), pressure


@dataclass(frozen=True)
class Stroke:
    """One pen-down..pen-up path: points (x, y, pressure) relative to the paper side."""

    points: tuple[Point, ...]
    width: float  # of the paper side, at full pressure

    @property
    def uniform(self) -> bool:
        return len({p for _, _, p in self.points}) <= 1


@dataclass(frozen=True, eq=False)  # compared by identity: "is this still the drawing I kept?"
class Drawing:
    """Everything drawn on one canvas: an optional picture underneath, and strokes."""

    picture: np.ndarray | None = None  # uint8 (H, W) grey levels, as opened
    background: int = PAPER  # grey level around the picture, and the paper colour
    strokes: tuple[Stroke, ...] = ()

    @property
    def empty(self) -> bool:
        return self.picture is None and not self.strokes


class UndoStep(Protocol):
    """What an undo history holds. ``redo()`` is called when the step is pushed (it does the
    change then); ``undo()`` returns False when there was nothing left to undo (e.g. a kept digit
    deleted meanwhile): the history then goes on to the step before. A step that cannot be redone
    (``redoable`` False) leaves the history when it is undone."""

    text: str
    redoable: bool

    def redo(self) -> None: ...

    def undo(self) -> bool: ...


class History(Protocol):
    def push(self, step: UndoStep) -> None: ...

    def undo(self) -> bool: ...

    def redo(self) -> bool: ...


class ChangeDrawings:
    """One change a person made to one or more canvases: a stroke, a clear, an opened picture."""

    redoable = True

    def __init__(
        self, session: DrawingSession, changes: dict[int, tuple[Drawing, Drawing]], text: str
    ):
        self.session, self.changes, self.text = session, changes, text

    def redo(self) -> None:
        for index, (_, after) in self.changes.items():
            self.session._show(index, after)

    def undo(self) -> bool:
        for index, (before, _) in self.changes.items():
            self.session._show(index, before)
        return True


class DoneElsewhere:
    """A step done before it was pushed (keeping a digit: ``step.undo() -> bool`` takes it back);
    pushing it does nothing, and once undone it cannot be redone."""

    redoable = False

    def __init__(self, step: Any, text: str = "keep"):
        self.step, self.text = step, text

    def redo(self) -> None:
        pass

    def undo(self) -> bool:
        return bool(self.step.undo())


class UndoHistory:
    """A plain undo/redo list with QUndoStack's rules (for the session without Qt)."""

    def __init__(self) -> None:
        self.steps: list[UndoStep] = []
        self.index = 0  # steps[:index] can be undone, steps[index:] redone

    def push(self, step: UndoStep) -> None:
        step.redo()
        del self.steps[self.index :]
        self.steps.append(step)
        self.index = len(self.steps)

    def undo(self) -> bool:
        """Undo the newest step that still has something to undo; False if none has."""
        while self.index > 0:
            self.index -= 1
            step = self.steps[self.index]
            done = step.undo()
            if not done or not step.redoable:
                del self.steps[self.index]
            if done:
                return True
        return False

    def redo(self) -> bool:
        if self.index >= len(self.steps):
            return False
        self.steps[self.index].redo()
        self.index += 1
        return True


class DrawingSession:
    """The canvases' drawings and strokes in progress. ``on_change(fn)``: ``fn(index)`` after
    canvas ``index`` changed (a stroke ended, undo, clear, a picture); ``stroke_moved(index)``
    listeners hear each point of a stroke in progress."""

    def __init__(self, count: int = 2, history: History | None = None):
        self.drawings: list[Drawing] = [Drawing() for _ in range(count)]
        self.in_progress: list[list[Point] | None] = [None] * count
        self.history: History = history if history is not None else UndoHistory()
        self._changed: list[Callable[[int], None]] = []
        self._moved: list[Callable[[int], None]] = []

    def on_change(self, listener: Callable[[int], None]) -> None:
        self._changed.append(listener)

    def on_stroke_moved(self, listener: Callable[[int], None]) -> None:
        self._moved.append(listener)

    def is_empty(self, index: int) -> bool:
        return self.drawings[index].empty and not self.in_progress[index]

    # ---- changes a person can take back ----

    def add_stroke(self, index: int, points: Sequence[Sequence[float]], width: float) -> None:
        """A finished stroke in paper coordinates (0..1); pressure defaults to 1."""
        pts = tuple((float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0) for p in points)
        if pts:
            drawing = self.drawings[index]
            after = replace(drawing, strokes=(*drawing.strokes, Stroke(pts, float(width))))
            self._change({index: after}, "stroke")

    def set_picture(self, index: int, grey: np.ndarray, background: int) -> None:
        """Show a picture (uint8 grey) as canvas ``index``'s drawing; its strokes go."""
        self.in_progress[index] = None
        self._change({index: Drawing(grey, int(background), ())}, "picture")

    def clear(self, index: int) -> None:
        self.clear_all([index])

    def clear_all(self, indices: Sequence[int] | None = None) -> None:
        """Clear canvases (all by default): one step to undo, however many were drawn on."""
        indices = range(len(self.drawings)) if indices is None else indices
        for index in indices:
            self.in_progress[index] = None
        changes = {i: Drawing() for i in indices if not self.drawings[i].empty}
        if changes:
            self._change(changes, "clear")

    def push_step(self, step: Any, text: str = "keep") -> None:
        """Another undoable step, already done (an object with ``undo() -> bool``)."""
        self.history.push(DoneElsewhere(step, text))

    def undo(self) -> bool:
        """Undo the last change on any canvas (or a step pushed here); False if none is left."""
        return self.history.undo()

    def redo(self) -> bool:
        return self.history.redo()

    def _change(self, after: dict[int, Drawing], text: str) -> None:
        changes = {i: (self.drawings[i], drawing) for i, drawing in after.items()}
        self.history.push(ChangeDrawings(self, changes, text))

    def _show(self, index: int, drawing: Drawing) -> None:
        """Commands call this: canvas ``index`` shows ``drawing`` now (a stroke being drawn there
        is dropped, as the drawing under it changed)."""
        self.in_progress[index] = None
        self.drawings[index] = drawing
        self._notify(index)

    def _notify(self, index: int) -> None:
        for listener in self._changed:
            listener(index)

    # ---- the stroke in progress ----

    def begin_stroke(self, index: int, x: float, y: float, pressure: float = 1.0) -> None:
        self.in_progress[index] = [(x, y, pressure)]
        self._moved_at(index)

    def extend_stroke(self, index: int, x: float, y: float, pressure: float = 1.0) -> None:
        points = self.in_progress[index]
        if points is None:
            return
        lx, ly, _ = points[-1]
        if abs(x - lx) < MIN_STEP and abs(y - ly) < MIN_STEP:
            return
        points.append((x, y, pressure))
        self._moved_at(index)

    def end_stroke(self, index: int, width: float) -> None:
        points, self.in_progress[index] = self.in_progress[index], None
        if points is not None:
            self.add_stroke(index, points, width)

    def cancel_stroke(self, index: int) -> None:
        if self.in_progress[index] is not None:
            self.in_progress[index] = None
            self._notify(index)

    def _moved_at(self, index: int) -> None:
        for listener in self._moved:
            listener(index)

    # ---- recognition ----

    def stroke_points(self, index: int) -> list[list[Point]] | None:
        """The strokes' points, the one in progress included; None when a picture is underneath
        (then only the pixels tell the whole drawing)."""
        drawing = self.drawings[index]
        if drawing.picture is not None:
            return None
        strokes = [list(s.points) for s in drawing.strokes]
        current = self.in_progress[index]
        return strokes + [list(current)] if current else strokes

    def model_input(self, index: int, pixels: Callable[[int], np.ndarray]) -> Any:
        """What canvas ``index`` hands the model: blank, its strokes redrawn MNIST's way, or
        (a picture underneath) ``pixels(index)``, the view's rendering of it."""
        if self.is_empty(index):
            return BLANK
        strokes = self.stroke_points(index)
        if strokes is None:
            return pixels(index)
        from mnist_desk.imaging.strokes import render_strokes  # torch: loaded once a model is

        return render_strokes(strokes)

    def recognise(self, predictor: Any, pixels: Callable[[int], np.ndarray]) -> Any:
        """Read every canvas now: the Predictor's SumResult (exceptions are the caller's)."""
        images = [self.model_input(i, pixels) for i in range(len(self.drawings))]
        return predictor.predict_sum(*images)
