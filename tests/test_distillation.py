import pytest
import torch

from mnist_desk.models import CLASSIFIER, build_model
from mnist_desk.store.checkpoints import load_checkpoint
from mnist_desk.training import StepEvent, Trainer, TrainingSettings, default_settings
from tests.support import WEIGHTS, shared_data_dir

TEACHER = str(WEIGHTS / "classifier-cnn.pt")
SMALL = dict(train_subset=2000, val_subset=300, test_subset=300, batch_size=64, seed=0)


def test_deit_has_a_distillation_token_and_averages_its_two_heads():
    model = build_model(CLASSIFIER, "deit").eval()
    assert model.dist_token.shape == model.cls_token.shape
    assert (
        model.pos_embed.shape[1] == model.num_patches + 2
    )  # patches + class + distillation tokens
    x = torch.randn(3, 1, 28, 28)
    cls_logits, dist_logits = model.forward_heads(x)
    assert cls_logits.shape == dist_logits.shape == (3, 10)
    assert not torch.allclose(cls_logits, dist_logits)
    assert torch.allclose(model(x), (cls_logits + dist_logits) / 2, atol=1e-6)


class _RecordingTrainer(Trainer):
    def _teacher(self, device):
        self.teacher_module = super()._teacher(device)
        self.teacher_before = {k: v.clone() for k, v in self.teacher_module.state_dict().items()}
        return self.teacher_module


@pytest.mark.parametrize("arch, mode", [("deit", "hard"), ("vit-distill", "soft")])
def test_a_short_distillation_run_lowers_both_losses_and_leaves_the_teacher_alone(
    tmp_path, arch, mode
):
    settings = default_settings(CLASSIFIER, arch)
    assert settings.distill == mode and settings.teacher.endswith("classifier-convnet.pt")
    settings = TrainingSettings.from_dict(
        {**settings.to_dict(), **SMALL, "max_steps": 40, "teacher": TEACHER, "lr": 2e-3}
    )
    steps = []
    trainer = _RecordingTrainer(
        settings,
        lambda e: steps.append(e) if isinstance(e, StepEvent) else None,
        data_dir=shared_data_dir(),
        output=tmp_path / f"{arch}.pt",
    )
    trainer.run()
    for part in ("label_loss", "teacher_loss"):
        first = sum(e.parts[part] for e in steps[:5]) / 5
        last = sum(e.parts[part] for e in steps[-5:]) / 5
        assert last < first, part
    assert not trainer.teacher_module.training
    assert all(not p.requires_grad for p in trainer.teacher_module.parameters())
    after = trainer.teacher_module.state_dict()
    assert all(torch.equal(after[k], v) for k, v in trainer.teacher_before.items())
    meta = load_checkpoint(tmp_path / f"{arch}.pt").meta
    assert meta["teacher"]["arch"] == "cnn" and meta["teacher"]["mode"] == mode
    assert meta["settings"]["distill"] == mode and meta["settings"]["aug_degrees"] == 10.0


def test_distillation_settings_are_checked():
    with pytest.raises(ValueError, match="needs a teacher"):
        TrainingSettings(arch="vit-distill", distill="soft").validate()
    with pytest.raises(ValueError, match="distillation token"):
        TrainingSettings(arch="vit", distill="hard", teacher=TEACHER).validate()
    with pytest.raises(ValueError, match="unknown distillation mode"):
        TrainingSettings(distill="sideways").validate()
