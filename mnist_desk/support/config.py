"""Where things live: data, user models and shipped resources, each resolved in one place.

Precedence for the data directory: an explicit value (CLI flag or GUI setting) > the
``MNIST_DESK_DATA`` environment variable > the per-user data directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "mnist-desk"
ORG_NAME = "mnist-desk"

DATA_ENV = "MNIST_DESK_DATA"
MODELS_ENV = "MNIST_DESK_MODELS"
RESOURCES_ENV = "MNIST_DESK_RESOURCES"
MY_DIGITS_ENV = "MNIST_DESK_MY_DIGITS"
CACHE_ENV = "MNIST_DESK_CACHE"


def user_data_root() -> Path:
    """The per-user folder this app owns (e.g. ~/.local/share/mnist-desk)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _user_folder(explicit: str | os.PathLike | None, env: str, default: str) -> Path:
    """The one order every user folder follows: the explicit path, the env var, the user default."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(env):
        return Path(os.environ[env]).expanduser()
    return user_data_root() / default


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder that holds (or will hold) ``MNIST/raw``."""
    return _user_folder(explicit, DATA_ENV, "data")


def resolve_models_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder where models trained by the user are saved."""
    return _user_folder(explicit, MODELS_ENV, "models")


def resolve_my_digits_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The folder of the user's own digits ("My digits"): corrections and kept drawings."""
    return _user_folder(explicit, MY_DIGITS_ENV, "my-digits")


def resolve_cache_dir() -> Path:
    """Where results that can be computed again are kept (e.g. the 2-D maps of the test set):
    ``MNIST_DESK_CACHE``, else the per-user cache folder (e.g. ~/.cache/mnist-desk)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped resources folder: next to the package, or inside a PyInstaller bundle."""
    if os.environ.get(RESOURCES_ENV):
        return Path(os.environ[RESOURCES_ENV])
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def shipped_weights_dir() -> Path:
    return resources_dir() / "weights"
