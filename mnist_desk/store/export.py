"""A model as a file other programs run: ONNX (onnxruntime, Netron, ...) or TorchScript (LibTorch).

Both take what the torch model takes: normalised 28x28 images, float32 ``(batch, 1, 28, 28)``
(``(pixel / 255 - MEAN) / STD``, white digit on black), or for an adder its pairs,
``(batch, 2, 1, 28, 28)``; the batch size is free. Both give the model's logits: 10 for a
classifier (digits 0..9), 19 for an adder (sums 0..18); argmax is the answer, softmax the
probabilities.

ONNX is written by torch's TorchScript-based exporter (``dynamo=False``) at opset
``ONNX_OPSET``, plain ONNX operators only (no custom domain), then given metadata with the
``onnx`` package (the ``export`` extra). torch 2.14's default, the torch.export-based exporter,
gives the same outputs (1e-5 on the shipped models) but needs onnxscript and took 20x as long
(58-76 s against 2-3.5 s per model on 2 busy cores), too slow to wait for in a window; the
TorchScript-based one needs nothing beyond ``onnx`` (docs/export.md).

TorchScript is written by ``torch.jit.trace``: the zoo's models have no data-dependent control
flow, so a trace is the whole model; LibTorch (C++) loads it with ``torch::jit::load``.
TorchScript is deprecated in PyTorch but still what LibTorch reads.

Every export is checked before it is kept: the written file is run on a batch of a size other
than the traced one and must agree with the torch model (``CHECK_TOLERANCE``).
"""

from __future__ import annotations

import io
import json
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from mnist_desk import __version__
from mnist_desk.errors import A_FILE_NOT_A_FOLDER, Phrase, UserError
from mnist_desk.imaging.field import MEAN, STD
from mnist_desk.models import CLASSIFIER
from mnist_desk.store.checkpoints import Checkpoint
from mnist_desk.support.fileio import atomic_write_bytes

NOTHING_WRITTEN = Phrase("cannot write {path}: {reason}; nothing was written")
CANNOT_WRITE = Phrase("cannot write {path}: {reason}")
NO_SUCH_FOLDER = Phrase("the folder {folder} does not exist")
NEEDS_ONNX = Phrase(
    "ONNX export needs the onnx package: pip install 'mnist-desk[export]' (or pip install onnx)"
)

ONNX_OPSET = 17  # LayerNormalization is one operator from 17 on; onnxruntime >= 1.12 runs it
FORMATS = ("onnx", "torchscript")
INPUT_NAME, OUTPUT_NAME = "images", "logits"
CHECK_TOLERANCE = 1e-4  # max |exported - torch| on the check batch


