"""The drawing pad: drawing, live recognition, undo/clear, model and device switching, files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.support import status_message

REPO = Path(__file__).resolve().parents[2]
LOAD_TIMEOUT_MS = 60_000

VERTICAL = [(0.5, 0.15), (0.5, 0.85)]


def sample(digit: int) -> Path:
    from mnist_desk.support.config import resources_dir

    return next((resources_dir() / "samples").glob(f"digit-{digit}-*.png"))


def shown_digit(window, index: int) -> str:
    return window.panels[index].result_view.digit_text


def test_window_is_shown_before_torch_is_imported(tmp_path):
    script = textwrap.dedent(
        """
        import sys
        from mnist_desk.ui.shell.app import make_application
        from mnist_desk.ui.shell.main_window import MainWindow
        from mnist_desk.ui.settings import AppSettings
        app = make_application()
        window = MainWindow(settings=AppSettings(sys.argv[1]))
        window.show()
        print("torch" in sys.modules, window.isVisible())  # torch loads later, in a worker
        window.close()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert out.stdout.split() == ["False", "True"], out.stderr


def test_blank_canvases_show_the_hint_never_a_guess(window):
    for panel in window.panels:
        assert panel.result_view.digit_text == "–"
        assert panel.result_view.confidence_label.text() == "Draw a digit"
        assert panel.result_view.bars.values is None
        assert panel.result_view.preview.image is None
    assert window.sum_view.equation_text == "? + ? = ?"
    assert "each box" in window.sum_view.caption_label.text()


def test_a_drawn_vertical_stroke_reads_as_one_and_the_sum_follows(window, pen, qtbot):
    pen(window.canvases[0], VERTICAL)
    assert shown_digit(window, 0) == "1"
    assert window.sum_view.equation_text == "1 + ? = ?"
    assert window.panels[0].result_view.preview.image.shape == (28, 28)
    pen(window.canvases[1], VERTICAL)
    assert shown_digit(window, 1) == "1"
    assert window.sum_view.equation_text == "1 + 1 = 2"
    assert window.last_result.total == 2 and window.last_result.source == "digits"
    assert "sure" in window.sum_view.caption_label.text()


def test_recognition_is_live_during_a_stroke(window, pen, qtbot):
    canvas = window.canvases[0]
    pen(canvas, VERTICAL, release=False)
    assert canvas.drawing
    qtbot.waitUntil(lambda: shown_digit(window, 0) == "1", timeout=2000)  # the ~100 ms throttle
    pen(canvas, [(0.5, 0.85), (0.5, 0.86)])  # lift the pen
    assert not canvas.drawing


def test_a_failed_reading_leaves_no_earlier_number_or_sum_shown(window, pen, monkeypatch):
    from tests.ui.test_numbers_gui import draw_number

    draw_number(pen, window.canvases[0], ["1", "2"])
    pen(window.canvases[1], VERTICAL)
    assert window.sum_view.equation_text == "12 + 1 = 13"

    def fail(*drawings):
        raise RuntimeError("CUDA error: an illegal memory access was encountered")

    monkeypatch.setattr(window.predictor, "predict_sum", fail)
    pen(window.canvases[1], [(0.2, 0.9), (0.3, 0.9)])
    assert window.sum_view.equation_text == "? + ? = ?"  # not the old "12 + 1 = 13"
    assert "recognition failed" in window.sum_view.caption_label.text()
    assert window.panels[0].number_view.number_text == ""  # not the old "Number: 12"
    assert "Recognition failed" in window.panels[1].result_view.confidence_label.text()
    assert window.last_result is None  # Keep has no stale reading to keep
    monkeypatch.undo()
    window.undo()
    assert window.sum_view.equation_text == "12 + 1 = 13"


def test_undo_and_clear(window, pen, qtbot):
    pen(window.canvases[0], VERTICAL)
    pen(window.canvases[1], VERTICAL)
    assert window.sum_view.equation_text == "1 + 1 = 2"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the last stroke
    assert window.canvases[1].is_empty() and not window.canvases[0].is_empty()
    assert shown_digit(window, 1) == "–"
    assert window.sum_view.equation_text == "1 + ? = ?"
    window.clear_all()
    assert all(c.is_empty() for c in window.canvases)
    assert window.panels[0].result_view.confidence_label.text() == "Draw a digit"
    window.undo()  # a clear can be undone too
    assert shown_digit(window, 0) == "1"
    window.panels[0].clear_button.click()
    assert window.canvases[0].is_empty()
    pen(window.canvases[1], VERTICAL)
    window.canvases[1].setFocus()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert all(c.is_empty() for c in window.canvases)


