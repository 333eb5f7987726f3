""" "Not a digit": whether what a model was shown is a digit at all, and if not, why.

A classifier always answers one of ten digits, and its own probabilities cannot tell a letter
from a digit (a capital A reads as a 4 at 99.9%). The ``DigitJudge`` adds that missing answer
for every model: a small shared network, the digit gate (``mnist_desk.models.gate``), reads the
same 28x28 input and names what it sees, and a drawing the model in use reads with too little
(calibrated) confidence is doubted too. Its thresholds were chosen on MNIST's validation split
by ``mnist-desk train-gate`` and are stored with the gate's weights; docs/recognition.md says how
they were measured.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from mnist_desk.models import QT_TRANSLATE_NOOP
from mnist_desk.models.gate import NON_DIGIT_KINDS, DigitGate
from mnist_desk.models.reading import reading_copy
from mnist_desk.recognition.scribble import StrokeShape
from mnist_desk.store.checkpoints import CheckpointError, load_checkpoint
from mnist_desk.support.config import shipped_weights_dir

REASONS_CONTEXT = "Doubt"  # the views translate a reason with tr(REASONS_CONTEXT, reason)
# Why a drawing is not read as a digit, one short phrase per gate kind (and for low confidence).
REASONS = {
    "letter": QT_TRANSLATE_NOOP("Doubt", "looks like a letter"),
    "symbol": QT_TRANSLATE_NOOP("Doubt", "looks like a symbol or a shape"),
    "scribble": QT_TRANSLATE_NOOP("Doubt", "looks like a scribble"),
    "crossed-out": QT_TRANSLATE_NOOP("Doubt", "looks crossed out or overdrawn"),
    "unsure": QT_TRANSLATE_NOOP("Doubt", "too unlike any digit"),
    "small": QT_TRANSLATE_NOOP("Doubt", "too small to read"),
    "other": QT_TRANSLATE_NOOP("Doubt", "not a digit"),  # what the views say without a reason
}
# Without a gate, or where its stored thresholds are missing: doubt only a very unsure reading.
DEFAULT_MIN_CONFIDENCE = 0.5
# A digit of a number that fails together with this gate score or less is shown as not a digit.
DOUBTFUL = 0.5
# What the gate's probabilities that all of a drawn number's digits are digits must reach
# together (``judge_number``; None: the gate's own threshold). Set on development drawings
# (scripts/judge-dev.py, seed 5100): the 0.5% quantile of the numbers and single digits written
# with MNIST validation digits that are read right digit by digit (end to end it turns away
# 0.61% of those numbers and 0.27% of those digits).
NUMBER_THRESHOLD: float | None = 0.033
# A digit of a number less tall than this share of its tallest digit is not read as one (an
# h's arch beside its stem): no development number read right had one under 0.73.
MIN_HEIGHT_SHARE = 0.5
# Two neighbouring digits whose strokes touch, read as one, that the gate finds a letter with
# more than this probability are a letter's pieces (an h's stem and arch read as 17, an H as
# 14). Set on development drawings (scripts/judge-dev.py, seed 5100; held on seed 5101).
JOINED_LETTER = 0.5
# Strokes this share of the line's height apart, or nearer, touch.
TOUCH_REACH = 0.02
# A picture's ink whose larger side spans fewer of its pixels than this is too small to be a
# digit: the smallest legible digits (3x5-pixel fonts) span 5, MNIST's 19 to 20. Scaled up into
# MNIST's 20 px box, a speck becomes a square the gate calls crossed out or a scribble.
MIN_INK_SIDE = 5


def gate_path() -> Path:
    """The shipped digit gate (beside the models, in its own folder: it is not a model to pick)."""
    return shipped_weights_dir() / "judge" / "digit-gate.pt"


@dataclass(frozen=True)
class Verdict:
    """Whether one input is a digit; ``reason`` says why not (None for a digit).

    ``score`` is how digit-like it looks, 0..1: the gate's probability that it is a digit
    (without a gate, the model's own top probability)."""

    is_digit: bool
    reason: str | None
    score: float
    # The reason it would be given were it judged no digit (the gate's likeliest non-digit kind).
    kind_reason: str | None = None
    # The gate's probability that it is a letter (0 without a gate).
    letter: float = 0.0


class DigitJudge:
    """Judges a batch of model inputs: a digit, or not one and why.

    An input is not a digit when the gate's probability that it is one is below
    ``gate_threshold`` (the reason is the non-digit kind the gate finds likeliest), or when the
    model in use gives its top digit less than ``min_confidence`` ("too unlike any digit")."""

    def __init__(
        self,
        gate: nn.Module | None = None,
        device: str | torch.device = "cpu",
        *,
        gate_threshold: float = 0.5,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        number_threshold: float | None = None,
    ):
        self.device = torch.device(device)
        # A copy laid out for reading (``models.reading``): the gate given is left as it is.
        self.gate = None if gate is None else reading_copy(gate.to(self.device))
        self.gate_threshold = gate_threshold
        self.min_confidence = min_confidence
        # What a drawn number's digits must pass together (``judge_number``; None: the same).
        self.number_threshold = gate_threshold if number_threshold is None else number_threshold

    @classmethod
    def load(cls, device: str | torch.device = "cpu", path: str | Path | None = None) -> DigitJudge:
        """The shipped judge (or the gate at ``path``) with the thresholds stored beside it.

        Without a gate file the judge doubts only unsure readings; a damaged one raises a
        CheckpointError naming the file."""
        path = Path(path) if path is not None else gate_path()
        if not path.is_file():
            return cls(None, device)
        checkpoint = load_checkpoint(path)
        gate = DigitGate(**checkpoint.model_kwargs)
        try:
            gate.load_state_dict(checkpoint.state_dict, strict=True)
        except RuntimeError as e:
            raise CheckpointError(f"{path}: its weights do not fit the digit gate: {e}") from e
        rule = checkpoint.meta.get("judge") or {}
        return cls(
            gate,
            device,
            gate_threshold=float(rule.get("gate_threshold", 0.5)),
            # With a gate, only the gate says "not a digit" unless its file asks for more: the
            # model's own doubt would turn away digits the weaker models read right (lenet5's
            # drawn digits 94.17% -> 93.50%) and change every recorded figure.
            min_confidence=float(rule.get("min_confidence", 0.0)),
            number_threshold=rule.get("number_threshold", NUMBER_THRESHOLD),
        )

    @torch.inference_mode()
    def judge(self, inputs: torch.Tensor, logits: torch.Tensor) -> list[Verdict]:
        """One Verdict per input.

        ``inputs``: (N, 1, 28, 28), normalised like training (``Preprocessed.tensor``);
        ``logits``: (N, 10), the digit logits of the model in use, calibrated as the Predictor
        shows them (its temperature applied)."""
        if inputs.ndim != 4 or inputs.shape[1:] != (1, 28, 28):
            raise ValueError(f"inputs must be (N, 1, 28, 28), not {tuple(inputs.shape)}")
        if logits.ndim != 2 or logits.shape != (inputs.shape[0], 10):
            raise ValueError(f"logits must be ({inputs.shape[0]}, 10), not {tuple(logits.shape)}")
        if inputs.shape[0] == 0:
            return []
        confidence = logits.float().softmax(1).amax(1).cpu()
        if self.gate is None:
            digit_p, kinds, letter = confidence, None, torch.zeros_like(confidence)
        else:
            p = self.gate(inputs.to(self.device, torch.float32)).float().softmax(1).cpu()
            digits = self.gate.digit_outputs
            digit_p, kinds = p[:, :digits].sum(1), p[:, digits:].argmax(1)
            letter = p[:, digits + NON_DIGIT_KINDS.index("letter")]
        verdicts = []
        digit_p, letter = digit_p.tolist(), letter.tolist()  # floats, read once
        kinds = None if kinds is None else kinds.tolist()
        for i, top in enumerate(confidence.tolist()):
            score, is_letter = digit_p[i], letter[i]
            kind = None if kinds is None else REASONS[NON_DIGIT_KINDS[kinds[i]]]
            if kind is not None and score < self.gate_threshold:
                verdicts.append(Verdict(False, kind, score, kind, is_letter))
            elif top < self.min_confidence:
                verdicts.append(Verdict(False, REASONS["unsure"], score, kind, is_letter))
            else:
                verdicts.append(Verdict(True, None, score, kind, is_letter))
        return verdicts

    def judge_number(
        self,
        verdicts: Sequence[Verdict],
        shapes: Sequence[StrokeShape] | None = None,
        heights: Sequence[float] | None = None,
        joined: Sequence[Verdict | None] | None = None,
        threshold: float | None = None,
    ) -> list[Verdict]:
        """The verdicts on the digits of one number, judged together.

        A digit whose strokes are a scribble's (``shapes``, ``recognition.scribble``) is not a
        digit. The number is read when the gate's probability that all its digits are digits
        (the product of theirs) passes ``threshold`` (None: ``number_threshold``, set for
        drawn strokes); otherwise its least digit-like
        digits are shown as not digits (each one the gate doubts, under DOUBTFUL, and at least
        the least digit-like). A digit of several less tall than MIN_HEIGHT_SHARE of the
        tallest (``heights``) is not one either, nor are two neighbours whose strokes touch
        and that, read as one (``joined``: per gap between neighbours, that verdict where they
        touch, else None), the gate finds a letter (over JOINED_LETTER). A letter cut into
        pieces that each pass alone (an h read as 17, an m as 177, a row of dots as 11111)
        seldom passes together; a digit drawn as its outline (``StrokeShape.doubled``) that
        passes alone does not count in the product. All were measured on development drawings
        (docs/lab/recognition-experiments.md, ``scripts/judge-dev.py``, ``scripts/bold-dev.py``)."""
        said = list(verdicts)
        if self.gate is None or not said:
            return said
        for i, shape in enumerate(shapes or ()):
            if shape.scribbled and said[i].is_digit:
                said[i] = _turned_away(said[i], REASONS["scribble"])
        tallest = max(heights or (0.0,))
        for i, height in enumerate(heights or ()):
            if MIN_HEIGHT_SHARE and len(said) > 1 and height < MIN_HEIGHT_SHARE * tallest:
                said[i] = _turned_away(said[i])
        for i, whole in enumerate(joined or ()):
            if whole is not None and whole.letter > JOINED_LETTER:
                said[i : i + 2] = [_turned_away(v, REASONS["letter"]) for v in said[i : i + 2]]
        if not all(v.is_digit for v in said):
            return said
        # A digit drawn as its outline (a doubled line) that passes the gate alone is not held
        # against its number: the gate learned digits drawn with one line, and finds outlines
        # less digit-like than letters cut into pieces are.
        threshold = self.number_threshold if threshold is None else threshold
        scores = [v.score for v in said]
        if math.prod(scores) >= threshold:
            return said
        outlined = [i < len(shapes or ()) and shapes[i].doubled for i in range(len(said))]
        scores = [1.0 if o else v for v, o in zip(scores, outlined, strict=True)]
        if math.prod(scores) >= threshold:
            return said
        least = min(range(len(said)), key=lambda i: scores[i])
        return [
            _turned_away(v) if i == least or scores[i] < DOUBTFUL else v for i, v in enumerate(said)
        ]


def judge_size(verdict: Verdict, side: float | None) -> Verdict:
    """``verdict``, or no digit, "too small to read", where a picture's ink spans fewer than
    MIN_INK_SIDE pixels (``side``: its larger side in the picture's pixels; None for strokes)."""
    if side is None or side >= MIN_INK_SIDE:
        return verdict
    score, letter = getattr(verdict, "score", 0.0), getattr(verdict, "letter", 0.0)
    return Verdict(False, REASONS["small"], score, getattr(verdict, "kind_reason", None), letter)


def _turned_away(verdict: Verdict, reason: str | None = None) -> Verdict:
    """``verdict`` judged no digit after all: for ``reason``, else the gate's likeliest kind."""
    why = reason or verdict.kind_reason or REASONS["other"]
    return Verdict(False, why, verdict.score, verdict.kind_reason, verdict.letter)
