"""The application layer: what the app does, without Qt.

Sessions hold the app's logic and state between the core (data, models, training, checkpoints,
inference; no Qt) and the Qt views in ``mnist_desk.ui``:

- training session (``training_session.TrainingSession``): every run of the app (the form's,
  the personal fine-tune, each contender of a comparison such as "Compare adders": ``comparison``)
  starts, pauses, stops and ends there; the run state lives there alone; a run is a
  ``training_run.TrainingRun`` its worker (``jobs.Worker``) runs off the GUI thread, and it
  reports typed events (``training_events``: RunStarted, PhaseChanged, StepsDone, Evaluated,
  FiltersSnapshot, RunEnded, ComparisonStarted/Ended, StateChanged) shown by ``ui.train``;
- model session (``model_session.ModelSession``): the catalog of models (``ModelCatalog`` of
  ``catalog.ModelEntry``, the one entry type), load requests numbered so a stale answer is
  ignored, the CPU-then-default fallbacks, the device; its work (``catalog_work``, ``load_work``)
  runs in a worker and answers through ``receive``; it reports ``LoadStarted``, ``CatalogRead``,
  ``ModelLoaded``, ``LoadFailed``, ``NoModel`` (shown by ``ui.model_view``);
- drawing session (``drawing_session.DrawingSession``): the two canvases' ``Drawing``s and strokes
  in progress, command-based undo (``ChangeDrawings`` on an ``UndoHistory`` with QUndoStack's
  rules), and their reading (typed drawings -> Predictor -> ``Recognised`` events, shown by
  ``ui.draw.drawing_tab``);
- corrections (``corrections.Corrections``): keeping drawings in My digits, relabelling them,
  taking them back with undo (shown by ``ui.draw.corrections`` and ``ui.library.my_digits_view``).

A session never imports Qt; it reports through plain callbacks and events, and the views run its
slow work through one small Qt adapter (``mnist_desk.ui.background``). Layers are enforced by
import-linter (see pyproject.toml): the core imports neither this package nor Qt, this package
imports no Qt, and nothing below ``mnist_desk.ui`` imports it.
"""