def test_the_drawing_survives_a_resize_and_the_pen_scales_with_the_canvas(window, pen, qtbot):
    canvas = window.canvases[0]
    pen(canvas, VERTICAL)
    before = window.panels[0].result_view.preview.image.copy()
    small = canvas.to_qimage().width()
    window.resize(window.width() + 300, window.height() + 200)
    qtbot.waitUntil(lambda: canvas.to_qimage().width() != small, timeout=2000)
    assert canvas.to_qimage().width() > small
    result = window.predict_now()
    assert result.digits[0].digit == 1
    # The model reads the strokes, not the widget's pixels: the same 28x28 at any size.
    assert np.array_equal(result.digits[0].image28, before)


def test_mnist_test_digits_round_trip_through_the_canvas(window, mnist_test_digits):
    """200+ MNIST test digits, opened in a canvas and read back through the window's path."""
    images, labels = mnist_test_digits
    canvas = window.canvases[0]
    read = []
    for image in images:
        canvas.set_image(image)  # read at once, as any change is
        number = window.last_result.numbers[0]
        read.append(number.value)
        shown = number.digits[window.drawing.selected[0]].digit
        assert window.panels[0].result_view.digit_text == str(shown)
    accuracy = np.mean(np.array(read) == np.asarray(labels))
    assert len(read) >= 200
    assert accuracy >= 0.97, f"round-trip accuracy {accuracy:.2%}"


def _save(path, model, task, arch, accuracy=None):
    from mnist_desk.store.checkpoints import make_meta, save_checkpoint, write_metrics_file

    meta = make_meta(task, arch, metrics={"test_accuracy": accuracy} if accuracy else {})
    save_checkpoint(path, model, meta)
    write_metrics_file(path, meta)
    return path


@pytest.fixture
def extra_models(tmp_path, convnet_path):
    """A user models folder with an MLP classifier and both adders (quick to make, untrained)."""
    import torch

    from mnist_desk.models import build_model
    from mnist_desk.store.checkpoints import load_checkpoint

    folder = tmp_path / "models"
    folder.mkdir()
    torch.manual_seed(0)
    transfer = build_model("transfer", "convnet")
    transfer.classifier.load_state_dict(load_checkpoint(convnet_path).state_dict)
    return {
        "mlp": _save(
            folder / "classifier-mlp-mine.pt",
            build_model("classifier", "mlp"),
            "classifier",
            "mlp",
            0.5,
        ),
        "transfer": _save(
            folder / "transfer-convnet-mine.pt", transfer, "transfer", "convnet", 0.99
        ),
        "scratch": _save(
            folder / "scratch-convnet-mine.pt",
            build_model("scratch", "convnet"),
            "scratch",
            "convnet",
        ),
    }


def _wait_for_model(qtbot, window, path):
    qtbot.waitUntil(
        lambda: not window.loading and str(window.predictor.checkpoint.path) == str(path),
        timeout=LOAD_TIMEOUT_MS,
    )


