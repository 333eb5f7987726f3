"""The tests never use the user's own folders: not in a test (the autouse fixtures), and not
where no test's fixtures have run yet: when test modules are collected, in module fixtures, and
in the processes tests start (tests/conftest.py sets the run's own folders for all of them)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mnist_desk.support.config import (
    resolve_cache_dir,
    resolve_models_dir,
    resolve_my_digits_dir,
    user_data_root,
)

FOLDERS = (resolve_models_dir, resolve_my_digits_dir)


def _run_own(folder) -> bool:
    """Whether ``folder`` is not the per-user default the app falls back to."""
    return folder.parent != user_data_root()


# What a parametrize list computed while this module is collected would see.
AT_COLLECTION = [resolve() for resolve in FOLDERS]


@pytest.fixture(scope="module")
def seen_by_a_module_fixture():
    return [resolve() for resolve in FOLDERS]


def test_the_users_folders_are_the_runs_own_when_a_module_is_collected():
    assert all(_run_own(folder) for folder in AT_COLLECTION), AT_COLLECTION


def test_the_users_folders_are_the_runs_own_in_a_module_fixture(seen_by_a_module_fixture):
    assert all(_run_own(folder) for folder in seen_by_a_module_fixture), seen_by_a_module_fixture


def test_the_users_folders_are_the_runs_own_in_a_test(isolated_models, isolated_my_digits):
    assert [resolve() for resolve in FOLDERS] == [isolated_models, isolated_my_digits]
    assert resolve_cache_dir().parent != user_data_root().parent


def test_a_process_started_with_a_fresh_environment_is_the_runs_own_too():
    """A child that is handed only PATH and HOME (no MNIST_DESK_*) falls back to the per-user
    data folder, which the run has moved into its own folder as well (Linux: XDG_DATA_HOME)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the per-user data folder follows XDG_DATA_HOME on Linux only")
    code = "from mnist_desk.support.config import user_data_root; print(user_data_root())"
    env = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_DATA_HOME")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == str(user_data_root())
    assert os.environ["XDG_DATA_HOME"] != os.path.expanduser("~/.local/share")


def test_the_watch_on_the_per_user_folder_names_what_was_made_and_clears_it():
    import tests.conftest as conftest

    if conftest._WATCHED is None:
        pytest.skip("the per-user data folder is watched where it follows XDG_DATA_HOME")
    (conftest._WATCHED / "models").mkdir(parents=True)
    made = conftest._per_user_folder_made()
    assert made is not None and "models" in made
    assert not conftest._WATCHED.exists()
    assert conftest._per_user_folder_made() is None
