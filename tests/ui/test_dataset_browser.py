"""The dataset browser: lazy loading, pages of labelled samples, filters, missing data."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from mnist_desk.ui.library import dataset_browser
from mnist_desk.ui.library.dataset_browser import PAGE_SIZE, DatasetBrowser


def labels_shown(browser) -> list[str]:
    return [browser.grid.item(i).text() for i in range(browser.grid.count())]


def test_loads_when_shown_and_filters_by_split_and_class(qtbot, data_dir):
    browser = DatasetBrowser(data_dir=data_dir)
    qtbot.addWidget(browser)
    assert browser.splits is None and not browser.loading  # nothing loaded before it is shown
    browser.show()
    qtbot.waitUntil(lambda: browser.splits is not None, timeout=60_000)
    assert browser.grid.count() == PAGE_SIZE
    pages = -(-50_000 // PAGE_SIZE)
    assert f"page 1 of {pages} (50,000 samples)" in browser.page_label.text()

    browser.class_box.setCurrentIndex(browser.class_box.findData(3))
    assert set(labels_shown(browser)) == {"3"}
    browser.split_box.setCurrentIndex(browser.split_box.findData("test"))
    assert set(labels_shown(browser)) == {"3"}
    expected = int((browser.splits.test.labels == 3).sum())
    assert f"({expected:,} samples)" in browser.page_label.text()

    browser.next_button.click()
    assert browser.page == 1 and browser.previous_button.isEnabled()
    browser.class_box.setCurrentIndex(0)  # all digits again, back to page 1
    assert browser.page == 0 and len(set(labels_shown(browser))) > 1
    icon = browser.grid.item(0).icon().pixmap(56, 56)
    assert not icon.isNull()


def test_missing_data_says_how_to_get_it(qtbot, tmp_path):
    browser = DatasetBrowser(data_dir=tmp_path / "empty")
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitUntil(lambda: not browser.loading, timeout=30_000)
    assert browser.splits is None and browser.grid.count() == 0
    assert "MNIST was not found" in browser.message.text()
    assert "MNIST_DESK_DATA" in browser.message.text()


def test_the_data_folder_setting_reaches_the_browser_and_the_training_panel(
    qtbot, tmp_path, data_dir
):
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.main_window import MainWindow

    settings = AppSettings(str(tmp_path / "settings.ini"))
    settings.data_folder = str(tmp_path / "empty")
    settings.download_allowed = False
    window = MainWindow(models_dir=str(tmp_path / "models"), settings=settings)
    qtbot.addWidget(window)
    assert window.data_dir == str(tmp_path / "empty") and window.download is False
    window.show()
    qtbot.waitUntil(lambda: window.dataset_browser is not None, timeout=60_000)
    browser = window.dataset_browser
    assert browser.data_dir == tmp_path / "empty" and browser.download is False
    window.tabs.setCurrentWidget(browser)
    qtbot.waitUntil(
        lambda: not browser.loading and "MNIST was not found" in browser.message.text(),
        timeout=30_000,
    )
    assert (
        str(tmp_path / "empty" / "MNIST" / "raw") in browser.message.text()
    )  # says where to put it
    window.window_tabs.set_data_folder(str(data_dir))
    qtbot.waitUntil(lambda: browser.splits is not None, timeout=60_000)
    assert window.training_panel.data_dir == data_dir
    assert AppSettings(str(tmp_path / "settings.ini")).data_folder == str(data_dir)  # remembered
    window.window_actions.download.setChecked(True)
    assert window.training_panel.download and browser.download and settings.download_allowed


def test_split_and_filter_names_follow_the_language(qtbot, tmp_path):
    from mnist_desk.ui import i18n

    browser = DatasetBrowser(data_dir=tmp_path / "empty")
    qtbot.addWidget(browser)
    assert browser.split_box.itemText(0) == "Training"
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: browser.split_box.itemText(0) == "训练集", timeout=2000)
        assert browser.class_box.itemText(0) == "全部数字"
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: browser.split_box.itemText(0) == "Training", timeout=2000)


def split_titles(browser) -> list[str]:
    return [browser.split_box.itemText(i) for i in range(browser.split_box.count())]


def test_the_split_box_counts_only_the_samples_loaded(qtbot, tmp_path, data_dir):
    """A failed load claims no samples: "Training", not "Training (50,000)" beside
    "page 1 of 1 (0 samples)"; the counts appear with the data, also in Chinese."""
    from mnist_desk.ui import i18n

    browser = DatasetBrowser(data_dir=tmp_path / "empty")
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitUntil(lambda: "MNIST was not found" in browser.message.text(), timeout=30_000)
    assert split_titles(browser) == ["Training", "Validation", "Test"]
    assert "(0 samples)" in browser.page_label.text()

    browser.set_data_source(data_dir, download=False)
    qtbot.waitUntil(lambda: browser.splits is not None, timeout=60_000)
    assert split_titles(browser) == ["Training (50,000)", "Validation (10,000)", "Test (10,000)"]
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: split_titles(browser)[0] == "训练集（50,000）", timeout=2000)
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: split_titles(browser)[0] == "Training (50,000)", timeout=2000)


def shown_room(box) -> int:
    """The width of a combo box's text field, where its current choice is drawn."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    return field.width()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_split_box_shows_the_whole_name_with_its_count(qtbot, data_dir, language):
    """The split box was sized before the samples were counted: it read "Training (5"."""
    from mnist_desk.ui import i18n

    browser = DatasetBrowser(data_dir=data_dir)
    qtbot.addWidget(browser)
    browser.resize(1000, 600)
    browser.show()
    qtbot.waitUntil(lambda: browser.splits is not None, timeout=60_000)
    try:
        i18n.apply_language(language)
        for box in (browser.split_box, browser.class_box):
            for index in range(box.count()):
                box.setCurrentIndex(index)
                text = box.currentText()
                qtbot.waitUntil(
                    lambda b=box, t=text: shown_room(b) >= b.fontMetrics().horizontalAdvance(t),
                    timeout=2000,
                )
    finally:
        i18n.apply_language("en")


