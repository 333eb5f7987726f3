"""The Train tab's runs say how they ended in the window's language: the training core's end
messages (training.steps: finished, stopped, diverged) are Phrases, worded in Chinese in a
Chinese window and in English again after a switch back, while the CLI keeps the English.
Each test switches through View > Language, as a person would, and switches back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.support import press, start_by_button, status_message, tiny_settings

LOAD_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000


def train_tab(qtbot, window):
    """The window's Train tab, shown, its choices read."""
    qtbot.waitUntil(lambda: window.training_panel is not None, timeout=LOAD_TIMEOUT_MS)
    panel = window.training_panel
    bar = window.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(panel)).center()
    )
    qtbot.waitUntil(lambda: panel.form.choices_ready, timeout=LOAD_TIMEOUT_MS)
    return panel


def in_language(qtbot, window, language: str, first_tab: str) -> None:
    window.window_actions.languages[language].trigger()  # View > Language
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == first_tab, timeout=2000)


def test_a_finished_run_says_so_in_chinese(qtbot, window):
    """The status bar read "#1 classifier-mlp: training finished，测试准确率 …" in a Chinese
    window; it reads "#1 多层感知机 (MLP)：训练完成，测试准确率 …", and in English again after a
    switch back. The run's curves are named alike: the app named it in English
    ("#1 classifier-mlp" in every language), now by its network's title."""
    panel = train_tab(qtbot, window)
    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        assert start_by_button(qtbot, panel, tiny_settings(max_steps=20))
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
        said = status_message(window)
        assert said.startswith("#1 多层感知机 (MLP)：训练完成，测试准确率 "), said
        assert [label.text for _, label in panel.plots.legend.items][2:] == ["#1 多层感知机 (MLP)"]
    finally:
        in_language(qtbot, window, "en", "Draw")
    said = status_message(window)
    assert said.startswith("#1 MLP: training finished, test accuracy "), said
    assert [label.text for _, label in panel.plots.legend.items][2:] == ["#1 MLP"]


def test_a_stopped_run_says_at_which_step_in_chinese(qtbot, window):
    panel = train_tab(qtbot, window)
    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        assert start_by_button(qtbot, panel, tiny_settings(max_steps=5000))
        qtbot.waitUntil(lambda: panel.run_controls.progress.value() >= 2, timeout=RUN_TIMEOUT_MS)
        press(qtbot, panel.run_controls.stop_button)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
        said = status_message(window)
        assert said.startswith("#1 多层感知机 (MLP)：已在第 ") and "步由用户停止" in said, said
    finally:
        in_language(qtbot, window, "en", "Draw")
    assert "stopped by the user at step " in status_message(window)


def test_a_diverged_run_says_what_to_try_in_chinese(qtbot, window):
    """The banner read "Training diverged: the loss became nan at step 1. Try a lower learning
    rate (now 1e+06). No checkpoint was kept (no evaluation had run)." in a Chinese window."""
    panel = train_tab(qtbot, window)
    banner = panel.run_controls.banner
    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        settings = tiny_settings(optimizer="sgd", lr=1e6, max_steps=200)
        assert start_by_button(qtbot, panel, settings)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
        said = banner.text()  # it diverges before its first evaluation: nothing is kept
        assert said.startswith("训练发散：第 ") and "步的损失变为 " in said, said
        assert said.endswith(
            "请试试更低的学习率（现在是 1e+06）。没有保留模型文件（还没有进行过评估）。"
        )
        assert status_message(window).startswith("训练发散：第 ")
    finally:
        in_language(qtbot, window, "en", "Draw")
    assert banner.text().startswith("Training diverged: the loss became ")
    assert "Try a lower learning rate (now 1e+06)." in banner.text()


def test_compare_adders_names_the_adders_in_chinese(qtbot, window, tmp_path, monkeypatch):
    """The Compare adders legend read "Transfer adder (mlp)" and "Scratch adder" in a Chinese
    window (names made of the core's English titles); it reads "迁移加法器（mlp）" and
    "从零训练的加法器", and in English again after a switch back."""
    from dataclasses import replace

    from mnist_desk.training import Trainer
    from tests.support import shared_data_dir

    classifier = tmp_path / "classifier-mlp-test.pt"
    Trainer(tiny_settings(max_steps=10), data_dir=shared_data_dir(), output=classifier).run()
    panel = train_tab(qtbot, window)
    budget = tiny_settings(max_steps=4, batch_size=32, val_subset=200, test_subset=200)
    budget = replace(budget, init_from=str(classifier))
    monkeypatch.setattr("mnist_desk.app.training_session.default_budget", lambda form: budget)
    plots = panel.comparison_view.plots

    def legend() -> list[str]:
        return [label.text for _, label in plots.legend.items]

    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        press(qtbot, panel.run_controls.compare_button)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=2 * RUN_TIMEOUT_MS)
        assert legend() == ["迁移加法器（mlp）", "从零训练的加法器"]
        run_names = [label.text for _, label in panel.plots.legend.items][2:]
        assert run_names == ["迁移加法器（mlp）", "从零训练的加法器"]
        assert "<b>从零训练的加法器</b>" in panel.results.summary.text()
        # its sentences follow one another as Chinese writes them: no English space between
        verdict = panel.comparison_view.verdict.text()
        assert "。最终验证误差：" in verdict and "。训练时间：" in verdict, verdict
        assert "。 " not in verdict, verdict
    finally:
        in_language(qtbot, window, "en", "Draw")
    assert legend() == ["Transfer adder (mlp)", "Scratch adder"]
    verdict = panel.comparison_view.verdict.text()
    assert ". Final validation error: " in verdict and ". Training time: " in verdict, verdict


