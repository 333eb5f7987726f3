"""The Models tab (the leaderboard), driven as a person does: clicks on rows, Enter, Delete, F2,
the buttons. It lists shipped and trained models; using one switches the Draw tab's model;
deleting a user model removes its files, and a shipped model cannot be deleted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from mnist_desk.app.leaderboard_rows import (
    COLUMNS,
    Action,
    Column,
)
from mnist_desk.store.checkpoints import metrics_path
from mnist_desk.store.history import history_path
from tests.support import press, status_message

TIMEOUT_MS = 60_000
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A classifier trained for a few steps, saved as the app saves one."""
    from mnist_desk.training import Trainer
    from tests.support import shared_data_dir, tiny_settings

    out = tmp_path_factory.mktemp("trained") / "classifier-mlp-tiny.pt"
    Trainer(tiny_settings(max_steps=20), data_dir=shared_data_dir(), output=out).run()
    return out


def add_user_model(models_dir: Path, trained: Path, name: str) -> Path:
    models_dir.mkdir(exist_ok=True)
    target = models_dir / f"{name}.pt"
    for source, copy in (
        (trained, target),
        (metrics_path(trained), metrics_path(target)),
        (history_path(trained), history_path(target)),
    ):
        shutil.copy(source, copy)
    return target


@pytest.fixture
def tab(make_window, tmp_path, trained, qtbot):
    """A window whose models folder holds two trained models, on its Models tab."""
    for name in ("mine", "also-mine"):
        add_user_model(tmp_path / "models", trained, name)
    window, view = models_tab(make_window, qtbot)
    yield window, view
    view.shutdown()


def models_tab(make_window, qtbot):
    """A new window on its Models tab, its models listed."""
    window = make_window()
    qtbot.waitUntil(lambda: window.models_view is not None, timeout=TIMEOUT_MS)
    view = window.models_view
    bar = window.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(view)).center()
    )
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: "classifier-vit" in shown(view), timeout=TIMEOUT_MS)
    return window, view


def shown(view) -> set[str]:
    return {row.name for row in view.table_model.rows}


def click_row(qtbot, view, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    (r,) = [i for i, row in enumerate(view.table_model.rows) if row.name == name]
    index = view.table_model.index(r, COLUMNS.index(Column.NAME))
    view.table.scrollTo(index)
    center = view.table.visualRect(index).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, center)
    assert name in view.selected_names()


def rename_by_keys(qtbot, view, name: str, was: str | None = None) -> None:
    """F2 on the selected row, the name typed over the old one (``was``, if given), Enter."""
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    if was is not None:
        assert editor.text() == was
    editor.selectAll()
    qtbot.keyClicks(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_lists_shipped_and_trained_models_with_their_figures(tab):
    window, view = tab
    rows = {row.name: row for row in view.table_model.rows}
    shipped = {p.stem for p in Path(window.models.catalog.default_path).parent.glob("*.pt")}
    assert shipped | {"mine", "also-mine"} == set(rows)
    mine = rows["mine"]
    assert not mine.entry.shipped and rows["classifier-vit"].entry.shipped
    texts = {c: view.table_model.text(mine, c) for c in COLUMNS}
    recorded = json.loads(metrics_path(mine.entry.path).read_text())
    assert texts[Column.TEST_ACCURACY] == f"{recorded['metrics']['test_accuracy']:.2%}"
    assert texts[Column.PARAMETERS] == f"{recorded['parameters']:,}"
    assert "mnist-desk train" in texts[Column.RECIPE] and texts[Column.ARCH] == "mlp"
    vit = json.loads(metrics_path(rows["classifier-vit"].entry.path).read_text())
    assert view.table_model.text(rows["classifier-vit"], Column.DRAWN_DIGITS) == (
        f"{vit['drawn']['digit_accuracy']:.2%}"
    )
    # Latency depends on the computer: shipped figures say none, and the cell says how to get one
    assert view.table_model.text(rows["classifier-vit"], Column.LATENCY) == "—"
    assert "press Measure" in view.table_model.tip(rows["classifier-vit"], Column.LATENCY)


def test_sorting_by_a_header_and_filtering_by_task_are_remembered(tab, qtbot):
    window, view = tab
    header = view.table.horizontalHeader()
    section = COLUMNS.index(Column.PARAMETERS)
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, section)
    )
    params = [row.entry.facts.parameters for row in view.table_model.rows]
    known = [p for p in params if p is not None]
    assert view.session.column is Column.PARAMETERS
    assert known == sorted(known, reverse=view.session.descending)
    view.task_box.setCurrentIndex(view.task_box.findData("scratch"))
    assert {row.entry.task for row in view.table_model.rows} == {"scratch"}
    assert window.settings.models_task == "scratch"
    assert window.settings.models_sort_column == Column.PARAMETERS.value