@pytest.fixture
def window_on(qtbot, tmp_path):
    """window_on(folder, download) -> a shown main window whose data folder setting is
    ``folder``, on its Dataset tab (clicked), with the keyboard's focus."""
    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.main_window import MainWindow

    def open_window(folder, download):
        settings = AppSettings(str(tmp_path / "settings.ini"))
        settings.data_folder, settings.download_allowed = str(folder), download
        window = MainWindow(models_dir=str(tmp_path / "models"), settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.dataset_browser is not None, timeout=60_000)
        bar = window.tabs.tabBar()
        tab = window.tabs.indexOf(window.dataset_browser)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
        assert window.tabs.currentWidget() is window.dataset_browser
        return window

    return open_window


def file_menu_key(qtbot, window, key) -> None:
    """Alt+F, then the menu item's key, as a person opens the File menu and picks from it."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    menu = window.window_actions.file_menu
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    qtbot.keyClick(menu, key)


def test_switching_the_download_on_loads_the_tab_that_showed_the_error(
    qtbot, tmp_path, monkeypatch, window_on
):
    from mnist_desk.data.mnist_files import RAW_FILES, raw_folder
    from tests.support import shared_data_dir

    datasets = pytest.importorskip("torchvision.datasets", reason="torchvision is not installed")

    def download(self):  # no network: the real files are linked where torchvision puts them
        raw = raw_folder(self.root)
        raw.mkdir(parents=True, exist_ok=True)
        for name in RAW_FILES:
            if not (raw / name).exists():
                (raw / name).symlink_to(shared_data_dir() / "MNIST" / "raw" / name)

    monkeypatch.setattr(datasets.MNIST, "download", download)
    window = window_on(tmp_path / "empty", download=False)
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: "download not allowed" in browser.message.text(), timeout=30_000)

    file_menu_key(qtbot, window, Qt.Key.Key_W)  # Do&wnload MNIST When Missing
    assert window.download and browser.download
    qtbot.waitUntil(lambda: browser.splits is not None, timeout=60_000)
    assert browser.grid.count() == PAGE_SIZE and not browser.message.isVisible()


@pytest.mark.parametrize("first", ["empty", "mnist"])
def test_a_folder_chosen_while_the_tab_loads_is_the_one_it_shows(
    qtbot, tmp_path, monkeypatch, window_on, data_dir, first
):
    """The load cannot be stopped: when it ends, the folder chosen meanwhile is loaded (and
    the first folder's data or error is not what the tab is left showing)."""
    from PySide6.QtWidgets import QFileDialog

    empty = tmp_path / "empty"
    folders = {"empty": empty, "mnist": data_dir}
    first, then = folders[first], folders["mnist" if first == "empty" else "empty"]
    release = threading.Event()
    started = []
    read_dataset = dataset_browser.read_dataset

    def slow_read(folder, download=False):
        started.append(folder)
        if len(started) == 1:
            release.wait(30)
        return read_dataset(folder, download=download)

    monkeypatch.setattr(dataset_browser, "read_dataset", slow_read)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(then)))
    window = window_on(first, download=False)
    browser = window.dataset_browser
    try:
        qtbot.waitUntil(lambda: browser.loading and bool(started), timeout=30_000)
        file_menu_key(qtbot, window, Qt.Key.Key_D)  # MNIST &Data Folder…
        assert window.data_dir == str(then)
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(started) == 2 and not browser.loading, timeout=60_000)
    assert [str(f) for f in started] == [str(first), str(then)]
    if then == empty:
        assert browser.splits is None and "MNIST was not found" in browser.message.text()
        assert str(empty) in browser.message.text() and browser.grid.count() == 0
    else:
        assert browser.splits is not None and browser.grid.count() == PAGE_SIZE
