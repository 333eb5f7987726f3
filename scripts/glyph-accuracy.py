"""The classifier alone on every evaluation set's digits: each glyph's strokes rendered whole.

    python scripts/glyph-accuracy.py [--threads N] MODEL.pt|NAME...

The same 300 pairs per set as the window replay (scripts/drawn-accuracy.py, benchmark row 8),
rendered by the window's stroke renderer (``imaging.strokes.render_strokes``) one glyph at a time
and read by the model's argmax. Unlike the window, nothing cuts a glyph into several digits, so
this isolates what a retrained classifier changes; the window's figures include the number
reader's grouping as well. Prints one line per model: MNIST test (from its metrics) and each set.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(args: list[str]) -> int:
    if not args or args[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0 if args else 2
    import torch

    from mnist_desk.evaluation.sets import DEV_SET, EVAL_SETS
    from mnist_desk.imaging.strokes import render_strokes
    from mnist_desk.store.checkpoints import load_checkpoint

    if args[:1] == ["--threads"]:
        torch.set_num_threads(int(args[1]))
        args = args[2:]
    sets = {**EVAL_SETS, DEV_SET.name: DEV_SET}
    rendered = {}
    for name, eval_set in sets.items():
        digits = [digit for pair in eval_set.pairs(300) for digit in pair]
        images = torch.stack([render_strokes(d.strokes).tensor for d in digits])
        rendered[name] = (images, torch.tensor([d.label for d in digits]))
    weights = REPO / "resources" / "weights"
    for arg in args:
        path = Path(arg) if arg.endswith(".pt") else weights / f"{arg}.pt"
        checkpoint = load_checkpoint(path)
        model = checkpoint.build().eval()
        figures = []
        with torch.no_grad():
            for name, (images, labels) in rendered.items():
                right = (model(images).argmax(1) == labels).float().mean().item()
                figures.append(f"{name} {right:.2%}")
        print(f"{path.stem:24s} MNIST test {checkpoint.test_accuracy:.2%}  " + "  ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