def _section_center(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_enter_uses_the_model_in_the_draw_tab(tab, qtbot):
    window, view = tab
    click_row(qtbot, view, "classifier-vit")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.predictor.checkpoint.path.stem == "classifier-vit", timeout=TIMEOUT_MS
    )
    assert window.tabs.currentWidget() is window.draw_tab
    assert window.picker.current_checkpoint().endswith("classifier-vit.pt")
    qtbot.waitUntil(lambda: view.session.row("classifier-vit").in_use, timeout=TIMEOUT_MS)


def test_deleting_a_user_model_removes_its_files_after_asking(tab, qtbot, message_boxes):
    window, view = tab
    path = view.session.row("mine").entry.path
    click_row(qtbot, view, "mine")
    assert view.buttons[Action.DELETE].isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=5000)
    (box,) = message_boxes()
    assert "mine" in box.text()
    press(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: "mine" not in shown(view), timeout=TIMEOUT_MS)
    assert not path.exists() and not metrics_path(path).exists()
    assert not history_path(path).exists()
    assert "also-mine" in shown(view)


def test_a_shipped_model_cannot_be_deleted(tab, qtbot, message_boxes):
    window, view = tab
    click_row(qtbot, view, "classifier-lenet5")
    button = view.buttons[Action.DELETE]
    assert not button.isEnabled() and "shipped" in button.toolTip()
    assert not view.buttons[Action.RENAME].isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # the key too is refused, with the reason
    qtbot.wait(200)
    assert message_boxes() == []
    assert "shipped models cannot be renamed or deleted" in window.statusBar().currentMessage()
    assert view.session.row("classifier-lenet5").entry.path.is_file()


def test_f2_renames_a_user_model(tab, qtbot):
    window, view = tab
    path = view.session.row("also-mine").entry.path
    click_row(qtbot, view, "also-mine")
    rename_by_keys(qtbot, view, "best mlp", was="also-mine")
    qtbot.waitUntil(lambda: "best mlp" in shown(view), timeout=TIMEOUT_MS)
    assert not path.exists() and (path.parent / "best mlp.pt").is_file()
    assert (path.parent / "best mlp.history.csv").is_file()


def test_curves_of_two_models_are_overlaid(tab, qtbot):
    window, view = tab
    click_row(qtbot, view, "mine")
    click_row(qtbot, view, "also-mine", Qt.KeyboardModifier.ControlModifier)
    assert view.buttons[Action.CURVES].isEnabled()
    press(qtbot, view.buttons[Action.CURVES])
    qtbot.waitUntil(lambda: view.curves is not None and view.curves.isVisible(), timeout=TIMEOUT_MS)
    runs = view.curves.plots.runs
    assert sorted(run.name for run in runs) == ["also-mine", "mine"]
    for run in runs:
        assert run.train_step[-1] == 20 and run.val_error
        x, _ = run.curves["val_error"].getOriginalDataset()
        assert list(x) == run.val_step
    click_row(qtbot, view, "classifier-mlp")  # shipped weights trained before runs kept curves
    assert not view.buttons[Action.CURVES].isEnabled()
    view.curves.close()


