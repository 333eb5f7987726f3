"""mnist-desk: draw two digits, see them and their sum recognised, train the networks behind it.

The package is four layers; each imports only the layers below it (import-linter contracts in
pyproject.toml, run by ``make lint`` and ``tests/test_architecture.py``):

- entry points: ``__main__`` and ``cli/`` (``main``, ``train``, ``my_digits``, ...), the only
  code that may start the window;
- ``ui/``: the Qt views (shell, draw, train, library, inside), and one adapter that runs slow
  work in a worker thread (``ui.background``);
- ``app/``: Qt-free sessions (drawing, models, training, corrections) that hold the app's logic
  and state and emit typed events;
- the core, without Qt, one package a concern: ``support``, ``data``, ``imaging``, ``models``,
  ``store``, ``training``, ``recognition``, ``personal``, ``evaluation``, ``inspection``; down
  to ``errors``, which imports nothing of ours.

Data flows one way (docs/architecture.md): strokes -> ``app.drawing_session`` -> model input ->
``recognition.predictor.Predictor`` -> ``Recognised`` -> the Draw tab; Start ->
``app.training_session`` -> a worker runs ``training.Trainer``'s one step loop -> typed events
-> the Train tab. Anything computed from data (a step count, the test set, the worst mistakes)
is computed once, below Qt, and shown by the views.
"""

__version__ = "0.1.0"
