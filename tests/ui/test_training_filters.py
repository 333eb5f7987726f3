"""Training watched from inside: the first layer's filters change beside the curves as a run
trains (from the run's throttled FiltersSnapshot events)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.support import start_by_button, tiny_settings

RUN_TIMEOUT_MS = 120_000


@pytest.mark.parametrize(("arch", "cell"), [("quick", (5, 5)), ("mlp", (28, 28))])
def test_the_first_layers_filters_change_while_a_run_trains(panel, qtbot, arch, cell):
    filters = panel.run_view.filters
    assert filters.sheet is None
    seen: list[np.ndarray] = []
    original = filters.show_weights

    def keep(weights, step):
        seen.append(np.array(weights, copy=True))
        original(weights, step)

    filters.show_weights = keep
    start_by_button(qtbot, panel, tiny_settings(arch=arch, max_steps=60))
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    assert len(seen) >= 2, "at least two snapshots over the run"
    assert not np.allclose(seen[0], seen[-1])  # training changed them
    assert filters.sheet.cell_shape == cell and filters.step is not None
    assert str(filters.step) in filters.title.text().replace(",", "")
