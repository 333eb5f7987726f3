"""The application layer: what the app does, without Qt.

Sessions hold the app's logic and state between the core (data, models, training, checkpoints,
inference; no Qt) and the Qt views in ``mnist_desk.ui``:

- training session: settings validation, the run and its results, the adder comparison;
- model session: the catalog of models, load requests and their fallbacks, the device;
- drawing session: the two canvases' strokes, command-based undo, recognition requests.

A session never imports Qt; it reports through plain callbacks and events, and the views run its
slow work through one small Qt adapter (``mnist_desk.ui.background``). Layers are enforced by
import-linter (see pyproject.toml): the core imports neither this package nor Qt, this package
imports no Qt, and nothing below ``mnist_desk.ui`` imports it.
"""
