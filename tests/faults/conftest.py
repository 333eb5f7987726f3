"""Fixtures for the fault-injection suite."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from tests.support import shared_data_dir


@pytest.fixture
def good_checkpoint(tmp_path) -> Path:
    """A user's models folder holding one good checkpoint (a copy of the shipped LeNet-5)."""
    from mnist_desk.store.catalog import shipped_checkpoint

    folder = tmp_path / "models"
    folder.mkdir()
    path = folder / "mine.pt"
    shutil.copyfile(shipped_checkpoint("classifier", "lenet5"), path)
    return path


@pytest.fixture
def data_dir() -> Path:
    return shared_data_dir()


@pytest.fixture
def gui_thread_gc(qapp):
    """As in the app: cycles are collected in the GUI thread only (see mnist_desk.ui.gui_gc)."""
    from mnist_desk.ui.gui_gc import GuiThreadCollector, collect_in_gui_thread

    existed = qapp.findChild(GuiThreadCollector) is not None
    collector = collect_in_gui_thread(qapp)
    yield collector
    gc.collect()
    if not existed:  # leave the application as this fixture found it
        collector.stop()
        collector.setParent(None)
