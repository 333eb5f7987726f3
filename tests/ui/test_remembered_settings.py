"""What the window remembers across a restart, driven as a user would: close it, open it again
with the same settings file, and find it as it was left."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton


def _settings(tmp_path):
    from mnist_desk.ui.settings import AppSettings

    return AppSettings(str(tmp_path / "remember.ini"))


def test_the_inside_dock_closed_with_its_close_button_stays_closed(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    QTest.keyClick(first, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(first.inside.isVisible)
    (close,) = [
        b
        for b in first.inside.findChildren(QAbstractButton)
        if b.objectName() == "qt_dockwidget_closebutton"
    ]
    QTest.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not first.inside.isVisible())
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.wait(50)
    assert not second.inside.isVisible()


def test_the_inside_docks_side_is_remembered(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    QTest.keyClick(first, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(first.inside.isVisible)
    # where dragging the dock by its title bar to the window's left edge puts it
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.inside)
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(second.inside.isVisible)
    assert second.dockWidgetArea(second.inside) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.inside.x() < second.centralWidget().x()


def test_the_last_tab_is_shown_again(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.models_view is not None)
    bar = first.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert first.tabs.currentWidget() is first.models_view
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.models_view is not None)
    assert second.tabs.currentWidget() is second.models_view


def test_the_first_start_is_no_larger_than_the_screen(qtbot, tmp_path, gui_thread_gc):
    from mnist_desk.ui.shell.main_window import MainWindow

    window = MainWindow(models_dir=str(tmp_path / "models"), settings=_settings(tmp_path))
    qtbot.addWidget(window)  # never shown: its size is what it would open with
    room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    smallest = window.minimumSizeHint()
    assert window.width() <= max(room.width(), smallest.width())
    assert window.height() <= max(room.height(), smallest.height())


def _type_into(spin, text: str) -> None:
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, text)
    QTest.keyClick(spin, Qt.Key.Key_Tab)


def test_the_train_forms_preset_and_values_are_remembered(qtbot, make_window, tmp_path):
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.training_panel is not None)
    form = first.training_panel.form
    qtbot.waitUntil(lambda: form.choices_ready, timeout=30_000)
    bar = first.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert form.preset_box.currentData() == "quick"  # a first start's
    form.preset_box.setFocus()
    QTest.keyClick(form.preset_box, Qt.Key.Key_Down)  # Quick -> Standard
    assert form.preset_box.currentData() == "standard"
    _type_into(form.seed_spin, "123")
    _type_into(form.batch_spin, "96")
    chosen = form.settings_from_form()
    assert (chosen.seed, chosen.batch_size) == (123, 96)
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.training_panel is not None)
    form = second.training_panel.form
    qtbot.waitUntil(lambda: form.choices_ready, timeout=30_000)
    assert form.preset_box.currentData() == "standard"
    assert form.settings_from_form() == chosen


def test_the_architectures_to_compare_and_their_epochs_are_remembered(qtbot, make_window, tmp_path):
    """The Compare architectures ticks and "Epochs each" were back to the first start's at every
    start, while the Train tab's form beside them was remembered."""
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.training_panel is not None)
    panel = first.training_panel
    bar = first.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    views = panel.views.tabBar()
    QTest.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(3).center())
    view = panel.arch_view
    assert panel.views.currentWidget() is view
    for arch, check in view.checks.items():
        if check.isChecked() != (arch in ("convnet", "mlp")):
            QTest.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert view.chosen() == ["convnet", "mlp"]
    _type_into(view.epochs_spin, "2.5")
    assert view.epochs_spin.value() == 2.5
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.training_panel is not None)
    view = second.training_panel.arch_view
    assert view.chosen() == ["convnet", "mlp"]
    assert view.epochs_spin.value() == 2.5


def test_unusable_remembered_train_settings_leave_the_defaults(qtbot, make_window, tmp_path):
    settings = _settings(tmp_path)
    settings.train_form = {"task": "classifier", "arch": "no-such-net", "lr": -1}
    settings.sync()
    window = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: window.training_panel is not None)
    form = window.training_panel.form
    qtbot.waitUntil(lambda: form.choices_ready, timeout=30_000)
    assert form.preset_box.currentData() == "quick" and form.settings_from_form().arch == "quick"


def test_my_digits_filters_are_remembered(qtbot, make_window, tmp_path):
    """The My digits tab's filters (a digit, misread only) were back to "All digits" and
    unticked at every start, while the other tabs' choices were remembered."""
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.my_digits_view is not None)
    view = first.my_digits_view
    bar = first.tabs.tabBar()
    QTest.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(first.tabs.indexOf(view)).center()
    )
    assert first.tabs.currentWidget() is view
    view.digit_filter.setFocus()
    QTest.keyClick(view.digit_filter, Qt.Key.Key_3)  # the combo box finds "3" as typed
    assert view.digit_filter.currentData() == 3
    box = view.misread_only
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.my_digits_view is not None)
    view = second.my_digits_view
    assert view.digit_filter.currentData() == 3 and view.misread_only.isChecked()
    QTest.mouseClick(  # back to every digit, remembered too
        view.misread_only, Qt.MouseButton.LeftButton, pos=view.misread_only.rect().center()
    )
    view.digit_filter.setFocus()
    QTest.keyClick(view.digit_filter, Qt.Key.Key_Home)
    assert view.digit_filter.currentData() is None and not view.misread_only.isChecked()
    second.close()
    third = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: third.my_digits_view is not None)
    view = third.my_digits_view
    assert view.digit_filter.currentData() is None and not view.misread_only.isChecked()


def test_the_dataset_tabs_split_and_digit_are_remembered(qtbot, make_window, tmp_path):
    """The Models and My digits tabs kept their filters across a restart; the Dataset tab went
    back to "Training, All digits"."""
    first = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: first.dataset_browser is not None)
    browser = first.dataset_browser
    first.tabs.setCurrentWidget(browser)
    QTest.keyClick(browser.split_box, Qt.Key.Key_Down)  # Validation
    for _ in range(4):  # All digits -> 0 -> 1 -> 2 -> 3
        QTest.keyClick(browser.class_box, Qt.Key.Key_Down)
    assert (browser.split_box.currentData(), browser.class_box.currentData()) == ("val", 3)
    qtbot.waitUntil(lambda: not browser.loading, timeout=60_000)
    first.close()
    second = make_window(settings=_settings(tmp_path))
    qtbot.waitUntil(lambda: second.dataset_browser is not None)
    again = second.dataset_browser
    assert (again.split_box.currentData(), again.class_box.currentData()) == ("val", 3)
    qtbot.waitUntil(lambda: not again.loading, timeout=60_000)