def test_switching_task_architecture_checkpoint_and_device_updates_predictions(
    message_boxes, window, extra_models, convnet_path, qtbot
):
    picker = window.picker
    window.refresh_models()
    qtbot.waitUntil(
        lambda: picker.entry_for(str(extra_models["scratch"])) is not None, timeout=10_000
    )
    window.open_image(sample(3), 0)
    window.open_image(sample(5), 1)
    assert window.sum_view.equation_text == "3 + 5 = 8"
    convnet_probs = window.last_result.digits[0].probabilities

    picker.choose_task("transfer")  # its first checkpoint: the shipped one, or the user's own
    qtbot.waitUntil(
        lambda: not window.loading and window.predictor.task == "transfer", timeout=LOAD_TIMEOUT_MS
    )
    picker.choose_checkpoint(str(extra_models["transfer"]))
    _wait_for_model(qtbot, window, extra_models["transfer"])
    assert picker.current_task() == "transfer"
    assert window.last_result.source == "adder"
    assert window.sum_view.equation_text.startswith("3 + 5 = ")
    assert "Adder" in window.sum_view.bars_title.text()
    assert len(window.sum_view.bars.values) == 19

    picker.choose_task("scratch")  # its first checkpoint: the shipped one, or the user's own
    qtbot.waitUntil(
        lambda: not window.loading and window.predictor.task == "scratch", timeout=LOAD_TIMEOUT_MS
    )
    picker.choose_checkpoint(str(extra_models["scratch"]))
    _wait_for_model(qtbot, window, extra_models["scratch"])
    assert window.last_result.source == "adder"
    assert [d.digit for d in window.last_result.digits] == [3, 5]  # digits from the classifier

    picker.choose_task("classifier")
    _wait_for_model(qtbot, window, convnet_path)  # the default architecture comes first
    picker.choose_arch("mlp")  # the first MLP checkpoint: shipped if there is one
    qtbot.waitUntil(
        lambda: not window.loading and window.predictor.checkpoint.arch == "mlp",
        timeout=LOAD_TIMEOUT_MS,
    )
    assert picker.current_arch() == "mlp"
    picker.choose_checkpoint(str(extra_models["mlp"]))  # the user's own (untrained) MLP
    _wait_for_model(qtbot, window, extra_models["mlp"])
    assert picker.current_checkpoint() == str(extra_models["mlp"])
    assert window.last_result.digits[0].probabilities != convnet_probs
    picker.choose_checkpoint(str(convnet_path))
    _wait_for_model(qtbot, window, convnet_path)
    assert window.last_result.digits[0].probabilities == pytest.approx(convnet_probs, abs=1e-5)

    import torch

    if torch.cuda.is_available():
        picker.choose_device("cuda:0")
        qtbot.waitUntil(
            lambda: window.predictor.describe()["device"] == "cuda:0", timeout=LOAD_TIMEOUT_MS
        )
        assert window.sum_view.equation_text == "3 + 5 = 8"
        picker.choose_device("cpu")
        qtbot.waitUntil(
            lambda: window.predictor.describe()["device"] == "cpu", timeout=LOAD_TIMEOUT_MS
        )
    else:  # an impossible device: an error, and the CPU model keeps answering
        previous = window.predictor
        window.use_device("cuda:0")
        qtbot.waitUntil(lambda: "CUDA" in window.last_error, timeout=LOAD_TIMEOUT_MS)
        assert window.predictor is previous and picker.current_device() == "cpu"
        assert "CUDA" in window.last_error
        assert any("CUDA" in box.text() for box in message_boxes())
    assert window.sum_view.equation_text == "3 + 5 = 8"  # the drawings were kept throughout


def test_a_broken_checkpoint_shows_an_error_and_keeps_the_previous_model(window, tmp_path, qtbot):
    broken = tmp_path / "models" / "classifier-convnet-broken.pt"
    broken.parent.mkdir(exist_ok=True)
    broken.write_bytes(b"this is not a checkpoint" * 10)
    broken.with_suffix(".json").write_text(
        '{"task": "classifier", "arch": "convnet", "metrics": {}}'
    )
    window.refresh_models()
    qtbot.waitUntil(lambda: window.picker.entry_for(str(broken)) is not None, timeout=10_000)
    window.open_image(sample(7), 0)
    previous = window.predictor
    window.picker.choose_checkpoint(str(broken))
    qtbot.waitUntil(lambda: str(broken) in window.last_error, timeout=LOAD_TIMEOUT_MS)
    assert window.predictor is previous
    assert window.picker.current_checkpoint() == str(previous.checkpoint.path)  # snapped back
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert any(str(broken) in box.text() for box in boxes)
    assert str(broken) in window.last_error
    assert window.predict_now().digits[0].digit == 7
    for box in boxes:
        box.close()


def test_the_cuda_entry_is_disabled_with_the_reason_when_cuda_is_absent(window):
    import torch

    if torch.cuda.is_available():
        pytest.skip("CUDA is available here")
    from mnist_desk.support.devices import cuda_unavailable_reason

    combo = window.picker.device_combo
    index = window.picker.cuda_item_index()
    assert index >= 0
    assert not combo.model().item(index).isEnabled()
    assert cuda_unavailable_reason() in combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert combo.itemData(0) == "cpu"


def test_why_cuda_is_unavailable_is_said_in_the_language_in_effect(window, qtbot):
    """The CUDA entry's tooltip said the core's reason in English in a Chinese window."""
    import torch

    from mnist_desk.ui import i18n

    if torch.cuda.is_available():
        pytest.skip("CUDA is available here")
    combo = window.picker.device_combo

    def tip() -> str:
        return combo.itemData(window.picker.cuda_item_index(), Qt.ItemDataRole.ToolTipRole)

    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(
            lambda: "CUDA" in tip() and "PyTorch" in tip() and "不" in tip(), timeout=2000
        )
        assert "sees no" not in tip() and "has no CUDA" not in tip()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: tip().startswith("CUDA is unavailable: "), timeout=2000)


