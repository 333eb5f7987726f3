"""Training the digit gate (``models.gate.DigitGate``), and choosing its thresholds on validation.

The gate learns which digit a drawing is or which of four kinds of the project's own procedural
non-digits it is (its sets: ``training.gate_data``). Its "not a digit" threshold is then set on
MNIST's validation split alone, so that it turns away at most ``reject_share`` of those digits,
and ``redrawn_reject_share`` of the same digits redrawn; the evaluation sets are never looked at
(they cannot be: training may not import ``mnist_desk.evaluation``).

Its steps are the one step loop's (``training.steps.StepLoop``, driving ``GateSteps``): pause,
cancel, divergence, step/validation/epoch events and the history are every run's. It is not a
``Trainer`` run: the gate is not a model of the zoo (no task, no MNIST test report, not offered
in the window) and keeps its last weights, not the best validated. The seeded generator is drawn
from in the order the gate's former loop of its own drew (each epoch's order, then each batch's
augmentation), so a seed still gives the same batches, updates and weights
(``tests/test_gate.py`` runs that loop, written out, beside ``fit_gate``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from mnist_desk.data import mnist as mdata
from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.errors import SettingsError
from mnist_desk.models.gate import NON_DIGIT_KINDS, DigitGate
from mnist_desk.store.checkpoints import (
    load_checkpoint,
    make_meta,
    save_checkpoint,
    write_metrics_file,
)
from mnist_desk.store.history import History, write_history
from mnist_desk.support.acceleration import uncompiled_optimizer
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.evaluation import predict_logits
from mnist_desk.training.events import (
    EpochEvent,
    EvalEvent,
    Event,
    StepEvent,
    TrainingCancelled,
)
from mnist_desk.training.gate_data import (
    DIGITS,
    GateData,
    GateSettings,
    gate_data,
    gate_targets,
    validation_sets,
)
from mnist_desk.training.steps import LoopPlan, StepLoop, seeded_torch_rng, take_step


@torch.no_grad()
def digit_probability(gate: DigitGate, images: torch.Tensor, batch: int = 512) -> torch.Tensor:
    """The gate's probability that each image is a digit."""
    gate.eval()
    parts = [gate.judge(images[i : i + batch])[0] for i in range(0, len(images), batch)]
    return torch.cat(parts) if parts else torch.empty(0)


def choose_threshold(val_scores: list[torch.Tensor], reject_share: float | list[float]) -> float:
    """The highest threshold that turns away at most ``reject_share`` of each validation set
    (one share for all, or one each; a linearly interpolated quantile: on a small set, one
    input more than that share at most)."""
    shares = reject_share if isinstance(reject_share, list) else [reject_share] * len(val_scores)
    return min(
        float(torch.quantile(v.double(), share))
        for v, share in zip(val_scores, shares, strict=True)
    )


# The drawn-digit augmentation the gate trains with.
_SHAPES = DrawnAugment(degrees=12.0, translate=0.08, scale=0.12)


@dataclass
class GateSteps:
    """A gate's run as the one step loop drives it (``training.steps.Learner``): shuffled
    batches of the gate's training set, augmented as drawn digits vary, from one seeded
    generator; validation scores how often the validation non-digits are misjudged."""

    gate: DigitGate
    optimizer: torch.optim.Optimizer
    schedule: torch.optim.lr_scheduler.LRScheduler
    train: tuple[torch.Tensor, torch.Tensor]  # images, targets for the gate's outputs
    val_negatives: tuple[torch.Tensor, torch.Tensor]  # images, targets (DIGITS + kind)
    batch_size: int
    generator: torch.Generator

    def batches(self):
        images, labels = self.train
        self.gate.train()
        # The epoch's order, then each batch's augmentation: the draws the shipped gate took.
        for idx in mdata.iterate_batches(
            len(labels), self.batch_size, shuffle=True, generator=self.generator
        ):
            yield drawn_augment(images[idx], self.generator, _SHAPES), labels[idx]

    def loss(self, inputs, labels):
        logits = self.gate(inputs)
        return F.cross_entropy(logits, labels), logits, {}

    def update(self, loss: torch.Tensor) -> None:
        take_step(loss, self.optimizer, self.schedule)

    def learning_rate(self) -> float:
        return self.optimizer.param_groups[0]["lr"]

    def validate(self, should_stop: Callable[[], bool] | None) -> tuple[float, float]:
        images, targets = self.val_negatives
        logits = _logits(self.gate, images, should_stop)
        outputs = self.gate.digit_outputs
        loss = F.cross_entropy(logits, gate_targets(targets, outputs)).item()
        return loss, _kind_error(logits, targets, outputs)

    def keep_best(self) -> None:
        """Nothing to keep: the gate's recipe keeps its last weights."""


