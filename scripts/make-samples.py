"""Writes resources/samples/: one MNIST *test* digit per class, as a dark-on-light 112x112 PNG
(like a scan), so self-test also exercises polarity detection and rescaling.

Usage: .venv/bin/python scripts/make-samples.py [DATA_DIR]
"""

import sys
from pathlib import Path

from PIL import Image

from mnist_desk.data.mnist_files import read_split

if sys.argv[1:2] in (["-h"], ["--help"]):
    print(__doc__)
    sys.exit(0)
root = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"
out = Path(__file__).resolve().parent.parent / "resources" / "samples"
out.mkdir(parents=True, exist_ok=True)
images, labels = read_split(root, "t10k")
for digit in range(10):
    index = int((labels == digit).nonzero()[0])
    image = Image.fromarray(255 - images[index].numpy()).resize((112, 112), Image.BILINEAR)
    image.save(out / f"digit-{digit}-test{index}.png", optimize=True)
    print(out / f"digit-{digit}-test{index}.png")
