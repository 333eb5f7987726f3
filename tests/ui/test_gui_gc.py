"""Cycles are collected by a timer in the GUI thread, never by whichever thread allocates."""

from __future__ import annotations

import gc
import weakref

from mnist_desk.ui.gui_gc import GuiThreadCollector


def test_the_app_collects_in_the_gui_thread_only():
    from mnist_desk.ui.shell.app import make_application

    app = make_application()
    assert isinstance(app.findChild(GuiThreadCollector), GuiThreadCollector)
    assert not gc.isenabled()  # no worker thread can start a collection


def test_cyclic_garbage_is_still_collected_by_the_timer(qtbot, gui_thread_gc):
    class Node:
        pass

    node = Node()
    node.me = node  # a cycle: only the cycle collector frees it
    alive = weakref.ref(node)
    del node
    keep = [[] for _ in range(3 * gc.get_threshold()[0])]  # enough allocations to be due
    qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    del keep


def test_full_collections_are_rationed(monkeypatch, gui_thread_gc):
    from mnist_desk.ui import gui_gc

    calls = []
    monkeypatch.setattr(gui_gc.gc, "collect", lambda generation=2: calls.append(generation))
    monkeypatch.setattr(gui_gc.gc, "get_count", lambda: (10**6, 10**6, 10**6))  # all due
    now = [1000.0]
    monkeypatch.setattr(gui_gc.time, "monotonic", lambda: now[0])
    gui_thread_gc._last_full = now[0]
    gui_thread_gc.collect()
    now[0] += gui_gc.FULL_COLLECTION_EVERY_S + 1
    gui_thread_gc.collect()
    assert calls == [1, 2]  # a full collection only once the interval has passed
