"""mnist-desk: draw two digits, see them and their sum recognised, train the networks behind it.

The package is four layers; each imports only the layers below it (import-linter contracts in
pyproject.toml, run by ``make lint`` and ``tests/test_architecture.py``):

- entry points: ``__main__`` and ``cli`` (with ``train_cli`` and ``my_digits_cli``), the only
  code that may start the window;
- ``ui``: the Qt views, and one adapter that runs slow work in a worker thread;
- ``app``: Qt-free sessions (training, models, drawing) that hold the app's logic and state;
- the core, everything else, without Qt: ``config``, ``data``, ``models``, ``training``,
  ``checkpoints``, ``metrics``, ``preprocess``, ``strokes``, ``inference``, ``catalog``, ... down
  to ``errors``, which imports nothing of ours.

Data flows one way: strokes -> model input -> ``inference.Predictor`` -> what the window shows;
``training.TrainingSettings`` -> ``training.Trainer`` (in a worker) -> events -> plots, progress
and a ``TrainingResult``. Anything computed from data (a step count, the test set, the worst
mistakes) is computed once, in the core, and shown by the views.
"""

__version__ = "0.1.0"
