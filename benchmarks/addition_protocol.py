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
import time
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F

from benchmarks.common import Line, Options, log
from mnist_desk.data import mnist as mdata
from mnist_desk.models import SCRATCH, build_model, count_parameters, reads_digits
from mnist_desk.models.convnet import ConvTrunk
from mnist_desk.support import acceleration as accel
from mnist_desk.training import default_settings
from mnist_desk.training.metrics import emergent_digits

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


class ProtocolLoop:
    """One run's model, optimizer and batches: the project's default scratch settings for
    ``arch`` on the protocol's pairs, in Scallop's batches of 64 shuffled each epoch.

    ``fast`` changes how each step computes, never what it learns from: bf16 autocast for the
    trunk's forward pass where the device runs it natively (the quick recipe's choice), the fused
    AdamW kernel, and no host sync inside the loop. The exact-sum head and the loss stay float32
    (sums of log-probabilities near zero need its precision).
    """

    def __init__(
        self, d: ProtocolPairs, arch: str, seed: int, device: torch.device, total: int, fast: bool
    ):
        settings = default_settings(SCRATCH, arch)
        torch.manual_seed(seed)
        self.device = device
        self.model = protocol_model(arch).to(device, memory_format=torch.channels_last)
        self.train_pairs, self.test_pairs = d.pairs(seed)
        self.images, self.digits = d.train_images.to(device), d.train_digits.to(device)
        self.precision = accel.choose_precision(device, amp=fast)
        self.optimizer = torch.optim.AdamW(
            self.model.parameters(),
            lr=settings.lr,
            weight_decay=settings.weight_decay,
            **(accel.optimizer_kernel(device) if fast else {}),
        )
        self.schedule = torch.optim.lr_scheduler.OneCycleLR(
            self.optimizer, max_lr=settings.lr, total_steps=total, pct_start=max(0.25, 2 / total)
        )
        self.order = torch.Generator().manual_seed(seed)

    def epoch(self):
        """The index batches of one pass over the training pairs, in a fresh shuffled order."""
        return mdata.iterate_batches(
            len(self.train_pairs), BATCH, shuffle=True, generator=self.order
        )

    def step(self, idx: torch.Tensor) -> torch.Tensor:
        """One update on the pairs ``idx``; returns the loss (a tensor: reading it would sync)."""
        chosen = self.train_pairs[idx].to(self.device)
        pair_images, sums = self.images[chosen], self.digits[chosen].sum(1)
        reads = reads_digits(self.model)
        with accel.autocast(self.device, self.precision):
            if reads:
                digit_logits = self.model.digit_logits(pair_images)
            else:
                logits = self.model(pair_images)
        if reads:
            logits = self.model.sum_logits(digit_logits.float())
        loss = F.cross_entropy(logits.float(), sums)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.schedule.step()
        return loss.detach()


def train_one(
    d: ProtocolPairs,
    arch: str,
    epochs: int,
    seed: int,
    device: torch.device,
    steps: int | None,
    fast: bool = True,
) -> ProtocolRun:
    """One run on the protocol's pairs and budget, scored on its 5,000 test pairs at the end."""
    total = steps or epochs * math.ceil(len(d.train_digits) // 2 / BATCH)
    loop = ProtocolLoop(d, arch, seed, device, total, fast)
    start, step = time.perf_counter(), 0
    loop.model.train()
    while step < total:
        for idx in loop.epoch():
            loop.step(idx)
            step += 1
            if step >= total:
                break
    seconds = time.perf_counter() - start
    model, test_pairs = loop.model, loop.test_pairs
    model.eval()
    with torch.no_grad():
        test_images, test_digits = d.test_images.to(device), d.test_digits.to(device)
        predicted = torch.cat(
            [model(test_images[test_pairs[i : i + 1000]]).argmax(1) for i in range(0, 5000, 1000)]
        )
        sum_accuracy = (predicted == test_digits[test_pairs].sum(1)).float().mean().item()
        emergent = None
        if reads_digits(model):
            read = torch.cat(
                [
                    model.classifier(test_images[i : i + 1000]).argmax(1)
                    for i in range(0, 10000, 1000)
                ]
            )
            emergent = emergent_digits(read.cpu(), d.test_digits)
    return ProtocolRun(
        seed,
        sum_accuracy,
        emergent and emergent.raw_accuracy,
        emergent and emergent.matched_accuracy,
        emergent and emergent.identity,
        seconds,
        loop.precision.name,
    )


def steps_per_second(
    d: ProtocolPairs, arch: str, device: torch.device, fast: bool, steps: int, warmup: int = 10
) -> float:
    """Training steps a second of the protocol's loop (seed 0), after ``warmup`` steps."""
    loop = ProtocolLoop(d, arch, 0, device, steps + warmup, fast)
    loop.model.train()
    batches = loop.epoch()
    for _ in range(warmup):
        loop.step(next(batches))
    start = time.perf_counter()
    for _ in range(steps):
        loop.step(next(batches))
    if device.type == "cuda":
        torch.cuda.synchronize()
    return steps / (time.perf_counter() - start)


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
            runs.append(train_one(d, arch, epochs, seed, device, steps))
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
        speed = "" if opts.quick else _speed_note(d, arch, device)
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


def _speed_note(d: ProtocolPairs, arch: str, device: torch.device, steps: int = 60) -> str:
    """The fast loop's speed against the plain float32 loop, measured here, alternating twice."""
    rates: dict[bool, list[float]] = {False: [], True: []}
    for fast in (False, True, False, True):
        rates[fast].append(steps_per_second(d, arch, device, fast, steps))
    plain, fast = max(rates[False]), max(rates[True])
    return (
        f" (this loop {fast:.2f} steps/s against {plain:.2f} for the plain float32 loop with the "
        f"unfused AdamW: {fast / plain:.2f}x, best of 2 x {steps} steps each)"
    )
