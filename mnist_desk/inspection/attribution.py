"""Why a network answered: a heatmap over its 28x28 input per class asked about.

Every method scores each pixel of the input for one class; positive means the pixel pushed the
network toward that class. The input is ink (0..1, white on black, before normalisation), so
"removing" a pixel means setting its ink to 0, the blank paper every digit is drawn on.

- ``gradient``: the class logit's gradient with respect to the ink;
- ``gradient-x-input``: that gradient times the ink (a first-order estimate of what removing
  each pixel's ink would cost the class);
- ``integrated-gradients``: the gradient averaged along the straight path from blank paper to
  the drawing, times the ink (Sundararajan et al. 2017): its pixel scores add up to the class
  logit's change from blank paper to the drawing, saturation included;
- ``occlusion``: the class logit's drop when a 3x3 patch of ink around each pixel is removed,
  spread back over the patch (Zeiler & Fergus 2014); slow: one forward pass per inked patch;
- ``grad-cam``: the last convolutional layer's maps weighted by their mean gradient, upsampled
  (Selvaraju et al. 2017); convolutional networks only;
- ``rollout``: attention rollout (Abnar & Zuidema 2020), the class token's attention to the
  patches through every layer; transformers only, the same map for every class.

Which one the app uses is chosen by a deletion test (``faithfulness``; docs/inside.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F

from mnist_desk.inspection.methods import METHODS
from mnist_desk.inspection.subject import CONV, VIT, Subject

IG_STEPS = 16  # points on the path from blank to the drawing (midpoint rule)
OCCLUSION_SIDE = 3


class MethodUnavailable(ValueError):
    """The method does not apply to this network (e.g. Grad-CAM on a transformer)."""


def methods_for(subject: Subject) -> tuple[str, ...]:
    """The methods that apply to ``subject``'s network."""
    skip = {"rollout"} if subject.kind != VIT else {"grad-cam"}
    if subject.kind not in (CONV, VIT):
        skip |= {"grad-cam", "rollout"}
    return tuple(m for m in METHODS if m not in skip)


def heatmaps(
    subject: Subject, ink: torch.Tensor | np.ndarray, targets: Sequence[int], method: str
) -> np.ndarray:
    """(len(targets), 28, 28) float32 heatmaps of ``ink`` (28x28, 0..1) for each target class."""
    if subject.network is None:
        raise MethodUnavailable("this network answers nothing for this input alone")
    if method not in methods_for(subject):
        raise MethodUnavailable(f"{method} does not apply to a {subject.kind} network")
    ink = torch.as_tensor(np.asarray(ink, dtype=np.float32)).reshape(1, 1, 28, 28)
    targets = list(targets)
    with torch.enable_grad(), torch.inference_mode(False):
        if method == "gradient":
            maps = _gradients(subject, ink, targets)
        elif method == "gradient-x-input":
            maps = _gradients(subject, ink, targets) * ink[0]
        elif method == "integrated-gradients":
            maps = _integrated_gradients(subject, ink, targets)
        elif method == "occlusion":
            maps = _occlusion(subject, ink, targets)
        elif method == "grad-cam":
            maps = _grad_cam(subject, ink, targets)
        else:
            from mnist_desk.inspection.attention import attention_rollout

            rollout = attention_rollout(subject.reader, ink)
            maps = torch.from_numpy(rollout)[None].expand(len(targets), -1, -1)
    return maps.reshape(len(targets), 28, 28).detach().float().numpy().copy()


def _gradients(subject: Subject, ink: torch.Tensor, targets: list[int]) -> torch.Tensor:
    """d logit_t / d ink for each target, (T, 28, 28): one copy of the input per target in one
    batch, so one forward and one backward pass give them all (the copies do not interact:
    batch norm runs in eval mode)."""
    x = ink.expand(len(targets), -1, -1, -1).clone().requires_grad_(True)
    logits = subject.logits(x)
    chosen = logits[torch.arange(len(targets)), torch.tensor(targets)]
    (g,) = torch.autograd.grad(chosen.sum(), x)
    return g[:, 0]


def _integrated_gradients(subject: Subject, ink: torch.Tensor, targets: list[int]) -> torch.Tensor:
    alphas = (torch.arange(IG_STEPS, dtype=torch.float32) + 0.5) / IG_STEPS
    path = (alphas[:, None, None, None] * ink).requires_grad_(True)
    logits = subject.logits(path)
    maps = []
    for i, t in enumerate(targets):
        (g,) = torch.autograd.grad(logits[:, t].sum(), path, retain_graph=i < len(targets) - 1)
        maps.append(g.mean(0)[0] * ink[0, 0])
    return torch.stack(maps)


@torch.no_grad()
def _occlusion(subject: Subject, ink: torch.Tensor, targets: list[int]) -> torch.Tensor:
    field = ink[0, 0]
    half = OCCLUSION_SIDE // 2
    # one patch centred on each pixel that has ink within reach
    reach = F.max_pool2d((field > 0).float()[None, None], OCCLUSION_SIDE, 1, half)[0, 0] > 0
    centres = reach.nonzero().tolist()
    masks = torch.ones(len(centres), 1, 28, 28)
    for k, (r, c) in enumerate(centres):
        masks[k, 0, max(0, r - half) : r + half + 1, max(0, c - half) : c + half + 1] = 0
    base = subject.logits(ink)[0, targets]
    drops = base[None, :] - subject.logits(masks * ink)[:, targets]  # (patches, T)
    maps, cover = torch.zeros(len(targets), 28, 28), torch.zeros(28, 28)
    for k, (r, c) in enumerate(centres):
        window = (slice(max(0, r - half), r + half + 1), slice(max(0, c - half), c + half + 1))
        maps[(slice(None), *window)] += drops[k][:, None, None]
        cover[window] += 1
    return maps / cover.clamp(min=1)


def _grad_cam(subject: Subject, ink: torch.Tensor, targets: list[int]) -> torch.Tensor:
    convs = [m for m in subject.reader.modules() if isinstance(m, torch.nn.Conv2d)]
    if not convs:
        raise MethodUnavailable("Grad-CAM needs a convolutional layer")
    kept: list[torch.Tensor] = []
    hook = convs[-1].register_forward_hook(lambda _m, _i, out: kept.append(out))
    try:
        logits = subject.logits(ink)[0]
    finally:
        hook.remove()
    activation = kept[-1]  # (1, C, h, w) before its ReLU: Grad-CAM's ReLU comes after weighting
    maps = []
    for i, t in enumerate(targets):
        (g,) = torch.autograd.grad(logits[t], activation, retain_graph=i < len(targets) - 1)
        weights = g.mean((2, 3), keepdim=True)
        cam = F.relu((weights * activation).sum(1, keepdim=True))
        maps.append(F.interpolate(cam, size=(28, 28), mode="bilinear", align_corners=False)[0, 0])
    return torch.stack(maps)
