"""A vision transformer's attention for one input: per layer and head, and rolled out.

``nn.TransformerEncoderLayer`` does not return its attention weights, so each layer's input is
caught by a forward pre-hook and its attention recomputed from it (the layer's own norm and
attention weights, ``need_weights=True``): the same numbers the forward pass used.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from mnist_desk.inspection.subject import normalise


def patch_grid(vit: nn.Module) -> int:
    """Patches per side (4 for 7x7 patches of the 28x28 field)."""
    return int(round(vit.num_patches**0.5))


def special_tokens(vit: nn.Module) -> int:
    """Tokens before the patches: the class token, and DeiT's distillation token."""
    return 2 if hasattr(vit, "dist_token") else 1


@torch.no_grad()
def attention_weights(vit: nn.Module, ink: torch.Tensor) -> np.ndarray:
    """(layers, heads, tokens, tokens) attention of ``vit`` for ink (1, 1, 28, 28); rows sum to 1."""
    inputs: list[torch.Tensor] = []
    hooks = catch_layer_inputs(vit, inputs)
    try:
        vit(normalise(ink.reshape(1, 1, 28, 28)))
    finally:
        for hook in hooks:
            hook.remove()
    return weights_from_inputs(vit, inputs)


def catch_layer_inputs(vit: nn.Module, inputs: list[torch.Tensor]) -> list:
    """Forward pre-hooks that append each encoder layer's input (the batch's first item) to
    ``inputs``; the caller removes the returned hooks."""
    return [
        layer.register_forward_pre_hook(lambda _m, args: inputs.append(args[0][:1].detach()))
        for layer in vit.encoder.layers
    ]


def catch_patches(vit: nn.Module, outputs: list[torch.Tensor]):
    """A forward hook that appends the patch embedding's output for the batch's first item (1,
    dim, grid, grid) to ``outputs``: what each of its filters makes of each patch. The caller
    removes the returned hook."""
    return vit.to_patches.register_forward_hook(
        lambda _m, _args, out: outputs.append(out[:1].detach().float().clone())
    )


@torch.inference_mode()
def weights_from_inputs(vit: nn.Module, inputs: list[torch.Tensor]) -> np.ndarray:
    """(layers, heads, tokens, tokens): each layer's attention recomputed from its caught input
    (the last forward pass's)."""
    layers = list(vit.encoder.layers)
    maps = []
    for layer, x in zip(layers, inputs[-len(layers) :], strict=True):
        h = layer.norm1(x) if layer.norm_first else x
        _, weights = layer.self_attn(h, h, h, need_weights=True, average_attn_weights=False)
        maps.append(weights[0])
    return torch.stack(maps).float().numpy()


def rollout(attention: np.ndarray, source: int = 0) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema 2020): heads averaged, the residual path added
    (0.5 A + 0.5 I, rows renormalised), multiplied through the layers; the row of token
    ``source`` (0: the class token)."""
    tokens = attention.shape[-1]
    joint = np.eye(tokens)
    for layer in attention:
        a = 0.5 * layer.mean(0) + 0.5 * np.eye(tokens)
        a /= a.sum(-1, keepdims=True)
        joint = a @ joint
    return joint[source]


def to_field(patch_scores: np.ndarray, grid: int) -> np.ndarray:
    """Scores per patch (grid * grid) -> a 28x28 map, each patch's score over its pixels."""
    side = 28 // grid
    return np.kron(patch_scores.reshape(grid, grid), np.ones((side, side))).astype(np.float32)


def attention_rollout(vit: nn.Module, ink: torch.Tensor) -> np.ndarray:
    """The class token's rolled-out attention to the patches, as a 28x28 map."""
    attention = attention_weights(vit, ink)
    first = special_tokens(vit)
    return to_field(rollout(attention)[first:], patch_grid(vit))
