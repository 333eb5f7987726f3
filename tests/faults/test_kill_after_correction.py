"""Fault injection for My digits: a process killed (SIGKILL) right after a correction, or in the
middle of writing digits, loses nothing that was confirmed and leaves no broken file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from mnist_desk.personal.store import MyDigitsStore
from tests.support import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# What the window does on a correction: store.add(...) returns once the digit is on disk.
CORRECT_THEN_WAIT = """
import sys, time, numpy as np
from mnist_desk.personal.store import MyDigitsStore
store = MyDigitsStore(sys.argv[1])
image = np.zeros((28, 28), np.uint8); image[6:22, 12:16] = 255
item = store.add(image, 1, predicted=7, model="classifier-convnet",
                 strokes=[{"points": [[0.5, 0.1, 1.0], [0.5, 0.9, 1.0]], "width": 0.08}])
print(item.id, flush=True)
time.sleep(60)
"""

WRITE_FOREVER = """
import sys, numpy as np
from mnist_desk.personal.store import MyDigitsStore
store = MyDigitsStore(sys.argv[1])
rng = np.random.default_rng(0)
print("ready", flush=True)
while True:
    store.add(rng.integers(0, 255, (28, 28), dtype=np.uint8), int(rng.integers(10)),
              strokes=[{"points": rng.random((400, 3)).tolist(), "width": 0.08}])
"""


def start(script: str, folder) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_correction_survives_the_app_being_killed_right_after_it(tmp_path):
    child = start(CORRECT_THEN_WAIT, tmp_path / "mine")
    try:
        item_id = child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)  # the moment the correction was confirmed
        child.wait(10)
    finally:
        child.kill()
    assert item_id, "the child did not get as far as saving"
    store = MyDigitsStore(tmp_path / "mine")  # the next start
    digit = store.get(item_id)
    assert (digit.label, digit.predicted, digit.model) == (1, 7, "classifier-convnet")
    assert digit.image28[10, 13] == 255 and digit.strokes and not store.problems


def test_killed_mid_write_leaves_only_whole_digits_and_temp_files_are_cleaned(tmp_path):
    folder = tmp_path / "mine"
    for attempt in range(3):  # kill at a few different moments
        child = start(WRITE_FOREVER, folder)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(0.3 + 0.2 * attempt)
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            child.kill()
    store = MyDigitsStore(folder)
    assert len(store) > 0 and store.problems == []  # every file that exists is a whole digit
    store.clean_stale_temp_files(older_than_s=0)  # what the next start does once they are old
    assert list(store.items_dir.glob(".*.tmp")) == []
    assert len(MyDigitsStore(folder)) == len(store)