def _drop(canvas, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(canvas.rect().center())
    # Qt delivers a drop only to the widget that accepted the drag's entry.
    with warnings.catch_warnings():  # PySide6 flags Qt 6's only constructor as deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            pos.toPoint(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, event)
    return event


def test_dropping_an_image_file_on_a_canvas_recognises_it(window, tmp_path, message_boxes):
    _drop(window.canvases[1], sample(4))  # dark ink on light paper, like a scan
    assert shown_digit(window, 1) == "4"
    assert window.active_index == 1
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    _drop(window.canvases[0], bad)
    assert "not an image" in window.last_error
    assert any("not an image" in box.text() for box in message_boxes())
    assert window.canvases[0].is_empty()
    assert shown_digit(window, 1) == "4"


def test_save_drawing_as_png_and_open_it_again(window, pen, tmp_path):
    pen(window.canvases[0], VERTICAL)
    path = tmp_path / "one.png"
    assert window.save_drawing(path, 0)
    assert window.open_image(path, 1)
    assert shown_digit(window, 1) == "1"
    assert window.sum_view.equation_text == "1 + 1 = 2"


def test_settings_are_remembered(make_window, tmp_path, pen):
    from mnist_desk.ui.settings import AppSettings

    settings_path = str(tmp_path / "remember.ini")
    first = make_window(settings=AppSettings(settings_path))
    first.set_pen_width(0.11)
    first.close()
    second = make_window(settings=AppSettings(settings_path), model=None)
    assert second.pen_width == pytest.approx(0.11)
    assert str(second.predictor.checkpoint.path) == str(first.predictor.checkpoint.path)
    assert second.device == "cpu"


def test_a_pen_width_set_with_the_slider_is_remembered(make_window, tmp_path, qtbot):
    from mnist_desk.ui.settings import AppSettings

    settings_path = str(tmp_path / "remember.ini")
    first = make_window(settings=AppSettings(settings_path))
    slider = first.draw_tab.pen_slider
    before = first.pen_width
    slider.setFocus()
    for _ in range(3):
        QTest.keyClick(slider, Qt.Key.Key_Right)  # the slider's own keys, as a person uses it
    assert first.pen_width == pytest.approx(before + 0.03)
    first.close()
    second = make_window(settings=AppSettings(settings_path))
    assert second.pen_width == pytest.approx(before + 0.03)


def test_switching_the_language_retranslates_live(window, qtbot):
    from mnist_desk.ui import i18n

    assert "zh_CN" in dict(i18n.available_languages()), "the zh_CN translation is shipped compiled"
    try:
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)  # posted events
        assert window.panels[0].result_view.confidence_label.text() == "请写一个数字"
        assert window.window_actions.file_menu.title().startswith("文件")
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Draw", timeout=2000)
    assert window.panels[0].result_view.confidence_label.text() == "Draw a digit"


def test_an_error_shown_and_the_status_bar_follow_a_language_switch(
    window, pen, monkeypatch, qtbot
):
    """A failed reading's texts (each box, the sum, the status bar) stayed in English after
    View > Language > 简体中文; they are worded again in the new language, and back."""
    from mnist_desk.ui import i18n

    def fail(*drawings):
        raise RuntimeError("CUDA error: an illegal memory access was encountered")

    monkeypatch.setattr(window.predictor, "predict_sum", fail)
    pen(window.canvases[0], VERTICAL)
    box, caption = window.panels[0].result_view.confidence_label, window.sum_view.caption_label
    assert box.text().startswith("Recognition failed: ") and "CUDA error" in box.text()
    assert caption.text() == "No sum: recognition failed"
    assert status_message(window) == box.text()
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)  # posted events
        assert box.text().startswith("识别失败：") and "CUDA error" in box.text()
        assert caption.text() == "没有和：识别失败"
        assert status_message(window) == box.text()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Draw", timeout=2000)
    assert box.text().startswith("Recognition failed: ")
    assert status_message(window) == box.text()


def test_an_error_dialog_and_its_status_follow_a_language_switch(
    window, tmp_path, monkeypatch, message_boxes, qtbot
):
    """An error dialog's title and the status bar's "<title>: <reason>" stayed in English after
    View > Language > 简体中文; the title and the core's reason (an errors.Phrase) follow it."""
    from PySide6.QtWidgets import QFileDialog

    from mnist_desk.ui import i18n

    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(bad), "Images"))
    )
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # Ctrl+O
    [box] = message_boxes()
    assert box.windowTitle() == "Cannot open the image"
    assert status_message(window).startswith("Cannot open the image: ")
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: window.tabs.tabText(0) == "绘制", timeout=2000)  # posted events
        assert box.windowTitle() == "无法打开图片"
        assert box.text() == f"{bad}：不是本应用能读取的图片（" + box.text().split("（", 1)[1]
        assert status_message(window).startswith(f"无法打开图片：{bad}：不是本应用能读取的图片")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Draw", timeout=2000)
    assert box.windowTitle() == "Cannot open the image"
    assert box.text().startswith(f"{bad}: not an image this app can read (")
    assert status_message(window).startswith("Cannot open the image: ")