def fine_tune_my_digits(qtbot, window):
    """My digits holds a hand of 100 digits; "Fine-tune on my digits" pressed (a tiny fine-tune)
    and waited for; the model it offers, refused. Returns the Train tab."""
    from benchmarks.personal_hand import hand_digits
    from mnist_desk.personal.recipe import PersonalSettings

    panel = train_tab(qtbot, window)
    for d in hand_digits(10):
        window.corrections.store.add(d.image28, d.label, predicted=None, source="generated")
    window.corrections.changed.emit()
    window.training.personal_settings = PersonalSettings(
        steps=6, evals=2, val_subset=100, test_subset=200, num_threads=1
    )
    view = window.my_digits_view
    window.tabs.setCurrentWidget(view)
    press(qtbot, view.fine_tune_button)
    qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
    [offer] = view.findChildren(QMessageBox)  # "Use it now?": no
    offer.button(QMessageBox.StandardButton.No).click()
    return panel


def test_a_fine_tune_on_my_digits_is_named_and_reports_in_chinese(qtbot, window):
    """The fine-tune's run was "#1 classifier, personalised" in a Chinese window's curve legend,
    results heading and status bar, and the status bar went on in the core's English report
    ("your held-out digits (50, holdout): … -> …; MNIST test (200): …"); it is "#1 分类器（个性化）"
    and "你留出的数字（50 个，留出法）：… → …；MNIST 测试集（200 张）：…", and English again after a
    switch back."""
    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        panel = fine_tune_my_digits(qtbot, window)
        assert [label.text for _, label in panel.plots.legend.items][2:] == ["#1 分类器（个性化）"]
        assert "<b>#1 分类器（个性化）</b>" in panel.results.summary.text()
        said = status_message(window)
        assert said.startswith("#1 分类器（个性化）：你留出的数字（50 个，留出法）："), said
        assert "；MNIST 测试集（200 张）：" in said and "个百分点）" in said, said
        assert "->" not in said and "points" not in said, said
    finally:
        in_language(qtbot, window, "en", "Draw")
    assert [label.text for _, label in panel.plots.legend.items][2:] == [
        "#1 classifier, personalised"
    ]
    said = status_message(window)
    assert said.startswith("#1 classifier, personalised: your held-out digits (50, holdout): ")
    assert "; MNIST test (200): " in said and " points)" in said, said


def test_a_fine_tune_from_a_model_that_is_no_classifier_says_why_in_chinese(
    qtbot, window, monkeypatch
):
    """Where the classifier behind the model in use is no classifier (a personalised transfer
    adder whose classifier file was replaced by an adder), the banner and status bar read
    "….pt: a model of another kind (Transfer adder); fine-tuning on your digits starts from a
    single-digit classifier" in a Chinese window; they read "….pt：这是另一类模型（迁移加法器）；
    在你的数字上微调要从单个数字分类器开始", and English again after a switch back."""
    from benchmarks.personal_hand import hand_digits
    from mnist_desk.models import TRANSFER
    from mnist_desk.store.catalog import shipped_checkpoint

    adder = shipped_checkpoint(TRANSFER, "convnet")
    monkeypatch.setattr("mnist_desk.personal.models.classifier_behind", lambda checkpoint: adder)
    panel = train_tab(qtbot, window)
    for d in hand_digits(5):
        window.corrections.store.add(d.image28, d.label, predicted=None, source="generated")
    window.corrections.changed.emit()
    banner = panel.run_controls.banner
    try:
        in_language(qtbot, window, "zh_CN", "绘制")
        window.tabs.setCurrentWidget(window.my_digits_view)
        press(qtbot, window.my_digits_view.fine_tune_button)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=RUN_TIMEOUT_MS)
        said = f"{adder}：这是另一类模型（迁移加法器）；在你的数字上微调要从单个数字分类器开始"
        assert banner.text() == said and status_message(window) == said
    finally:
        in_language(qtbot, window, "en", "Draw")
    assert banner.text() == (
        f"{adder}: a model of another kind (Transfer adder); fine-tuning on your digits starts "
        "from a single-digit classifier"
    )