class ExportError(UserError, RuntimeError):
    """The model cannot be exported in that format here (a missing package, an unwritable file)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    task: str
    arch: str
    opset: int | None  # ONNX only
    input_shape: tuple[str | int, ...]
    labels: tuple[str, ...]
    checked_with: str  # what ran the written file for the check ("" if nothing could)
    max_abs_diff: float | None  # exported vs torch on the check batch

    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        what = f"ONNX opset {self.opset}" if self.format == "onnx" else "TorchScript"
        check = (
            f"; {self.checked_with} agrees within {self.max_abs_diff:.1e}"
            if self.max_abs_diff is not None
            else "; not run (no onnxruntime to check it with)"
        )
        return f"exported {self.task}/{self.arch} to {self.path} ({what}{check})"


def is_pair_task(task: str) -> bool:
    return task != CLASSIFIER


def input_shape(task: str) -> tuple[str | int, ...]:
    return ("batch", 2, 1, 28, 28) if is_pair_task(task) else ("batch", 1, 28, 28)


def output_labels(task: str) -> tuple[str, ...]:
    return tuple(str(n) for n in range(19 if is_pair_task(task) else 10))


def example_input(task: str, batch: int, seed: int = 0) -> torch.Tensor:
    """Random normalised images shaped as the model takes them (values as MNIST's range)."""
    shape = [batch, *input_shape(task)[1:]]
    pixels = torch.rand(shape, generator=torch.Generator().manual_seed(seed))
    return (pixels - MEAN) / STD


def calibration_temperature(checkpoint: Checkpoint) -> float:
    """What the app divides this model's logits by before the softmax (calibrated on MNIST's
    validation split when trained; 1.0 for a model without one): the sums' for an adder."""
    key = "sum_temperature" if is_pair_task(checkpoint.task) else "temperature"
    return float(checkpoint.meta.get(key) or 1.0)


def export_metadata(checkpoint: Checkpoint) -> dict[str, str]:
    """What a program reading the file needs to know, as ONNX's string-to-string metadata."""
    task = checkpoint.task
    shape = ", ".join(str(d) for d in input_shape(task))
    what = "image pairs" if is_pair_task(task) else "images"
    return {
        "task": task,
        "architecture": checkpoint.arch,
        "input": f"{INPUT_NAME}: float32 ({shape}), normalised 28x28 {what}",
        "input_normalization": json.dumps(
            {
                "mean": MEAN,
                "std": STD,
                "formula": "(pixel / 255 - mean) / std",
                "polarity": "white digit on black",
            }
        ),
        "output": f"{OUTPUT_NAME}: float32 (batch, {len(output_labels(task))}); argmax is the "
        "answer, softmax(logits / temperature) gives the probabilities mnist-desk shows",
        "output_labels": json.dumps(list(output_labels(task))),
        "temperature": str(calibration_temperature(checkpoint)),
        "source": checkpoint.path.name if checkpoint.path else "",
        "producer": f"mnist-desk {__version__}",
    }


def _logsumexp_spelled_out(g, x, dim, keepdim):
    """aten::logsumexp as max + log(sum(exp(x - max))), in plain ONNX operators (opset 17).

    The stock translation, ReduceLogSumExp, is computed as -inf by onnxruntime (1.32) for any
    row whose first entry is -inf, whatever the others: the exact sum's mask starts rows that
    way, so a sum of two unlikely digits came out -inf instead of about -112.
    """
    from torch.onnx.symbolic_helper import _get_const

    axes = _get_const(dim, "is", "dim")
    keep = _get_const(keepdim, "i", "keepdim")
    top = g.op("ReduceMax", x, axes_i=axes, keepdims_i=1)
    total = g.op(
        "ReduceSum",
        g.op("Exp", g.op("Sub", x, top)),
        g.op("Constant", value_t=torch.tensor(axes, dtype=torch.int64)),
        keepdims_i=keep,
    )
    return g.op("Add", g.op("Log", total), g.op("ReduceMax", x, axes_i=axes, keepdims_i=keep))


_EXPORT_LOCK = threading.Lock()  # the symbolic override below is process-wide


def _onnx_bytes(model: nn.Module, example: torch.Tensor, metadata: dict[str, str]) -> bytes:
    try:
        import onnx
    except ImportError as e:
        raise ExportError(NEEDS_ONNX()) from e
    buffer = io.BytesIO()
    with _EXPORT_LOCK, warnings.catch_warnings():
        # The exporter's own deprecation notice and tracer warnings: the result is checked later.
        warnings.simplefilter("ignore")
        torch.onnx.register_custom_op_symbolic(
            "aten::logsumexp", _logsumexp_spelled_out, ONNX_OPSET
        )
        try:
            torch.onnx.export(
                model,
                (example,),
                buffer,
                dynamo=False,
                input_names=[INPUT_NAME],
                output_names=[OUTPUT_NAME],
                dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
                opset_version=ONNX_OPSET,
            )
        finally:
            torch.onnx.unregister_custom_op_symbolic("aten::logsumexp", ONNX_OPSET)
    proto = onnx.load_from_string(buffer.getvalue())
    onnx.helper.set_model_props(proto, metadata)
    proto.doc_string = f"{metadata['task']}/{metadata['architecture']} from {metadata['producer']}"
    onnx.checker.check_model(proto, full_check=True)
    return proto.SerializeToString()


def _torchscript_bytes(model: nn.Module, example: torch.Tensor, metadata: dict[str, str]) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TorchScript's deprecation and tracer warnings
        traced = torch.jit.trace(model, (example,), check_trace=False)
        buffer = io.BytesIO()
        torch.jit.save(traced, buffer, _extra_files={"mnist-desk.json": json.dumps(metadata)})
    return buffer.getvalue()


def run_exported(data: bytes, fmt: str, inputs: torch.Tensor) -> tuple[np.ndarray, str] | None:
    """An exported model's outputs on ``inputs`` and what ran it; None for ONNX where
    onnxruntime is not installed."""
    if fmt == "torchscript":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "torch.jit.load is deprecated"
            loaded = torch.jit.load(io.BytesIO(data), map_location="cpu")
        with torch.no_grad():
            return loaded(inputs).numpy(), f"torch.jit {torch.__version__}"
    try:
        import onnxruntime
    except ImportError:
        return None
    session = onnxruntime.InferenceSession(data, providers=["CPUExecutionProvider"])
    outputs = session.run([OUTPUT_NAME], {INPUT_NAME: inputs.numpy()})
    return outputs[0], f"onnxruntime {onnxruntime.__version__}"


def compare_with_torch(
    model: nn.Module, data: bytes, fmt: str, inputs: torch.Tensor
) -> tuple[float, str] | None:
    """(max |exported - torch| over ``inputs``, what ran the export), or None if nothing can."""
    ran = run_exported(data, fmt, inputs)
    if ran is None:
        return None
    with torch.no_grad():
        expected = model(inputs).numpy()
    return float(np.abs(ran[0] - expected).max()), ran[1]


def export_bytes(checkpoint: Checkpoint, fmt: str = "onnx") -> bytes:
    """``checkpoint``'s model as the bytes of an ``fmt`` file (unchecked: see export_model)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    write = _onnx_bytes if fmt == "onnx" else _torchscript_bytes
    return write(
        checkpoint.build(), example_input(checkpoint.task, batch=2), export_metadata(checkpoint)
    )


def _require_folder(path: Path) -> None:
    """ExportError unless ``path``'s folder is there: an export never creates folders (a typo in
    a folder's name would otherwise leave the file somewhere new)."""
    folder = path.parent
    if folder.is_dir():
        return
    reason = (A_FILE_NOT_A_FOLDER if folder.exists() else NO_SUCH_FOLDER)(folder=folder)
    raise ExportError(NOTHING_WRITTEN(path=path, reason=reason))


def export_model(checkpoint: Checkpoint, path: str | Path, fmt: str = "onnx") -> ExportResult:
    """Write ``checkpoint``'s model to ``path`` as ``fmt``: exported, run on a batch of another
    size than the traced one (where onnxruntime is there, for ONNX) and compared with torch, and
    only then written (atomically). ExportError if it cannot be made, disagrees or cannot be
    written; an existing file at ``path`` is then left as it was."""
    path = Path(path)
    _require_folder(path)  # at once, not after the export's seconds
    data = export_bytes(checkpoint, fmt)
    compared = compare_with_torch(
        checkpoint.build(), data, fmt, example_input(checkpoint.task, batch=5, seed=1)
    )
    if compared is not None and not compared[0] <= CHECK_TOLERANCE:
        raise ExportError(
            f"the exported {fmt} model disagrees with the torch model by {compared[0]:.2e} "
            f"(more than {CHECK_TOLERANCE:g}); nothing was written"
        )
    try:
        atomic_write_bytes(path, data)
    except OSError as e:
        raise ExportError(CANNOT_WRITE(path=path, reason=e.strerror or e)) from e
    return ExportResult(
        path=path,
        format=fmt,
        task=checkpoint.task,
        arch=checkpoint.arch,
        opset=ONNX_OPSET if fmt == "onnx" else None,
        input_shape=input_shape(checkpoint.task),
        labels=output_labels(checkpoint.task),
        checked_with=compared[1] if compared else "",
        max_abs_diff=compared[0] if compared else None,
    )
