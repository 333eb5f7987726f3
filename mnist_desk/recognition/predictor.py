"""The Predictor: one loaded model on one device, answering digits and sums for what was drawn.

It reads typed values (``mnist_desk.imaging.drawn``: ``Blank``, ``Strokes``, ``Picture``) and
makes the model input itself (``model_input``), so this is the one path from a drawing to answers;
the CLI's ``predict`` and the GUI both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from mnist_desk.errors import ImageError
from mnist_desk.imaging.drawn import Blank, Drawn, Picture, Strokes
from mnist_desk.imaging.field import Preprocessed
from mnist_desk.imaging.pictures import preprocess
from mnist_desk.imaging.strokes import render_strokes
from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER, reads_digits
from mnist_desk.store.catalog import default_classifier_path, resolve_model
from mnist_desk.store.checkpoints import Checkpoint, load_checkpoint
from mnist_desk.support.devices import resolve_device


def model_input(drawn: Drawn) -> Preprocessed:
    """What the model sees of ``drawn``: strokes redrawn MNIST's way (whatever the pen and the
    widget), a picture by its pixels (polarity detected, 20x20 box, centred by mass), blank."""
    if isinstance(drawn, Strokes):
        return render_strokes(drawn.point_lists())
    if isinstance(drawn, Picture):
        return preprocess(drawn.pixels())
    assert isinstance(drawn, Blank), drawn
    return Preprocessed(None, None)


@dataclass
class DigitResult:
    digit: int | None
    probabilities: list[float] | None  # 10 values, None when blank
    image28: np.ndarray | None = field(default=None, repr=False)  # what the model saw

    @property
    def blank(self) -> bool:
        return self.digit is None

    @property
    def confidence(self) -> float | None:
        return None if self.probabilities is None else self.probabilities[self.digit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "blank": self.blank,
            "digit": self.digit,
            "confidence": self.confidence,
            "probabilities": self.probabilities,
        }


@dataclass
class SumResult:
    total: int | None
    probabilities: list[float] | None  # 19 values (sums 0..18), None when a canvas is blank
    source: str  # "adder" (predicted from both images) or "digits" (from two classifier outputs)
    digits: tuple[DigitResult, DigitResult]
    # A scratch adder with digit outputs: the digits it reads itself (it never saw a digit label).
    adder_digits: tuple[DigitResult, DigitResult] | None = None

    @property
    def confidence(self) -> float | None:
        return None if self.probabilities is None else self.probabilities[self.total]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "confidence": self.confidence,
            "source": self.source,
            "probabilities": self.probabilities,
            # the digits a scratch adder that learned them from sums reads itself
            "adder_digits": None
            if self.adder_digits is None
            else [d.digit for d in self.adder_digits],
        }


# Larger images are refused before they are decoded (a 50 MP RGB image is 150 MB in memory).
MAX_IMAGE_PIXELS = 50_000_000
# Larger images are reduced to this side while they are decoded: a digit ends up 20x20 anyway.
MAX_IMAGE_SIDE = 1024


def load_image(path: str | Path) -> np.ndarray:
    """Read an image file into an array, at most MAX_IMAGE_SIDE pixels a side; an ImageError if
    it is missing, unreadable or over MAX_IMAGE_PIXELS."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    too_big = (
        f"{path}: the image is too large (over {MAX_IMAGE_PIXELS // 1_000_000} megapixels); "
        "crop it to the digit or scale it down"
    )
    try:
        with warnings.catch_warnings():
            # Our own cap below is lower than Pillow's bomb warning; do not print its warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:  # reads the header only
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageError(f"{too_big} (it is {width} x {height})")
                return np.asarray(_decoded_small(img))
    except Image.DecompressionBombError as e:
        raise ImageError(too_big) from e
    except FileNotFoundError as e:
        raise ImageError(f"{path}: no such image file") from e
    except (UnidentifiedImageError, OSError) as e:
        raise ImageError(f"{path}: not an image this app can read ({e})") from e


def _decoded_small(img):
    """Decode ``img`` at most MAX_IMAGE_SIDE a side, in "L" or "RGBA": JPEGs decode at 1/2..1/8
    scale directly (draft), others are reduced by an integer factor, then resized smoothly."""
    mode = "RGBA" if img.mode in ("RGBA", "LA", "P", "PA") else "L"
    target = (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE)
    if max(img.size) > MAX_IMAGE_SIDE:
        img.draft(mode if mode == "L" else "RGB", target)  # a no-op except for JPEG
    factor = max(img.size) // MAX_IMAGE_SIDE
    if factor >= 2:  # before converting: the full-size image is held once, in its own mode
        if img.mode not in ("L", "LA", "RGB", "RGBA"):
            img = img.convert(mode)
        img = img.reduce(factor)  # a box average: thin strokes stay, as grey
    img = img.convert(mode)
    if max(img.size) > MAX_IMAGE_SIDE:
        img.thumbnail(target)
    return img


