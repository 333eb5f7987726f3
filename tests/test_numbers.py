"""Whole numbers: read from strokes and pictures, added by long addition as each model adds,
and written by ``predict --json``. The numbers are written with this suite's own glyphs
(tests/number_glyphs.py)."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from mnist_desk.cli.main import main
from mnist_desk.imaging.drawn import Blank, Strokes, picture_from_image
from mnist_desk.imaging.field import ink_tensor
from mnist_desk.imaging.ink import PEN_TARGET, pen_width, thinned
from mnist_desk.recognition import long_addition
from mnist_desk.recognition.numbers import segment
from mnist_desk.recognition.predictor import Predictor
from mnist_desk.support import acceleration
from tests.number_glyphs import write


def strokes(names, **kwargs) -> Strokes:
    return Strokes.from_points(write(names, **kwargs)[0])


def picture(names, pen=0.02, side=320, **kwargs) -> np.ndarray:
    """The glyphs drawn as a dark-on-light picture (a scan of them, say)."""
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    width = max(1, round(pen * side))
    for path in write(names, **kwargs)[0]:
        points = [(x * side, y * side) for x, y in path]
        draw.line(points, fill=0, width=width, joint="curve")
        for x, y in points[:: max(1, len(points) - 1)]:
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=0)
    return np.asarray(image)


@pytest.fixture(scope="module")
def classifier():
    return Predictor.from_model("classifier-convnet")


# ---- long addition -------------------------------------------------------------------------


def one_hot(digit: int) -> np.ndarray:
    return np.eye(10)[digit]


def test_long_addition_of_certain_digits_is_integer_addition():
    rng = np.random.default_rng(0)
    for _ in range(300):
        a, b = (int(rng.integers(0, 10 ** int(rng.integers(1, 6)))) for _ in range(2))
        columns = [
            long_addition.sum_distribution(x, y)
            for x, y in long_addition.digit_columns(
                [one_hot(int(d)) for d in str(a)], [one_hot(int(d)) for d in str(b)]
            )
        ]
        assert long_addition.most_likely_total(columns) == a + b
        assert long_addition.total_probability(columns, a + b) == pytest.approx(1.0)
        assert long_addition.total_probability(columns, a + b + 1) == 0.0


def test_the_probability_of_a_total_is_exact_for_uncertain_digits():
    """Every pair of two-digit numbers, weighted by their digits' probabilities: the carries'
    dynamic programme gives exactly what summing over all of them gives."""
    rng = np.random.default_rng(1)
    first, second = ([rng.dirichlet(np.ones(10) * 0.3) for _ in range(2)] for _ in range(2))
    columns = [
        long_addition.sum_distribution(x, y) for x, y in long_addition.digit_columns(first, second)
    ]
    brute = np.zeros(199)
    for a1, a0, b1, b0 in itertools.product(range(10), repeat=4):
        p = first[0][a1] * first[1][a0] * second[0][b1] * second[1][b0]
        brute[10 * a1 + a0 + 10 * b1 + b0] += p
    for total in range(199):
        assert long_addition.total_probability(columns, total) == pytest.approx(brute[total])


def test_a_shorter_number_adds_a_certain_zero():
    columns = [
        long_addition.sum_distribution(x, y)
        for x, y in long_addition.digit_columns([one_hot(1), one_hot(2)], [one_hot(9)])
    ]
    assert len(columns) == 2 and long_addition.most_likely_total(columns) == 21


# ---- reading numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("model", ["classifier-convnet", "transfer-convnet", "scratch-convnet"])
def test_each_model_adds_drawn_numbers_column_by_column(model):
    predictor = Predictor.from_model(model)
    result = predictor.predict_sum(strokes(["1", "2"]), strokes(["7"]))
    assert [n.value for n in result.numbers] == [12, 7] and result.total == 19
    assert 0.5 < result.confidence <= 1.0 and result.probabilities is None
    result = predictor.predict_sum(strokes(["4-two-strokes", "8"]), strokes(["5-two-strokes", "9"]))
    assert (result.numbers[0].value, result.numbers[1].value, result.total) == (48, 59, 107)


def test_the_digits_from_sums_adder_reads_each_digit_itself():
    predictor = Predictor.from_model("scratch-convnet-digits")
    result = predictor.predict_sum(strokes(["1", "2"]), strokes(["7"]))
    assert result.total == 19 and result.source == "adder"
    assert [d.digit for d in result.adder_numbers[0].digits] == [1, 2]


def test_the_digits_from_sums_adder_reads_both_numbers_as_its_classifier_does_one_by_one(
    monkeypatch,
):
    """Its own readings come from one batch through a reading copy (batch norms folded): the
    same probabilities as its classifier gives each chosen digit alone (in float32, as on a CPU
    without native bfloat16: test_adder_precision.py compares the two precisions)."""
    monkeypatch.setattr(acceleration, "cpu_has_native_bf16", lambda: False)
    predictor = Predictor.from_model("scratch-convnet-digits")
    result = predictor.predict_sum(strokes(["1", "2"]), strokes(["7"]))
    inputs = [d.image28 for n in result.numbers for d in n.digits]
    with torch.inference_mode():
        alone = [
            predictor.model.classifier(ink_tensor(image)[None]).float().softmax(-1)[0]
            for image in inputs
        ]
    shown = [d.probabilities for n in result.adder_numbers for d in n.digits]
    assert len(shown) == len(alone) == 3
    for got, expected in zip(shown, alone, strict=True):
        assert got == pytest.approx(expected.tolist(), abs=1e-5)


@pytest.mark.parametrize(
    "names, gap",
    [
        (["1", "2"], 0.02),  # touching
        (["7-crossed", "1"], 0.05),
        # a 4's stem at its bar's end, then a 1 whose ink touches the stem's (0.17 of the height
        # is the pen's width): nearer, the two inks are one thick stem, gone over (a bold 4)
        (["4-stem-at-end", "1"], 0.17),
        (["9-two-strokes", "0"], 0.03),  # a 9's stem at its loop's edge, then a 0
        (["1-flag-base", "5-two-strokes"], 0.0),
    ],
)
def test_the_reading_splits_touching_digits_where_geometry_alone_cannot(classifier, names, gap):
    expected = int("".join(n[0] for n in names))
    (number,) = classifier.predict_numbers([strokes(names, gap=gap)])
    assert number.value == expected, number.text


@pytest.mark.parametrize(
    "names, gap",
    [
        (["1", "7"], -0.1),  # read together: an 8 (or a 0) the gate finds unlike any digit
        (["1-flag", "7"], -0.05),
        (["9", "2"], -0.05),
        (["4-two-strokes", "7"], -0.05),
        (["5-two-strokes", "7"], 0.0),
    ],
)
def test_digits_that_overlap_are_not_read_as_one_digit_that_looks_unlike_one(
    classifier, names, gap
):
    expected = int("".join(n[0] for n in names))
    (number,) = classifier.predict_numbers([strokes(names, gap=gap)])
    assert number.value == expected, number.text


def test_a_leading_zero_is_kept_as_written_but_not_in_the_value(classifier):
    (number,) = classifier.predict_numbers([strokes(["0", "7"])])
    assert number.text == "07" and number.value == 7
    assert number.to_dict()["digits"] == [0, 7] and number.to_dict()["number"] == 7
    result = classifier.predict_sum(strokes(["0", "7"]), strokes(["5-one-stroke"]))
    assert result.total == 12


def test_a_blank_box_has_no_number_and_no_sum(classifier):
    result = classifier.predict_sum(strokes(["3"]), Blank())
    assert result.numbers[1].blank and result.total is None and result.confidence is None
    assert result.numbers[0].to_dict()["digit"] == 3


def test_pictures_of_numbers_are_read_by_their_ink(classifier):
    numbers = classifier.predict_numbers(
        [
            picture_from_image(picture(["2", "4-two-strokes", "7"])),
            picture_from_image(255 - picture(["8", "1"], gap=0.2)),  # light on dark
            picture_from_image(picture(["2", "3"], gap=0.0, pen=0.04)),  # touching: one blob
        ]
    )
    assert [n.value for n in numbers] == [247, 81, 23]


def bars(width: int, height: int = 60, side: int = 160) -> np.ndarray:
    """Ink of three upright bars (a "111"), ``width`` px wide, ``height`` tall."""
    ink = np.zeros((side, side), np.float32)
    for x in (20, 70, 120):
        ink[50 : 50 + height, x : x + width] = 1.0
    return ink


def test_a_thick_pen_is_thinned_towards_mnists_pen_and_a_thin_one_is_left_alone():
    thick = bars(18)
    assert pen_width(thick) == pytest.approx(18, rel=0.25)
    thin = thinned(thick)
    target = PEN_TARGET * (60 - pen_width(thick))
    assert target <= pen_width(thin) <= 2.5 * target  # thinner, never past the target
    assert (thin > 0).sum() < (thick > 0).sum()
    assert (thin[:, :60] > 0).any() and (thin[:, 60:110] > 0).any()  # no bar vanishes
    ordinary = bars(6)
    assert np.array_equal(thinned(ordinary), ordinary)


def test_thinning_takes_about_as_much_off_a_slanted_stroke_as_an_upright_one():
    image = Image.new("L", (240, 200), 0)
    draw = ImageDraw.Draw(image)
    draw.line((50, 40, 50, 160), fill=255, width=32)  # upright, 120 px long
    draw.line((120, 40, 200, 160), fill=255, width=32)  # leaning, as long as hypot(80, 120)
    thin = thinned(np.asarray(image, np.float32) / 255)
    upright = (thin[:, :90] >= 0.5).sum() / 120
    leaning = (thin[:, 90:] >= 0.5).sum() / np.hypot(80, 120)
    assert upright < 30  # thinned
    assert leaning == pytest.approx(upright, rel=0.1)  # a square alone left it 18% thinner


def test_only_candidates_of_whole_ink_blobs_count_how_digit_like_they_look():
    touching = segment(picture_from_image(picture(["2", "3"], gap=0.0, pen=0.04)))
    blobs = {piece[0] for c in touching.candidates for piece in c.key}
    assert len(blobs) == 1 and len(touching.candidates) > 1  # one blob, cut into slices
    every_slice = {piece for c in touching.candidates for piece in c.key}
    for candidate in touching.candidates:
        whole = set(candidate.key) == every_slice
        assert candidate.gate_counts == whole  # a cut edge looks unlike a digit
    apart = segment(picture_from_image(picture(["2", "3"], gap=0.4)))
    assert all(c.gate_counts for c in apart.candidates)
    drawn = segment(strokes(["1", "7"], gap=-0.1))
    assert all(c.gate_counts for c in drawn.candidates)


def test_a_single_drawn_digit_reads_as_it_always_did(classifier):
    drawn = strokes(["5-two-strokes"])
    (number,) = classifier.predict_numbers([drawn])
    (alone,) = classifier.predict_digits([drawn])
    assert len(number.digits) == 1 and number.digits[0].digit == alone.digit == 5
    assert np.array_equal(number.digits[0].image28, alone.image28)
    assert number.digits[0].probabilities == pytest.approx(alone.probabilities)


# ---- predict --json --------------------------------------------------------------------------


def test_predict_json_gives_each_images_number_and_the_total(tmp_path, capsys):
    paths = []
    for name, names in (("a", ["1", "2"]), ("b", ["7"]), ("c", None)):
        image = picture(names) if names else np.full((200, 200), 255, np.uint8)
        Image.fromarray(image).save(tmp_path / f"{name}.png")
        paths.append(str(tmp_path / f"{name}.png"))
    assert main(["predict", paths[0], paths[1], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    first, second = out["images"]
    assert (first["number"], first["digits"], first["digit"]) == (12, [1, 2], None)
    assert first["confidence"] == pytest.approx(0.5, abs=0.5) and first["probabilities"] is None
    assert (second["number"], second["digits"], second["digit"]) == (7, [7], 7)
    assert len(second["probabilities"]) == 10 and "reason" not in second
    assert out["total"] == 19 and out["sum"]["total"] == 19
    assert main(["predict", paths[0], paths[2], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    blank = out["images"][1]
    assert blank["number"] is None and blank["digits"] == [] and blank["blank"]
    assert "blank" in blank["reason"] and out["total"] is None


def test_the_drawn_number_set_is_reproducible_and_written_left_to_right():
    from mnist_desk.evaluation.number_set import SEED, drawn_number_pairs

    pairs = drawn_number_pairs(20, SEED)
    assert pairs[0][0].strokes == drawn_number_pairs(1, SEED)[0][0].strokes  # fixed by the seed
    for number in (n for pair in pairs for n in pair):
        assert 1 <= len(number.digits) <= 3 and len(number.spacing) == len(number.digits) - 1
        assert sum(number.strokes_per_digit) == len(number.strokes)
        assert str(number.value) == "".join(map(str, number.digits))  # no leading zero
        points = np.concatenate([np.asarray(s) for s in number.strokes])
        assert points.min() > 0 and points.max() < 1  # all on the canvas


def test_predict_json_gives_null_for_what_is_not_a_digit(tmp_path, capsys):
    """With the shipped digit gate: an M has no number, its one group no digit, and a reason;
    the total is null."""
    from PIL import ImageDraw

    letter = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(letter).line(
        [(50, 160), (60, 40), (100, 120), (140, 40), (150, 160)], fill=0, width=14, joint="curve"
    )
    letter.save(tmp_path / "m.png")
    Image.fromarray(picture(["7"])).save(tmp_path / "seven.png")
    assert main(["predict", str(tmp_path / "m.png"), str(tmp_path / "seven.png"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    m, seven = out["images"]
    assert m["number"] is None and m["digits"] == [None] and m["reason"] and not m["blank"]
    assert (seven["number"], seven["digits"]) == (7, [7]) and "reason" not in seven
    assert out["total"] is None
