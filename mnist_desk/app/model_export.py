"""Exporting a model to ONNX or TorchScript: the one call the window, the Models tab and the
command line make (the work itself: mnist_desk/store/export.py, imported only when it runs, so
that the window's start does not wait for torch)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mnist_desk.errors import UserError

if TYPE_CHECKING:
    from mnist_desk.store.export import ExportResult


@dataclass(frozen=True)
class ExportFormat:
    key: str  # "onnx", "torchscript": what export_model and the command line take
    title: str  # as a file dialog names it
    suffix: str


EXPORT_FORMATS = (
    ExportFormat("onnx", "ONNX", ".onnx"),
    ExportFormat("torchscript", "TorchScript", ".torchscript"),
)


@dataclass(frozen=True)
class ExportRequest:
    model_path: str  # the checkpoint (.pt)
    target: str  # the file to write
    fmt: str = "onnx"


def export_format(key: str) -> ExportFormat:
    return next(f for f in EXPORT_FORMATS if f.key == key)


def suggested_export_path(model_path: str | Path, fmt: str, folder: str | Path = "") -> Path:
    """``folder/<model name><suffix>``: e.g. classifier-convnet.onnx."""
    return Path(folder) / f"{Path(model_path).stem}{export_format(fmt).suffix}"


def export_start_folder(remembered: str | Path) -> str:
    """Where an export dialog starts: the folder remembered from the last export, or the
    nearest folder above it that is still there (it was moved or deleted); '' (the dialog's own
    default) when none is, or only the file system's root is (a drive that is gone)."""
    if not str(remembered):
        return ""
    remembered = Path(remembered)
    for folder in (remembered, *remembered.parents):
        if folder == Path(folder.anchor):
            break
        try:
            if folder.is_dir():
                return str(folder)
        except OSError:  # unreadable: look further up
            continue
    return ""


def format_for_path(path: str | Path, default: str = "onnx") -> str:
    """The format a file name asks for by its suffix (``default`` if none matches)."""
    suffix = Path(path).suffix.lower()
    return next((f.key for f in EXPORT_FORMATS if f.suffix == suffix), default)


def export_target(output: str | Path, fmt: str | None = None) -> tuple[Path, str]:
    """The file and format ``-o OUTPUT`` (and ``--format FMT``, if given) ask for. The name must
    end in a format's suffix, and in the one ``fmt`` names: ``-o x`` or ``-o x.txt`` is refused
    with the name to give instead (``x.onnx``), never written under a name the user did not
    type; a folder is refused with a file to give in it (UserError)."""
    path = Path(output)
    by_suffix = format_for_path(path, default="")
    fmt = fmt or by_suffix or "onnx"
    wanted = export_format(fmt).suffix
    if path.is_dir():
        raise UserError(
            f"{path} is a folder; give the file to write, e.g. {path / 'model'}{wanted}"
        )
    if by_suffix == fmt:
        return path, fmt
    if by_suffix:
        raise UserError(
            f"the export file (--output) {path} ends in {path.suffix}, which is "
            f"{export_format(by_suffix).title}, but --format is {fmt}: give "
            f"{path.with_suffix(wanted)} instead (or --format {by_suffix})"
        )
    suffixes = " or ".join(f.suffix for f in EXPORT_FORMATS)
    raise UserError(
        f"the export file (--output) must end in {suffixes}: give "
        f"{path.with_suffix(wanted)} instead of {path}"
    )


def export_checkpoint(request: ExportRequest) -> ExportResult:
    """Load the checkpoint and export it, checked (CheckpointError or ExportError otherwise)."""
    from mnist_desk.store.checkpoints import load_checkpoint
    from mnist_desk.store.export import export_model

    return export_model(load_checkpoint(request.model_path), request.target, request.fmt)


def export_work(request: ExportRequest) -> Callable[[Callable[[object], None]], ExportResult]:
    """``export_checkpoint`` as background work (ui/background.py runs it in a worker)."""

    def work(emit: Callable[[object], None]) -> ExportResult:
        return export_checkpoint(request)

    return work
