"""Render a set of template digits ahead of time, for ``mnist_desk/data/templates/`` (issue 26).

    python scripts/render-templates.py [--count 3000] [--seed 0] [--styles all]

Writes ``mnist_desk/data/templates/{styles}-{count}-seed{seed}.npz``: the ink of
``data.synthetic.synthetic_digits(count, seed, styles)`` as uint8 (the renderer's ink is whole
255ths, so nothing is lost) and the labels. A run whose templates are that set reads it instead
of rendering them (``data.drawn.template_digits``); tests/test_shipped_templates.py checks that
the file is what the generator gives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str]) -> int:
    import numpy as np

    from mnist_desk.data.drawn import shipped_templates_path
    from mnist_desk.data.synthetic import synthetic_digits
    from mnist_desk.imaging.field import MEAN, STD

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--styles", default="all")
    args = parser.parse_args(argv)
    images, labels = synthetic_digits(args.count, args.seed, args.styles)
    ink = ((images * STD + MEAN).clamp(0, 1) * 255).round().to(dtype=images.dtype)
    path = shipped_templates_path(args.count, args.seed, args.styles)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path, images=ink.numpy().astype(np.uint8), labels=labels.numpy().astype(np.uint8)
    )
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
