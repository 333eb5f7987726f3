"""Training, headless: one Trainer for every task, used by the CLI, the window and the tests.

Training flows one way: ``TrainingSettings`` -> ``Trainer.run()`` -> events (step, evaluation,
epoch, finished, failed) delivered to a callback -> a ``TrainingResult``. Nothing here knows Qt;
the app layer runs it in a worker thread and turns the events into its own. A run's
``controls`` (``cancel()``, ``pause()``, ``resume()``) are safe to call from another thread.

One concern a module:

- ``settings``: ``TrainingSettings`` (its fields carry the CLI's help), each task's defaults,
  and the one step count, ``total_steps(settings)``, that the Trainer runs to and views show;
- ``events``: the events, ``TrainingResult`` (with the test predictions) and the rule that turns
  a failure into the user's message;
- ``task_data``: a task's batches (digits, or pairs and their sums) from seeded generators;
- ``evaluation``: logits, loss and error, the test report, ``worst_mistakes``;
- ``checkpointing``: the starting model, the distillation teacher, saving the result;
- ``controls``: ``RunSwitches``, the thread-safe pause/resume/cancel a run holds;
- ``steps``: the one step loop (``StepLoop``) every run takes, the Trainer's, the personal
  fine-tune's and the digit gate's: pause, cancel, divergence, reporting, validation;
- ``loop``: the ``Trainer``;
- ``gate_data``, ``gate``: the digit gate's settings and sets, its training and thresholds.

Import from here (``from mnist_desk.training import Trainer``): every public name is re-exported.
"""

from mnist_desk.training.checkpointing import initial_model, load_teacher
from mnist_desk.training.evaluation import (
    WORST_MISTAKES,
    EvaluationInterrupted,
    Mistake,
    digit_metrics,
    eval_share,
    evaluate,
    full_report,
    mistakes_among,
    predict_logits,
    worst_mistakes,
)
from mnist_desk.training.events import (
    EpochEvent,
    EvalEvent,
    Event,
    FailedEvent,
    FinishedEvent,
    Predictions,
    StepEvent,
    TrainingCancelled,
    TrainingResult,
    failed_run_message,
)
from mnist_desk.training.loop import Trainer
from mnist_desk.training.settings import (
    DISTILL_MODES,
    OPTIMIZERS,
    SCHEDULES,
    TrainingSettings,
    cli_options,
    default_settings,
    examples_per_epoch,
    steps_per_epoch,
    total_steps,
)
from mnist_desk.training.steps import seeded_torch_rng
from mnist_desk.training.task_data import TaskData

__all__ = [
    "DISTILL_MODES",
    "OPTIMIZERS",
    "SCHEDULES",
    "WORST_MISTAKES",
    "EpochEvent",
    "EvalEvent",
    "EvaluationInterrupted",
    "Event",
    "FailedEvent",
    "FinishedEvent",
    "Mistake",
    "StepEvent",
    "TaskData",
    "Predictions",
    "Trainer",
    "TrainingCancelled",
    "TrainingResult",
    "TrainingSettings",
    "cli_options",
    "default_settings",
    "digit_metrics",
    "eval_share",
    "evaluate",
    "examples_per_epoch",
    "failed_run_message",
    "full_report",
    "initial_model",
    "load_teacher",
    "mistakes_among",
    "predict_logits",
    "seeded_torch_rng",
    "steps_per_epoch",
    "total_steps",
    "worst_mistakes",
]
