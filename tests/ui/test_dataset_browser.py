"""The dataset browser: lazy loading, pages of labelled samples, filters, missing data."""

from __future__ import annotations

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
    assert browser.split_box.itemText(0) == "Training (50,000)"
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: browser.split_box.itemText(0) == "训练集（50,000）", timeout=2000)
        assert browser.class_box.itemText(0) == "全部数字"
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: browser.split_box.itemText(0) == "Training (50,000)", timeout=2000)
