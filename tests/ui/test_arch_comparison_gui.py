"""Compare architectures in the Train tab, with real clicks, on a tiny budget: two contenders
draw two curves (against iterations, and against time after the toggle), then the table and the
verdict fill in."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from mnist_desk.ui import i18n
from mnist_desk.ui.i18n import text_of
from tests.support import press, tiny_settings

RUN_TIMEOUT_MS = 240_000  # generous: the test machine may be busy with other work


def tick(qtbot, check) -> None:
    """Click a check box on its box, as a person does."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def choose(qtbot, view, archs=("mlp", "lenet5")) -> None:
    """Tick ``archs`` and untick every other architecture, by clicks."""
    for arch, check in view.checks.items():
        if check.isChecked() != (arch in archs):
            tick(qtbot, check)


def test_two_architectures_draw_two_curves_and_fill_the_table(panel, qtbot):
    # The form's seed and training images are the comparison's: 640 images, one epoch = 5 steps.
    panel.set_settings(tiny_settings(train_subset=640, val_subset=200, test_subset=200))
    view = panel.arch_view
    panel.views.setCurrentWidget(view)
    choose(qtbot, view)
    assert view.chosen() == ["lenet5", "mlp"]  # they run in the zoo's order
    phases = []  # the line under the progress bar, after each event (the bar restarts each run)
    panel.session.on_event(lambda _event: phases.append(panel.run_controls.phase_label.text()))
    press(qtbot, view.compare_button)
    assert panel.session.comparing == "architectures" and not view.compare_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)

    curves = list(view.series.values())
    assert len(curves) == 2
    assert [s.name for s in curves] == ["LeNet-5", "MLP"]
    assert "LeNet-5, 1 of 2: Training…" in phases and "MLP, 2 of 2: Training…" in phases
    for series in curves:
        steps, errors = series.curves["val"].getData()
        assert len(steps) >= 2 and steps[-1] == 5
    legend = [label.text for _, label in view.legend.items]
    assert legend == ["LeNet-5", "MLP"]
    tick(qtbot, view.by_time)  # the same curves against time
    for series in curves:
        assert list(series.curves["val"].getData()[0]) == series.val_time
    assert "time" in view.plot_item.titleLabel.text

    assert view.table.rowCount() == 2
    for row in range(2):
        cells = [view.table.item(row, column).text() for column in range(6)]
        assert cells[0] in ("MLP", "LeNet-5")
        assert cells[1].endswith("%") and cells[2].endswith("%")  # test and drawn digits
        assert int(cells[3].replace(",", "")) > 1000  # parameters
    assert "after 5 steps each" in view.verdict.text()
    assert view.compare_button.isEnabled()
    try:  # the table and the verdict in the user's language
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: "各训练 5 步后，" in view.verdict.text())  # after LanguageChange
        assert view.table.horizontalHeaderItem(1).text() == "测试准确率"
        # the architectures' names too: they stayed "MLP" under the Chinese header
        assert names(view) == ["LeNet-5", "多层感知机 (MLP)"]
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: names(view) == ["LeNet-5", "MLP"], timeout=2000)


def names(view) -> list[str]:
    """The table's first column: each architecture, by its name (and how it ended)."""
    return [view.table.item(row, 0).text() for row in range(view.table.rowCount())]


