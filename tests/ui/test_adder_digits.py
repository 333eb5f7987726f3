"""With a scratch adder that learned digits from sums, each canvas shows the digit it reads itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_drawing_pad import LOAD_TIMEOUT_MS, sample

LABEL = "read by the scratch adder, which never saw a digit label"


@pytest.fixture
def digits_adder(tmp_path, convnet_path) -> Path:
    """A scratch convnet-digits adder whose ConvNet holds the shipped classifier's weights, so it
    reads the sample digits right (quick to make; what it learned is not under test here)."""
    import torch

    from mnist_desk.models import SCRATCH, build_model
    from mnist_desk.store.checkpoints import load_checkpoint, make_meta, save_checkpoint

    torch.manual_seed(0)
    model = build_model(SCRATCH, "convnet-digits")
    model.classifier.load_state_dict(load_checkpoint(convnet_path).state_dict)
    folder = tmp_path / "models"
    folder.mkdir(exist_ok=True)
    path = folder / "scratch-convnet-digits-mine.pt"
    save_checkpoint(path, model, make_meta(SCRATCH, "convnet-digits"))
    return path


def test_each_canvas_shows_the_digit_the_scratch_adder_reads(
    make_window, digits_adder, convnet_path, qtbot
):
    window = make_window(model=str(digits_adder))
    assert window.predictor.task == "scratch" and window.predictor.adder_reads_digits
    views = [panel.result_view for panel in window.panels]
    assert all(view.adder_digit_text == "" for view in views)  # nothing drawn: nothing read
    window.open_image(sample(3), 0)
    window.open_image(sample(5), 1)
    assert window.sum_view.equation_text == "3 + 5 = 8"
    assert views[0].adder_digit_text == f"3: {LABEL}"
    assert views[1].adder_digit_text == f"5: {LABEL}"
    assert views[0].adder_digit_label.isVisible()
    assert "sure" in views[0].adder_digit_label.toolTip()

    try:
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)
        assert views[0].adder_digit_text.startswith("3") and LABEL not in views[0].adder_digit_text
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: views[0].adder_digit_text == f"3: {LABEL}", timeout=2000)

    window.picker.choose_task("classifier")  # a classifier has no adder of its own: no such line
    qtbot.waitUntil(
        lambda: not window.loading and window.predictor.task == "classifier",
        timeout=LOAD_TIMEOUT_MS,
    )
    window.predict_now()
    assert all(view.adder_digit_text == "" for view in views)
    assert not views[0].adder_digit_label.isVisible()


def test_the_compare_adders_verdict_says_how_well_the_scratch_adder_reads_digits():
    from mnist_desk.training import TrainingResult
    from mnist_desk.ui.train.comparison_view import adder_verdict

    def result(accuracy, **digits):
        return TrainingResult(
            "completed",
            "",
            {},
            10,
            5.0,
            0.1,
            {"accuracy": accuracy, **digits},
            None,
            {"train": [], "val": [{"error": 0.1}]},
        )

    transfer = result(0.98, digit_test_accuracy=0.99)
    reads = result(
        0.95,
        digit_test_accuracy=0.97,
        digit_test_accuracy_matched=0.97,
        digit_matching=list(range(10)),
    )
    verdict = adder_verdict(transfer, reads, 100)
    assert "never saw a digit label, yet it reads 97.0% of the test digits" in verdict
    assert "once matched" not in verdict
    swapped = result(
        0.5,
        digit_test_accuracy=0.4,
        digit_test_accuracy_matched=0.9,
        digit_matching=[1, 0, 2, 3, 4, 5, 6, 7, 8, 9],
    )
    assert "90.0% once matched" in adder_verdict(transfer, swapped, 100)
    mlp_head = result(0.95)  # the MLP-head scratch adder has no digit outputs: no such sentence
    assert "digit label" not in adder_verdict(transfer, mlp_head, 100)
