"""The Train tab's plots and the architectures' table at the window's smallest: the plots and
their legends whole in view, no legend over a curve's point, every row and column of the table
in view."""

from __future__ import annotations

from dataclasses import replace

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsView

from mnist_desk.app.arch_verdict import ArchitectureRow, ArchitectureVerdict
from mnist_desk.app.comparison import ComparisonOutcome
from mnist_desk.training import EvalEvent, StepEvent
from mnist_desk.ui import i18n
from tests.support import shrink_to_minimum
from tests.ui.test_train_tab_fits import click_tab

ADDERS = (
    ("Transfer adder (mlp)", "#d62728", 0.40, 0.003),
    ("Scratch adder", "#2ca02c", 0.93, -0.001),
)


def evaluated(step: int, error: float) -> EvalEvent:
    return EvalEvent(
        step=step,
        epoch=0,
        val_loss=error * 2,
        val_error=error,
        best_val_error=error,
        elapsed=step / 10,
    )


def compare_adders(view) -> None:
    """Both adders' validation curves, as the comparison's events draw them."""
    for run_id, (name, color, start, slope) in enumerate(ADDERS):
        view.begin_run(run_id, name, color)
        for step in range(1, 9):
            view.add_eval(run_id, evaluated(step, start + slope * step))


def settle(qtbot, panel, timeout_ms: int = 3000) -> None:
    """Wait until the layouts settle in the event loop (later on a busy machine than on a quiet
    one: a fixed 50 ms let a legend be seen mid-move): until the plots', legends' and views'
    places are the same twice in a row, 50 ms apart."""

    def places() -> list[tuple]:
        out = []
        for view in panel.findChildren(QGraphicsView):
            out.append(view.viewport().rect().getRect())
            out += [
                item.sceneBoundingRect().getRect()
                for item in view.scene().items()
                if isinstance(item, pg.LegendItem | pg.PlotItem) and item.isVisible()
            ]
        return out

    before = None
    for _ in range(timeout_ms // 50):
        qtbot.wait(50)
        now = places()
        if now == before:
            return
        before = now


def at_smallest(qtbot, panel, language: str) -> None:
    i18n.apply_language(language)
    shrink_to_minimum(qtbot, panel)
    settle(qtbot, panel)


def at_size(qtbot, panel, language: str, size: str, default_height: int) -> None:
    """``size`` "smallest", or "default": about the Train tab in the default window."""
    if size == "smallest":
        at_smallest(qtbot, panel, language)
        return
    i18n.apply_language(language)
    panel.resize(1100, default_height)
    settle(qtbot, panel)


def shown_legends(graphics) -> list[pg.LegendItem]:
    return [i for i in graphics.scene().items() if isinstance(i, pg.LegendItem) and i.isVisible()]


def cut_off(graphics, items) -> list[str]:
    """The items not wholly inside the graphics view."""
    view = graphics.viewport().rect()
    return [
        type(item).__name__
        for item in items
        if not view.contains(graphics.mapFromScene(item.sceneBoundingRect()).boundingRect())
    ]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_adders_legend_covers_no_point_of_either_curve(panel, qtbot, language):
    """The legend sat in each plot's corner, over the scratch adder's curve."""
    click_tab(panel.views, panel.comparison_view)
    plots = panel.comparison_view.plots
    compare_adders(panel.comparison_view)
    try:
        for size in ("default", "smallest"):
            at_size(qtbot, panel, language, size, default_height=700)
            legends = shown_legends(plots.graphics)
            assert legends
            for plot in (plots.by_step, plots.by_time):
                for curve in plot.listDataItems():
                    for x, y in zip(*curve.getData(), strict=True):
                        at = plot.vb.mapViewToScene(QPointF(float(x), float(y)))
                        over = [
                            legend for legend in legends if legend.sceneBoundingRect().contains(at)
                        ]
                        assert not over, (size, x, y)
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_the_smallest_size_both_plots_and_their_legend_are_whole(panel, qtbot, language):
    """The right-hand plot was cut off ("Validation error vs tim…") and so was the legend."""
    compare_adders(panel.comparison_view)
    try:
        for page, plots in (
            (panel.comparison_view, (panel.comparison_view.plots.by_step, panel.comparison_view.plots.by_time)),
        ):  # fmt: skip
            click_tab(panel.views, page)
            at_smallest(qtbot, panel, language)
            graphics = plots[0].scene().views()[0]
            assert shown_legends(graphics)
            shown = [*plots, *shown_legends(graphics)]
            assert not cut_off(graphics, shown), [
                graphics.mapFromScene(i.sceneBoundingRect()).boundingRect() for i in shown
            ] + [graphics.viewport().rect(), panel.size()]
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_the_smallest_size_every_row_and_column_of_the_architectures_is_in_view(
    panel, qtbot, language
):
    """The table showed one row at a time and had to be scrolled sideways to "Images/s"."""
    view = panel.arch_view
    click_tab(panel.views, view)
    archs = ("lenet5", "mlp", "vit", "deit")
    rows = tuple(
        ArchitectureRow(
            arch=arch,
            name=arch,
            status="completed",
            test_accuracy=0.2 + i / 10,
            drawn_digits=0.5,
            parameters=61_706 * (i + 1),
            seconds=0.3,
            images_per_second=3_331,
        )  # fmt: skip
        for i, arch in enumerate(archs)
    )
    verdict = ArchitectureVerdict(steps=5, rows=rows)
    view.show_outcome(ComparisonOutcome(kind="architectures", steps=5, results=[], verdict=verdict))
    table = view.table
    try:
        at_smallest(qtbot, panel, language)
        assert table.rowCount() == len(archs)
        for row in range(table.rowCount()):
            assert (
                table.visualRect(table.model().index(row, 0)).bottom() < table.viewport().height()
            )
        assert table.horizontalScrollBar().maximum() == 0
        columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
        assert columns <= table.viewport().width()
        assert table.item(3, 0).toolTip() == table.item(3, 0).text()  # a name that gives way
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_architectures_table_shares_its_room_and_images_per_second_stays_narrow(
    panel, qtbot, language
):
    """The last column, "Images/s" ("张/秒"), stretched across half the table, its few digits far
    from the rest of their row; the room left is shared by every column."""
    view = panel.arch_view
    click_tab(panel.views, view)
    rows = tuple(
        ArchitectureRow(
            arch=arch,
            name=arch,
            status="completed",
            test_accuracy=0.25,
            drawn_digits=0.26,
            parameters=61_706,
            seconds=1.6,
            images_per_second=81,
        )  # fmt: skip
        for arch in ("lenet5", "mlp")
    )
    verdict = ArchitectureVerdict(steps=1, rows=rows)
    view.show_outcome(ComparisonOutcome(kind="architectures", steps=1, results=[], verdict=verdict))
    table, columns = view.table, view.columns
    try:
        at_size(qtbot, panel, language, "default", 780)
        widths = [table.columnWidth(c) for c in range(table.columnCount())]
        assert sum(widths) >= table.viewport().width() - 1  # the table is filled
        # not stretched across the table (the fonts decide how wide the heading itself is)
        assert widths[-1] < table.viewport().width() / 4, widths
        extra = [w - columns.natural_width(c) for c, w in enumerate(widths)]
        assert max(extra) - min(extra) <= table.columnCount(), extra  # an equal share each
    finally:
        i18n.apply_language("en")


ARCHS = (  # LeNet-5's curve stays high, where a legend in the plot's corner sat
    ("LeNet-5", "#1f77b4", 0.90, -0.002),
    ("MLP", "#d62728", 0.60, -0.04),
    ("Small ViT", "#2ca02c", 0.80, -0.05),
    ("DeiT (ViT + distillation token)", "#ff7f0e", 0.70, -0.03),
)


def compare_architectures(view) -> None:
    """Four architectures' validation curves, as the comparison's events draw them."""
    view.show_training(8)
    for run_id, (name, color, start, slope) in enumerate(ARCHS):
        view.begin_run(run_id, name, color)
        for step in range(1, 9):
            view.add_eval(run_id, evaluated(step, start + slope * step))


def covered_points(plots, legends) -> list[tuple[float, float]]:
    """The curves' points that a legend covers."""
    covered = []
    for plot in plots:
        for curve in plot.listDataItems():
            for x, y in zip(*curve.getData(), strict=True):
                at = plot.vb.mapViewToScene(QPointF(float(x), float(y)))
                if any(legend.sceneBoundingRect().contains(at) for legend in legends):
                    covered.append((float(x), float(y)))
    return covered


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_architectures_legend_covers_no_point_and_is_whole(panel, qtbot, language):
    """The legend sat in the plot's corner, over LeNet-5's curve."""
    view = panel.arch_view
    click_tab(panel.views, view)
    compare_architectures(view)
    graphics = view.plot_item.scene().views()[0]
    try:
        for size in ("default", "smallest"):
            at_size(qtbot, panel, language, size, default_height=760)
            legends = shown_legends(graphics)
            assert legends, size
            assert len(legends[0].items) == len(ARCHS)
            assert not covered_points([view.plot_item], legends), size
            assert not cut_off(graphics, [view.plot_item, *legends]), size
    finally:
        i18n.apply_language("en")


RUNS = (  # as many as the Curves page keeps, named as the app names them
    "#1 MLP",
    "Transfer adder (mlp)",
    "Scratch adder",
    "LeNet-5",
    "MLP",
    "DeiT (ViT + distillation token)",
)


def train_runs(plots) -> None:
    """Runs' training and validation curves, as a run's events draw them."""
    for name in RUNS:
        series = plots.begin_run(name)
        steps = [
            StepEvent(
                step=k,
                total_steps=30,
                epoch=0,
                loss=2 / k,
                error=0.9 / k,
                lr=0.01,
                images_seen=256 * k,
                elapsed=k / 1000,
            )  # fmt: skip
            for k in range(1, 31)
        ]
        plots.add_steps(series, steps)
        for k in range(5, 31, 5):
            plots.add_eval(series, replace(evaluated(k, 0.5 / k), elapsed=k / 1000))
    plots.flush()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_the_smallest_size_the_curves_and_their_legend_are_whole(panel, qtbot, language):
    """A "train" and a "val" entry a run, in two columns, widened the legend past the page's
    edge: the right-hand plot was cut off at its right edge."""
    plots = panel.plots
    click_tab(panel.views, panel.views.widget(0))
    assert panel.views.currentWidget().isAncestorOf(plots)
    train_runs(plots)
    assert len(plots.runs) == len(RUNS) == plots.max_runs
    try:
        at_smallest(qtbot, panel, language)
        graphics = plots.graphics
        legends = shown_legends(graphics)
        assert legends == [plots.legend]
        shown = [plots.loss_plot, plots.error_plot, *legends]
        assert not cut_off(graphics, shown), [
            graphics.mapFromScene(i.sceneBoundingRect()).boundingRect() for i in shown
        ] + [graphics.viewport().rect(), panel.size()]
        assert len(plots.legend.items) == len(RUNS) + 2  # a run each, and the key to the lines
    finally:
        i18n.apply_language("en")


def test_a_short_runs_time_axes_show_plain_seconds(panel, qtbot):
    """A run of under a second put a unit-prefix multiplier on the time axes: "wall-clock time
    (s) (x0.001)"."""
    plots = panel.plots
    click_tab(panel.views, panel.views.widget(0))
    train_runs(plots)  # under 0.03 s of training
    plots.x_axis_box.setCurrentIndex(plots.x_axis_box.findData("time"))
    compare_adders(panel.comparison_view)  # under a second
    arch = panel.arch_view
    compare_architectures(arch)
    arch.by_time.setChecked(True)
    axes = [
        (page, plot.getAxis("bottom"))
        for page, plot in (
            (panel.views.widget(0), plots.loss_plot),
            (panel.views.widget(0), plots.error_plot),
            (panel.comparison_view, panel.comparison_view.plots.by_time),
            (arch, arch.plot_item),
        )
    ]
    for page, axis in axes:
        click_tab(panel.views, page)
        qtbot.waitUntil(lambda a=axis: 0 < a.range[1] < 1)  # a short run's seconds, drawn
        assert "x0" not in axis.labelString() and axis.autoSIPrefixScale == 1, axis.labelString()


def test_a_click_on_a_runs_legend_entry_hides_and_shows_the_whole_run(panel, qtbot):
    """The Curves legend names each run once; a click on it hid only the run's validation loss
    curve (the item its entry samples), leaving its other curves drawn."""
    from PySide6.QtCore import Qt

    plots = panel.plots
    click_tab(panel.views, panel.views.widget(0))
    train_runs(plots)
    series = plots.runs[1]
    sample = next(s for s, label in plots.legend.items if s.item is series.curves["val_loss"])
    graphics = plots.graphics
    qtbot.waitUntil(
        lambda: (
            graphics.viewport()
            .rect()
            .contains(graphics.mapFromScene(sample.sceneBoundingRect().center()))
        )
    )

    def click() -> None:
        at = graphics.mapFromScene(sample.sceneBoundingRect().center())
        qtbot.mouseClick(graphics.viewport(), Qt.MouseButton.LeftButton, pos=at)

    click()
    assert series.curves and not any(c.isVisible() for c in series.curves.values())
    assert all(c.isVisible() for s in plots.runs if s is not series for c in s.curves.values())
    click()
    assert all(c.isVisible() for c in series.curves.values())
