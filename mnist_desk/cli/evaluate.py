"""``mnist-desk evaluate``: a model scored on MNIST test (or on the user's own digits)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mnist_desk.cli.train import EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.my_digits:
        from mnist_desk.cli.my_digits import cmd_evaluate_personal

        return cmd_evaluate_personal(args)
    from mnist_desk.data.mnist import NUM_CLASSES, NUM_SUMS, mnist_test_set
    from mnist_desk.models import is_adder
    from mnist_desk.store.catalog import resolve_model
    from mnist_desk.support.devices import resolve_device
    from mnist_desk.training import full_report

    ckpt = resolve_model(args.checkpoint, args.models_dir)
    if args.confusion_images:  # checked before the test pass, as train checks where it saves
        from mnist_desk.training.preflight import check_writable_folder

        check_writable_folder(  # and taken back: a run that fails here leaves no folder
            args.confusion_images,
            "the misread images",
            "choose another --confusion-images",
            keep=False,
        )
    device = resolve_device(args.device)
    model = ckpt.build().to(device)
    adder = is_adder(ckpt.task)
    inputs, labels = mnist_test_set(load_splits_or_fail(args), pairs=adder, subset=args.subset)
    num_classes = NUM_SUMS if adder else NUM_CLASSES
    report, loss, logits = full_report(model, inputs, labels, device, num_classes)
    from mnist_desk.inspection.confusion import off_diagonal_cells, write_cell_images

    predicted = logits.argmax(1).numpy()
    result = {
        "checkpoint": str(ckpt.path),
        "task": ckpt.task,
        "arch": ckpt.arch,
        "loss": loss,
        **report.to_dict(),
        # the test examples behind each mistake cell: {"true,predicted": [test indices]}
        "confusion_examples": off_diagonal_cells(labels.numpy(), predicted),
    }
    if args.confusion_images:
        Path(args.confusion_images).mkdir(parents=True, exist_ok=True)  # there, if none misread
        written = write_cell_images(args.confusion_images, inputs, labels.numpy(), predicted)
        result["confusion_images"] = {"folder": str(args.confusion_images), "count": written}
    if args.json:
        print(json.dumps(result))
        return EXIT_OK
    if args.confusion_images:
        print(f"{written} misread test images in {args.confusion_images}/true-T/said-S/")
    what = "sum" if is_adder(ckpt.task) else "digit"
    print(f"{ckpt.path}: {ckpt.task}/{ckpt.arch}")
    print(
        f"test {what} accuracy {report.accuracy:.2%} on {report.count} examples (loss {loss:.4f})"
    )
    print(f"{'class':>5} {'precision':>9} {'recall':>7}")
    for c, (p, r) in enumerate(zip(report.precision, report.recall, strict=True)):
        print(f"{c:>5} {p:>9.4f} {r:>7.4f}")
    print("confusion matrix (rows: true, columns: predicted)")
    width = max(len(str(v)) for row in report.confusion for v in row) + 1
    print("     " + "".join(f"{c:>{width}}" for c in range(num_classes)))
    for c, row in enumerate(report.confusion):
        print(f"{c:>4} " + "".join(f"{v:>{width}}" for v in row))
    return EXIT_OK


def load_splits_or_fail(args: argparse.Namespace):
    from mnist_desk.data.mnist import load_splits
    from mnist_desk.support.config import resolve_data_dir

    return load_splits(resolve_data_dir(args.data_dir), download=not args.no_download)
