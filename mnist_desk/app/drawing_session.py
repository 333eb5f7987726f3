"""The drawing pad without Qt: the canvases' drawings, command-based undo, recognition.

Each canvas shows one ``Drawing`` (immutable: an optional picture underneath and finished
strokes) plus the stroke the pen is drawing now. Every change a person can take back is a
command (``ChangeDrawings``, or a step from elsewhere such as keeping a digit in My digits) pushed
on the session's ``UndoHistory`` (QUndoStack's rules: ``redo()`` when a command is pushed). Undo
runs across canvases in the order the changes were made.

Recognition runs here, one way: the session turns each drawing into a typed value
(``mnist_desk.imaging.drawn``: ``Blank``, ``Strokes`` in paper coordinates, or a ``Picture``),
hands both to the Predictor in use, and reports the answer to its listeners as a ``Recognised``
event (or ``RecognitionFailed``). It reads again by itself whenever a drawing changes; while the
pen moves, the view asks for a reading (``recognise()``) at most every 100 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from mnist_desk.imaging.drawn import (
    PAPER,
    Blank,
    Drawn,
    Picture,
    Point,
    Stroke,
    Strokes,
    picture_from_image,
)

if TYPE_CHECKING:  # torch-backed; the session only holds the one it is given
    from mnist_desk.recognition.predictor import Predictor
    from mnist_desk.recognition.results import DigitResult, NumberResult, SumResult

MIN_STEP = 0.002  # of the paper side: closer pointer samples add nothing but cost
DEFAULT_WIDTH = 0.05  # of the paper side: a stroke's pen when none was given


@dataclass(frozen=True, eq=False)  # compared by identity: "is this still the drawing I kept?"
class Drawing:
    """Everything drawn on one canvas: an optional picture underneath, and strokes."""

    picture: Picture | None = None  # as opened (its own strokes empty)
    strokes: tuple[Stroke, ...] = ()

    @property
    def empty(self) -> bool:
        return self.picture is None and not self.strokes

    @property
    def background(self) -> int:
        """The paper's grey level: the picture's background, or white paper."""
        return PAPER if self.picture is None else self.picture.background


@dataclass(frozen=True)
class Recognised:
    """Both canvases were read: the Predictor's answer, and the digit shown in detail in each
    canvas (an index into its number's digits: the one drawn last, or the one clicked)."""

    result: SumResult
    selected: tuple[int, ...] = (0, 0)


@dataclass(frozen=True)
class DigitSelected:
    """Canvas ``index`` shows digit ``digit`` of its number in detail now (a click)."""

    index: int
    digit: int


@dataclass(frozen=True)
class RecognitionFailed:
    """Reading failed (e.g. a CUDA error); ``message`` says why, for the user."""

    message: str


ReadingEvent = Recognised | RecognitionFailed | DigitSelected


class UndoStep(Protocol):
    """What an undo history holds. ``redo()`` is called when the step is pushed (it does the
    change then); ``undo()`` returns False when there was nothing left to undo (e.g. a kept digit
    deleted meanwhile): the history then goes on to the step before. A step that cannot be redone
    (``redoable`` False) leaves the history when it is undone."""

    text: str
    redoable: bool

    def redo(self) -> None: ...

    def undo(self) -> bool: ...


class ChangeDrawings:
    """One change a person made to one or more canvases: a stroke, a clear, an opened picture."""

    redoable = True

    def __init__(
        self, session: DrawingSession, changes: dict[int, tuple[Drawing, Drawing]], text: str
    ):
        self.session, self.changes, self.text = session, changes, text

    def redo(self) -> None:
        self.session._show({index: after for index, (_, after) in self.changes.items()})

    def undo(self) -> bool:
        self.session._show({index: before for index, (before, _) in self.changes.items()})
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
    """A plain undo/redo list with QUndoStack's rules."""

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
    """The canvases' drawings, strokes in progress, and their reading by the Predictor in use.

    ``on_change(fn)``: ``fn(index)`` after canvas ``index`` changed (a stroke ended, undo, clear,
    a picture); ``on_stroke_moved(fn)``: ``fn(index)`` for each point of a stroke in progress;
    ``on_reading(fn)``: ``fn(event)`` with each ``Recognised`` or ``RecognitionFailed``."""

    def __init__(self, count: int = 2):
        self.drawings: list[Drawing] = [Drawing() for _ in range(count)]
        self.in_progress: list[list[Point] | None] = [None] * count
        self._in_progress_width: list[float] = [DEFAULT_WIDTH] * count
        self.history = UndoHistory()
        self.predictor: Predictor | None = None
        self.result: SumResult | None = None  # the last reading
        self.selected: list[int] = [0] * count  # each canvas's digit shown in detail
        self._touched: set[int] = set()  # canvases changed since the last reading
        self._changed: list[Callable[[int], None]] = []
        self._moved: list[Callable[[int], None]] = []
        self._readings: list[Callable[[ReadingEvent], None]] = []

    def on_change(self, listener: Callable[[int], None]) -> None:
        self._changed.append(listener)

    def on_stroke_moved(self, listener: Callable[[int], None]) -> None:
        self._moved.append(listener)

    def on_reading(self, listener: Callable[[ReadingEvent], None]) -> None:
        self._readings.append(listener)

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

    def set_picture(self, index: int, image: np.ndarray) -> None:
        """Show a picture (any image array: grey, RGB, RGBA) as canvas ``index``'s drawing; its
        strokes go. A ValueError if the image has no pixels."""
        picture = picture_from_image(image)
        self.in_progress[index] = None
        self._change({index: Drawing(picture)}, "picture")

    def open_picture(self, index: int, path: str) -> None:
        """Read an image file into canvas ``index``; an ImageError (a UserError) if it cannot be."""
        from mnist_desk.imaging.image_files import load_image  # PIL: loaded when first needed

        self.set_picture(index, load_image(path))

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
        """Undo the last change on any canvas (or a step pushed here); False if none is left.
        While the pen is down, undo takes back only the stroke being drawn: the rest of that
        drag draws nothing (``extend_stroke`` ignores it) until the pen lifts and goes down."""
        drawing = [i for i, points in enumerate(self.in_progress) if points is not None]
        if not drawing:
            return self.history.undo()
        for index in drawing:
            self.cancel_stroke(index)
        return True

    def redo(self) -> bool:
        """Redo the last change undone; False if none is left. A stroke being drawn stays: it goes
        on over what comes back and lands (after it) when the pen lifts."""
        return self.history.redo()

    def _change(self, after: dict[int, Drawing], text: str) -> None:
        changes = {i: (self.drawings[i], drawing) for i, drawing in after.items()}
        self.history.push(ChangeDrawings(self, changes, text))

    def _show(self, drawings: dict[int, Drawing]) -> None:
        """Commands call this: each canvas ``index`` shows ``drawings[index]`` now; then all are
        read. A stroke being drawn there stays on top (a redo mid-stroke must not lose it;
        clearing and opening a picture drop it themselves)."""
        for index, drawing in drawings.items():
            self.drawings[index] = drawing
            self._touched.add(index)
            self._notify(index)
        self.recognise()

    def _notify(self, index: int) -> None:
        for listener in self._changed:
            listener(index)

    # ---- the stroke in progress ----

    def begin_stroke(
        self, index: int, x: float, y: float, pressure: float = 1.0, width: float | None = None
    ) -> None:
        """A stroke starts; ``width`` (of the paper side) is its pen, DEFAULT_WIDTH if not given."""
        self.in_progress[index] = [(x, y, pressure)]
        self._in_progress_width[index] = DEFAULT_WIDTH if width is None else float(width)
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

    def end_stroke(self, index: int, width: float | None = None) -> None:
        points, self.in_progress[index] = self.in_progress[index], None
        if points is not None:
            self.add_stroke(
                index, points, self._in_progress_width[index] if width is None else width
            )

    def cancel_stroke(self, index: int) -> None:
        if self.in_progress[index] is not None:
            self.in_progress[index] = None
            self._notify(index)
            self.recognise()

    def _moved_at(self, index: int) -> None:
        self._touched.add(index)
        for listener in self._moved:
            listener(index)

    # ---- recognition ----

    def stroke_points(self, index: int) -> list[list[Point]] | None:
        """The strokes' points, the one in progress included; None when a picture is underneath
        (then only the pixels tell the whole drawing)."""
        drawn = self.drawn(index)
        return drawn.point_lists() if isinstance(drawn, Strokes) else None

    def drawn(self, index: int) -> Drawn:
        """What canvas ``index`` hands the recognition: ``Blank``, its ``Strokes`` (the one in
        progress included), or its ``Picture`` with the strokes drawn on it."""
        drawing = self.drawings[index]
        strokes = drawing.strokes
        current = self.in_progress[index]
        if current:
            strokes = (*strokes, Stroke(tuple(current), self._in_progress_width[index]))
        if drawing.picture is not None:
            return replace(drawing.picture, strokes=strokes)
        return Strokes(strokes) if strokes else Blank()

    def use_predictor(self, predictor: Predictor | None) -> None:
        """Read with ``predictor`` from now on (None: no model); both canvases are read again."""
        self.predictor = predictor
        self.recognise()

    def recognise(self) -> SumResult | None:
        """Read every canvas now and tell the listeners; the SumResult (None without a model or
        when reading failed: the listeners hear why)."""
        if self.predictor is None:
            return None
        try:
            result = self.predictor.predict_sum(*(self.drawn(i) for i in range(len(self.drawings))))
        except Exception as e:  # noqa: BLE001 - e.g. a CUDA error: tell the user, keep the drawings
            from mnist_desk.app.jobs import describe_error

            self._tell(RecognitionFailed(describe_error(e, "recognition")))
            return None
        self.result = result
        for index, number in enumerate(result.numbers):
            if index in self._touched:  # the digit drawn last is the one shown in detail
                self.selected[index] = self._latest_digit(index, number)
            self.selected[index] = max(0, min(self.selected[index], len(number.digits) - 1))
        self._touched.clear()
        self._tell(Recognised(result, tuple(self.selected)))
        return result

    def _latest_digit(self, index: int, number: NumberResult) -> int:
        """The digit holding canvas ``index``'s latest stroke (the rightmost for a picture)."""
        drawn = self.drawn(index)
        if isinstance(drawn, Strokes):
            latest = len(drawn.strokes) - 1
            for k, pieces in enumerate(number.pieces):
                if latest in pieces:
                    return k
        return len(number.digits) - 1

    def select_digit(self, index: int, digit: int) -> None:
        """Show digit ``digit`` (left to right) of canvas ``index``'s number in detail."""
        if self.result is None or not 0 <= digit < len(self.result.numbers[index].digits):
            return
        self.selected[index] = digit
        self._tell(DigitSelected(index, digit))

    def selected_digit(self, index: int) -> DigitResult | None:
        """The reading shown in detail for canvas ``index`` (its model input is ``image28``);
        None when nothing is read there."""
        if self.result is None or self.result.numbers[index].blank:
            return None
        return self.result.numbers[index].digits[self.selected[index]]

    def _tell(self, event: ReadingEvent) -> None:
        for listener in self._readings:
            listener(event)
