"""Which exceptions are the user's to fix (shown as a message) rather than bugs (shown as a traceback)."""

from __future__ import annotations


def user_error_types() -> tuple[type[BaseException], ...]:
    from mnist_desk.checkpoints import CheckpointError
    from mnist_desk.cli import UserError
    from mnist_desk.data import DataUnavailableError
    from mnist_desk.devices import DeviceError
    from mnist_desk.models import UnknownModelError
    from mnist_desk.my_digits import MyDigitsError

    return (
        UserError,
        CheckpointError,
        DataUnavailableError,
        DeviceError,
        UnknownModelError,
        MyDigitsError,
        FileNotFoundError,
        ValueError,
        PermissionError,
    )


def is_user_error(error: BaseException) -> bool:
    return isinstance(error, user_error_types())