def sum_distribution(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """P(a + b = s) for independent digits: the convolution of the two distributions."""
    return np.convolve(a, b)


class Predictor:
    """Holds a model (classifier, transfer adder or scratch adder) and the classifier that reads digits."""

    def __init__(
        self,
        checkpoint: Checkpoint,
        device: str | torch.device = "cpu",
        digit_checkpoint: Checkpoint | None = None,
    ):
        self.device = resolve_device(str(device))
        self.checkpoint = checkpoint
        self.task = checkpoint.task
        self.model = checkpoint.build().to(self.device).eval()
        self.digit_checkpoint = checkpoint
        if self.task == CLASSIFIER:
            self.digit_model: nn.Module = self.model
        elif self.task == TRANSFER:
            self.digit_model = self.model.classifier
        else:  # a scratch adder never saw a digit label: a classifier reads the digits shown
            self.digit_checkpoint = digit_checkpoint or load_checkpoint(default_classifier_path())
            self.digit_model = self.digit_checkpoint.build().to(self.device).eval()
        # The scratch adder that learned digits from sums reads them too (shown beside the above).
        self.adder_reads_digits = self.task == SCRATCH and reads_digits(self.model)

    @classmethod
    def from_model(
        cls,
        name_or_path: str | Path | None = None,
        device: str | None = None,
        models_dir: str | Path | None = None,
    ) -> Predictor:
        return cls(resolve_model(name_or_path, models_dir), device or "cpu")

    def to(self, device: str) -> Predictor:
        """The same models on another device (a new Predictor; this one stays usable)."""
        return Predictor(
            self.checkpoint, device, self.digit_checkpoint if self.task == SCRATCH else None
        )

    def describe(self) -> dict[str, Any]:
        return {
            "path": str(self.checkpoint.path) if self.checkpoint.path else None,
            "task": self.task,
            "arch": self.checkpoint.arch,
            "test_accuracy": self.checkpoint.test_accuracy,
            "device": str(self.device),
        }

    def predict_digits(self, drawings: list[Drawn]) -> list[DigitResult]:
        """One DigitResult per drawing; a blank one gives a blank result, never a guess."""
        return self._read_digits([model_input(d) for d in drawings])[0]

    @torch.inference_mode()
    def _read_digits(
        self, prepared: list[Preprocessed]
    ) -> tuple[list[DigitResult], torch.Tensor | None]:
        """The digits, and the digit model's logits for the inked images (None if none is)."""
        inked = [p.tensor for p in prepared if not p.blank]
        logits, probs = None, iter([])
        if inked:
            logits = self.digit_model(torch.stack(inked).to(self.device)).float()
            probs = iter(logits.softmax(1).cpu().numpy())
        results = []
        for p in prepared:
            if p.blank:
                results.append(DigitResult(None, None, None))
            else:
                dist = next(probs)
                results.append(DigitResult(int(dist.argmax()), [float(v) for v in dist], p.image28))
        return results, logits

    @torch.inference_mode()
    def predict_sum(self, first: Drawn, second: Drawn) -> SumResult:
        """Both digits and their sum: from the adder directly, or from the two digit distributions."""
        prepared = [model_input(first), model_input(second)]
        digit_list, digit_logits = self._read_digits(prepared)
        digits = (digit_list[0], digit_list[1])
        if any(d.blank for d in digits):
            return SumResult(None, None, "adder" if self.task != CLASSIFIER else "digits", digits)
        if self.task == CLASSIFIER:
            dist = sum_distribution(
                np.array(digits[0].probabilities), np.array(digits[1].probabilities)
            )
            total = digits[0].digit + digits[1].digit  # consistent with the two digits shown
            return SumResult(total, [float(v) for v in dist], "digits", digits)
        adder_digits = None
        if self.task == TRANSFER:  # its classifier has just read both digits: reuse its logits
            sum_logits = self.model.sum_logits(digit_logits[None])
        elif self.adder_reads_digits:
            pair = torch.stack([p.tensor for p in prepared])[None].to(self.device)  # (1,2,1,28,28)
            own_logits = self.model.digit_logits(pair)
            sum_logits = self.model.sum_logits(own_logits)
            own = own_logits[0].float().softmax(-1).cpu().numpy()
            adder_digits = tuple(
                DigitResult(int(d.argmax()), [float(v) for v in d], p.image28)
                for d, p in zip(own, prepared, strict=True)
            )
        else:
            pair = torch.stack([p.tensor for p in prepared])[None].to(self.device)  # (1,2,1,28,28)
            sum_logits = self.model(pair)
        dist = sum_logits.float().softmax(1)[0].cpu().numpy()
        return SumResult(
            int(dist.argmax()), [float(v) for v in dist], "adder", digits, adder_digits
        )
