"""What a network computes for one input: its layers' maps and the weights that make them.

- convolutional networks: each convolution's feature maps (after its batch norm and ReLU, when
  they follow it), with the kernels that feed them; the first layer's filters;
- vision transformers (ViT, DeiT): the class token's (and the distillation token's) attention
  to the patches, per layer and head, and rolled out; the patch embedding's filters;
- MLPs: each hidden layer's activations; the first layer's weights as 28x28 images.

Maps are caught by forward hooks for one forward pass and copied at once (ReLUs run in place).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from mnist_desk.inspection.attention import (
    attention_weights,
    catch_patches,
    patch_grid,
    rollout,
    special_tokens,
)
from mnist_desk.inspection.subject import MLP_KIND, VIT, Subject, normalise

# Modules that keep a map's shape and act on each value: shown as part of the layer before them.
_ELEMENTWISE = (nn.BatchNorm2d, nn.ReLU, nn.GELU, nn.Dropout, nn.Identity)


@dataclass
class Layer:
    """One layer's output for the input: ``maps`` (units, h, w); an MLP's units are 1x1."""

    maps: np.ndarray
    kernel: int  # the kernel's side (0 for a fully connected layer)
    kernels: np.ndarray | None = None  # conv: (units, in, k, k); mlp: (units, in) weights
    inputs: np.ndarray | None = None  # what the layer read: (in, h, w) maps or (in,) values


@dataclass
class Attention:
    """A transformer's attention for the input: ``weights`` (layers, heads, tokens, tokens)."""

    weights: np.ndarray
    grid: int  # patches per side
    specials: int  # tokens before the patches: 1 (class) or 2 (class, distillation)

    def from_token(self, token: int = 0) -> np.ndarray:
        """(layers, heads, grid, grid): how token ``token`` attends to each patch."""
        rows = self.weights[:, :, token, self.specials :]
        return rows.reshape(*rows.shape[:2], self.grid, self.grid)

    def rolled_out(self, token: int = 0) -> np.ndarray:
        """(grid, grid): token ``token``'s attention rolled out through every layer."""
        return rollout(self.weights, token)[self.specials :].reshape(self.grid, self.grid)


@dataclass
class InsideView:
    """Everything the inside view shows for one input."""

    kind: str
    answers: str  # "digit" or "sum"
    ink: np.ndarray  # (28, 28) 0..1: the model input
    probabilities: np.ndarray | None  # over the subject's classes (None: it answers nothing)
    layers: list[Layer] = field(default_factory=list)
    attention: Attention | None = None
    patches: np.ndarray | None = None  # a transformer's patch embedding: (filters, grid, grid)


def first_filters(subject: Subject) -> np.ndarray:
    """The first layer's filters as images (n, h, w): conv kernels, the ViT's patch embedding,
    or an MLP's first-layer weights as 28x28. Fixed for a model: compute once."""
    reader = subject.reader
    if subject.kind == VIT:
        w = reader.to_patches.weight
    elif subject.kind == MLP_KIND:
        first = next(m for m in reader.modules() if isinstance(m, nn.Linear))
        w = first.weight.reshape(-1, 28, 28)
    else:
        w = next(m for m in reader.modules() if isinstance(m, nn.Conv2d)).weight[:, 0]
    return w.detach().float().reshape(w.shape[0], *w.shape[-2:]).numpy().copy()


@torch.no_grad()
def look_inside(subject: Subject, ink: np.ndarray) -> InsideView:
    """The inside view of ``subject`` for ``ink`` (28, 28), 0..1."""
    ink = np.asarray(ink, dtype=np.float32).reshape(28, 28)
    x = torch.from_numpy(ink).reshape(1, 1, 28, 28)
    view = InsideView(subject.kind, subject.answers, ink, None)
    if subject.kind == VIT:
        view.attention = Attention(
            attention_weights(subject.reader, x),
            patch_grid(subject.reader),
            special_tokens(subject.reader),
        )
        patches: list[torch.Tensor] = []
        hook = catch_patches(subject.reader, patches)
        try:
            logits = subject.logits(x)
        finally:
            hook.remove()
        if patches:
            view.patches = patches[-1][0].numpy()
    else:
        logits, view.layers = _layers(subject, x)
    if logits is not None:
        view.probabilities = logits[0].softmax(0).numpy().copy()
    return view


def _layers(subject: Subject, x: torch.Tensor) -> tuple[torch.Tensor | None, list[Layer]]:
    """One forward pass with a hook on every leaf module; the layers made of its record."""
    record: list[tuple[nn.Module, torch.Tensor, torch.Tensor]] = []

    def keep(module, args, out):
        if isinstance(out, torch.Tensor):
            record.append((module, args[0].detach().clone(), out.detach().clone()))

    leaves = [m for m in subject.reader.modules() if not list(m.children())]
    hooks = [m.register_forward_hook(keep) for m in leaves]
    try:
        if subject.network is not None:
            logits = subject.logits(x)
        else:
            subject.reader(normalise(x))
            logits = None
    finally:
        for hook in hooks:
            hook.remove()
    return logits, group_layers(record, subject.kind, subject.batch_index)


def group_layers(record, kind: str, index: int) -> list[Layer]:
    """Each Conv2d (or hidden Linear, for an MLP) with the element-wise modules right after it;
    ``index``: this input's place in the batch the reader saw."""
    wanted = nn.Linear if kind == MLP_KIND else nn.Conv2d
    found = [i for i, (m, _, _) in enumerate(record) if isinstance(m, wanted)]
    if kind == MLP_KIND:
        found = found[:-1]  # the output layer: its values are the logits, shown as probabilities
    layers: list[Layer] = []
    for i in found:
        module, layer_in, out = record[i]
        j = i + 1
        while j < len(record) and isinstance(record[j][0], _ELEMENTWISE):
            if record[j][2].shape != out.shape:
                break
            out, j = record[j][2], j + 1
        maps = out[index].float().numpy()
        kernels = module.weight.detach().float().numpy()
        seen = layer_in[index].float().numpy()
        if kind == MLP_KIND:
            layers.append(Layer(maps.reshape(-1, 1, 1), 0, kernels, seen.reshape(-1)))
        else:
            layers.append(Layer(maps, module.kernel_size[0], kernels, seen))
    return layers
