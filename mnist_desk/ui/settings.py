"""What the window remembers between runs: geometry, last model, device, pen width, language,
the last export folder."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from mnist_desk.support.config import APP_NAME, ORG_NAME

DEFAULT_PEN_WIDTH = 0.08  # of the canvas side: MNIST-like strokes for a digit that fills the box
MIN_PEN_WIDTH = 0.03
MAX_PEN_WIDTH = 0.16


class AppSettings:
    """Typed access to QSettings.

    ``path`` gives an explicit INI file (self-test, tests); otherwise the per-user store in
    QSettings' default format, so a test that sets ``QSettings.setDefaultFormat(IniFormat)`` and
    ``QSettings.setPath(...)`` never touches the real user settings.
    """

    def __init__(self, path: str | None = None):
        if path:
            self._qs = QSettings(path, QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(
                QSettings.defaultFormat(), QSettings.Scope.UserScope, ORG_NAME, APP_NAME
            )
        self.problem = ""  # set when a damaged settings file was set aside: say so to the user
        self._recover_if_damaged()

    def _recover_if_damaged(self) -> None:
        """A settings file Qt cannot parse, or that is not text at all (Qt's INI reader then
        silently yields nothing), is kept aside as ``<name>.damaged`` and the app starts with
        defaults, so the file is not overwritten and nothing in it is lost."""
        file = Path(self._qs.fileName())
        try:
            content = file.read_bytes() if file.is_file() else b""
        except OSError:
            return
        if not content:
            return
        damaged = self._qs.status() != QSettings.Status.NoError or b"\x00" in content
        if not damaged:
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                damaged = True
        if not damaged:
            return
        kept = file.with_name(file.name + ".damaged")
        try:
            file.replace(kept)
        except OSError:
            kept = None
        self._qs.clear()
        self._qs.sync()
        where = f"it was kept as {kept}" if kept else "it could not be moved aside and was replaced"
        self.problem = QCoreApplication.translate(
            "AppSettings",
            "The settings file {0} was damaged, so the app started with default settings ({1}).",
        ).format(file, where)

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    def _flag(self, key: str, default: bool) -> bool:
        return str(self._qs.value(key, "true" if default else "false")).lower() in ("true", "1")

    def _set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(key, "true" if value else "false")

    def _digit(self, key: str) -> int | None:
        """A digit kept under ``key`` (None: every digit, or nothing readable)."""
        value = self._str(key)
        return int(value) if value in tuple("0123456789") else None

    def _set_digit(self, key: str, value: int | None) -> None:
        self._qs.setValue(key, "" if value is None else str(int(value)))

    def _json_dict(self, key: str) -> dict:
        """A dict kept as JSON under ``key`` ({} if none or unreadable)."""
        try:
            value = json.loads(self._str(key) or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """The docks' places, sizes and visibility (``QMainWindow.saveState``)."""
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def last_tab(self) -> int:
        """The index of the tab shown when the window closed (0: Draw)."""
        try:
            return max(0, int(self._qs.value("window/tab", 0)))
        except (TypeError, ValueError):
            return 0

    @last_tab.setter
    def last_tab(self, value: int) -> None:
        self._qs.setValue("window/tab", int(value))

    @property
    def model_path(self) -> str:
        return self._str("model/path")

    @model_path.setter
    def model_path(self, value: str) -> None:
        self._qs.setValue("model/path", value)

    @property
    def device(self) -> str:
        return self._str("model/device", "cpu") or "cpu"

    @device.setter
    def device(self, value: str) -> None:
        self._qs.setValue("model/device", value)

    @property
    def pen_width(self) -> float:
        try:
            value = float(self._qs.value("canvas/pen_width", DEFAULT_PEN_WIDTH))
        except (TypeError, ValueError):
            return DEFAULT_PEN_WIDTH
        return min(MAX_PEN_WIDTH, max(MIN_PEN_WIDTH, value))

    @pen_width.setter
    def pen_width(self, value: float) -> None:
        self._qs.setValue("canvas/pen_width", float(value))

    @property
    def language(self) -> str:
        """'' follows the system locale; otherwise a code such as 'en' or 'zh_CN'."""
        return self._str("ui/language")

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value)

    @property
    def data_folder(self) -> str:
        """The folder holding MNIST/raw chosen in the window; '' means the default lookup."""
        return self._str("data/folder")

    @data_folder.setter
    def data_folder(self, value: str) -> None:
        self._qs.setValue("data/folder", value)

    @property
    def download_allowed(self) -> bool:
        """Whether a missing MNIST may be downloaded (with torchvision) when training needs it."""
        return self._flag("data/download", default=True)

    @download_allowed.setter
    def download_allowed(self, value: bool) -> None:
        self._set_flag("data/download", value)

    @property
    def models_sort_column(self) -> str:
        """The Models tab's sort column (``app.leaderboard.Column``'s value; '' by default)."""
        return self._str("models/sort_column")

    @models_sort_column.setter
    def models_sort_column(self, value: str) -> None:
        self._qs.setValue("models/sort_column", value)

    @property
    def models_sort_descending(self) -> bool:
        return self._flag("models/sort_descending", default=True)

    @models_sort_descending.setter
    def models_sort_descending(self, value: bool) -> None:
        self._set_flag("models/sort_descending", value)

    @property
    def models_task(self) -> str:
        """The task the Models tab shows ('' for every task)."""
        return self._str("models/task")

    @models_task.setter
    def models_task(self, value: str) -> None:
        self._qs.setValue("models/task", value)

    @property
    def my_digits_digit(self) -> int | None:
        """The digit My digits shows (None: every digit)."""
        return self._digit("my_digits/digit")

    @my_digits_digit.setter
    def my_digits_digit(self, value: int | None) -> None:
        self._set_digit("my_digits/digit", value)

    @property
    def my_digits_misread_only(self) -> bool:
        """Whether My digits shows only the digits a model misread."""
        return self._flag("my_digits/misread_only", default=False)

    @my_digits_misread_only.setter
    def my_digits_misread_only(self, value: bool) -> None:
        self._set_flag("my_digits/misread_only", value)

    @property
    def dataset_split(self) -> str:
        """The split the Dataset tab shows ('' for the first)."""
        return self._str("dataset/split")

    @dataset_split.setter
    def dataset_split(self, value: str) -> None:
        self._qs.setValue("dataset/split", value)

    @property
    def dataset_digit(self) -> int | None:
        """The digit the Dataset tab shows (None: every digit)."""
        return self._digit("dataset/digit")

    @dataset_digit.setter
    def dataset_digit(self, value: int | None) -> None:
        self._set_digit("dataset/digit", value)

    @property
    def train_form(self) -> dict:
        """The Train tab's form as ``TrainingSettings.to_dict`` gave it ({} if none or unreadable)."""
        return self._json_dict("train/form")

    @train_form.setter
    def train_form(self, value: dict) -> None:
        self._qs.setValue("train/form", json.dumps(value, default=str))

    @property
    def arch_comparison(self) -> dict:
        """The Compare architectures choices: {"archs": [...], "epochs": float} ({} if none)."""
        return self._json_dict("train/arch_comparison")

    @arch_comparison.setter
    def arch_comparison(self, value: dict) -> None:
        self._qs.setValue("train/arch_comparison", json.dumps(value))

    @property
    def export_folder(self) -> str:
        """The folder File > Export Model… last wrote to ('' before the first export)."""
        return self._str("export/folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._qs.setValue("export/folder", value)

    def sync(self) -> None:
        self._qs.sync()
