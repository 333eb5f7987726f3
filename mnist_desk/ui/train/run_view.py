"""The Train tab's rendering of a ``TrainingSession``'s events: each event, once, in the view
that shows it (form, controls, curves, results, comparison). No logic: what to show comes with
the event (``app.training_events``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mnist_desk.app.arch_plan import ARCHITECTURES
from mnist_desk.app.training_events import (
    ComparisonEnded,
    ComparisonStarted,
    Controls,
    Evaluated,
    FiltersSnapshot,
    Phase,
    PhaseChanged,
    RunEnded,
    RunKind,
    RunStarted,
    RunState,
    StateChanged,
    StepsDone,
    TrainingEvent,
)
from mnist_desk.ui.i18n import text_of, titled
from mnist_desk.ui.train.filters_view import FiltersView
from mnist_desk.ui.train.plot_parts import RunSeries
from mnist_desk.ui.train.run_results import status_title


class RunView(QObject):
    """Renders the session's events in a ``TrainingPanel``'s parts."""

    modelSaved = Signal(str)  # a run saved a checkpoint
    statusMessage = Signal(object)  # a Text (ui.i18n): a callable is worded again on a switch

    def __init__(self, panel, session):
        super().__init__(panel)
        self.session = session
        self.form, self.controls = panel.form, panel.run_controls
        self.plots, self.results = panel.plots, panel.results
        self.filters = FiltersView()  # the first layer's filters, beside the curves
        session.filter_snapshots = True  # the runs send FiltersSnapshot events for it
        self.views, self.comparison_view = panel.views, panel.comparison_view
        self.arch_view = panel.arch_view
        self._series: dict[int, RunSeries] = {}  # the curves of each run still reporting
        self._state = RunState.IDLE  # the last state shown
        self._contenders = 0  # how many the comparison in progress trains
        self._contender: tuple[str, int] | None = None  # the one training: name, place (1..)
        self._training = ""  # the name of the run training now (the status bar says it)

    def show(self, event: TrainingEvent) -> None:
        if isinstance(event, StateChanged):
            self.show_state(event.controls, event.state)
        elif isinstance(event, RunStarted):
            self._started(event)
        elif isinstance(event, PhaseChanged):
            self.controls.set_phase(lambda: self._phase_text(event.phase))
        elif isinstance(event, StepsDone) and event.run_id in self._series:
            self.plots.add_steps(self._series[event.run_id], list(event.steps))
            self.controls.show_progress(event.steps[-1])
        elif isinstance(event, Evaluated) and event.run_id in self._series:
            self.plots.add_eval(self._series[event.run_id], event.point)
            self.comparison(self.session.comparing).add_eval(event.run_id, event.point)
        elif isinstance(event, FiltersSnapshot) and event.run_id in self._series:
            self.filters.show_weights(event.weights, event.step)
        elif isinstance(event, RunEnded):
            self._ended(event)
        elif isinstance(event, ComparisonStarted):
            self._contenders = len(event.names)
            self.comparison(event.kind).show_training(event.steps)
            self.views.setCurrentWidget(self.comparison(event.kind))
        elif isinstance(event, ComparisonEnded):
            self._contender = None
            view = self.comparison(event.outcome.kind)
            view.show_outcome(event.outcome)
            outcome = event.outcome
            if outcome.problem:  # it could not be planned, or no contender could read MNIST
                self.controls.show_problem(outcome.problem)
                self.statusMessage.emit(lambda: text_of(outcome.problem).splitlines()[0])
            else:
                self.statusMessage.emit(lambda: view.finished_text(outcome))

    def _phase_text(self, phase: Phase) -> str:
        """What the run does; in a comparison, which contender it is, as each one's progress
        starts the bar again (four architectures take many minutes)."""
        text = self.controls.phase_text(phase)
        if self._contender is None:
            return text
        name, place = self._contender
        return self.tr("{0}, {1} of {2}: {3}").format(text_of(name), place, self._contenders, text)

    def comparison(self, kind: str):
        """The view of a comparison of ``kind``: Compare architectures', else Compare adders'."""
        return self.arch_view if kind == ARCHITECTURES else self.comparison_view

    def show_state(self, controls: Controls, state: RunState | None = None) -> None:
        """Enable what the session's state allows; the form is locked while a run goes."""
        self.controls.set_controls(controls)
        self.arch_view.set_controls(controls)
        self.form.set_locked(not controls.start)
        # the status bar says what the line under the progress bar says, naming the run
        name = self._training
        if state is RunState.PAUSED:
            self.controls.set_phase(lambda: self.tr("Paused"))
            self.statusMessage.emit(
                lambda: self.tr("{0}: paused").format(text_of(name)) if name else self.tr("Paused")
            )
        elif state is RunState.STOPPING:
            stopping = lambda: self.tr("Stopping: testing the best model so far…")  # noqa: E731
            self.controls.set_phase(stopping)
            self.statusMessage.emit(stopping)
        elif state is RunState.RUNNING and self._state is RunState.PAUSED:
            self.controls.set_phase(lambda: self.tr("Training…"))
            self.statusMessage.emit(
                lambda: (
                    self.tr("Training {0}…").format(text_of(name)) if name else self.tr("Training…")
                )
            )
        if state is not None:
            self._state = state

    def show_closed(self, finished: bool) -> None:
        """The run was ended by closing: nothing is kept."""
        self._series.clear()
        self.plots.training = None
        self.controls.show_ended(lambda: status_title("stopped"))
        self.controls.set_phase(
            lambda: self.tr("Stopped") if finished else self.tr("Still stopping…")
        )

    def _started(self, event: RunStarted) -> None:
        if event.kind is RunKind.PERSONAL:
            self.form.show_personalised()  # the form shows what runs
        contender = event.kind is RunKind.CONTENDER and event.contender is not None
        self._contender = (event.name, event.contender + 1) if contender else None
        series = self._series[event.run_id] = self.plots.begin_run(event.name)
        self.plots.training = series
        if event.kind is RunKind.CONTENDER:
            view = self.comparison(self.session.comparing)
            view.begin_run(event.run_id, event.name, series.color)
        self.controls.show_starting(event.total_steps)
        self._training = event.name
        self.statusMessage.emit(lambda: self.tr("Training {0}…").format(text_of(event.name)))

    def _ended(self, event: RunEnded) -> None:
        self._training = ""
        self.plots.flush()
        series = self._series.pop(event.run_id, None)
        if series is not None:
            self.plots.end_run(series)
        self.plots.training = None
        outcome = event.outcome
        result = outcome.result if outcome is not None else None
        if event.problem:
            self.controls.show_problem(event.problem)
            self.controls.set_phase(lambda: self.tr("Failed"))
            self.controls.show_ended(lambda: self.tr("Failed"))
            self.statusMessage.emit(lambda: text_of(event.problem).splitlines()[0])
        else:
            if event.status in ("completed", "early-stopped"):
                self.controls.show_complete()

            def accuracy() -> str:
                if result is None or not result.test:
                    return ""
                return self.tr(", test accuracy {0:.2%}").format(result.test["accuracy"])

            self.controls.set_phase(lambda: status_title(event.status) + accuracy())
            self.controls.show_ended(lambda: status_title(event.status))

            def message() -> str:  # the result's message is the core's own words
                said = text_of(result.message) if result is not None else status_title(event.status)
                return titled(text_of(event.name), said + accuracy())

            self.statusMessage.emit(message)
        if outcome is not None:
            self.results.show_outcome(outcome, event.problem)
            if not event.problem and not self.session.comparing:  # a comparison stays in front
                self.views.setCurrentWidget(self.results)
            if result.checkpoint:
                self.modelSaved.emit(result.checkpoint)
