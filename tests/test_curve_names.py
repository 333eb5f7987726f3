"""Curves are named as the rest of the window names their models: a name the user gave stays, a
name the app made ("classifier-convnet-20261207-014158") becomes the network's title, and two that
would read the same are told apart by the date the Models tab shows, then a number."""

from __future__ import annotations

from mnist_desk.app.curve_names import Labelled, distinct_labels, local_time, run_name
from mnist_desk.errors import Words

MORNING = "2026-12-07T01:41:58+00:00"
EVENING = "2026-12-07T19:05:12+00:00"


def test_a_name_the_app_made_becomes_the_networks_title_and_the_users_stays():
    labels = distinct_labels(
        [
            Labelled("classifier-convnet-20261207-014158", "classifier", "convnet", MORNING),
            Labelled("classifier-lenet5", "classifier", "lenet5", EVENING),  # shipped
            Labelled("my best", "classifier", "mlp", MORNING),
            Labelled("classifier-mlp", "scratch", "convnet", MORNING),  # another task's name
            Labelled("transfer-quick-20261207-014158-2", "transfer", "quick", MORNING),
            Labelled("scratch-convnet-digits", "scratch", "convnet-digits", EVENING),
            Labelled("classifier-mlp-mine-20261207-014158", "classifier", "mlp", MORNING),
        ]
    )
    assert labels == [
        "ConvNet (BN, default)",
        "LeNet-5",
        "my best",
        "classifier-mlp",
        "Transfer adder · QuickNet (small and fast)",
        "Scratch adder · ConvNet digits + exact sum",
        "MLP, personalised",
    ]
    titles = [label for label in labels if isinstance(label, Words)]  # the window words these
    assert len(titles) == 5 and "my best" not in titles


def test_two_that_would_read_the_same_get_their_dates_then_a_number():
    labels = distinct_labels(
        [
            Labelled("classifier-convnet", "classifier", "convnet", MORNING),  # shipped
            Labelled("classifier-convnet-20261207-190512", "classifier", "convnet", EVENING),
            Labelled("classifier-convnet-20261207-190512-2", "classifier", "convnet", EVENING),
            Labelled("classifier-mlp-20261207-190512", "classifier", "mlp", ""),  # no date kept
            Labelled("MLP", "classifier", "mlp", ""),  # the user's name reads as a title
            Labelled("classifier-lenet5", "classifier", "lenet5", EVENING),  # alone: no date
        ]
    )
    morning, evening = local_time(MORNING), local_time(EVENING)
    assert labels == [
        f"ConvNet (BN, default) · {morning}",
        f"ConvNet (BN, default) · {evening} #1",
        f"ConvNet (BN, default) · {evening} #2",
        "MLP #1",
        "MLP #2",
        "LeNet-5",
    ]
    assert len({str(label) for label in labels}) == len(labels)


def test_a_train_tab_run_is_named_by_its_number_and_its_models_title():
    assert run_name(1, "classifier", "mlp") == "#1 MLP"
    assert run_name(2, "transfer", "convnet") == "#2 Transfer adder · ConvNet (BN, default)"
    assert isinstance(run_name(3, "scratch", "convnet-digits"), Words)