def test_overlaid_curves_are_named_as_the_window_names_the_models(
    make_window, tmp_path, trained, qtbot
):
    """The curves' legend read the file names ("classifier-mlp-20261207-014158"), in English
    in a Chinese window; a name the app made now reads as the network's title in the window's
    language, a name the user gave stays, and two that read the same get their date and a
    number."""
    from mnist_desk.app.curve_names import local_time
    from mnist_desk.ui import i18n

    made = ["classifier-mlp-20261207-014158", "classifier-mlp-20261207-014158-2"]
    for name in ("mine", *made):
        add_user_model(tmp_path / "models", trained, name)
    window, view = models_tab(make_window, qtbot)
    date = local_time(view.session.row("mine").entry.facts.created)  # the copies' date
    for i, name in enumerate(["classifier-convnet", "mine", *made]):  # shipped with its curves
        click_row(qtbot, view, name, Qt.KeyboardModifier.ControlModifier if i else NO_KEYS)

    def legend() -> list[str]:  # the runs' names, after the key to the line styles
        return sorted(label.text for _, label in view.curves.plots.legend.items[2:])

    try:
        press(qtbot, view.buttons[Action.CURVES])
        qtbot.waitUntil(
            lambda: view.curves is not None and view.curves.isVisible(), timeout=TIMEOUT_MS
        )
        assert legend() == [
            "ConvNet (BN, default)",
            f"MLP · {date} #1",
            f"MLP · {date} #2",
            "mine",
        ]
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        in_chinese = [
            "ConvNet（BN，默认）",
            "mine",
            f"多层感知机 (MLP) · {date} #1",
            f"多层感知机 (MLP) · {date} #2",
        ]
        qtbot.waitUntil(lambda: legend() == in_chinese, timeout=2000)
        title = view.curves.windowTitle()
        assert title.startswith("训练曲线：") and title.count("、") == 3, title
        assert all(name in title for name in in_chinese), title
    finally:
        i18n.apply_language("en")
        if view.curves is not None:
            view.curves.close()
        view.shutdown()


def test_a_saved_model_is_measured_on_the_drawn_digits(tab, tmp_path, trained, qtbot):
    window, view = tab
    saved = add_user_model(tmp_path / "models", trained, "just-trained")
    window.training_panel.modelSaved.emit(str(saved))  # as the Train tab says when a run saved
    qtbot.waitUntil(
        lambda: "drawn" in json.loads(metrics_path(saved).read_text()), timeout=TIMEOUT_MS
    )
    drawn = json.loads(metrics_path(saved).read_text())["drawn"]
    qtbot.waitUntil(
        lambda: (
            view.session.row("just-trained") is not None
            and view.session.row("just-trained").entry.facts.drawn_digits == drawn["digit_accuracy"]
        ),
        timeout=TIMEOUT_MS,
    )
    row = view.session.row("just-trained")
    assert view.table_model.text(row, Column.LATENCY) != "—"


def test_renaming_or_deleting_the_model_in_use_stays_on_the_models_tab(tab, qtbot, message_boxes):
    """Renaming the model in use (F2) threw the user onto the Draw tab, so the next key (Delete,
    F2) went nowhere; so did deleting it. It stays in use under its new name, or the default
    takes over, and the Models tab stays in view."""
    window, view = tab
    window.use_model(view.session.row("mine").entry.path)
    qtbot.waitUntil(lambda: view.session.row("mine").in_use, timeout=TIMEOUT_MS)
    window.tabs.setCurrentWidget(view)
    click_row(qtbot, view, "mine")
    rename_by_keys(qtbot, view, "in use")
    qtbot.waitUntil(
        lambda: view.session.row("in use") is not None and view.session.row("in use").in_use,
        timeout=TIMEOUT_MS,
    )
    assert window.predictor.checkpoint.path.stem == "in use"
    assert window.tabs.currentWidget() is view

    click_row(qtbot, view, "in use")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=5000)
    default = window.models.catalog.default_path
    # the question says what becomes of the Draw tab, not only of the files
    in_use_now = f"It is the model in use: {Path(default).stem} takes its place"
    assert in_use_now in message_boxes()[0].text()
    press(qtbot, message_boxes()[0].button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(
        lambda: str(window.predictor.checkpoint.path) == str(default), timeout=TIMEOUT_MS
    )
    assert "in use" not in shown(view) and window.tabs.currentWidget() is view


def test_after_a_rename_the_renamed_row_is_selected_and_the_keys_work(tab, qtbot):
    """After F2 and Enter the focus went nowhere (the editor was deleted as the rows changed,
    Qt warned "commitData called with an editor that does not belong to this view") and nothing
    was selected: F2 or Delete did nothing until a click. Now the table keeps the focus and the
    renamed model stays selected; a name refused leaves the selection alone."""
    window, view = tab
    click_row(qtbot, view, "mine")
    rename_by_keys(qtbot, view, "also-mine")  # taken: refused
    qtbot.waitUntil(lambda: "another model" in window.statusBar().currentMessage())
    assert view.selected_names() == ["mine"] and view.table.hasFocus()

    rename_by_keys(qtbot, view, "renamed")
    qtbot.waitUntil(lambda: "renamed" in shown(view), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.selected_names() == ["renamed"], timeout=5000)
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)  # the keys work on it at once
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "renamed"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_renaming_to_blanks_says_a_name_cannot_be_empty(tab, qtbot):
    """A name of spaces only acted like Esc: nothing said why the name had not changed. The
    rename is refused with the reason in the status bar, and the model keeps its name."""
    window, view = tab
    path = view.session.row("mine").entry.path
    click_row(qtbot, view, "mine")
    rename_by_keys(qtbot, view, "   ")
    qtbot.waitUntil(lambda: "a name cannot be empty" in window.statusBar().currentMessage())
    assert "mine" in window.statusBar().currentMessage()
    assert path.is_file() and "mine" in shown(view)
    assert view.selected_names() == ["mine"] and view.table.hasFocus()


