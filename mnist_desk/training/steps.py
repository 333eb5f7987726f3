"""The one step loop every run takes: the Trainer's (classifiers and adders), the personal
fine-tune's and the digit gate's.

``StepLoop.run()`` takes optimizer steps, epoch after epoch, until the step budget is spent or
the run ends otherwise, and owns what every run shares: waiting while paused (pauses are left
out of every timing), stopping on a cancel, stopping when the loss diverges, reporting each step
(a ``StepEvent`` and a point of the history), validating when due (an ``EvalEvent``; the best
validation error so far; patience), and an ``EpochEvent`` at each epoch's end; a run seeds
torch's generator for itself alone (``seeded_torch_rng``). What differs
between runs (their batches, their loss, their update, their validation set, what "the best
weights" means) is a ``Learner``'s.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import torch

from mnist_desk.errors import Phrase, Words
from mnist_desk.training.controls import RunSwitches
from mnist_desk.training.evaluation import EvaluationInterrupted
from mnist_desk.training.events import EpochEvent, EvalEvent, Event, StepEvent

History = dict[str, list[dict[str, Any]]]

# How a run ended, in the user's words (the window words them in its language: errors.Phrase)
FINISHED = Phrase("training finished")
STOPPED_BY_USER = Phrase("stopped by the user at step {step}")
STOPPED_EARLY = Phrase(
    "stopped early at step {step}: validation error did not improve for {patience} evaluations"
)
DIVERGED = Phrase("Training diverged: the loss became {loss} at step {step}.")
DIVERGED_HINT = Phrase("Training diverged: the loss became {loss} at step {step}. {hint}")
LOWER_LR = Phrase("Try a lower learning rate.")  # divergence hints
LOWER_LR_NOW = Phrase("Try a lower learning rate (now {lr}).")
NOTHING_KEPT = Phrase("{ending} No checkpoint was kept (no evaluation had run).")
BEST_KEPT = Phrase("{ending} The best model so far was kept.")
BEST_KEPT_AT = Phrase("{ending} The best model so far was kept: {checkpoint}.")


def what_was_kept(ending: Words, kept: bool, checkpoint: str | None = None) -> Words:
    """How a run ended (a diverged one), then whether its best model so far was kept, and where."""
    if not kept:
        return NOTHING_KEPT(ending=ending)
    return (
        BEST_KEPT_AT(ending=ending, checkpoint=checkpoint)
        if checkpoint
        else BEST_KEPT(ending=ending)
    )


@contextlib.contextmanager
def seeded_torch_rng(seed: int, device: torch.device) -> Iterator[None]:
    """torch's process-wide generator (and the run's GPU's) seeded for one run, then given back
    as it was. Initial weights and dropout draw from it, and torch has no per-call generator for
    them; everything else a run draws (order, augmentation, pairs) comes from TaskData's own."""
    if device.type == "cuda":
        gpus = [device.index if device.index is not None else torch.cuda.current_device()]
    else:
        gpus = []
    with torch.random.fork_rng(devices=gpus):
        torch.random.default_generator.manual_seed(seed)
        if gpus:
            with torch.cuda.device(device):
                torch.cuda.manual_seed(seed)
        yield


def take_step(loss: torch.Tensor, optimizer: torch.optim.Optimizer, schedule: Any) -> None:
    """A plain ``Learner.update``: backpropagate ``loss``, then the optimizer's step and the
    schedule's (``schedule``: a torch LR scheduler)."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    schedule.step()


class Learner(Protocol):
    """One run's model and data, as the step loop drives them."""

    def batches(self) -> Iterable[tuple[torch.Tensor, torch.Tensor]]:
        """One epoch's (inputs, labels) batches (may be endless: the budget ends the loop)."""
        ...

    def loss(
        self, inputs: torch.Tensor, labels: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, dict[str, float]]:
        """(loss to minimise, logits for the training error, named parts of the loss)."""
        ...

    def update(self, loss: torch.Tensor) -> None:
        """Backpropagate ``loss`` and take the optimizer's (and the schedule's) step."""
        ...

    def learning_rate(self) -> float: ...

    def validate(self, should_stop: Callable[[], bool] | None) -> tuple[float, float]:
        """(loss, error) on the validation set (``should_stop`` may interrupt a long pass)."""
        ...

    def keep_best(self) -> None:
        """The weights just validated are the best so far."""
        ...


@dataclass(frozen=True)
class LoopPlan:
    total_steps: int
    steps_per_epoch: int
    eval_every: int | None  # steps between validations; None: the run never validates
    eval_from: float = 0.0  # validate only after this share of the run (and always at its end)
    patience: int | None = None  # stop after this many validations without a better error
    images_per_example: int = 1  # a pair counts two images
    divergence_hint: str = ""  # what to try when the loss diverges (said after the loss; a Phrase's
    # Words, to be said in the window's language)
    report: bool = True  # False: no events, no history, no validation (a quiet run)


