"""What the live curves spend on the GUI thread while a run trains: nothing while hidden, and,
against iterations, a frame that does not move with every point (so axes are not repainted)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

from mnist_desk.training import StepEvent
from mnist_desk.ui.train.plots import X_TIME, TrainingPlots


def steps(first: int, count: int, total: int = 300) -> list[StepEvent]:
    return [
        StepEvent(s, total, s / 100, 1.0 / s, 0.1, 1e-3, s * 8, s * 0.01)
        for s in range(first, first + count)
    ]


def drawn(series) -> int:
    x, _ = series.curves["train_loss"].getData()
    return 0 if x is None else len(x)


def test_hidden_curves_are_drawn_when_shown_not_before(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    series = plots.begin_run("r")
    plots.add_steps(series, steps(1, 5))
    qtbot.wait(300)  # longer than a redraw interval: still nothing drawn
    assert drawn(series) == 0
    plots.show()
    assert drawn(series) == 5  # everything that arrived meanwhile
    plots.hide()
    plots.add_steps(series, steps(6, 4))
    plots.flush()  # a run's end draws even hidden curves, to read them
    assert drawn(series) == 9


def test_against_iterations_the_frame_spans_the_run_from_its_first_points(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(800, 400)
    plots.show()
    series = plots.begin_run("r")
    plots.add_steps(series, steps(1, 3, total=300))
    for plot in (plots.loss_plot, plots.error_plot):
        low, high = plot.viewRange()[0]
        assert low <= 0 and 300 <= high <= 310
        assert not plot.vb.autoRangeEnabled()[0]  # neither plot pulls the linked frame back in
        for side in ("left", "bottom"):
            mode = plot.getAxis(side).cacheMode()
            assert mode == QGraphicsItem.CacheMode.DeviceCoordinateCache
    plots.add_steps(series, steps(4, 100, total=300))
    plots.flush()
    qtbot.wait(100)  # paints: a plot still auto-ranging would shrink the frame here
    for plot in (plots.loss_plot, plots.error_plot):
        assert plot.viewRange()[0][0] <= 0 and plot.viewRange()[0][1] >= 300  # it stays put
    plots.set_x_axis(X_TIME)  # seconds: the run's length is unknown, the range follows the points
    qtbot.waitUntil(lambda: plots.loss_plot.viewRange()[0][1] < 10, timeout=5000)
