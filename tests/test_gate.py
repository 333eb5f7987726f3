"""The digit gate's training data and training (tiny sets, a few steps), and the shipped gate:
what its metrics file says, re-measured, and what it accepts and rejects."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest
import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.data import negatives
from mnist_desk.data.augment import DrawnAugment, drawn_augment
from mnist_desk.data.negatives import TURNS, non_digits, turned_digits
from mnist_desk.data.pen_shapes import LETTER_BUILDERS, SYMBOL_BUILDERS, built_letter
from mnist_desk.data.redrawn import centre_lines, trace
from mnist_desk.data.synthetic import synthetic_digits
from mnist_desk.errors import SettingsError
from mnist_desk.models.gate import NON_DIGIT_KINDS, DigitGate
from mnist_desk.recognition.doubt import DigitJudge, gate_path
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.events import EpochEvent, EvalEvent, StepEvent, TrainingCancelled
from mnist_desk.training.gate import choose_threshold, digit_probability, fit_gate
from mnist_desk.training.gate_data import DIGITS, GateData, GateSettings, gate_targets
from tests.support import shared_data_dir


def some_digits(count: int = 40) -> tuple[torch.Tensor, torch.Tensor]:
    return synthetic_digits(count, seed=3, styles="all")


def test_every_kind_of_non_digit_is_drawn_in_turn_with_ink():
    images, _ = some_digits(10)
    strokes = [trace(line) for line in centre_lines(images).numpy()]
    negatives, kinds = non_digits(8, 5, strokes, NON_DIGIT_KINDS)
    assert negatives.shape == (8, 1, 28, 28)
    assert kinds.tolist() == [0, 1, 2, 3, 0, 1, 2, 3]
    assert ((negatives > 0).flatten(1).sum(1) > 10).all()  # each has ink (normalised: bg < 0)
    again, _ = non_digits(8, 5, strokes, NON_DIGIT_KINDS)
    assert torch.equal(negatives, again)  # seeded


def test_close_letters_are_drawn_only_when_asked_for(monkeypatch):
    images, _ = some_digits(10)
    strokes = [trace(line) for line in centre_lines(images).numpy()]
    # Without them a seed draws, to the pixel, what it drew before they were added (the
    # shipped gate's command must still give its data): this digest is of that code's draw.
    before, _ = non_digits(40, 2, strokes, ("letter",))
    digest = hashlib.sha256((before * 1000).round().to(torch.int32).numpy().tobytes())
    assert digest.hexdigest()[:16] == "81120f6e4d3f6d3d"

    written = []
    monkeypatch.setattr(negatives, "_handled", lambda s, rng: written.append(s) or s)

    def close_ones(close_letters: float) -> int:
        written.clear()
        non_digits(60, 2, strokes, ("letter",), close_letters=close_letters)
        return sum(map(is_close, written))

    def is_close(drawn) -> bool:  # each point jittered well under 0.3 of the unit box
        return any(
            [len(s) for s in letter] == [len(s) for s in drawn]
            and all(
                np.abs(np.asarray(a) - np.asarray(b)).max() < 0.3
                for a, b in zip(letter, drawn, strict=True)
            )
            for letter in negatives.CLOSE_LETTERS.values()
        )

    assert close_ones(0.0) == 0
    assert close_ones(1.0) >= 10


def test_pen_part_shapes_are_seeded_and_letters_are_never_one_thin_stroke():
    for make in (*LETTER_BUILDERS, *SYMBOL_BUILDERS):
        first = [make(np.random.default_rng(seed)) for seed in range(20)]
        assert first == [make(np.random.default_rng(seed)) for seed in range(20)], make
        points = np.concatenate([np.asarray(s).reshape(-1, 2) for shape in first for s in shape])
        assert np.isfinite(points).all() and np.abs(points).max() < 3, make
    thin = 0
    for seed in range(200):  # a thin upright stroke is how many write a 1
        every = np.concatenate([np.asarray(s) for s in built_letter(np.random.default_rng(seed))])
        side = every.max(0) - every.min(0)
        thin += side.min() < 0.3 * side.max()
    assert thin <= 4


def test_digits_are_turned_only_where_the_turn_makes_them_no_digit():
    zero = torch.zeros(1, 28, 28)
    seven = torch.zeros(1, 28, 28)
    seven[0, 3, 5:20] = 1.0  # the bar, top left of centre
    seven[0, 3:25, 19] = 1.0
    images = torch.stack([zero, seven, zero])
    labels = torch.tensor([0, 7, 0])  # a 0 stays a 0 whichever way it is turned
    turns = [
        torch.rot90(seven, 1, (1, 2)),
        torch.rot90(seven, -1, (1, 2)),
        torch.rot90(seven, 2, (1, 2)),
        torch.flip(seven, (2,)),
        torch.flip(seven, (1,)),
    ]
    turned = turned_digits(images, labels, 12, seed=4)
    assert len(turned) == 12
    assert all(any(torch.equal(t, way) for way in turns) for t in turned)
    assert 0 not in set().union(*TURNS.values())


def test_gate_targets_fold_the_digits_into_one_output_for_a_plain_gate():
    targets = torch.tensor([3, 9, DIGITS, DIGITS + 3])
    assert torch.equal(gate_targets(targets, 10), targets)
    assert gate_targets(targets, 1).tolist() == [0, 0, 1, 4]


def test_the_threshold_keeps_each_validation_set_within_its_own_share():
    mnist = torch.linspace(0.001, 1.0, 1000)
    redrawn = torch.linspace(0.0, 0.5, 1000)
    one_share = choose_threshold([mnist, redrawn], 0.001)
    assert one_share <= float(torch.quantile(redrawn.double(), 0.001)) + 1e-9
    each = choose_threshold([mnist, redrawn], [0.001, 0.005])
    assert each > one_share  # the redrawn digits may take more
    assert float((mnist < each).float().mean()) <= 0.001 + 1 / 1000
    assert float((redrawn < each).float().mean()) <= 0.005 + 1 / 1000


def tiny_gate_data() -> GateData:
    digits, labels = some_digits(64)
    strokes = [trace(line) for line in centre_lines(digits[:10]).numpy()]
    negatives, kinds = non_digits(64, 1, strokes, NON_DIGIT_KINDS)
    return GateData(
        train=(torch.cat([digits, negatives]), torch.cat([labels, kinds + DIGITS])),
        val_digits=digits[:32],
        val_redrawn=digits[32:],
        val_negatives=(negatives[:32], kinds[:32] + DIGITS),
    )


def test_a_few_steps_train_a_gate_and_choose_its_threshold_on_validation():
    data = tiny_gate_data()
    settings = GateSettings(epochs=2, batch_size=32, reject_share=0.05)
    fitted = fit_gate(data, settings, log=lambda _: None)
    gate, metrics = fitted.gate, fitted.metrics
    assert isinstance(gate, DigitGate)
    threshold = metrics["gate_threshold"]
    on_digits = digit_probability(gate, data.val_digits)
    assert float((on_digits < threshold).float().mean()) <= 0.05 + 1 / 32  # its share, +1 at most
    assert metrics["validation"]["mnist_digits_rejected"] == pytest.approx(
        float((on_digits < threshold).float().mean())
    )
    assert metrics["train_examples"] == 128


def the_gates_recipe_written_out(data: GateData, s: GateSettings) -> tuple[DigitGate, list[float]]:
    """The gate's training as its own loop took it before it moved into the one step loop (the
    shipped gate's weights come from it): the same seed must give the same weights."""
    generator = torch.Generator().manual_seed(s.seed)
    images, labels = data.train[0], gate_targets(data.train[1], s.digit_outputs)
    with torch.random.fork_rng():
        torch.manual_seed(s.seed)
        gate = DigitGate(width=s.width, digit_outputs=s.digit_outputs)
    optimizer = torch.optim.AdamW(gate.parameters(), lr=s.lr, weight_decay=s.weight_decay)
    steps = s.epochs * -(-len(labels) // s.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, s.lr, total_steps=steps)
    shapes = DrawnAugment(degrees=12.0, translate=0.08, scale=0.12)
    losses = []
    for _ in range(s.epochs):
        gate.train()
        for idx in mdata.iterate_batches(
            len(labels), s.batch_size, shuffle=True, generator=generator
        ):
            x = drawn_augment(images[idx], generator, shapes)
            loss = torch.nn.functional.cross_entropy(gate(x), labels[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        digit_probability(gate, data.val_negatives[0])  # the epoch's validation, in eval mode
    return gate, losses


def test_the_one_step_loop_trains_the_gate_exactly_as_its_own_loop_did():
    """Same seed, same batches (a short last one too), same updates: the same weights, bit for bit."""
    data = tiny_gate_data()
    settings = GateSettings(width=8, epochs=3, batch_size=24, seed=5)
    expected, losses = the_gates_recipe_written_out(data, settings)
    fitted = fit_gate(data, settings, log=lambda _: None)
    assert [point["loss"] for point in fitted.history["train"]] == losses
    assert len(losses) == 18 and len(fitted.history["val"]) == 3  # a validation an epoch
    for name, tensor in expected.state_dict().items():
        assert torch.equal(fitted.gate.state_dict()[name], tensor), name
    other = fit_gate(data, GateSettings(width=8, epochs=3, batch_size=24, seed=6), lambda _: None)
    assert not torch.equal(other.gate.head.weight, expected.head.weight)  # the seed matters


def test_a_gate_run_speaks_the_step_loops_events_and_stops_when_cancelled():
    data = tiny_gate_data()
    events, lines = [], []
    fit_gate(data, GateSettings(width=4, epochs=2, batch_size=32), lines.append, emit=events.append)
    kinds = [type(e) for e in events]
    assert kinds.count(StepEvent) == 8 and kinds.count(EvalEvent) == kinds.count(EpochEvent) == 2
    assert [line.split(":")[0] for line in lines[:2]] == ["epoch 1/2", "epoch 2/2"]

    controls = RunSwitches()

    def cancel_at_step_3(event):
        if isinstance(event, StepEvent) and event.step == 3:
            controls.cancel()

    with pytest.raises(TrainingCancelled, match="step 3"):
        fit_gate(
            data, GateSettings(width=4, batch_size=32), lines.append, controls, cancel_at_step_3
        )


def test_a_diverging_gate_run_ends_with_a_message_the_user_can_act_on():
    settings = GateSettings(width=4, epochs=1, batch_size=32, lr=float("inf"))
    with pytest.raises(SettingsError, match="diverged.*--lr"):
        fit_gate(tiny_gate_data(), settings, log=lambda _: None)


def test_a_saved_gates_threshold_is_chosen_again_in_place(tmp_path):
    from dataclasses import asdict
    from pathlib import Path

    from mnist_desk.data.mnist import MnistSplits, Split
    from mnist_desk.store.checkpoints import load_checkpoint, make_meta, save_checkpoint
    from mnist_desk.training.gate import rethreshold_gate

    digits, labels = some_digits(60)
    splits = MnistSplits(
        Split(digits[:40], labels[:40]), Split(digits[40:], labels[40:]), None, Path()
    )
    with torch.random.fork_rng():
        torch.manual_seed(0)
        gate = DigitGate(width=4)
    settings = GateSettings(width=4, val_subset=None, seed=1)
    path = tmp_path / "gate.pt"
    meta = make_meta(
        "gate",
        "digit-gate",
        model_kwargs={"width": 4, "digit_outputs": 10},
        metrics={"gate_threshold": 0.5, "fit_time_s": 1.0},
        settings=asdict(settings),
        seed=1,
        judge={"gate_threshold": 0.5},
    )
    save_checkpoint(path, gate, meta)
    chosen = rethreshold_gate(
        path, splits, 0.05, 0.2, "mnist-desk gate-threshold x", lambda _: None
    )
    saved = load_checkpoint(path)
    assert saved.meta["judge"]["gate_threshold"] == chosen["gate_threshold"]
    assert DigitJudge.load(path=path).gate_threshold == pytest.approx(chosen["gate_threshold"])
    assert saved.meta["metrics"]["fit_time_s"] == 1.0  # the training's figures are kept
    assert saved.meta["settings"]["redrawn_reject_share"] == 0.2
    assert all(torch.equal(saved.state_dict[k], v) for k, v in gate.state_dict().items())
    info = json.loads(path.with_suffix(".json").read_text())
    assert info["threshold_command"] == "mnist-desk gate-threshold x"
    assert info["metrics"]["validation"]["mnist_digits_rejected"] <= 0.05 + 1 / 20
    assert info["metrics"]["validation"]["redrawn_digits_rejected"] <= 0.2 + 1 / 20


# ---- the shipped gate -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    path = gate_path()
    info = json.loads(path.with_suffix(".json").read_text())
    return path, info, DigitJudge.load(path=path)


def test_the_shipped_gate_was_trained_by_the_cli_and_says_how(shipped):
    path, info, judge = shipped
    assert info["task"] == "gate"
    assert info["command"].startswith("mnist-desk train-gate ")
    assert f"--seed {info['seed']}" in info["command"]
    assert "../shared/datasets" in info["command"] and "/work/" not in info["command"]
    if "threshold_command" in info:  # its threshold chosen again since, by the CLI too
        assert info["threshold_command"].startswith("mnist-desk gate-threshold ")
        assert "/work/" not in info["threshold_command"]
    assert info["machine"] and info["metrics"]["fit_time_s"] > 0
    assert judge.gate is not None
    assert judge.gate_threshold == pytest.approx(info["metrics"]["gate_threshold"])
    assert path.stat().st_size < 1_000_000


def test_the_shipped_gate_turns_away_what_its_metrics_file_says_of_mnist_validation(shipped):
    """Re-measured: the share of MNIST's 10,000 validation digits below its threshold."""
    from mnist_desk.data.mnist import load_splits

    _, info, judge = shipped
    val = load_splits(shared_data_dir()).val
    said = info["metrics"]["validation"]
    assert said["digits"] == len(val) == 10_000
    p = digit_probability(judge.gate, val.images)
    rejected = float((p < judge.gate_threshold).float().mean())
    assert abs(rejected - said["mnist_digits_rejected"]) <= 2 / len(val)
    assert rejected <= info["settings"]["reject_share"]
    assert said["negatives_rejected"] >= 0.4  # of its own validation non-digits
