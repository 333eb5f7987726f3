"""Drawn digits through the real window: replay strokes as mouse events, read what it shows.

The evaluation harness for drawn digits (``mnist_desk/evaluation/drawn_set.py``): each pair is drawn on the
window's two canvases with real mouse events (press, moves, release) at its own pen width, set
as a user would (``MainWindow.set_pen_width``, the slider's path), and the window's own answer is
read: the digit each panel shows and the sum. The same drawings, saved with the window's
"Save drawing" (PNG), are then read by ``mnist-desk predict a.png b.png --json``.

Used by benchmark row 8 and by ``scripts/drawn-accuracy.py``; other work (adders, personal
handwriting) can call ``score_models`` the same way.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mnist_desk.evaluation.drawn_set import DrawnDigit
from mnist_desk.evaluation.sets import DRAWN, EVAL_SETS

LOAD_TIMEOUT_S = 120


@dataclass
class DrawnScore:
    """How one model read the drawn pairs, in the window and from the saved files."""

    model: str
    pairs: int
    eval_set: str = DRAWN  # which set (mnist_desk.evaluation.sets.EVAL_SETS)
    window_digits_right: int = 0
    window_sums_right: int = 0
    file_digits_right: int | None = None
    file_sums_right: int | None = None
    mnist_test_accuracy: float | None = None  # from the model's metrics file
    seconds: float = 0.0
    mistakes: Counter = field(default_factory=Counter)  # (style, true, read) -> count, window
    # A scratch adder that learned digits from sums: the digits it reads itself, in the window
    adder_digits_right: int | None = None

    @property
    def digits(self) -> int:
        return 2 * self.pairs

    @property
    def window_digit_accuracy(self) -> float:
        return self.window_digits_right / self.digits

    @property
    def window_sum_accuracy(self) -> float:
        return self.window_sums_right / self.pairs

    @property
    def file_digit_accuracy(self) -> float | None:
        return None if self.file_digits_right is None else self.file_digits_right / self.digits

    @property
    def file_sum_accuracy(self) -> float | None:
        return None if self.file_sums_right is None else self.file_sums_right / self.pairs

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "eval_set": self.eval_set,
            "pairs": self.pairs,
            "window_digit_accuracy": self.window_digit_accuracy,
            "window_sum_accuracy": self.window_sum_accuracy,
            "file_digit_accuracy": self.file_digit_accuracy,
            "file_sum_accuracy": self.file_sum_accuracy,
            "mnist_test_accuracy": self.mnist_test_accuracy,
            "seconds": round(self.seconds, 1),
            "mistakes": {f"{s} {t}->{r}": n for (s, t, r), n in self.mistakes.most_common()},
        }


def _process_events(seconds: float = 0.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while True:
        QApplication.processEvents()
        if time.monotonic() >= end:
            return
        time.sleep(0.005)


def draw(canvas, digit: DrawnDigit) -> None:
    """Draw ``digit``'s strokes on ``canvas`` with mouse events, as a person with a mouse would."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    rect = canvas.paper_rect()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier

    def send(kind, point, button, buttons) -> None:
        pos = QPointF(rect.x() + point[0] * rect.width(), rect.y() + point[1] * rect.height())
        event = QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, buttons, none)
        QApplication.sendEvent(canvas, event)

    for stroke in digit.strokes:
        send(QEvent.Type.MouseButtonPress, stroke[0], left, left)
        for point in stroke[1:]:
            send(QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, left)
        send(QEvent.Type.MouseButtonRelease, stroke[-1], left, Qt.MouseButton.NoButton)


def make_window(settings_dir: Path):
    """The app's MainWindow, shown, with empty settings and no model chosen yet."""
    from PySide6.QtWidgets import QApplication

    from mnist_desk.ui.settings import AppSettings
    from mnist_desk.ui.shell.main_window import MainWindow

    QApplication.instance() or QApplication(["mnist-desk"])
    window = MainWindow(
        models_dir=str(settings_dir / "models"),
        settings=AppSettings(str(settings_dir / "settings.ini")),
    )
    window.resize(900, 640)
    window.show()
    return window


