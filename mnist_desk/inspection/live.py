"""The live inside view in one pass: what ``look_inside``, ``explain`` and
``projection.penultimate`` give for one input, from one forward and one backward pass.

The input goes in as a batch of two copies: the forward pass's hooks catch the layers' maps (or
the encoder layers' inputs, for the attention) and the penultimate features, its logits give the
answer and the runner-up, and one backward pass of the answer's logit on the first copy plus the
runner-up's on the second gives both gradients at once (the copies do not interact: batch norm
runs in eval mode). The gradient methods' heatmaps come from that gradient; the other methods
are computed as ``explain`` computes them, after a forward pass in inference mode.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from mnist_desk.inspection.attention import (
    catch_layer_inputs,
    catch_patches,
    patch_grid,
    special_tokens,
    weights_from_inputs,
)
from mnist_desk.inspection.attribution import heatmaps
from mnist_desk.inspection.explain import Explanation
from mnist_desk.inspection.inside import Attention, InsideView, group_layers
from mnist_desk.inspection.methods import DEFAULT_METHOD
from mnist_desk.inspection.projection import feature_layer
from mnist_desk.inspection.subject import VIT, Subject, normalise

GRADIENT_METHODS = ("gradient", "gradient-x-input")


@dataclass
class Look:
    """The inside view, the explanation (None: the subject answers nothing alone) and the
    penultimate-layer features (D,) of one input."""

    view: InsideView
    explanation: Explanation | None
    features: np.ndarray


def look_and_explain(
    subject: Subject, ink: np.ndarray, method: str = DEFAULT_METHOD, *, layers: bool = True
) -> Look:
    """The inside view, why ``subject`` answers what it does and the features for ``ink`` (28,
    28), 0..1. ``layers`` False leaves the convolutions' and MLP layers' maps out (a view that
    does not show them)."""
    ink = np.asarray(ink, dtype=np.float32).reshape(28, 28)
    x = torch.from_numpy(ink).reshape(1, 1, 28, 28)
    view = InsideView(subject.kind, subject.answers, ink, None)
    one_pass = subject.network is not None and method in GRADIENT_METHODS
    caught = _Catch(subject, layers)
    try:
        if one_pass:
            with torch.inference_mode(False), torch.enable_grad():
                copies = x.expand(2, -1, -1, -1).clone().requires_grad_(True)
                logits = subject.logits(copies)
        else:
            with torch.inference_mode():
                if subject.network is not None:
                    logits = subject.logits(x)
                else:
                    subject.reader(normalise(x))
    finally:
        caught.remove()
    explanation = None
    if subject.network is not None:
        probabilities = logits[0].detach().softmax(0).numpy().copy()
        answer, runner_up = (int(i) for i in np.argsort(-probabilities, kind="stable")[:2])
        if one_pass:
            chosen = logits[0, answer] + logits[1, runner_up]
            (gradient,) = torch.autograd.grad(chosen, copies)
            maps = gradient[:, 0] * x[0] if method == "gradient-x-input" else gradient[:, 0]
            maps = maps.detach().float().numpy().copy()
        else:
            maps = heatmaps(subject, ink, [answer, runner_up], method)
        view.probabilities = probabilities
        explanation = Explanation(
            method, subject.answers, ink, probabilities, answer, runner_up, maps[0], maps[1]
        )
    if subject.kind == VIT:
        reader = subject.reader
        weights = weights_from_inputs(reader, caught.inputs)
        view.attention = Attention(weights, patch_grid(reader), special_tokens(reader))
        if caught.patches:
            view.patches = caught.patches[-1][0].numpy()
    else:
        view.layers = group_layers(caught.record, subject.kind, 0)
    return Look(view, explanation, caught.features[0].float().reshape(-1).numpy().copy())


class _Catch:
    """Hooks on the subject's reader for one forward pass: the leaves' inputs and outputs (this
    input's item only), the encoder layers' inputs and the patch embedding's output (a
    transformer) and the features."""

    def __init__(self, subject: Subject, layers: bool):
        reader, self.index = subject.reader, subject.batch_index
        self.record: list[tuple[nn.Module, torch.Tensor, torch.Tensor]] = []
        self.inputs: list[torch.Tensor] = []
        self.features: list[torch.Tensor] = []
        self.patches: list[torch.Tensor] = []
        if subject.kind == VIT:
            self.hooks = catch_layer_inputs(reader, self.inputs)
            self.hooks.append(catch_patches(reader, self.patches))
        elif layers:
            leaves = [m for m in reader.modules() if not list(m.children())]
            self.hooks = [m.register_forward_hook(self._keep) for m in leaves]
        else:
            self.hooks = []
        last = feature_layer(reader)
        if last is None:  # a trunk: its output is the features
            self.hooks.append(reader.register_forward_hook(self._keep_output))
        else:
            self.hooks.append(last.register_forward_hook(self._keep_input))

    def _item(self, t: torch.Tensor) -> torch.Tensor:
        return t[self.index : self.index + 1].detach().clone()  # ReLUs run in place: copy now

    def _keep(self, module, args, out) -> None:
        if isinstance(out, torch.Tensor):
            self.record.append((module, self._item(args[0]), self._item(out)))

    def _keep_output(self, _module, _args, out) -> None:
        self.features.append(self._item(out))

    def _keep_input(self, _module, args, _out) -> None:
        self.features.append(self._item(args[0]))

    def remove(self) -> None:
        for hook in self.hooks:
            hook.remove()
