"""The inside view as the views draw it: sheets of small maps tiled into one image each.

A ``Sheet`` is one group of maps (a layer's feature maps, the first layer's filters, a token's
attention per layer and head, an MLP's units) tiled into a mosaic with a one-pixel gap, so a
view draws it as one image and finds the map under the mouse with ``cell_at``. Numbers only:
the views translate the titles from ``kind`` and ``number``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

CONV, FILTERS, ATTENTION, ROLLOUT, WEIGHTS, HIDDEN, TOP_UNITS = (
    "conv",
    "filters",
    "attention",
    "rollout",
    "weights",
    "hidden",
    "top-units",
)
TOP_UNITS_SHOWN = 16
ATTENTION_CELL = 28  # an attention map is drawn over the 28x28 field, one block per patch


@dataclass
class Sheet:
    """Maps (n, h, w) tiled ``columns`` wide. ``kind`` and ``number`` name it (the views
    translate); ``units`` maps a cell to the unit it shows (top units are a selection)."""

    kind: str
    number: int  # the layer's number (1 = first), or the token (0 class, 1 distillation)
    maps: np.ndarray
    diverging: bool  # values either side of 0 (weights, pre-activation maps)
    columns: int
    units: list[int] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    rows_are_layers: bool = False  # attention: a row per layer, a column per head
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.maps)

    @property
    def cell_shape(self) -> tuple[int, int]:
        return self.maps.shape[1], self.maps.shape[2]

    @property
    def gap(self) -> int:
        return 1 if self.maps.shape[1] > 1 else 0

    @property
    def levels(self) -> tuple[float, float]:
        """Colour scale ends shared by every map of the sheet."""
        finite = self.maps[np.isfinite(self.maps)]
        if finite.size == 0:
            return 0.0, 1.0
        if self.diverging:
            top = float(np.abs(finite).max()) or 1.0
            return -top, top
        low, high = float(finite.min()), float(finite.max())
        return low, high if high > low else low + 1.0

    def mosaic(self) -> np.ndarray:
        """The maps tiled row by row, NaN in the gaps (drawn transparent)."""
        h, w = self.cell_shape
        rows = -(-self.count // self.columns)
        g = self.gap
        out = np.full((rows * (h + g) - g, self.columns * (w + g) - g), np.nan, np.float32)
        for k, m in enumerate(self.maps):
            r, c = divmod(k, self.columns)
            out[r * (h + g) : r * (h + g) + h, c * (w + g) : c * (w + g) + w] = m
        return out

    def cell_at(self, row: float, col: float) -> int | None:
        """The map under mosaic pixel (row, col), or None over a gap or outside."""
        h, w = self.cell_shape
        g = self.gap
        r, c = int(row // (h + g)), int(col // (w + g))
        if row < 0 or col < 0 or c >= self.columns:
            return None
        if row - r * (h + g) >= h or col - c * (w + g) >= w:
            return None
        k = r * self.columns + c
        return k if k < self.count else None

    def unit(self, cell: int) -> int:
        return self.units[cell] if self.units else cell


def square_columns(count: int) -> int:
    """Columns for a near-square grid of ``count`` cells, a little wider than tall."""
    return max(1, int(np.ceil(np.sqrt(count * 1.5))))


def sheets_for(view: Any, filters: np.ndarray) -> list[Sheet]:
    """The sheets of an ``InsideView`` (mnist_desk.inspection.inside), filters last."""
    sheets: list[Sheet] = []
    if view.kind == "vit":
        attention = view.attention
        for token in range(attention.specials):
            per_head = attention.from_token(token)  # (layers, heads, g, g)
            layers, heads = per_head.shape[:2]
            block = ATTENTION_CELL // attention.grid
            cells = np.kron(
                per_head.reshape(-1, attention.grid, attention.grid), np.ones((1, block, block))
            )
            sheets.append(
                Sheet(
                    ATTENTION,
                    token,
                    cells.astype(np.float32),
                    False,
                    heads,
                    rows_are_layers=True,
                    extra={"layers": layers, "heads": heads},
                )
            )
            rolled = np.kron(attention.rolled_out(token), np.ones((block, block)))[None]
            sheets.append(Sheet(ROLLOUT, token, rolled.astype(np.float32), False, 1))
        sheets.append(Sheet(FILTERS, 1, filters, True, square_columns(len(filters))))
    elif view.kind == "mlp":
        for number, layer in enumerate(view.layers, 1):
            values = layer.maps.reshape(-1)
            sheets.append(Sheet(HIDDEN, number, layer.maps, False, square_columns(len(values))))
            if number == 1:
                top = [int(u) for u in np.argsort(-values, kind="stable")[:TOP_UNITS_SHOWN]]
                captions = [f"{values[u]:.2f}" for u in top]
                sheets.append(Sheet(TOP_UNITS, 1, filters[top], True, 8, top, captions))
        sheets.append(Sheet(WEIGHTS, 1, filters, True, square_columns(len(filters))))
    else:
        for number, layer in enumerate(view.layers, 1):
            diverging = bool(layer.maps.min() < 0)
            sheets.append(
                Sheet(
                    CONV,
                    number,
                    layer.maps,
                    diverging,
                    square_columns(len(layer.maps)),
                    extra={"kernel": layer.kernel},
                )
            )
        sheets.append(Sheet(FILTERS, 1, filters, True, square_columns(len(filters))))
    return sheets


def filters_sheet(weights: np.ndarray) -> Sheet:
    """A first layer's weights as a sheet of images: a convolution's (out, in, h, w) kernels
    (inputs averaged: the zoo's first layers read one channel), a linear layer's (out, 784)
    rows as 28x28 images, other (out, n) rows as 1 x n strips."""
    w = np.asarray(weights, np.float32)
    if w.ndim == 4:
        maps = w.mean(1)
    elif w.ndim == 2 and w.shape[1] == 28 * 28:
        maps = w.reshape(-1, 28, 28)
    else:
        maps = w.reshape(len(w), 1, -1)
    return Sheet(FILTERS, 1, maps, True, square_columns(len(maps)))