class StepLoop:
    """Runs a ``Learner``'s steps under ``controls``; events go to ``emit``, points to
    ``history`` (``train`` and ``val`` lists). Its fields say how far the run got."""

    def __init__(
        self,
        learner: Learner,
        plan: LoopPlan,
        controls: RunSwitches,
        emit: Callable[[Event], None] | None = None,
        history: History | None = None,
        *,
        started: float | None = None,
    ):
        self.learner, self.plan, self.controls = learner, plan, controls
        self.emit = emit or (lambda event: None)
        self.history = history if history is not None else {"train": [], "val": []}
        self.start = time.perf_counter() if started is None else started
        self.paused = 0.0  # seconds spent paused, left out of every timing
        self.step = 0
        self.epoch = 0
        self.images_seen = 0
        self.status = "completed"
        self.message: Words = FINISHED()
        self.best_error = math.inf
        self.evals_since_best = 0

    def elapsed(self) -> float:
        return time.perf_counter() - self.start - self.paused

    def end(self, status: str, message: Words) -> None:
        self.status, self.message = status, message

    @property
    def validated(self) -> bool:
        return self.best_error < math.inf

    def run(self) -> StepLoop:
        """Epoch after epoch until the step budget is spent or the run ends otherwise."""
        plan = self.plan
        while self.status == "completed" and self.step < plan.total_steps:
            for inputs, labels in self.learner.batches():
                if not self._step(inputs, labels):
                    break
            if self.status == "completed":
                self.epoch += 1
                if plan.report:
                    self.emit(EpochEvent(self.epoch, self.step, self.elapsed()))
        return self

    def _step(self, inputs: torch.Tensor, labels: torch.Tensor) -> bool:
        """One optimizer step, reported, then a validation if one is due. False once the run
        has taken its last step or ended (stopped, diverged, stopped early)."""
        plan = self.plan
        self.paused += self.controls.wait_if_paused()
        if self.controls.cancelled:
            self.end("stopped", STOPPED_BY_USER(step=self.step))
            return False
        loss, logits, parts = self.learner.loss(inputs, labels)
        if not torch.isfinite(loss):
            where = {"loss": loss.item(), "step": self.step + 1}
            hint = plan.divergence_hint
            self.end("diverged", DIVERGED_HINT(**where, hint=hint) if hint else DIVERGED(**where))
            return False
        self.learner.update(loss)
        self.step += 1
        self.images_seen += len(labels) * plan.images_per_example
        if not plan.report:
            return self.step < plan.total_steps
        error = (logits.argmax(1) != labels).float().mean().item()
        self._report_step(loss.item(), error, parts)
        due = (
            plan.eval_every is not None
            and self.step % plan.eval_every == 0
            and self.step >= plan.eval_from * plan.total_steps
        )
        if plan.eval_every is not None and (due or self.step == plan.total_steps):
            try:
                self.validate(interruptible=True)
            except EvaluationInterrupted:
                self.end("stopped", STOPPED_BY_USER(step=self.step))
                return False
            if plan.patience is not None and self.evals_since_best > plan.patience:
                self.end("early-stopped", STOPPED_EARLY(step=self.step, patience=plan.patience))
                return False
        return self.step < plan.total_steps

    def _report_step(self, loss: float, error: float, parts: dict[str, float]) -> None:
        elapsed = self.elapsed()
        epoch = self.step / self.plan.steps_per_epoch
        point = {"step": self.step, "epoch": epoch, "loss": loss, "error": error, "time": elapsed}
        self.history["train"].append({**point, **parts})
        self.emit(
            StepEvent(
                self.step,
                self.plan.total_steps,
                epoch,
                loss,
                error,
                self.learner.learning_rate(),
                self.images_seen,
                elapsed,
                parts,
            )
        )

    def validate(self, interruptible: bool = False) -> None:
        """Score the validation set; the learner keeps its weights if they are the best so far.
        During training a cancel ends a long validation pass between batches (so a window
        closing mid-run is not held up by it): ``EvaluationInterrupted``."""
        should_stop = (lambda: self.controls.cancelled) if interruptible else None
        began = time.perf_counter()
        loss, error = self.learner.validate(should_stop)
        if error < self.best_error:
            self.best_error, self.evals_since_best = error, 0
            self.learner.keep_best()
        else:
            self.evals_since_best += 1
        now = self.elapsed()
        epoch = self.step / self.plan.steps_per_epoch
        self.history["val"].append(
            {
                "step": self.step,
                "epoch": epoch,
                "loss": loss,
                "error": error,
                "time": now,
                "eval_seconds": time.perf_counter() - began,  # its share: eval_share()
            }
        )
        self.emit(EvalEvent(self.step, epoch, loss, error, self.best_error, now))
