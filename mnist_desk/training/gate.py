"""Training the digit gate (``models.gate.DigitGate``), and choosing its thresholds on validation.

The gate learns which digit a drawing is (MNIST's training digits as written, the same digits
redrawn with the canvas's pen, and the drawn-style templates) or which of four kinds of the
project's own procedural non-digits (``data.negatives``) it is. Its "not a digit" threshold is then set on MNIST's
validation split alone, so that it turns away at most ``reject_share`` of those digits, and
``redrawn_reject_share`` of the same digits redrawn; the evaluation sets are never looked at (they cannot be: training may
not import ``mnist_desk.evaluation``).

It is a plain loop rather than a ``Trainer`` run: the gate is not a model of the zoo (no task, no
MNIST test report, not offered in the window), trains once from the command line
(``mnist-desk train-gate``) in minutes, and needs none of a run's pause, resume or live events.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from mnist_desk.data import mnist as mdata
from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.data.negatives import non_digits, turned_digits
from mnist_desk.data.redrawn import centre_lines, redrawn_digits, trace
from mnist_desk.data.synthetic import synthetic_digits
from mnist_desk.errors import SettingsError
from mnist_desk.models.gate import NON_DIGIT_KINDS, DigitGate
from mnist_desk.store.checkpoints import (
    load_checkpoint,
    make_meta,
    save_checkpoint,
    write_metrics_file,
)

DIGITS = 10  # targets 0..9 are digits, DIGITS + k the k-th of NON_DIGIT_KINDS


@dataclass
class GateSettings:
    """Everything that defines a gate run (``mnist-desk train-gate`` offers each as an option)."""

    width: int = 16
    digit_outputs: int = 10  # one per digit (1: a plain "digit" output)
    epochs: int = 6
    batch_size: int = 256
    lr: float = 3e-3
    weight_decay: float = 5e-4
    redrawn: int = 50_000  # MNIST training digits also redrawn with the canvas's pen
    templates: int = 5_000  # drawn-style template digits (data.synthetic)
    negatives: int = 60_000  # procedural non-digits, the four kinds in turn
    turned: int = 30_000  # training digits turned so that they are no digit (mirrored...)
    pen_shapes: float = 0.0  # share of the letters and symbols built from pen parts
    reject_share: float = 0.001  # of MNIST validation digits the gate may call "not a digit"
    # ... and of the same digits redrawn with the pen (None: reject_share). Some redrawings
    # come out broken (thinning cuts a stroke), so they may take the drawn-digit goal's 0.5%.
    redrawn_reject_share: float | None = None
    val_subset: int | None = None  # MNIST validation digits used (all 10,000 by default)
    init_from: str | None = None  # a ConvNet classifier whose trunk and digit head start the gate
    seed: int = 1


@dataclass
class GateData:
    """The gate's training set (images, kinds) and its validation sets."""

    train: tuple[torch.Tensor, torch.Tensor]  # images, targets (0..9 digits, DIGITS + kind)
    val_digits: torch.Tensor  # MNIST validation digits as written
    val_redrawn: torch.Tensor  # the same digits redrawn with the canvas's pen
    val_negatives: tuple[torch.Tensor, torch.Tensor]


def gate_data(splits: mdata.MnistSplits, s: GateSettings, log: Callable[[str], None]) -> GateData:
    """Render everything once, seeded: positives are kind 0, non-digits 1..4."""
    began = time.perf_counter()
    train = splits.train
    redrawn = redrawn_digits(train.images[: s.redrawn], s.seed)
    log(f"redrew {len(redrawn):,} training digits ({time.perf_counter() - began:.0f} s)")
    templates, template_labels = synthetic_digits(s.templates, s.seed)
    strokes = _crossing_strokes(splits)
    negatives, kinds = non_digits(s.negatives, s.seed, strokes, NON_DIGIT_KINDS, s.pen_shapes)
    written = torch.cat([train.images, redrawn])
    written_labels = torch.cat([train.labels, train.labels[: len(redrawn)]])
    turned = turned_digits(written, written_labels, s.turned, s.seed)
    log(f"drew {len(negatives) + len(turned):,} non-digits ({time.perf_counter() - began:.0f} s)")
    images = torch.cat([written, templates, negatives, turned])
    targets = torch.cat(
        [written_labels, template_labels, kinds + DIGITS, torch.full((len(turned),), _SYMBOL)]
    )
    return GateData((images, targets), *validation_sets(splits, s, strokes))


