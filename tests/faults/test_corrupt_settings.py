"""A damaged settings file: the window starts with default settings, says so, and keeps the
damaged file aside rather than overwriting it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from mnist_desk.ui.settings import DEFAULT_PEN_WIDTH, AppSettings

DAMAGE = {
    "binary garbage": b"\x00\xff\xfe\x89PNG\x00\x00 garbage" * 40,
    "unparsable": b"[ui\nlanguage=zh_CN\n[[[[\n===\n",
    "not UTF-8": b"[canvas]\npen_width=0.1\n\xff\xfe\xfa\n",
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_settings_file_is_set_aside_and_defaults_used(tmp_path, case):
    path = tmp_path / "settings.ini"
    path.write_bytes(DAMAGE[case])
    settings = AppSettings(str(path))
    assert settings.problem and str(path) in settings.problem
    assert (tmp_path / "settings.ini.damaged").read_bytes() == DAMAGE[case]  # nothing lost
    assert settings.pen_width == DEFAULT_PEN_WIDTH and settings.language == ""
    settings.pen_width = 0.1
    settings.sync()
    assert AppSettings(str(path)).problem == ""  # the new file is sound


def test_a_sound_settings_file_is_left_alone(tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text("[canvas]\npen_width=0.1\n")
    settings = AppSettings(str(path))
    assert settings.problem == "" and settings.pen_width == pytest.approx(0.1)
    assert not (tmp_path / "settings.ini.damaged").exists()


def test_the_window_starts_with_defaults_and_says_so(qtbot, tmp_path, gui_thread_gc):
    from mnist_desk.store.catalog import default_classifier_path
    from mnist_desk.ui.shell.main_window import MainWindow

    path = tmp_path / "settings.ini"
    path.write_bytes(DAMAGE["binary garbage"])
    window = MainWindow(
        models_dir=str(tmp_path / "models"),
        settings=AppSettings(str(path)),
        model=str(default_classifier_path()),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.predictor is not None, timeout=60_000)

    def boxes() -> list[QMessageBox]:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        return shown + window.findChildren(QMessageBox)

    def told() -> bool:
        return any("default settings" in b.text() and str(path) in b.text() for b in boxes())

    qtbot.waitUntil(told, timeout=5000)
    for box in boxes():
        box.close()
    window.close()
