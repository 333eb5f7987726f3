"""Digits learned from sums: the exact-sum scratch adder, its emergent digits, and the standard
MNIST-addition protocol's pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from mnist_desk.data import mnist as mdata
from mnist_desk.imaging.drawn import picture_from_image
from mnist_desk.imaging.pictures import preprocess
from mnist_desk.models import SCRATCH, build_model, count_parameters, reads_digits
from mnist_desk.models.adders import DigitSumAdder, ExactSum
from mnist_desk.recognition.long_addition import sum_distribution
from mnist_desk.recognition.predictor import Predictor, TrustEveryReading
from mnist_desk.store.checkpoints import load_checkpoint, make_meta, save_checkpoint
from mnist_desk.training import Trainer, TrainingSettings, evaluate
from mnist_desk.training.metrics import best_matching, emergent_digits
from tests.support import shared_data_dir


def test_the_head_is_the_exact_sum_at_init_and_has_no_weights():
    torch.manual_seed(0)
    model = build_model(SCRATCH, "convnet-digits").eval()
    assert isinstance(model, DigitSumAdder) and reads_digits(model)
    assert count_parameters(model.head) == 0  # nothing to learn but the digits
    pairs = torch.randn(6, 2, 1, 28, 28)
    with torch.no_grad():
        sum_probs = model(pairs).softmax(1).double().numpy()
        digit_probs = model.digit_logits(pairs).softmax(-1).double().numpy()
    for k in range(6):
        expected = sum_distribution(digit_probs[k, 0], digit_probs[k, 1])
        np.testing.assert_allclose(sum_probs[k], expected, atol=1e-6)
    # its outputs are already normalised log-probabilities: log-softmax leaves them unchanged
    np.testing.assert_allclose(np.exp(np.log(sum_probs)).sum(1), 1, atol=1e-6)
    # certain digits give their sum with certainty
    certain = torch.eye(10).log().clamp(min=-1e4)
    for a, b in itertools.product(range(10), repeat=2):
        out = ExactSum()(torch.cat([certain[a], certain[b]])[None])
        assert out.argmax().item() == a + b and out.exp().max().item() == pytest.approx(1)


def test_best_matching_is_the_optimal_one_to_one_relabelling():
    rng = np.random.default_rng(0)
    for _ in range(20):
        confusion = rng.integers(0, 30, (5, 5)).tolist()
        brute = max(
            sum(confusion[perm[p]][p] for p in range(5))
            for perm in itertools.permutations(range(5))
        )
        mapping = best_matching(confusion)
        assert sorted(mapping) == list(range(5))
        assert sum(confusion[mapping[p]][p] for p in range(5)) == brute
    # outputs that learned the digits under other names are matched back
    truth = torch.arange(10).repeat(20)
    renamed = torch.tensor([3, 0, 1, 2, 5, 4, 9, 6, 7, 8])[truth]
    report = emergent_digits(renamed, truth)
    assert report.matched_accuracy == 1 and report.raw_accuracy == 0 and not report.identity
    assert all(report.matching[renamed[i]] == truth[i] for i in range(10))


def test_the_protocols_pairs_use_each_image_exactly_once():
    train, test = mdata.disjoint_pairs(60_000, seed=0), mdata.disjoint_pairs(10_000, seed=0)
    assert train.shape == (30_000, 2) and test.shape == (5_000, 2)
    assert torch.equal(train.flatten().sort().values, torch.arange(60_000))
    assert torch.equal(test.flatten().sort().values, torch.arange(10_000))
    assert torch.equal(mdata.disjoint_pairs(60_000, seed=0), train)  # fixed by its seed
    assert not torch.equal(mdata.disjoint_pairs(60_000, seed=1), train)
    assert mdata.disjoint_pairs(7, seed=0).shape == (3, 2)  # an odd image out is left unused


def test_the_protocol_benchmark_pairs_training_and_test_images_separately():
    from benchmarks.addition_protocol import ProtocolPairs

    data = ProtocolPairs(
        torch.zeros(60_000, 1, 1, 1),
        torch.arange(60_000) % 10,
        torch.zeros(10_000, 1, 1, 1),
        torch.arange(10_000) % 10,
    )
    train, test = data.pairs(seed=3)
    assert (
        len(train) == 30_000
        and train.max() < 60_000
        and len(set(train.flatten().tolist())) == 60_000
    )
    assert (
        len(test) == 5_000 and test.max() < 10_000 and len(set(test.flatten().tolist())) == 10_000
    )


def _digit_and_sum_accuracy(model, task_data):
    digits = task_data.test_digits
    _, error, logits = evaluate(model.classifier, digits.images, digits.labels, torch.device("cpu"))
    _, sum_error, _ = evaluate(model, *task_data.test, torch.device("cpu"))
    return 1 - sum_error, emergent_digits(logits.argmax(1), digits.labels)


def test_a_short_sum_only_run_learns_to_read_digits(tmp_path):
    """Sum labels only (the adder's TaskData has no digit label to give), small and seeded."""
    from mnist_desk.training import TaskData

    settings = TrainingSettings(
        task=SCRATCH,
        arch="convnet-digits",
        max_steps=60,
        batch_size=64,
        augment=False,
        train_subset=2000,
        val_subset=500,
        test_subset=500,
        pairs_per_epoch=2000,
        seed=0,
        num_threads=1,
        model_kwargs={"width": 8},
    )
    task_data = TaskData(settings, mdata.load_splits(shared_data_dir()), torch.device("cpu"))
    torch.manual_seed(settings.seed)
    before_sum, before_digits = _digit_and_sum_accuracy(
        build_model(SCRATCH, "convnet-digits", width=8), task_data
    )
    result = Trainer(settings, data_dir=shared_data_dir(), output=tmp_path / "d.pt").run()
    saved = load_checkpoint(tmp_path / "d.pt")
    after_sum, after_digits = _digit_and_sum_accuracy(saved.build(), task_data)
    assert before_sum < 0.3 and before_digits.matched_accuracy < 0.4
    assert after_sum > 0.7 and after_sum == pytest.approx(result.test["accuracy"])
    assert after_digits.matched_accuracy > 0.85 and after_digits.identity  # read as themselves
    metrics = saved.metrics
    assert metrics["digit_test_accuracy"] == pytest.approx(after_digits.raw_accuracy, abs=1e-6)
    assert metrics["digit_test_accuracy_matched"] >= metrics["digit_test_accuracy"]
    assert metrics["digit_matching"] == list(range(10))
    # the run's result carries them too, for the Compare adders verdict
    assert result.test["digit_test_accuracy"] == metrics["digit_test_accuracy"]
    assert result.test["digit_matching"] == list(range(10))


def test_the_predictor_shows_the_digits_the_scratch_adder_reads(tmp_path):
    torch.manual_seed(0)
    model = build_model(SCRATCH, "convnet-digits", width=8)
    path = save_checkpoint(
        tmp_path / "scratch-convnet-digits-mine.pt",
        model,
        make_meta(SCRATCH, "convnet-digits", model_kwargs={"width": 8}),
    )
    # Random ink, which the digit gate rightly calls no digit: this is about what the adder reads.
    predictor = Predictor(load_checkpoint(path), judge=TrustEveryReading())
    assert predictor.adder_reads_digits
    rng = np.random.default_rng(0)
    first, second = np.zeros((2, 28, 28), np.uint8)
    for image in (first, second):  # one blob each, of random ink: read as one digit
        image[4:24, 8:20] = rng.integers(120, 255, (20, 12))
    result = predictor.predict_sum(picture_from_image(first), picture_from_image(second))
    assert result.adder_digits is not None
    with torch.no_grad():
        pair = torch.stack([preprocess(im).tensor for im in (first, second)])[None]
        own = model.eval().digit_logits(pair).softmax(-1)[0]
        expected_sum = model(pair).softmax(1)[0].numpy()
    assert [d.digit for d in result.adder_digits] == own.argmax(1).tolist()
    np.testing.assert_allclose(result.probabilities, expected_sum, atol=1e-5)
    assert result.to_dict()["adder_digits"] == own.argmax(1).tolist()


def _protocol_pairs():
    from benchmarks.addition_protocol import ProtocolPairs

    gen = torch.Generator().manual_seed(0)
    return ProtocolPairs(
        torch.randn(400, 1, 28, 28, generator=gen),
        torch.arange(400) % 10,
        torch.randn(20, 1, 28, 28, generator=gen),
        torch.arange(20) % 10,
    )


def test_the_protocol_runs_the_shipped_trainer_on_its_own_pairs():
    """Rows 7 and 9 train with the shipped Trainer on the protocol's data: the same batches for
    a seed, each pair once an epoch, the last weights tested."""
    from benchmarks.addition_protocol import BATCH, ProtocolData

    data, cpu = _protocol_pairs(), torch.device("cpu")
    first, second = ProtocolData(data, 0, cpu), ProtocolData(data, 0, cpu)
    batches = list(first.epoch_batches(BATCH))
    assert [len(labels) for _, labels in batches] == [BATCH, BATCH, BATCH, 8]
    for (x, y), (x2, y2) in zip(batches, second.epoch_batches(BATCH), strict=True):
        assert torch.equal(x, x2) and torch.equal(y, y2)
    assert first.val is None and len(first.test[1]) == 10 and first.examples_per_epoch == 200


@pytest.mark.parametrize("native_bf16", [True, False], ids=["bf16-cpu", "no-bf16-cpu"])
def test_the_protocol_run_computes_and_reports_the_precision_the_cpu_gets(native_bf16, monkeypatch):
    """With --fast (amp) a CPU with native bf16 trains in bf16 autocast and one without trains
    in float32, and the run (so the benchmark's row) reports the precision its steps really
    used; without amp both are float32. The CPU's capability is forced either way, so both
    branches are checked on any machine; the weights stay float32 throughout."""
    from benchmarks.addition_protocol import ProtocolTrainer, train_one
    from mnist_desk.support import acceleration as accel

    monkeypatch.setattr(accel, "cpu_has_native_bf16", lambda: native_bf16)
    seen: dict[bool, set[torch.dtype]] = {}  # amp on/off -> dtypes out of the first conv
    build = ProtocolTrainer.build_model

    def build_watched(trainer):
        model, amp = build(trainer), trainer.settings.amp

        def record(module, inputs, output):
            if module.training:  # the training steps, not the float32 test at the end
                seen.setdefault(amp, set()).add(output.dtype)

        next(m for m in model.modules() if isinstance(m, torch.nn.Conv2d)).register_forward_hook(
            record
        )
        return model

    monkeypatch.setattr(ProtocolTrainer, "build_model", build_watched)
    cpu, runs = torch.device("cpu"), {}
    for fast in (False, True):
        runs[fast] = train_one(
            _protocol_pairs(), "convnet-digits", 1, 0, cpu, 2, fast, data_dir=shared_data_dir()
        )
    expected = "bfloat16" if native_bf16 else "float32"
    assert runs[True].precision == expected and runs[False].precision == "float32"
    assert seen[True] == {torch.bfloat16 if native_bf16 else torch.float32}
    assert seen[False] == {torch.float32}
    assert all(0 <= run.test_sum_accuracy <= 1 for run in runs.values())


def test_bf16_steps_compute_differently_from_float32_from_the_same_start():
    """Where the CPU runs bf16 natively, a bf16 run's first step (same weights, same batch)
    gives a loss near float32's but not equal to it: the precision really changed."""
    from benchmarks.addition_protocol import ProtocolTrainer, protocol_settings
    from mnist_desk.support import acceleration as accel
    from mnist_desk.training import StepEvent

    cpu = torch.device("cpu")
    if accel.choose_precision(cpu, amp=True).dtype is None:
        pytest.skip("this CPU has no native bf16 (the forced check above covers its branch)")
    losses = {}
    for fast in (False, True):
        events = []
        trainer = ProtocolTrainer(
            protocol_settings("convnet-digits", 0, 2, cpu, fast),
            _protocol_pairs(),
            callback=events.append,
            data_dir=shared_data_dir(),
        )
        result = trainer.run()
        assert result.precision == ("bfloat16" if fast else "float32")
        assert all(p.dtype == torch.float32 for p in trainer.model.parameters())
        losses[fast] = [e.loss for e in events if isinstance(e, StepEvent)]
    assert losses[True][0] != losses[False][0]  # bf16 did compute the first step...
    assert losses[True][0] == pytest.approx(losses[False][0], rel=0.05)  # ...from the same start
