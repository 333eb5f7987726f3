"""The Predictor: one loaded model on one device, reading the numbers drawn in two boxes and
adding them.

It reads typed values (``mnist_desk.imaging.drawn``: ``Blank``, ``Strokes``, ``Picture``):
``recognition.numbers`` cuts each into candidate digits drawn the MNIST way, the digit model reads
every candidate of both boxes in one batch (its temperature applied, so the probabilities shown
are calibrated where the checkpoint has one), a ``Judge`` says which are not digits at all, and
each box keeps the split the model reads best. The sum is the two numbers added by the model in
use: a classifier's numbers added, or an adder's columns with carries (``long_addition``). This
is the one path from a drawing to answers; the window and ``predict`` both use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from torch import nn

from mnist_desk.imaging.drawn import Blank, Drawn, Picture, Strokes
from mnist_desk.imaging.field import Preprocessed
from mnist_desk.imaging.outlines import filled_outline
from mnist_desk.imaging.pictures import preprocess
from mnist_desk.imaging.strokes import render_strokes
from mnist_desk.models import CLASSIFIER, SCRATCH, TRANSFER, reads_digits
from mnist_desk.models.reading import reading_copy
from mnist_desk.recognition import adder_columns, long_addition
from mnist_desk.recognition.chosen import chosen_strokes
from mnist_desk.recognition.doubt import DigitJudge, gate_path, judge_size
from mnist_desk.recognition.joined import joined_verdicts
from mnist_desk.recognition.numbers import choose, segment
from mnist_desk.recognition.results import DigitResult, NumberResult, SumResult
from mnist_desk.store.catalog import default_classifier_path, resolve_model
from mnist_desk.store.checkpoints import Checkpoint, load_checkpoint
from mnist_desk.support.acceleration import autocast, choose_precision
from mnist_desk.support.devices import resolve_device

__all__ = ["DigitResult", "NumberResult", "Predictor", "SumResult", "model_input"]


def model_input(drawn: Drawn) -> Preprocessed:
    """What the model sees of ``drawn`` read as one digit: strokes redrawn MNIST's way (whatever
    the pen and the widget), a picture by its pixels (polarity detected, 20x20 box, centred by
    mass), nothing for a blank."""
    if isinstance(drawn, Strokes):
        return render_strokes(drawn.paths())
    if isinstance(drawn, Picture):
        return preprocess(drawn.pixels())
    assert isinstance(drawn, Blank), drawn
    return Preprocessed(None, None)


class Verdict(Protocol):
    """A judge's answer for one input (``recognition.doubt.Verdict`` has this shape)."""

    is_digit: bool
    reason: str | None


class Judge(Protocol):
    """Says which model inputs are not digits at all: ``inputs`` (N, 1, 28, 28) normalised,
    ``logits`` (N, 10) the digit model's, calibrated."""

    def judge(self, inputs: torch.Tensor, logits: torch.Tensor) -> Sequence[Verdict]: ...


class _Accepted:
    is_digit, reason = True, None


class TrustEveryReading:
    """A judge that takes every input for a digit: the judge until a digit gate is shipped."""

    def judge(self, inputs: torch.Tensor, logits: torch.Tensor) -> Sequence[Verdict]:
        return [_Accepted()] * len(inputs)