# A digit turned over looks like a shape, not a digit.
_SYMBOL = DIGITS + NON_DIGIT_KINDS.index("symbol")


def _crossing_strokes(splits: mdata.MnistSplits) -> list:
    """Crossed-out drawings start from training digits that the redrawn positives do not use."""
    return [trace(line) for line in centre_lines(splits.train.images[-5_000:]).numpy()]


def validation_sets(splits: mdata.MnistSplits, s: GateSettings, strokes: list | None = None):
    """(MNIST validation digits, the same redrawn, (non-digits, targets)): what the threshold
    is chosen on and the gate is scored on, seeded by ``s.seed``."""
    strokes = _crossing_strokes(splits) if strokes is None else strokes
    val = splits.val.subset(s.val_subset)
    val_redrawn = redrawn_digits(val.images, s.seed + 2000)
    val_negatives, val_kinds = non_digits(
        len(val) // 2, s.seed + 1000, strokes, NON_DIGIT_KINDS, s.pen_shapes
    )
    val_turned = turned_digits(val_redrawn, val.labels, len(val) // 4, s.seed + 3000)
    return (
        val.images,
        val_redrawn,
        (
            torch.cat([val_negatives, val_turned]),
            torch.cat([val_kinds + DIGITS, torch.full((len(val_turned),), _SYMBOL)]),
        ),
    )


def gate_targets(targets: torch.Tensor, digit_outputs: int) -> torch.Tensor:
    """GateData's targets for a gate with ``digit_outputs`` digit outputs (10, or 1)."""
    if digit_outputs == DIGITS:
        return targets
    return torch.where(targets < DIGITS, 0, targets - DIGITS + 1)


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


def fit_gate(
    data: GateData, settings: GateSettings, log: Callable[[str], None] = print
) -> tuple[DigitGate, dict[str, Any]]:
    """Train a gate on ``data`` and choose its threshold on its validation sets; the gate and
    its metrics."""
    s = settings
    began = time.perf_counter()
    generator = torch.Generator().manual_seed(s.seed)
    images, labels = data.train[0], gate_targets(data.train[1], s.digit_outputs)
    with torch.random.fork_rng():
        torch.manual_seed(s.seed)  # the initial weights
        gate = DigitGate(width=s.width, digit_outputs=s.digit_outputs)
    if s.init_from:
        start_from_classifier(gate, s.init_from)
    optimizer = torch.optim.AdamW(gate.parameters(), lr=s.lr, weight_decay=s.weight_decay)
    steps = s.epochs * -(-len(labels) // s.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, s.lr, total_steps=steps)
    shapes = DrawnAugment(degrees=12.0, translate=0.08, scale=0.12)
    for epoch in range(s.epochs):
        gate.train()
        total, seen = 0.0, 0
        for idx in mdata.iterate_batches(
            len(labels), s.batch_size, shuffle=True, generator=generator
        ):
            x = drawn_augment(images[idx], generator, shapes)
            loss = F.cross_entropy(gate(x), labels[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
            total, seen = total + loss.item() * len(idx), seen + len(idx)
        log(
            f"epoch {epoch + 1}/{s.epochs}: loss {total / seen:.4f}, validation non-digits "
            f"misjudged {_kind_error(gate, *data.val_negatives):.2%} "
            f"({time.perf_counter() - began:.0f} s)"
        )
    metrics = {
        **threshold_metrics(gate, data, s),
        "train_examples": len(labels),
        "fit_time_s": round(time.perf_counter() - began, 1),
    }
    log(f"threshold {metrics['gate_threshold']:.4g}: {metrics['validation']}")
    return gate, metrics


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
            "negative_kind_error": _kind_error(gate, *data.val_negatives),
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
) -> dict[str, Any]:
    """Draw the gate's data, train it, choose its threshold on validation, and save it (when
    ``output`` is given) with its metrics file beside it; returns the metrics."""
    began = time.perf_counter()
    gate, metrics = fit_gate(gate_data(splits, settings, log), settings, log)
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
    return metrics


@torch.no_grad()
def _kind_error(gate: DigitGate, images: torch.Tensor, targets: torch.Tensor) -> float:
    """How often the gate takes a validation non-digit for a digit or names the wrong kind."""
    gate.eval()
    said = [gate.judge(images[i : i + 512]) for i in range(0, len(images), 512)]
    digit_p = torch.cat([p for p, _ in said])
    kind = torch.cat([k for _, k in said])
    return float(((digit_p >= 0.5) | (kind != targets - DIGITS)).float().mean())