def use_model(window, path: Path) -> None:
    """Pick ``path`` in the window and wait until it has loaded."""
    window.use_model(str(path))
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    while time.monotonic() < deadline:
        predictor = window.predictor
        if predictor is not None and Path(predictor.checkpoint.path or "") == Path(path):
            return
        _process_events(0.01)
    raise TimeoutError(f"the window did not load {path} within {LOAD_TIMEOUT_S} s")


def score_in_window(
    window, pairs: list[tuple[DrawnDigit, DrawnDigit]], score: DrawnScore, save_dir: Path | None
) -> None:
    """Draw every pair, read the window's two digits and sum; save the drawings to ``save_dir``."""
    for i, pair in enumerate(pairs):
        window.clear_all()
        for index, digit in enumerate(pair):
            window.set_pen_width(digit.pen_width)
            draw(window.canvases[index], digit)
        result = window.last_result  # set by the last pen-up's recognition
        shown = [window.panels[k].result_view.digit_text for k in range(2)]
        for digit, read, text, number in zip(
            pair, result.digits, shown, result.numbers, strict=True
        ):
            if len(number.digits) > 1:  # one glyph cut into several digits: read wrong
                score.mistakes[(digit.style, digit.label, number.text)] += 1
                continue
            expected = "?" if read.digit is None else str(read.digit)  # ?: not a digit
            assert text == expected, f"the panel shows {text}, the result says {read.digit}"
            if read.digit == digit.label:
                score.window_digits_right += 1
            else:
                score.mistakes[(digit.style, digit.label, read.digit)] += 1
        score.window_sums_right += result.total == pair[0].label + pair[1].label
        if result.adder_digits is not None:
            own = sum(d.label == r.digit for d, r in zip(pair, result.adder_digits, strict=True))
            score.adder_digits_right = (score.adder_digits_right or 0) + own
        if save_dir is not None:
            for index in range(2):
                window.save_drawing(save_dir / f"pair{i:04d}-{index}.png", index)
        if i % 25 == 0:
            _process_events()  # let the window paint now and then, as it would


def score_files(model: Path, pairs: list[tuple[DrawnDigit, DrawnDigit]], save_dir: Path, score):
    """``mnist-desk predict a.png b.png --json`` for every saved pair."""
    from mnist_desk.cli.main import main

    score.file_digits_right = score.file_sums_right = 0
    for i, pair in enumerate(pairs):
        files = [str(save_dir / f"pair{i:04d}-{k}.png") for k in range(2)]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["predict", *files, "--model", str(model), "--json"])
        if status != 0:
            raise RuntimeError(f"mnist-desk predict failed on {files}")
        answer = json.loads(out.getvalue())
        digits = [entry["digit"] for entry in answer["images"]]
        score.file_digits_right += sum(d == t.label for d, t in zip(digits, pair, strict=True))
        score.file_sums_right += answer["sum"]["total"] == pair[0].label + pair[1].label


def score_models(
    models: list[Path], pairs: int = 300, files: bool = True, log=print, eval_set: str = DRAWN
) -> list[DrawnScore]:
    """Every model on the same ``pairs`` pairs of ``eval_set``: in the window, and (``files``)
    via predict."""
    from mnist_desk.store.checkpoints import load_checkpoint

    drawn = EVAL_SETS[eval_set].pairs(pairs)
    scores = []
    with tempfile.TemporaryDirectory(prefix="mnist-desk-drawn-") as tmp:
        tmp_path = Path(tmp)
        save_dir = tmp_path / "drawings"
        save_dir.mkdir()
        window = make_window(tmp_path)
        try:
            for n, model in enumerate(models):
                start = time.perf_counter()
                score = DrawnScore(model.stem, len(drawn), eval_set)
                score.mnist_test_accuracy = load_checkpoint(model).test_accuracy
                use_model(window, model)
                score_in_window(window, drawn, score, save_dir if n == 0 else None)
                if files:
                    score_files(model, drawn, save_dir, score)
                score.seconds = time.perf_counter() - start
                files_text = f"; files digits {score.file_digit_accuracy:.2%}" if files else ""
                log(
                    f"{model.stem} ({eval_set}): window digits {score.window_digit_accuracy:.2%}, sums "
                    f"{score.window_sum_accuracy:.2%}{files_text}; {score.seconds:.0f} s"
                )
                scores.append(score)
        finally:
            window.close()
            window.deleteLater()
            _process_events(0.05)
    return scores
