"""``mnist-desk explain IMAGE``: why a model reads a digit as it does, as heatmap PNGs or JSON
(the window's "Why this answer", the same core code: ``mnist_desk.inspection.explain``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mnist_desk.cli.arguments import MODELS_DIR, subcommand_options
from mnist_desk.errors import UserError

EXIT_OK = 0
ENLARGE = 10  # PNGs at 280x280: each model pixel a 10x10 block


class ExplainError(UserError, ValueError):
    """The image or the model cannot be explained as asked."""


def add_parsers(sub) -> None:
    from mnist_desk.inspection.methods import DEFAULT_METHOD, METHODS

    parser = sub.add_parser(
        "explain",
        parents=[subcommand_options(MODELS_DIR)],  # it runs on the CPU and reads no MNIST
        help="why a model reads an image as it does: heatmaps of the answer and the runner-up",
    )
    parser.add_argument("image", type=Path, help="an image file of one digit")
    parser.add_argument(
        "--model",
        default=None,
        help="a .pt file or model name (default: the shipped best classifier)",
    )
    parser.add_argument("--out", type=Path, help="folder for the PNG files (input and heatmaps)")
    parser.add_argument(
        "--method",
        choices=METHODS,
        default=DEFAULT_METHOD,
        help=f"attribution method (default: {DEFAULT_METHOD}, chosen by a deletion test)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the answer, the method, the 28x28 model input and heatmaps as lists of rows",
    )
    parser.set_defaults(func=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    from mnist_desk.imaging.field import MEAN, STD
    from mnist_desk.imaging.image_files import load_image
    from mnist_desk.imaging.pictures import preprocess
    from mnist_desk.inspection.attribution import MethodUnavailable
    from mnist_desk.inspection.explain import explain
    from mnist_desk.inspection.subject import subject_for
    from mnist_desk.recognition.predictor import Predictor

    if args.out is None and not args.json:
        raise ExplainError("say where the heatmaps go (--out DIR), or ask for --json")
    if args.out is not None:  # checked before the work, as train checks where it saves
        from mnist_desk.training.preflight import check_writable_folder

        # taken back again: the pictures' writes make it; a failed explain leaves no folder
        check_writable_folder(args.out, "the pictures", "choose another --out folder", keep=False)
    predictor = Predictor.from_model(args.model, device="cpu", models_dir=args.models_dir)
    prepared = preprocess(load_image(args.image))
    if prepared.blank:
        raise ExplainError(f"{args.image}: no digit found (the image is blank)")
    subject = subject_for(predictor.model, predictor.task)
    if subject.network is None:
        raise ExplainError(
            f"{predictor.checkpoint.path.stem} reads only sums of two digits; explain a classifier "
            "or an adder that reads digits (e.g. --model scratch-convnet-digits)"
        )
    ink = (prepared.tensor[0] * STD + MEAN).clamp(0, 1).numpy()  # exactly the model's input
    try:
        explanation = explain(subject, ink, args.method)
    except MethodUnavailable as e:
        raise ExplainError(f"--method {args.method}: {e}") from e
    files = _write_pictures(explanation, args.out, args.image.stem) if args.out else {}
    if args.json:
        out = {"image": str(args.image), "model": predictor.describe(), **explanation.to_dict()}
        out["files"] = {k: str(v) for k, v in files.items()}
        print(json.dumps(out))
        return EXIT_OK
    e = explanation
    print(
        f"{args.image}: {e.answer} (p={e.probabilities[e.answer]:.3f}), runner-up {e.runner_up} "
        f"(p={e.probabilities[e.runner_up]:.3f}); heatmaps by {e.method}"
    )
    for what, path in files.items():
        print(f"  {what}: {path}")
    return EXIT_OK


def _write_pictures(explanation, folder: Path, stem: str) -> dict[str, Path]:
    from mnist_desk.inspection.pictures import enlarged, heatmap_rgb, write_png

    e = explanation
    grey = (e.ink * 255).round().astype("uint8")
    return {
        "input": write_png(folder / f"{stem}-input.png", enlarged(grey, ENLARGE)),
        "heatmap": write_png(
            folder / f"{stem}-why-{e.answer}.png",
            enlarged(heatmap_rgb(e.answer_map, e.ink), ENLARGE),
        ),
        "runner_up_heatmap": write_png(
            folder / f"{stem}-why-not-{e.runner_up}.png",
            enlarged(heatmap_rgb(e.runner_up_map, e.ink), ENLARGE),
        ),
    }