@dataclass
class FittedGate:
    gate: DigitGate
    metrics: dict[str, Any]
    history: History  # the step loop's: training points, one validation an epoch


def fit_gate(
    data: GateData,
    settings: GateSettings,
    log: Callable[[str], None] = print,
    controls: RunSwitches | None = None,
    emit: Callable[[Event], None] | None = None,
) -> FittedGate:
    """Train a gate on ``data`` in the one step loop (``controls`` pause and cancel it, ``emit``
    gets its events) and choose its threshold on its validation sets. Raises
    ``TrainingCancelled`` if cancelled and ``SettingsError`` if the loss diverged."""
    s = settings
    began = time.perf_counter()
    labels = gate_targets(data.train[1], s.digit_outputs)
    per_epoch = -(-len(labels) // s.batch_size)
    plan = LoopPlan(
        total_steps=s.epochs * per_epoch,
        steps_per_epoch=per_epoch,
        eval_every=per_epoch,  # the validation non-digits at each epoch's end
        divergence_hint="Try a lower --lr.",
    )
    history: History = {"train": [], "val": []}
    cpu = torch.device("cpu")
    with seeded_torch_rng(s.seed, cpu):  # the initial weights (nothing else draws from it)
        gate = DigitGate(width=s.width, digit_outputs=s.digit_outputs)
        if s.init_from:
            start_from_classifier(gate, s.init_from)
        adamw = uncompiled_optimizer(torch.optim.AdamW)
        optimizer = adamw(gate.parameters(), lr=s.lr, weight_decay=s.weight_decay)
        steps = GateSteps(
            gate,
            optimizer,
            torch.optim.lr_scheduler.OneCycleLR(optimizer, s.lr, total_steps=plan.total_steps),
            (data.train[0], labels),
            data.val_negatives,
            s.batch_size,
            torch.Generator().manual_seed(s.seed),
        )
        report = _epoch_lines(log, s.epochs)
        events = report if emit is None else lambda e: (report(e), emit(e))
        loop = StepLoop(steps, plan, controls or RunSwitches(), events, history, started=began)
        loop.run()
    if loop.status == "stopped":
        raise TrainingCancelled(loop.message)
    if loop.status != "completed":
        raise SettingsError(loop.message)
    metrics = {
        **threshold_metrics(gate, data, s),
        "train_examples": len(labels),
        "fit_time_s": round(time.perf_counter() - began - loop.paused, 1),  # the threshold's too
    }
    log(f"threshold {metrics['gate_threshold']:.4g}: {metrics['validation']}")
    return FittedGate(gate, metrics, history)


def _epoch_lines(log: Callable[[str], None], epochs: int) -> Callable[[Event], None]:
    """The step loop's events as the gate's terminal lines: at each epoch's end, its mean
    training loss and how many validation non-digits were misjudged."""
    total, seen, images_seen, misjudged = 0.0, 0, 0, math.nan

    def report(event: Event) -> None:
        nonlocal total, seen, images_seen, misjudged
        if isinstance(event, StepEvent):
            batch, images_seen = event.images_seen - images_seen, event.images_seen
            total, seen = total + event.loss * batch, seen + batch
        elif isinstance(event, EvalEvent):
            misjudged = event.val_error
        elif isinstance(event, EpochEvent):
            log(
                f"epoch {event.epoch}/{epochs}: loss {total / max(seen, 1):.4f}, validation "
                f"non-digits misjudged {misjudged:.2%} ({event.elapsed:.0f} s)"
            )
            total, seen = 0.0, 0

    return report


def threshold_metrics(gate: DigitGate, data: GateData, s: GateSettings) -> dict[str, Any]:
    """The gate's threshold chosen on the validation digits (``s.reject_share`` of MNIST's,
    ``s.redrawn_reject_share`` of the redrawn ones), and what it turns away there."""
    on_digits = digit_probability(gate, data.val_digits)
    on_redrawn = digit_probability(gate, data.val_redrawn)
    redrawn_share = s.reject_share if s.redrawn_reject_share is None else s.redrawn_reject_share
    threshold = choose_threshold([on_digits, on_redrawn], [s.reject_share, redrawn_share])
    on_negatives = digit_probability(gate, data.val_negatives[0])
    return {
        "gate_threshold": threshold,
        "validation": {
            "mnist_digits_rejected": float((on_digits < threshold).float().mean()),
            "redrawn_digits_rejected": float((on_redrawn < threshold).float().mean()),
            "negatives_rejected": float((on_negatives < threshold).float().mean()),
            "negative_kind_error": _kind_error(
                _logits(gate, data.val_negatives[0]), data.val_negatives[1], gate.digit_outputs
            ),
            "digits": len(on_digits),
            "negatives": len(on_negatives),
        },
    }


def rethreshold_gate(
    path: str | Path,
    splits: mdata.MnistSplits,
    reject_share: float,
    redrawn_reject_share: float | None,
    command: str,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Choose a saved gate's threshold again on its own validation sets (the same seeds as its
    training drew) with other shares, and save it back in place (its weights unchanged), with
    its metrics file; returns the new threshold metrics."""
    checkpoint = load_checkpoint(path)
    gate = DigitGate(**checkpoint.model_kwargs)
    gate.load_state_dict(checkpoint.state_dict, strict=True)
    known = {f.name for f in fields(GateSettings)}
    settings = GateSettings(**{k: v for k, v in checkpoint.meta["settings"].items() if k in known})
    settings.reject_share, settings.redrawn_reject_share = reject_share, redrawn_reject_share
    data = GateData((torch.empty(0), torch.empty(0)), *validation_sets(splits, settings))
    chosen = threshold_metrics(gate, data, settings)
    log(f"threshold {chosen['gate_threshold']:.4g}: {chosen['validation']}")
    meta = dict(checkpoint.meta)
    meta["metrics"] = {**meta["metrics"], **chosen}
    meta["settings"] = asdict(settings)
    meta["judge"] = {**meta.get("judge", {}), "gate_threshold": chosen["gate_threshold"]}
    meta["threshold_command"] = command
    save_checkpoint(path, gate, meta)
    write_metrics_file(path, meta)
    return chosen


def start_from_classifier(gate: DigitGate, path: str | Path) -> None:
    """Start ``gate`` from a ConvNet classifier of its width: the same trunk, and its 10 digit
    outputs (the non-digit outputs start fresh). A gate that already reads digits well only has
    to learn what is not one."""
    checkpoint = load_checkpoint(path)
    model = checkpoint.build()
    trunk = getattr(getattr(model, "features", None), "net", None)
    if checkpoint.task != "classifier" or trunk is None:
        raise SettingsError(f"{path}: the gate starts from a ConvNet classifier, not this one")
    try:
        gate.features.load_state_dict(trunk.state_dict())
    except RuntimeError as e:
        raise SettingsError(f"{path}: its trunk does not fit a gate of this width: {e}") from e
    if gate.digit_outputs == DIGITS:
        classifier_head = model.head[-1]
        with torch.no_grad():
            gate.head.weight[:DIGITS] = classifier_head.weight
            gate.head.bias[:DIGITS] = classifier_head.bias


def train_gate(
    settings: GateSettings,
    splits: mdata.MnistSplits,
    output: str | Path | None = None,
    log: Callable[[str], None] = print,
    extra_meta: dict[str, Any] | None = None,
    controls: RunSwitches | None = None,
    emit: Callable[[Event], None] | None = None,
) -> dict[str, Any]:
    """Draw the gate's data, train it (``fit_gate``), choose its threshold on validation, and
    save it (when ``output`` is given) with its metrics and history files beside it; returns
    the metrics."""
    began = time.perf_counter()
    fitted = fit_gate(gate_data(splits, settings, log), settings, log, controls, emit)
    gate, metrics = fitted.gate, fitted.metrics
    metrics["train_time_s"] = round(time.perf_counter() - began, 1)
    if output is not None:
        meta = make_meta(
            "gate",
            "digit-gate",
            model_kwargs={"width": settings.width, "digit_outputs": settings.digit_outputs},
            metrics=metrics,
            settings=asdict(settings),
            seed=settings.seed,
            judge={"gate_threshold": metrics["gate_threshold"], "kinds": list(NON_DIGIT_KINDS)},
            parameters=sum(p.numel() for p in gate.parameters()),
            **(extra_meta or {}),
        )
        save_checkpoint(output, gate, meta)
        write_metrics_file(output, meta)
        write_history(output, fitted.history)
    return metrics


def _logits(
    gate: DigitGate, images: torch.Tensor, should_stop: Callable[[], bool] | None = None
) -> torch.Tensor:
    return predict_logits(gate, images, torch.device("cpu"), 512, should_stop)


def _kind_error(logits: torch.Tensor, targets: torch.Tensor, digit_outputs: int) -> float:
    """How often the gate takes a validation non-digit for a digit or names the wrong kind."""
    p = logits.float().softmax(1)
    digit_p, kind = p[:, :digit_outputs].sum(1), p[:, digit_outputs:].argmax(1)
    return float(((digit_p >= 0.5) | (kind != targets - DIGITS)).float().mean())