class Predictor:
    """Holds a model (classifier, transfer adder or scratch adder) and the classifier that reads
    digits, and the judge that says what is not a digit."""

    def __init__(
        self,
        checkpoint: Checkpoint,
        device: str | torch.device = "cpu",
        digit_checkpoint: Checkpoint | None = None,
        judge: Judge | None = None,
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
        # What reads the drawings: the digit model, laid out for a few inputs at a time.
        self.digit_reader = reading_copy(self.digit_model)
        # The scratch adder that learned digits from sums reads them too (shown beside the above),
        # with its own classifier, laid out the same way.
        self.adder_reads_digits = self.task == SCRATCH and reads_digits(self.model)
        self.adder_digit_reader = (
            reading_copy(self.model.classifier) if self.adder_reads_digits else None
        )
        # ... in the precision it was trained in (``--amp``: bfloat16 where the device runs it
        # natively, else float32; ``support.acceleration``). With native bf16 (1 thread, AVX512):
        # two digits 0.72x the time, six 0.57x; the same answer on all 10,000 MNIST test digits.
        trained_amp = bool((checkpoint.meta.get("settings") or {}).get("amp"))
        self.adder_precision = choose_precision(self.device, trained_amp)
        # Logits are divided by these before the softmax, so the probabilities shown are
        # calibrated (fitted on MNIST's validation split when the model was trained; 1: as is).
        self.temperature = float(self.digit_checkpoint.meta.get("temperature") or 1.0)
        self.sum_temperature = float(checkpoint.meta.get("sum_temperature") or 1.0)
        # What says a candidate digit is not a digit at all: the shipped digit gate, once there
        # is one (without it, every reading is taken as before: no interim rule changes the
        # figures recorded for the shipped models).
        if judge is None:
            judge = DigitJudge.load(self.device) if gate_path().is_file() else TrustEveryReading()
        self.judge: Judge = judge

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

    # ---- reading ------------------------------------------------------------------------

    @torch.inference_mode()
    def _read(self, inputs: list[Preprocessed]) -> tuple[torch.Tensor, torch.Tensor, list]:
        """One batch through the digit model: the inputs (N, 1, 28, 28), the raw logits (N, 10),
        and the judge's verdicts (on the calibrated logits)."""
        if not inputs:
            return torch.zeros(0, 1, 28, 28), torch.zeros(0, 10), []
        batch = torch.stack([p.tensor for p in inputs]).to(self.device)
        logits = self.digit_reader(batch).float()
        return batch, logits, list(self.judge.judge(batch, logits / self.temperature))

    def _probabilities(self, logits: torch.Tensor) -> np.ndarray:
        """(N, 10) calibrated probabilities of a batch's logits, row by row as of each alone."""
        return (logits / self.temperature).softmax(-1).cpu().numpy()

    @staticmethod
    def _digit(prepared: Preprocessed, probabilities: np.ndarray, verdict: Verdict) -> DigitResult:
        values = probabilities.tolist()
        if not verdict.is_digit:
            return DigitResult(None, values, prepared.image28, verdict.reason or "not a digit")
        return DigitResult(int(probabilities.argmax()), values, prepared.image28)

    def predict_digits(self, drawings: list[Drawn]) -> list[DigitResult]:
        """Each drawing read as one digit; a blank one gives a blank result, never a guess."""
        prepared = [model_input(d) for d in drawings]
        inked = [p for p in prepared if not p.blank]
        _, logits, verdicts = self._read(inked)
        answers = iter(zip(inked, self._probabilities(logits), verdicts, strict=True))
        return [
            DigitResult(None, None) if p.blank else self._digit(*next(answers)) for p in prepared
        ]

    def predict_numbers(self, drawings: Sequence[Drawn]) -> list[NumberResult]:
        """The number written in each drawing (every candidate digit of all of them read in one
        batch); a blank drawing gives a blank number."""
        return self._read_numbers(drawings)[0]

    @torch.inference_mode()
    def _read_numbers(self, drawings: Sequence[Drawn]):
        """The numbers, each one's chosen candidates (indices into the batch), the batch of
        model inputs and the digit model's raw logits."""
        cuts = [segment(d) for d in drawings]
        inputs = [c.input for cut in cuts for c in cut.candidates]
        batch, logits, verdicts = self._read(inputs)
        kinds = [c.gate_counts for cut in cuts for c in cut.candidates]
        confidence = self._scores(logits, verdicts, kinds)
        probabilities = self._probabilities(logits)
        numbers, chosen, start = [], [], 0
        for cut, drawn in zip(cuts, drawings, strict=True):
            end = start + len(cut.candidates)
            way = [start + i for i in choose(cut, confidence[start:end])]
            chosen.append(way)
            shapes = chosen_strokes(drawn, cut, [i - start for i in way])
            if shapes is not None:
                read = (inputs, batch, logits, probabilities, verdicts)
                self._outlines_filled(way, shapes, read, confidence)
            said = self._number_verdicts(
                drawn, cut, [i - start for i in way], verdicts[start:end], shapes
            )
            numbers.append(
                NumberResult(
                    tuple(
                        self._digit(inputs[i], probabilities[i], v)
                        for i, v in zip(way, said, strict=True)
                    ),
                    tuple(cut.candidates[i - start].key for i in way),
                )
            )
            start = end
        return numbers, chosen, batch, logits

    def _scores(self, logits: torch.Tensor, verdicts: list, counts: list[bool]) -> list[float]:
        """What a split is chosen by, per input: the calibrated log-probability of the model's
        answer, plus, once there is a gate, how digit-like it finds the input where that
        ``counts`` (``_digit_likeness``)."""
        scores = (logits / self.temperature).log_softmax(-1).amax(-1).cpu().tolist()
        if getattr(self.judge, "gate", None) is None:
            return scores
        return [
            s + _digit_likeness(getattr(v, "score", 1.0), c, self.judge)
            for s, v, c in zip(scores, verdicts, counts, strict=True)
        ]

    def _outlines_filled(self, way: list[int], shapes: list, read: tuple, confidence: list):
        """Each chosen digit (``way``: batch indices) drawn as its outline (``shapes``) is read
        a second time filled (``imaging.outlines``), and where that reading scores higher (the
        score the split is chosen by), it replaces the first in ``read`` (inputs, batch,
        logits, probabilities, verdicts): a hollow 3's two sides read as an 8, the 3 filled as a
        3. Development outlines (scripts/bold-dev.py): docs/lab/recognition-experiments.md."""
        outlined = [(i, s) for i, s in zip(way, shapes, strict=True) if s.doubled]
        if not outlined:
            return
        inputs, batch, logits, probabilities, verdicts = read
        views = [filled_outline(s.paths) for _, s in outlined]
        kept = [(i, v) for (i, _), v in zip(outlined, views, strict=True) if not v.blank]
        if not kept:
            return
        filled_batch, filled_logits, filled_verdicts = self._read([v for _, v in kept])
        scores = self._scores(filled_logits, filled_verdicts, [True] * len(kept))
        for k, (i, view) in enumerate(kept):
            if scores[k] > confidence[i]:
                inputs[i], batch[i], logits[i] = view, filled_batch[k], filled_logits[k]
                probabilities[i] = self._probabilities(filled_logits[k : k + 1])[0]
                verdicts[i] = filled_verdicts[k]

    def _number_verdicts(self, drawn: Drawn, cut, way: list[int], verdicts: list, shapes) -> list:
        """The chosen digits' verdicts (``way`` indexes the candidates of ``cut``), judged
        together where the judge can. Drawn strokes by every rule of ``judge_number``; a
        picture's digits (blobs, no strokes) by their heights and their gate scores, whose
        product must reach what one digit's must (the gate's own threshold): a letter cut into
        blobs that each pass is no number. A picture's ink far too small for a digit is none
        (``judge_size``)."""
        chosen = [judge_size(verdicts[i], cut.candidates[i].side) for i in way]
        together = getattr(self.judge, "judge_number", None)
        if together is None:
            return chosen
        if shapes is None:
            heights = [cut.layout.run_box(*cut.candidates[i].run).height for i in way]
            threshold = getattr(self.judge, "gate_threshold", None)
            return together(chosen, heights=heights, threshold=threshold)
        heights = [s.height for s in shapes]
        strokes = [s.paths for s in shapes]
        joined = joined_verdicts(strokes, cut, way, verdicts)
        return together(chosen, [s.shape for s in shapes], heights, joined)

    @torch.inference_mode()
    def predict_sum(self, first: Drawn, second: Drawn) -> SumResult:
        """Both boxes' numbers and their sum: every candidate digit of both boxes in one batch,
        each box split the way the model reads best, then added as the model in use adds."""
        numbers, chosen, batch, logits = self._read_numbers((first, second))
        pair = (numbers[0], numbers[1])
        source = "digits" if self.task == CLASSIFIER else "adder"
        if any(n.value is None for n in pair):
            return SumResult(None, None, source, pair)
        if self.task == CLASSIFIER:
            columns = [
                long_addition.sum_distribution(a, b)
                for a, b in long_addition.digit_columns(
                    *([np.array(d.probabilities) for d in n.digits] for n in pair)
                )
            ]
            total = pair[0].value + pair[1].value  # consistent with the two numbers shown
            return self._summed(total, columns, source, pair)
        a, b = chosen
        return self._added_by_adder(batch[a], batch[b], logits[a], logits[b], pair)

    def _added_by_adder(self, first, second, first_logits, second_logits, pair) -> SumResult:
        """Long addition by the adder (``adder_columns``): each column's two digits go to it,
        read by its own classifier where it has one that learned digits from sums."""
        adder_numbers = None
        if self.adder_reads_digits:
            with autocast(self.device, self.adder_precision):
                both = self.adder_digit_reader(torch.cat((first, second))).float()
            first_logits, second_logits = both[: len(first)], both[len(first) :]
            adder_numbers = tuple(
                NumberResult(tuple(adder_columns.plain_digit(v) for v in own), n.pieces)
                for own, n in zip((first_logits, second_logits), pair, strict=True)
            )
        if self.task == TRANSFER or self.adder_reads_digits:
            sums = adder_columns.sums_from_digits(self.model, first_logits, second_logits)
        else:
            sums = adder_columns.sums_from_images(self.model, first, second)
        columns = list((sums.float() / self.sum_temperature).softmax(1).cpu().numpy())
        total = long_addition.most_likely_total(columns)
        return self._summed(total, columns, "adder", pair, adder_numbers)

    @staticmethod
    def _summed(total, columns, source, pair, adder_numbers=None) -> SumResult:
        single = len(columns) == 1
        return SumResult(
            total,
            [float(v) for v in columns[0]] if single else None,
            source,
            pair,
            long_addition.total_probability(columns, total),
            adder_numbers,
        )


def _digit_likeness(score: float, counts: bool, judge: Judge) -> float:
    """What the gate's probability that a candidate is a digit adds to its reading, in nats.

    Where it ``counts`` (candidates made of whole strokes or whole blobs of ink): log p(a digit),
    so a candidate scores log p(its answer | a digit) + log p(a digit). Two digits taken together
    often read as one confident digit (a 1 overlapping a 7 reads as an 8) but look unlike any
    digit to the gate: on the drawn numbers of development seeds 1000-1002 this took the merges
    from 27 to 4 of 900 pairs (docs/recognition.md). Not for a slice of a picture's blob: a cut
    edge looks unlike a digit (the slices of two touching test digits scored lower than the
    blob read whole as an 8), so there it counts only below the gate's threshold."""
    if counts:
        return math.log(max(score, 1e-6))
    floor = max(float(getattr(judge, "gate_threshold", 0.0)), 1e-6)
    return math.log(max(min(score, floor), 1e-6) / floor)
