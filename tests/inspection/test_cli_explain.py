"""``mnist-desk explain IMAGE``: heatmap PNGs and the JSON the window's heatmaps come from."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from mnist_desk.cli.main import main
from mnist_desk.recognition.self_test import sample_digits


def sample(digit: int):
    return next(path for label, path in sample_digits() if label == digit)


def test_explain_writes_the_input_and_both_heatmaps_as_png(tmp_path, capsys):
    assert main(["explain", str(sample(4)), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert ": 4 (p=" in out and "gradient-x-input" in out
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(names) == 3 and any("-why-4" in n for n in names)
    assert any("-why-not-" in n for n in names)
    with Image.open(next(tmp_path.glob("*-why-4.png"))) as picture:
        assert picture.size == (280, 280) and picture.mode == "RGB"


def test_explain_json_gives_the_answer_the_method_the_input_and_the_heatmap(capsys):
    assert main(["explain", str(sample(7)), "--json", "--model", "classifier-vit"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["answer"] == 7 and result["method"] == "gradient-x-input"
    for key in ("input", "heatmap", "runner_up_heatmap"):
        assert np.asarray(result[key]).shape == (28, 28)
    ink = np.asarray(result["input"])
    heat = np.abs(np.asarray(result["heatmap"]))
    assert ink.max() <= 1.0 and heat[ink == 0].sum() == 0  # the heatmap lies on the ink


def test_explain_another_method_and_an_adder(capsys):
    args = ["explain", str(sample(3)), "--json", "--method", "occlusion"]
    assert main([*args, "--model", "transfer-convnet"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["answer"] == 3 and result["method"] == "occlusion"


def test_explain_refuses_what_it_cannot_explain_with_a_message(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    Image.new("L", (64, 64), 255).save(blank)
    assert main(["explain", str(blank), "--json"]) == 1
    assert "blank" in capsys.readouterr().err
    assert main(["explain", str(sample(3)), "--json", "--model", "scratch-convnet"]) == 1
    assert "sums" in capsys.readouterr().err
    assert (
        main(
            [
                "explain",
                str(sample(3)),
                "--json",
                "--method",
                "grad-cam",
                "--model",
                "classifier-vit",
            ]
        )
        == 1
    )
    assert "grad-cam" in capsys.readouterr().err
    assert main(["explain", str(sample(3))]) == 1
    assert "--out" in capsys.readouterr().err


def test_an_out_folder_that_cannot_be_made_is_a_users_error_not_a_bug(tmp_path, capsys):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("")
    assert main(["explain", str(sample(4)), "--out", str(in_the_way / "pictures")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the pictures" in err and "bug" not in err
