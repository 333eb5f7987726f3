"""DeiT (Touvron et al. 2021): a ViT with a class token and a distillation token.

The class token's head learns from the true label, the distillation token's head from a CNN
teacher's hard decision (its argmax). At inference the two heads' outputs are averaged.
"""

import torch
from torch import nn

from mnist_desk.models.vit import ViT


class DeiT(ViT):
    def __init__(self, **vit_kwargs):
        super().__init__(**vit_kwargs)
        dim = self.cls_token.shape[-1]
        self.dist_token = nn.Parameter(torch.zeros(1, 1, dim))
        # one more position for the distillation token
        self.pos_embed = nn.Parameter(torch.randn(1, self.num_patches + 2, dim) * 0.02)
        self.dist_head = nn.Linear(dim, 10)

    def forward_heads(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(class-token logits, distillation-token logits), each (B, 10)."""
        tokens = self.to_patches(x).flatten(2).transpose(1, 2)
        b = x.size(0)  # not len(x), which an exported graph would fix to one batch size
        tokens = torch.cat(
            [self.cls_token.expand(b, -1, -1), self.dist_token.expand(b, -1, -1), tokens], 1
        )
        encoded = self.norm(self.encoder(tokens + self.pos_embed))
        return self.head(encoded[:, 0]), self.dist_head(encoded[:, 1])

    def forward(self, x):
        cls_logits, dist_logits = self.forward_heads(x)
        return (cls_logits + dist_logits) / 2
