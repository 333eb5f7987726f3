"""``mnist-desk train``'s options are generated from TrainingSettings' fields: every flag the
command had keeps its name and effect, and the window's start does not load torch for them."""

import shlex
import subprocess
import sys

import pytest

from mnist_desk.cli.main import build_parser
from mnist_desk.cli.train import settings_from_args
from mnist_desk.training import TrainingSettings, cli_options, default_settings

# Every flag `train` had when its options were written out by hand.
FLAGS = shlex.split(
    "--task --arch --epochs --steps --batch-size --optimizer --lr --weight-decay --schedule "
    "--label-smoothing --no-augment --seed --patience --init-from --head-lr-scale --teacher "
    "--distill --distill-temperature --distill-alpha --aug-degrees --aug-translate --aug-scale "
    "--aug-drawn --synthetic-digits --pairs-per-epoch --evals-per-epoch --train-subset "
    "--val-subset --test-subset --threads --model-arg --output -o --record-command --quiet -q "
    "--my-digits"
)


def _train_parser():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    train = sub.choices["train"]
    train.format_help()  # adds the generated options
    return parser, train


def test_every_train_flag_is_still_there():
    _, train = _train_parser()
    assert set(FLAGS) <= set(train._option_string_actions)


def test_every_option_field_reaches_the_settings():
    parser, _ = _train_parser()
    args = parser.parse_args(
        shlex.split(
            "train --task scratch --arch convnet-digits --epochs 2.5 --steps 7 --batch-size 32 "
            "--optimizer sgd --lr 0.02 --weight-decay 0.1 --schedule constant --label-smoothing 0.1 "
            "--no-augment --seed 9 --patience 3 --init-from a.pt --head-lr-scale 4 --teacher t.pt "
            "--distill soft --distill-temperature 2 --distill-alpha 0.3 --aug-degrees 5 "
            "--aug-translate 0.2 --aug-scale 0.3 --aug-drawn --synthetic-digits 40 "
            "--drawn --drawn-share 0.5 --template-seed 4 --pairs-per-epoch 900 "
            "--evals-per-epoch 3 --train-subset 100 --val-subset 50 "
            "--test-subset 60 --threads 2 --model-arg width=8 --device cpu"
        )
    )
    s = settings_from_args(args)
    expected = TrainingSettings(
        task="scratch",
        arch="convnet-digits",
        epochs=2.5,
        max_steps=7,
        batch_size=32,
        optimizer="sgd",
        lr=0.02,
        weight_decay=0.1,
        schedule="constant",
        label_smoothing=0.1,
        augment=False,
        seed=9,
        patience=3,
        init_from="a.pt",
        head_lr_scale=4.0,
        teacher="t.pt",
        distill="soft",
        distill_temperature=2.0,
        distill_alpha=0.3,
        aug_degrees=5.0,
        aug_translate=0.2,
        aug_scale=0.3,
        aug_drawn=True,
        synthetic_digits=40,
        drawn=True,
        drawn_share=0.5,
        template_seed=4,
        pairs_per_epoch=900,
        evals_per_epoch=3,
        train_subset=100,
        val_subset=50,
        test_subset=60,
        num_threads=2,
        device="cpu",
        model_kwargs={"width": 8},
    )
    assert s == expected
    assert all(f.name in expected.to_dict() for f in cli_options())


def test_options_left_out_keep_the_tasks_defaults():
    parser, _ = _train_parser()
    s = settings_from_args(parser.parse_args(["train", "--task", "scratch"]))
    assert s == default_settings("scratch")


def test_a_bad_choice_is_a_usage_error(capsys):
    parser, _ = _train_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["train", "--optimizer", "adagrad"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_parsing_the_window_command_loads_no_torch():
    code = (
        "import sys; from mnist_desk.cli.main import build_parser; "
        "build_parser().parse_args(['gui']); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("preset", ["quick", "standard", "best"])
def test_a_preset_on_the_command_line_is_the_windows_preset(preset):
    from mnist_desk.training.presets import PRESETS, preset_settings

    parser, train = _train_parser()
    assert tuple(train._option_string_actions["--preset"].choices) == PRESETS
    s = settings_from_args(parser.parse_args(["train", "--preset", preset]))
    assert s == preset_settings(preset)


def test_options_given_beside_a_preset_override_only_what_they_name():
    from dataclasses import replace

    from mnist_desk.training.presets import preset_settings

    parser, _ = _train_parser()
    args = parser.parse_args(
        shlex.split(
            "train --preset best --epochs 2 --batch-size 64 --seed 3 --no-augment "
            "--model-arg c1=16 --threads 1"
        )
    )
    best = preset_settings("best")
    assert settings_from_args(args) == replace(
        best,
        epochs=2.0,
        batch_size=64,
        seed=3,
        augment=False,
        num_threads=1,
        model_kwargs={**best.model_kwargs, "c1": 16},
    )
    # Another architecture keeps the preset's schedule but not its layer sizes.
    other = settings_from_args(parser.parse_args(["train", "--preset", "best", "--arch", "cnn"]))
    assert other.arch == "cnn" and other.model_kwargs == {} and other.drawn


def test_a_preset_for_an_adder_is_refused_with_a_message():
    from mnist_desk.errors import UserError

    parser, _ = _train_parser()
    with pytest.raises(UserError, match="classifier"):
        settings_from_args(parser.parse_args(["train", "--task", "scratch", "--preset", "quick"]))


def test_an_unknown_preset_is_a_usage_error(capsys):
    parser, _ = _train_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["train", "--preset", "fastest"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err