def test_stop_during_a_comparison_says_it_stopped_and_what_was_tested(panel, qtbot):
    """After Stop the status bar said "Architecture comparison finished". It says the comparison
    stopped, and names the architectures tested, as the table and the verdict do."""
    panel.set_settings(tiny_settings())
    view = panel.arch_view
    panel.views.setCurrentWidget(view)
    choose(qtbot, view)
    view.epochs_spin.setValue(50.0)  # far more steps than run before Stop
    status = []
    panel.statusMessage.connect(
        lambda m: status.append(text_of(m))
    )  # what the window's status bar shows
    press(qtbot, view.compare_button)
    qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
    press(qtbot, panel.run_controls.stop_button)  # during LeNet-5, the first to run
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)

    assert status[-1] == "Architecture comparison stopped; tested: LeNet-5"
    assert "not tested: MLP" in view.verdict.text()
    assert names(view) == ["LeNet-5 (Stopped)", "MLP (Not run)"]
    try:  # how each ended, in the language switched to: it stayed "(Stopped)", "(Not run)"
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: "未测试" in view.verdict.text())
        assert names(view) == ["LeNet-5（已停止）", "多层感知机 (MLP)（未运行）"]
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: names(view) == ["LeNet-5 (Stopped)", "MLP (Not run)"], timeout=2000)


def test_fewer_than_two_architectures_is_refused_with_a_reason(panel, qtbot):
    view = panel.arch_view
    panel.views.setCurrentWidget(view)
    for check in view.checks.values():
        if check.isChecked():
            tick(qtbot, check)
    tick(qtbot, view.checks["mlp"])
    press(qtbot, view.compare_button)
    assert not panel.is_running
    assert "at least two architectures" in panel.run_controls.banner.text()


def test_why_a_comparison_did_not_start_follows_a_language_switch(panel, qtbot):
    """The banner saying why Compare was refused stayed in English after a switch to 简体中文."""
    view = panel.arch_view
    panel.views.setCurrentWidget(view)
    for check in view.checks.values():
        if check.isChecked():
            tick(qtbot, check)
    press(qtbot, view.compare_button)
    banner = panel.run_controls.banner
    assert banner.text().startswith("Cannot start: ")
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: banner.text().startswith("无法开始："), timeout=2000)
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: banner.text().startswith("Cannot start: "), timeout=2000)


def test_the_plot_says_it_is_empty_until_a_comparison_starts(panel, qtbot):
    view = panel.arch_view
    panel.views.setCurrentWidget(view)
    qtbot.waitUntil(view.plot.isVisible)
    assert view.empty_text in view.plot_item.items and view.empty_text.isVisible()
    assert view.empty_text.textItem.toPlainText() == "no comparison yet"
    (x0, x1), (y0, y1) = view.plot_item.viewRange()
    x, y = view.empty_text.pos().x(), view.empty_text.pos().y()
    assert x0 < x < x1 and y0 < y < y1  # in sight
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: view.empty_text.textItem.toPlainText() == "尚无比较")
    finally:
        i18n.apply_language("en")
    view.show_training(5)  # what the comparison's start reports
    assert view.empty_text not in view.plot_item.items


def test_without_mnist_the_status_bar_says_why_not_that_the_comparison_finished(
    qtbot, models_dir, tmp_path
):
    """With no MNIST the status bar said "Architecture comparison finished" after every
    contender had failed on it in turn. The first failure ends the comparison; the status bar
    and the banner say what is wrong (the banner with what to do), and so does the view."""
    from tests.support import open_panel

    panel = open_panel(qtbot, data_dir=tmp_path / "no-mnist", download=False)
    try:
        panel.set_settings(tiny_settings())
        view = panel.arch_view
        panel.views.setCurrentWidget(view)
        choose(qtbot, view)
        status = []
        panel.statusMessage.connect(lambda m: status.append(text_of(m)))
        press(qtbot, view.compare_button)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
        missing = f"MNIST was not found in {tmp_path / 'no-mnist' / 'MNIST' / 'raw'}"
        assert status[-1].startswith(missing) and "\n" not in status[-1]
        assert panel.run_controls.banner.text().startswith(missing)
        assert "File > MNIST Data Folder" in panel.run_controls.banner.text()
        assert view.verdict.text().startswith(missing)  # in place of "No verdict: ..."
        assert view.table.rowCount() == 0
        assert view.compare_button.isEnabled() and panel.run_controls.start_button.isEnabled()
    finally:
        assert panel.shutdown()
