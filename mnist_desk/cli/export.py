"""``mnist-desk export MODEL --format onnx|torchscript -o FILE``: a model for other programs."""

from __future__ import annotations

import argparse

from mnist_desk.cli.arguments import MODELS_DIR, subcommand_options

EXIT_OK = 0


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "export",
        parents=[subcommand_options(MODELS_DIR)],  # it runs on the CPU and reads no MNIST
        help="write a model as ONNX (onnxruntime, Netron, ...) or TorchScript (LibTorch)",
        description="Export a model. The file takes what the model takes: normalised 28x28 "
        "images (batch, 1, 28, 28), or for an adder image pairs (batch, 2, 1, 28, 28), any "
        "batch size; it gives the logits (10 digits, or 19 sums). ONNX files carry the task, "
        "architecture, normalisation and labels as metadata. docs/export.md has the details.",
    )
    parser.add_argument("model", help="a .pt file, or a model name such as classifier-convnet")
    parser.add_argument(
        "--format",
        choices=["onnx", "torchscript"],
        default=None,
        help="default: from the output's suffix (.onnx, .torchscript), else onnx",
    )
    parser.add_argument(
        "-o",
        "--output",
        default=None,
        help="the file to write; it must end in .onnx or .torchscript "
        "(default: MODEL-NAME.onnx or .torchscript here)",
    )
    parser.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from mnist_desk.app.model_export import (
        ExportRequest,
        export_checkpoint,
        export_target,
        suggested_export_path,
    )
    from mnist_desk.store.names import require_model_file

    if args.output:  # checked before the model is read: refused at once
        target, fmt = export_target(args.output, args.format)
    model = require_model_file(args.model, args.models_dir)
    if not args.output:
        fmt = args.format or "onnx"
        target = suggested_export_path(model, fmt)
    result = export_checkpoint(ExportRequest(str(model), str(target), fmt))
    print(result.summary())
    shape = ", ".join(str(d) for d in result.input_shape)
    what = "digits" if len(result.labels) == 10 else "sums"
    print(
        f"input: images, float32 ({shape}), normalised; output: logits, float32 "
        f"(batch, {len(result.labels)}) for the {what} {result.labels[0]}..{result.labels[-1]}"
    )
    return EXIT_OK
