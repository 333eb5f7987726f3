"""Takes the README's screenshot: the real window, two handwritten numbers (13 and 5), recognised.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make-screenshot.py docs/screenshot.png [MODELS_DIR]
"""

import sys
import tempfile

import numpy as np

from mnist_desk.ui.settings import AppSettings
from mnist_desk.ui.shell.app import make_application, wait_until
from mnist_desk.ui.shell.main_window import MainWindow


def catmull(points, n=12):
    """A smooth Catmull-Rom curve through the points, like a hand-drawn stroke."""
    pts = np.array(points, float)
    pts = np.vstack([pts[0], pts, pts[-1]])
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for t in np.linspace(0, 1, n, endpoint=False):
            out.append(
                0.5
                * (
                    (2 * p1)
                    + (-p0 + p2) * t
                    + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                    + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3
                )
            )
    out.append(pts[-2])
    return [tuple(p) for p in out]


THREE = [
    (0.30, 0.27),
    (0.42, 0.17),
    (0.58, 0.17),
    (0.66, 0.28),
    (0.60, 0.40),
    (0.46, 0.47),
    (0.61, 0.53),
    (0.68, 0.66),
    (0.61, 0.79),
    (0.45, 0.84),
    (0.31, 0.77),
]
FIVE_TOP = [(0.70, 0.18), (0.40, 0.19)]
FIVE_BODY = [
    (0.40, 0.19),
    (0.36, 0.46),
    (0.50, 0.41),
    (0.64, 0.47),
    (0.69, 0.62),
    (0.62, 0.78),
    (0.47, 0.84),
    (0.33, 0.78),
]

ONE = [(0.29, 0.22), (0.27, 0.82)]
THREE_AFTER_ONE = [(0.42 + (x - 0.30) * 0.9, y) for x, y in THREE]  # the 3 of "13", to its right

if sys.argv[1:2] in (["-h"], ["--help"]) or len(sys.argv) < 2:
    print(__doc__)
    sys.exit(0 if len(sys.argv) > 1 else 2)
app = make_application()
models = sys.argv[2] if len(sys.argv) > 2 else None
settings_file = f"{tempfile.mkdtemp()}/settings.ini"  # never the user's own settings
w = MainWindow(settings=AppSettings(settings_file), models_dir=models)
w.resize(1100, 780)
w.show()
wait_until(lambda: w.predictor is not None or not w.loading, 120)
w.canvases[0].add_stroke(catmull(ONE, 6))
w.canvases[0].add_stroke(catmull(THREE_AFTER_ONE))
w.canvases[1].add_stroke(catmull(FIVE_BODY))
w.canvases[1].add_stroke(catmull(FIVE_TOP, 4))
w.predict_now()
wait_until(lambda: False, 0.3)
print(w.sum_view.equation_text, w.sum_view.caption_label.text())
w.grab().save(sys.argv[1])
w.close()
