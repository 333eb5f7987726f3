"""A small vision transformer (Dosovitskiy et al. 2021) on 7x7 (or 4x4) patches of the 28x28 image.

7x7 patches give 16 tokens, which keeps attention cheap enough to train on a CPU."""

import torch
from torch import nn


class ViT(nn.Module):
    def __init__(
        self,
        patch: int = 7,
        dim: int = 64,
        depth: int = 4,
        heads: int = 4,
        mlp_ratio: int = 2,
        dropout: float = 0.1,
    ):
        super().__init__()
        if 28 % patch:
            raise ValueError(f"patch size must divide 28, got {patch}")
        self.num_patches = (28 // patch) ** 2
        self.to_patches = nn.Conv2d(1, dim, patch, stride=patch)  # a linear map of each patch
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.randn(1, self.num_patches + 1, dim) * 0.02)
        layer = nn.TransformerEncoderLayer(
            dim,
            heads,
            dim * mlp_ratio,
            dropout,
            activation="gelu",
            batch_first=True,
            norm_first=True,
        )
        self.encoder = nn.TransformerEncoder(layer, depth, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        tokens = self.to_patches(x).flatten(2).transpose(1, 2)  # (B, patches, dim)
        cls = self.cls_token.expand(x.size(0), -1, -1)  # size(0), not len(x): export keeps B free
        tokens = torch.cat([cls, tokens], 1) + self.pos_embed
        return self.head(self.norm(self.encoder(tokens))[:, 0])
