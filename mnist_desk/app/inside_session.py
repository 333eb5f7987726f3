"""The inside view's session (no Qt): what the network computes for the selected digit, and why
it answered, prepared for the views as numpy sheets and heatmaps.

``InsideSession.serve(emit)`` is the work of one long-lived background job (Qt's Mandelbrot
pattern, through ``mnist_desk.ui.background``): it waits for a request, answers the newest one
only (requests made while it computed are superseded, so a fast pen never queues work), and
emits each ``InsideAnswer``. ``answer(request)`` is the same computation called directly
(tests, benchmarks). The network is inspected through its own copy of the model, so the hooks
and gradients of an inspection never touch the model the Predictor is reading with.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mnist_desk.app.inside_sheets import (
    ATTENTION,
    CONV,
    FILTERS,
    HIDDEN,
    ROLLOUT,
    TOP_UNITS,
    WEIGHTS,
    Sheet,
    sheets_for,
)
from mnist_desk.inspection.methods import DEFAULT_METHOD


@dataclass(frozen=True)
class InsideRequest:
    """Look inside ``predictor``'s network at one digit: ``image28`` (uint8 28x28, white on
    black, what the model sees; None when blank), ``other28`` the other canvas's digit (a joint
    scratch adder answers only the sum of both), ``position`` this digit's place in the pair."""

    id: int
    predictor: Any
    image28: np.ndarray | None
    other28: np.ndarray | None = None
    position: int = 0
    method: str = DEFAULT_METHOD


@dataclass
class InsideAnswer:
    id: int
    position: int
    model_name: str
    kind: str = ""  # "conv", "vit", "mlp"; "" when the digit is blank
    answers: str = "digit"  # or "sum"
    sheets: list[Sheet] = field(default_factory=list)
    view: Any = None  # mnist_desk.inspection.inside.InsideView
    explanation: Any = None  # mnist_desk.inspection.explain.Explanation, None: nothing to explain
    seconds: float = 0.0
    needs_other_digit: bool = False  # a joint scratch adder with the other canvas blank
    features: np.ndarray | None = None  # penultimate-layer features: where it sits on the map
    method: str = DEFAULT_METHOD  # the heatmaps' method: the one asked for where it applies
    methods: tuple[str, ...] = ()  # the methods that apply to this network (none when blank)

    @property
    def blank(self) -> bool:
        return not self.kind


@dataclass(frozen=True)
class InsideFailed:
    """A request could not be answered; ``message`` says why (a bug's is logged)."""

    id: int
    message: str


class InsideSession:
    """Answers inside-view requests, newest first; a job's ``controls`` (cancel ends ``serve``)."""

    paused = False

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._pending: InsideRequest | None = None
        self._closed = False
        self._copies: dict[int, tuple[Any, Any, np.ndarray | None]] = {}

    # ---- requests (any thread) ----
    def submit(self, request: InsideRequest) -> None:
        with self._wake:
            self._pending = request  # an unanswered older request is superseded
            self._wake.notify()

    def cancel(self, **_: Any) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()

    def pause(self) -> None:  # the job's controls interface; nothing to pause between requests
        pass

    def resume(self) -> None:
        pass

    # ---- the worker ----
    def serve(self, emit: Callable[[object], None]) -> None:
        from mnist_desk.support.acceleration import single_threaded_here

        single_threaded_here()  # a training run beside it keeps OpenMP's fast path
        while True:
            with self._wake:
                while self._pending is None and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                request, self._pending = self._pending, None
            try:
                emit(self.answer(request))
            except Exception as e:  # noqa: BLE001 - one bad request must not end the view
                from mnist_desk.app.jobs import describe_error

                emit(InsideFailed(request.id, describe_error(e, "the inside view")))

    def answer(self, request: InsideRequest) -> InsideAnswer:
        """The inside view and the explanation for one request (blocking)."""
        import torch

        from mnist_desk.inspection.attribution import methods_for
        from mnist_desk.inspection.live import look_and_explain
        from mnist_desk.inspection.subject import subject_for

        start = time.perf_counter()
        predictor = request.predictor
        name = predictor.checkpoint.path.stem if predictor.checkpoint.path else predictor.task
        out = InsideAnswer(request.id, request.position, name)
        if request.image28 is None:
            return out
        model, filters = self._copy_of(predictor)
        other = None
        if request.other28 is not None:
            other = torch.from_numpy(request.other28.astype(np.float32) / 255)[None]
        subject = subject_for(model, predictor.task, other, request.position)
        ink = request.image28.astype(np.float32) / 255
        if filters is None:
            from mnist_desk.inspection.inside import first_filters

            filters = first_filters(subject)
            self._copies[id(predictor)] = (predictor, model, filters)
        out.kind, out.answers = subject.kind, subject.answers
        # a method remembered from another network (rollout from a ViT) gives way to the default
        out.methods = methods_for(subject)
        out.method = request.method if request.method in out.methods else DEFAULT_METHOD
        look = look_and_explain(subject, ink, out.method)  # one forward, one backward pass
        out.view, out.explanation, out.features = look.view, look.explanation, look.features
        out.sheets = sheets_for(out.view, filters)
        out.needs_other_digit = subject.network is None
        out.seconds = time.perf_counter() - start
        return out

    def _copy_of(self, predictor: Any) -> tuple[Any, np.ndarray | None]:
        """This predictor's model, copied once (the cache keeps one predictor: the one in use)."""
        kept = self._copies.get(id(predictor))
        if kept is None or kept[0] is not predictor:
            self._copies = {
                id(predictor): (predictor, copy.deepcopy(predictor.model).cpu().eval(), None)
            }
            kept = self._copies[id(predictor)]
        return kept[1], kept[2]


def unit_detail(answer: InsideAnswer, sheet: Sheet, cell: int) -> Any:
    """What the views show for a clicked map or unit: ``mnist_desk.inspection.details.UnitDetail``."""
    from mnist_desk.inspection.details import Feed, UnitDetail, conv_detail, dense_detail

    view = answer.view
    unit = sheet.unit(cell)
    if sheet.kind == CONV:
        return conv_detail(view.layers[sheet.number - 1], unit)
    if sheet.kind == HIDDEN:
        return dense_detail(view.layers[sheet.number - 1], unit)
    if sheet.kind in (TOP_UNITS, WEIGHTS):
        return dense_detail(view.layers[0], unit)
    image = sheet.maps[cell]
    feeds = []
    if sheet.kind in (ATTENTION, ROLLOUT):  # the patches it reads, weighted by its attention
        feeds.append(Feed(-1, view.ink, 0.0, view.ink * image / max(float(image.max()), 1e-9)))
    if sheet.kind == FILTERS:  # the map this filter makes of the input
        produced = _filter_map(view, unit)
        if produced is not None:
            feeds.append(Feed(-1, image, float(np.abs(produced).mean()), produced))
    return UnitDetail(image, float(image.min()), float(image.max()), feeds)


def _filter_map(view: Any, unit: int) -> np.ndarray | None:
    """The map the first layer's filter ``unit`` makes of the input: a convolution's map, or a
    transformer's patch embedding, one value per patch spread over the patch's pixels."""
    from mnist_desk.inspection.attention import to_field

    if view.layers:
        return view.layers[0].maps[unit]
    if view.patches is not None:
        return to_field(view.patches[unit], view.patches.shape[-1])
    return None
