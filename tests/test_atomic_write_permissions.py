"""Files written atomically get the permissions an ordinary write gives them, not the temp
file's private 0600: a models folder shared with a class stays readable by the class."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from mnist_desk.support import fileio

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_what_the_umask_allows(tmp_path):
    path = fileio.atomic_write_bytes(tmp_path / "model.json", b"{}")
    assert _mode(path) == 0o666 & ~fileio._UMASK


def test_a_replaced_file_keeps_its_own_permissions(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    fileio.atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new" and _mode(path) == 0o640