def test_the_cpu_entry_of_the_device_picker_is_translated(window, qtbot):
    device_box = window.picker.device_combo
    cpu = device_box.findData("cpu")
    assert "thread" in device_box.itemText(cpu)
    try:
        window.window_actions.languages["zh_CN"].trigger()  # View > Language > 简体中文
        qtbot.waitUntil(lambda: "线程" in device_box.itemText(cpu), timeout=2000)
        assert "thread" not in device_box.itemText(cpu)
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: "thread" in device_box.itemText(cpu), timeout=2000)


def test_about_names_the_data_set_its_licence_and_versions(window):
    import torch
    from PySide6.QtCore import qVersion

    text = window.about_text()
    for needle in (
        "MNIST",
        "LeCun",
        "Cortes",
        "Burges",
        "CC BY-SA 3.0",
        torch.__version__,
        qVersion(),
    ):
        assert needle in text


def test_add_tab_puts_a_panel_beside_draw(window):
    from PySide6.QtWidgets import QLabel

    index = window.add_tab(QLabel("train here"), lambda: "Train")
    assert window.tabs.tabText(0) == "Draw" and window.tabs.tabText(index) == "Train"
    window.tabs.setCurrentIndex(index)  # Esc, Delete, [ ] belong to the Draw tab only
    assert (
        not window.window_actions.clear_all.isEnabled()
        and not window.window_actions.undo.isEnabled()
    )
    window.tabs.setCurrentIndex(0)
    assert window.window_actions.clear_all.isEnabled()


def test_unexpected_exceptions_reach_a_dialog(window, monkeypatch):
    from mnist_desk.ui.shell.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: window)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert any("boom" in box.text() for box in boxes)
    for box in boxes:
        box.close()


def test_open_and_close_window_self_check(convnet_path):
    from mnist_desk.ui.shell.app import open_and_close_window

    ok, message = open_and_close_window()
    assert ok, message
    assert "3 + 5 = 8" in message


def test_run_gui_honours_args(monkeypatch, tmp_path, convnet_path, qapp):
    """run_gui with a Namespace lacking some attributes opens the window and returns exec()'s code."""
    import argparse

    from mnist_desk.ui.shell import app as app_module
    from mnist_desk.ui.shell.main_window import MainWindow

    seen = {}

    def fake_exec():
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen.update(models_dir=window.models_dir, device=window.device, visible=window.isVisible())
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app_module.run_gui(argparse.Namespace(models_dir=str(tmp_path), device="cpu")) == 0
    assert seen == {"models_dir": str(tmp_path), "device": "cpu", "visible": True}


def test_tablet_pressure_makes_thinner_strokes():
    from mnist_desk.app.drawing_session import Drawing
    from mnist_desk.imaging.drawn import Stroke
    from mnist_desk.ui.draw.paper import render_state

    def ink(pressure):
        stroke = Stroke(((0.5, 0.2, pressure), (0.5, 0.8, pressure)), 0.1)
        return (255 - _grey(render_state(Drawing(strokes=(stroke,)), 200))).sum()

    assert ink(0.2) < 0.7 * ink(1.0)


def _grey(image):
    from mnist_desk.ui.draw.paper import qimage_to_grey

    return qimage_to_grey(image).astype(int)


def test_touch_draws_like_the_mouse(window, qtbot):
    canvas = window.canvases[0]
    rect = canvas.paper_rect()
    touch = QTest.touchEvent(canvas, QTest.createTouchDevice())
    x = rect.center().x()
    ys = np.linspace(rect.top() + rect.height() * 0.15, rect.bottom() - rect.height() * 0.15, 10)
    touch.press(0, QPoint(x, int(ys[0])), canvas).commit()  # points relative to the canvas
    for y in ys[1:]:
        touch.move(0, QPoint(x, int(y)), canvas).commit()
    touch.release(0, QPoint(x, int(ys[-1])), canvas).commit()
    qtbot.waitUntil(lambda: shown_digit(window, 0) == "1", timeout=2000)
    assert len(canvas.state.strokes) == 1
