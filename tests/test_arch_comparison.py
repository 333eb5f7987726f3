"""Compare architectures below Qt: one budget shared by every contender, and the verdict."""

from __future__ import annotations

import pytest

from mnist_desk.app.arch_verdict import ArchitectureRow, ArchitectureVerdict, verdict_lines
from mnist_desk.errors import SettingsError
from mnist_desk.training.arch_comparison import (
    SEED_FOUR,
    SHARED_FIELDS,
    architecture_settings,
    default_budget,
    parse_archs,
)
from mnist_desk.training.presets import defaults_for


def test_every_contender_shares_the_budget_and_keeps_its_own_recipe():
    budget = default_budget()
    budget.seed, budget.train_subset, budget.aug_drawn, budget.drawn_share = 3, 5000, True, 0.5
    steps, contenders = architecture_settings(list(SEED_FOUR), budget)
    assert [s.arch for s in contenders] == list(SEED_FOUR)
    assert steps == 40  # 5,000 images in batches of 128, one pass
    for settings in contenders:
        for name in SHARED_FIELDS:
            assert getattr(settings, name) == getattr(budget, name), (settings.arch, name)
        own = defaults_for("classifier", settings.arch)
        assert (settings.lr, settings.weight_decay) == (own.lr, own.weight_decay)
    deit = contenders[-1]
    assert deit.distill == "hard" and deit.teacher.endswith("classifier-convnet.pt")


def test_architectures_are_checked_before_anything_trains():
    assert parse_archs("mlp, lenet5,vit") == ["mlp", "lenet5", "vit"]
    with pytest.raises(SettingsError, match="unknown architecture nosuch"):
        parse_archs("mlp,nosuch")
    with pytest.raises(SettingsError, match="at least two"):
        parse_archs("mlp")
    with pytest.raises(SettingsError, match="once"):
        parse_archs("mlp,mlp")


def row(arch, test, **kwargs):
    return ArchitectureRow(arch, arch.upper(), "completed", test, **kwargs)


def test_the_verdict_ranks_by_test_accuracy_and_names_the_other_winners():
    verdict = ArchitectureVerdict(
        390,
        (
            row("mlp", 0.970, drawn_digits=0.85, parameters=535_818, images_per_second=20_000),
            row("lenet5", 0.985, drawn_digits=0.91, parameters=61_706, images_per_second=6_000),
            row("vit", 0.960, drawn_digits=0.93, parameters=139_018, images_per_second=2_000),
            ArchitectureRow("deit", "DEIT", "failed", problem="no teacher"),
        ),
    )
    assert [r.arch for r in verdict.ranking] == ["lenet5", "mlp", "vit"]
    lines = verdict_lines(verdict)
    assert lines[0].startswith("LENET5 wins after 390 steps each: 98.50% test accuracy")
    assert "97.00% for MLP" in lines[0] and "2.0× fewer mistakes" in lines[0]
    assert "VIT reads drawn digits best: 93.0%." in lines
    assert "MLP trains fastest: 20,000 images a second." in lines
    assert not any("smallest" in line for line in lines)  # lenet5 won and is the smallest
    data = verdict.to_dict()
    assert data["winner"] == "lenet5" and data["rows"][3]["problem"] == "no teacher"


def test_no_verdict_without_two_tested_architectures():
    verdict = ArchitectureVerdict(10, (row("mlp", 0.9), ArchitectureRow("vit", "VIT", "not run")))
    assert not verdict.decided
    # the names are the architectures not tested: "(VIT)" alone read as the one that was
    assert verdict_lines(verdict) == [
        "No verdict: fewer than two architectures were tested (not tested: VIT)."
    ]


def test_a_one_step_verdict_says_step_not_steps():
    """A comparison of one step each read "MLP wins after 1 steps each"."""
    wins = ArchitectureVerdict(1, (row("mlp", 0.25), row("lenet5", 0.09)))
    assert verdict_lines(wins)[0].startswith("MLP wins after 1 step each: 25.00% test accuracy")
    tie = ArchitectureVerdict(1, (row("mlp", 0.25), row("lenet5", 0.25)))
    assert verdict_lines(tie)[0] == "MLP and LENET5 tie after 1 step each: 25.00% test accuracy."


def test_a_close_win_says_how_many_fewer_mistakes_not_one_times_fewer():
    """99.12% against 99.08% read "(1.0× fewer mistakes)", as if the winner made no fewer; a
    winner with no mistakes read "inf× fewer mistakes"."""
    close = verdict_lines(ArchitectureVerdict(400, (row("mlp", 0.9908), row("lenet5", 0.9912))))
    assert "(4.3% fewer mistakes)." in close[0] and "1.0×" not in close[0]
    perfect = verdict_lines(ArchitectureVerdict(400, (row("mlp", 0.99), row("lenet5", 1.0))))
    assert "(no mistakes at all)." in perfect[0] and "inf" not in perfect[0]
    far = verdict_lines(ArchitectureVerdict(400, (row("mlp", 0.97), row("lenet5", 0.99))))
    assert "(3.0× fewer mistakes)." in far[0]
