"""The bold development set (``evaluation.bold_dev``, development only): every style makes
digits on the canvas, and a glyph's outline is traced round its ink, holes included."""

from __future__ import annotations

import numpy as np

from mnist_desk.evaluation import bold_dev, plotted_dev


def test_bold_digits_cycle_through_the_labels_in_every_style_on_the_canvas():
    digits = bold_dev.bold_digits(40, seed=1)
    assert [d.label for d in digits] == [i % 10 for i in range(40)]
    assert {d.style.split(":")[0] for d in digits} == set(bold_dev.STYLES)
    for d in digits:
        points = np.concatenate([np.asarray(s) for s in d.strokes])
        assert len(d.strokes) >= 1 and (points >= 0).all() and (points <= 1).all(), d.style


def test_the_outline_of_a_ring_is_its_outer_and_inner_contours():
    t = np.linspace(0, 2 * np.pi, 60)
    ring = [np.c_[0.4 + 0.3 * np.cos(t), 0.5 + 0.5 * np.sin(t)]]
    contours = bold_dev.outline(ring, np.random.default_rng(0))
    assert len(contours) == 2
    outer, inner = sorted(contours, key=lambda c: -np.ptp(c[:, 1]))
    # the pen's width (12-20% of the height) out and in: the ring, 1 tall, is 1.12-1.2 and
    # 0.8-0.88 tall between them (the contours in the traced grid's units, the same for both)
    assert 1.12 / 0.88 - 0.05 < np.ptp(outer[:, 1]) / np.ptp(inner[:, 1]) < 1.2 / 0.8 + 0.05


def test_plotted_digits_are_drawn_in_pieces_on_the_canvas():
    digits = plotted_dev.plotted_digits(40, seed=1)
    assert [d.label for d in digits] == [i % 10 for i in range(40)]
    assert {d.style.split(":")[0] for d in digits} == {"pieces", "bold"}
    for d in digits:
        points = np.concatenate([np.asarray(s) for s in d.strokes])
        assert (points >= 0).all() and (points <= 1).all(), d.style
    # the development fonts' glyphs, in more strokes than their centre lines have
    glyphs = bold_dev._dev_glyphs("skeleton")
    assert sum(len(d.strokes) for d in digits) > sum(
        len(glyphs[d.style.split(":", 1)[1]][d.label]) for d in digits
    )


def test_a_piece_stops_short_of_the_stroke_it_met_now_and_then():
    stem = np.c_[np.zeros(11), np.linspace(0, 1, 11)]
    foot = np.array([(-0.2, 1.0), (0.0, 1.0)])  # meets the stem's end
    rng = np.random.default_rng(0)
    gaps = []
    for _ in range(20):
        *rest, drawn_foot = plotted_dev.in_pieces([stem, foot], rng)  # not bold: last as given
        others = np.concatenate(rest)
        gaps.append(np.hypot(*(drawn_foot[:, None] - others[None]).T).min())
    # both ends may stop short: up to twice the largest gap, and at times none
    assert min(gaps) < 0.005 and 0.01 < max(gaps) <= 2 * plotted_dev.GAP[1] + 0.01