def test_a_refused_rename_and_a_rename_done_follow_a_language_switch(tab, qtbot):
    """What the Models tab said in the status bar (a rename refused, a rename done) stayed in
    English after View > Language > 简体中文; it is worded again in the new language."""
    from mnist_desk.ui import i18n

    window, view = tab
    status = window.statusBar()
    click_row(qtbot, view, "mine")
    rename_by_keys(qtbot, view, "also-mine")  # taken: refused
    qtbot.waitUntil(lambda: status.currentMessage() == "mine: another model has that name")
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: status.currentMessage() == "mine：已有同名模型", timeout=2000)
        rename_by_keys(qtbot, view, "renamed")
        qtbot.waitUntil(lambda: "renamed" in shown(view), timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: status.currentMessage() == "已将 mine 重命名为 renamed")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: status.currentMessage() == "Renamed mine to renamed", timeout=2000)


def test_a_damaged_training_history_is_reported_in_chinese(tab, qtbot):
    """Why a model's curves cannot be shown (the core's words) reached a Chinese window in
    English."""
    from mnist_desk.ui import i18n

    window, view = tab
    damaged = history_path(Path(view.window.models_dir) / "mine.pt")
    damaged.write_text("split,step\ntrain,1\n", encoding="utf-8")
    click_row(qtbot, view, "mine")
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        press(qtbot, view.buttons[Action.CURVES])
        qtbot.waitUntil(lambda: str(damaged) in status_message(window), timeout=TIMEOUT_MS)
        assert status_message(window) == (
            f"{damaged}：不是训练历史文件（它的列不是 split、step、epoch、time、loss、error）"
        )
    finally:
        i18n.apply_language("en")
        if view.curves is not None:
            view.curves.close()


def test_enter_uses_a_model_just_renamed(tab, qtbot):
    """After a rename, or a sort by a header, the row stayed selected but Enter did nothing: the
    table had lost its current row, and Enter uses the current row."""
    window, view = tab
    click_row(qtbot, view, "mine")
    rename_by_keys(qtbot, view, "renamed")
    qtbot.waitUntil(lambda: view.selected_names() == ["renamed"], timeout=TIMEOUT_MS)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.draw_tab, timeout=5000)
    qtbot.waitUntil(lambda: window.predictor.checkpoint.path.stem == "renamed", timeout=TIMEOUT_MS)


def test_enter_uses_the_selected_model_after_a_sort_by_a_header(tab, qtbot):
    window, view = tab
    click_row(qtbot, view, "also-mine")
    header = view.table.horizontalHeader()
    column = COLUMNS.index(Column.PARAMETERS)
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(
            header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
            header.height() // 2,
        ),
    )
    qtbot.waitUntil(lambda: view.session.column is Column.PARAMETERS, timeout=5000)
    assert view.selected_names() == ["also-mine"]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.predictor.checkpoint.path.stem == "also-mine", timeout=TIMEOUT_MS
    )
