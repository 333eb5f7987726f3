"""Row 7: the scratch adders on the standard MNIST-addition protocol (N=1), beside published systems.

The protocol, as its sources build it (read in their code, not paraphrased from papers):
- pairs: the 60,000 official training images, shuffled by a seed and paired off in order, each
  image used once -> 30,000 training pairs; the 10,000 test images likewise -> 5,000 test pairs
  (DeepProbLog, src/deepproblog/examples/MNIST/data/__init__.py, ``MNISTOperator``; Scallop,
  experiments/mnist/sum_2.py, ``MNISTSum2Dataset``). No validation split: the budget is fixed.
- labels: the sum only (0..18); no digit label is ever used.
- budget: DeepProbLog's addition.py trains 1 epoch (row 7); Scallop's sum_2.py defaults to 10
  epochs (row 9); both over the 30,000 pairs, here in Scallop's batches of 64, shuffled each epoch.
- metric: sum accuracy on the 5,000 test pairs after the last epoch, mean and (sample) std over
  seeds 0..4 (DeepProbLog's ``run`` in range(5)). Scallop's script saves the epoch of lowest *test*
  loss; nothing here is chosen on the test set.
- network: no larger than the project's scratch trunk; the published ones are LeNet-sized
  (DeepProbLog's MNIST_Net, 44k parameters; ABLkit's LeNet5) or larger (Scallop's MNISTNet, 1.1M).
- budgets of the published figures: DeepProbLog 1 epoch (above); Scallop 10 epochs (above); ABL
  2 passes over the same kind of pairs (ABLkit examples/mnist_add/main.py at the commit whose
  README has the 98.1 table, 28b65fd: ``--loops 2``, each loop one epoch over every 1% segment
  after abduction, batch 32, RMSprop lr 3e-4, LeNet5; its datasets/train_data.txt holds 30,000
  pairs using each of the 60,000 training images once). DeepStochLog, LTN and NeurASP are
  ABLkit's runs of them, with no budget stated beside the table.
Published figures: ABLkit's examples/mnist_add/README.md table (ABL 98.1, DeepStochLog 97.5, LTN
97.4, DeepProbLog 97.1, NeurASP 96.2) and Scallop (Li et al., PLDI 2023) 98.22.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, replace

import torch

from benchmarks.common import Line, Options, log
from mnist_desk.data import mnist as mdata
from mnist_desk.models import SCRATCH, build_model, count_parameters
from mnist_desk.models.convnet import ConvTrunk
from mnist_desk.training import StepEvent, Trainer, TrainingSettings, default_settings

SEEDS = (0, 1, 2, 3, 4)
BATCH = 64  # Scallop's --batch-size-train
GOAL = 0.988
ABLKIT = "ABLkit's examples/mnist_add/README.md"
PUBLISHED = (
    ("ABL", 98.1, ABLKIT),
    ("Scallop", 98.22, "Li et al., Scallop, PLDI 2023"),
    ("DeepStochLog", 97.5, ABLKIT),
    ("LTN", 97.4, ABLKIT),
    ("DeepProbLog", 97.1, ABLKIT),
    ("NeurASP", 96.2, ABLKIT),
)
# (row, arch, epochs): DeepProbLog's 1-epoch budget (row 7) and Scallop's 10 epochs (row 9, ten
# times the compute: about 35 minutes for five seeds on an idle 2-core CPU).
PUBLISHED_BUDGETS = (
    "published budgets: DeepProbLog 1 epoch, ABL 2 passes (ABLkit main.py --loops 2), "
    "Scallop 10 epochs; DeepStochLog, LTN, NeurASP not stated"
)
CONTENDERS = (("7", "convnet-digits", 1), ("9", "convnet-digits", 10))
# The digit reader's width: 92,980 parameters, no more than the scratch adder's trunk alone
# (93,408), as the issue asks of the network (the default width, 32, has 104,938).
PROTOCOL_WIDTH = 30


def protocol_model(arch: str) -> torch.nn.Module:
    return build_model(SCRATCH, arch, width=PROTOCOL_WIDTH)


@dataclass
class ProtocolPairs:
    train_images: torch.Tensor  # (60000, 1, 28, 28), normalised
    train_digits: torch.Tensor
    test_images: torch.Tensor  # (10000, 1, 28, 28)
    test_digits: torch.Tensor

    def pairs(self, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
        """(training pairs (30000, 2), test pairs (5000, 2)) of image indices for one seed."""
        return (
            mdata.disjoint_pairs(len(self.train_digits), seed),
            mdata.disjoint_pairs(len(self.test_digits), seed),
        )


def load_protocol_data(opts: Options) -> ProtocolPairs:
    train_x, train_y, test_x, test_y = mdata.load_mnist_raw(opts.data_dir)
    return ProtocolPairs(
        mdata.normalize_uint8(train_x), train_y, mdata.normalize_uint8(test_x), test_y
    )


@dataclass
class ProtocolRun:
    seed: int
    test_sum_accuracy: float
    digit_accuracy: (
        float | None
    )  # emergent, raw (output k read as digit k), on all 10,000 test digits
    digit_accuracy_matched: float | None
    digits_identity: bool | None
    seconds: float
    precision: str = "float32"  # the forward pass's autocast dtype (weights stay float32)


class ProtocolData:
    """The protocol's pairs as the shipped Trainer's task data (``training.TaskData``'s shape):
    one seed's 30,000 training pairs in Scallop's batches, shuffled each epoch by the seed, no
    validation set (the last epoch is scored), the 5,000 test pairs and the 10,000 test digits."""

    images_per_example = 2
    num_classes = mdata.NUM_SUMS
    val = val_digits = None  # no validation split: the Trainer keeps the last weights

    def __init__(self, d: ProtocolPairs, seed: int, device: torch.device):
        self.device = device
        self.train_pairs, test_pairs = d.pairs(seed)
        self.examples_per_epoch = len(self.train_pairs)
        self.images, self.digits = d.train_images.to(device), d.train_digits.to(device)
        self.order = torch.Generator().manual_seed(seed)
        self.test = (d.test_images[test_pairs], d.test_digits[test_pairs].sum(1))
        self.test_digits = mdata.Split(d.test_images, d.test_digits)

    def epoch_batches(self, batch_size: int):
        """One pass over the training pairs in a fresh shuffled order: (images, sums)."""
        for idx in mdata.iterate_batches(
            len(self.train_pairs), batch_size, shuffle=True, generator=self.order
        ):
            chosen = self.train_pairs[idx].to(self.device)
            yield self.images[chosen], self.digits[chosen].sum(1)


class ProtocolTrainer(Trainer):
    """The shipped Trainer on the protocol's data (``task_data`` is its hook for that)."""

    def __init__(self, settings: TrainingSettings, pairs: ProtocolPairs, **options):
        super().__init__(settings, **options)
        self.pairs = pairs

    def task_data(self, splits, device: torch.device) -> ProtocolData:
        return ProtocolData(self.pairs, self.settings.seed, device)


def protocol_settings(
    arch: str, seed: int, total: int, device: torch.device, fast: bool = True
) -> TrainingSettings:
    """The project's default scratch settings for ``arch`` on the protocol's budget: batch 64,
    no augmentation, the protocol's width, ``total`` steps. ``fast``: bf16 autocast where the
    device runs it natively (the quick recipe's choice; the Trainer keeps the exact-sum head and
    the loss float32), else float32 throughout."""
    return replace(
        default_settings(SCRATCH, arch),
        batch_size=BATCH,
        augment=False,
        amp=fast,
        max_steps=total,
        seed=seed,
        device=device.type,
        model_kwargs={"width": PROTOCOL_WIDTH},
    )


def train_one(
    d: ProtocolPairs,
    arch: str,
    epochs: int,
    seed: int,
    device: torch.device,
    steps: int | None,
    fast: bool = True,
    data_dir=None,
) -> ProtocolRun:
    """One run of the shipped Trainer on the protocol's pairs and budget, scored on its 5,000
    test pairs at the end."""
    total = steps or epochs * math.ceil(len(d.train_digits) // 2 / BATCH)
    settings = protocol_settings(arch, seed, total, device, fast)
    result = ProtocolTrainer(settings, d, data_dir=data_dir).run()
    if result is None or not result.test:
        raise RuntimeError(f"the protocol run (seed {seed}) kept no tested model")
    test = result.test
    identity = test.get("digit_matching") == list(range(10)) if "digit_matching" in test else None
    return ProtocolRun(
        seed,
        test["accuracy"],
        test.get("digit_test_accuracy"),
        test.get("digit_test_accuracy_matched"),
        identity,
        result.elapsed,
        result.precision,  # as the run computed, not as this benchmark expects
    )


def steps_per_second(
    d: ProtocolPairs,
    arch: str,
    device: torch.device,
    fast: bool,
    steps: int,
    warmup: int = 10,
    data_dir=None,
) -> float:
    """Training steps a second of the shipped Trainer on the protocol's data (seed 0), after
    ``warmup`` steps (from the steps' own timings: pauses, preparing and testing left out)."""
    times: dict[int, float] = {}

    def record(event) -> None:
        if isinstance(event, StepEvent):
            times[event.step] = event.elapsed

    settings = protocol_settings(arch, 0, steps + warmup, device, fast)
    ProtocolTrainer(settings, d, callback=record, data_dir=data_dir).run()
    return steps / (times[steps + warmup] - times[warmup])


def _mean_std(values: list[float]) -> str:
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.2%} ± {std:.2%}"


def run(opts: Options) -> list[Line]:
    """Row 7: DeepProbLog's budget (1 epoch)."""
    return run_budget(opts, "7")


def run_scallop_budget(opts: Options) -> list[Line]:
    """Row 9: Scallop's budget (10 epochs)."""
    return run_budget(opts, "9")


def run_budget(opts: Options, row: str) -> list[Line]:
    device = torch.device("cuda" if opts.cuda else "cpu")
    d = load_protocol_data(opts)
    trunk = count_parameters(ConvTrunk())
    published = ", ".join(f"{name} {acc}%" for name, acc, _ in PUBLISHED)
    sources = "; ".join(dict.fromkeys(src for _, _, src in PUBLISHED))
    lines = []
    for line_row, arch, epochs in CONTENDERS:
        if line_row != row:
            continue
        steps = 4 if opts.quick else None
        seeds = SEEDS[:2] if opts.quick else SEEDS
        runs = []
        for seed in seeds:
            log(f"row {row}: {arch}, {epochs} epoch(s), seed {seed}")
            runs.append(train_one(d, arch, epochs, seed, device, steps, data_dir=opts.data_dir))
            log(f"row {row}: test sum accuracy {runs[-1].test_sum_accuracy:.2%}")
        sums = [r.test_sum_accuracy for r in runs]
        mean = statistics.mean(sums)
        measured = f"**{_mean_std(sums)}** sum (seeds {', '.join(map(str, seeds))}: " + ", ".join(
            f"{v:.2%}" for v in sums
        )
        if runs[0].digit_accuracy is not None:
            identity = all(r.digits_identity for r in runs)
            measured += (
                f"); digits read (never labelled): {_mean_std([r.digit_accuracy for r in runs])} raw, "
                f"{_mean_std([r.digit_accuracy_matched for r in runs])} matched "
                f"({'identity matching in every run' if identity else 'matching not the identity'})"
            )
        else:
            measured += ")"
        params = count_parameters(protocol_model(arch))
        speed = "" if opts.quick else _speed_note(d, arch, device, opts.data_dir)
        budget = (
            "1 epoch (DeepProbLog's budget)"
            if epochs == 1
            else f"{epochs} epochs (Scallop's budget)"
        )
        lines.append(
            Line(
                row,
                f"MNIST addition N=1, standard protocol, {budget}: scratch adder learning digits "
                f"from sums ({device.type.upper()})",
                measured,
                goal=f"mean >= {GOAL:.1%}, above every published figure",
                met=mean >= GOAL
                and mean * 100 > max(a for _, a, _ in PUBLISHED)
                and params <= trunk,
                notes=(
                    f"30,000 training pairs (each of the 60,000 training images once), 5,000 test "
                    f"pairs (each test image once), sum labels only, no augmentation, batch {BATCH}, "
                    f"AdamW lr {default_settings(SCRATCH, arch).lr:g} one-cycle, "
                    f"{_precision_note(runs[0].precision)}, last epoch scored; "
                    f"{params:,} parameters (the scratch trunk alone: {trunk:,}); "
                    f"{statistics.mean(r.seconds for r in runs):.0f} s a run{speed}. "
                    f"Published (N=1): {published} ({sources}); {PUBLISHED_BUDGETS}"
                ),
                data={"arch": arch, "epochs": epochs, "runs": [asdict(r) for r in runs]},
            )
        )
    return lines


def _precision_note(precision: str) -> str:
    if precision == "float32":
        return "float32"
    return f"{precision} autocast for the trunk's forward pass (weights, exact-sum head and loss float32)"


def _speed_note(
    d: ProtocolPairs, arch: str, device: torch.device, data_dir, steps: int = 60
) -> str:
    """The shipped Trainer's speed on this data with and without bf16, measured here, alternating
    twice."""
    rates: dict[bool, list[float]] = {False: [], True: []}
    for fast in (False, True, False, True):
        rates[fast].append(steps_per_second(d, arch, device, fast, steps, data_dir=data_dir))
    plain, fast = max(rates[False]), max(rates[True])
    return (
        f" (the Trainer {fast:.2f} steps/s with bf16 against {plain:.2f} in float32: "
        f"{fast / plain:.2f}x, best of 2 x {steps} steps each)"
    )
