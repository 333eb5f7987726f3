"""Row 13: are the heatmaps faithful? The deletion test (mnist_desk/inspection/faithfulness.py)
on 1,000 MNIST test digits, the shipped convnet and vit, for every fast attribution method.

For each digit: remove (set to blank) the 10% of its ink pixels the heatmap of the model's answer
ranks highest, and compare the drop of the answer's probability with that of removing 10% of its
ink pixels at random (the mean over 10 draws). The goal: the heatmap's deletion hurts more for at
least 90% of digits. The method the app uses (``DEFAULT_METHOD``) is marked; the winner is the
method with the most wins over both models, ties broken by the larger mean drop. Occlusion
(one forward pass per inked 3x3 patch, 120-210 ms a digit) is left out: it is too slow to draw
live (docs/inside.md gives its figures on 200 digits).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.common import Line, Options, log

MODELS = ("classifier-convnet", "classifier-vit")
DIGITS = 1000
GOAL = 0.90


def run(opts: Options) -> list[Line]:
    import torch
    from torchvision.datasets import MNIST

    from mnist_desk.inspection.attribution import methods_for
    from mnist_desk.inspection.explain import DEFAULT_METHOD
    from mnist_desk.inspection.faithfulness import deletion_test
    from mnist_desk.inspection.subject import subject_for
    from mnist_desk.store.catalog import resolve_model

    count = 50 if opts.quick else DIGITS
    test = MNIST(str(opts.data_dir), train=False, download=False)
    inks = test.data[:count].numpy().astype(np.float32) / 255
    capability = torch.backends.cpu.get_cpu_capability()
    results: dict[str, dict[str, object]] = {}
    for name in MODELS:
        checkpoint = resolve_model(name)
        subject = subject_for(checkpoint.build().eval(), checkpoint.task)
        for method in methods_for(subject):
            if method == "occlusion":
                continue
            log(f"row 13: {name}, {method}, {count} digits")
            start = time.perf_counter()
            results.setdefault(method, {})[name] = deletion_test(subject, inks, method)
            log(f"row 13: {time.perf_counter() - start:.0f} s")
    both = {m: r for m, r in results.items() if len(r) == len(MODELS)}
    winner = max(
        both,
        key=lambda m: (
            sum(r.wins for r in both[m].values()),
            sum(r.mean_drop for r in both[m].values()),
        ),
    )
    lines = []
    for method, per_model in results.items():
        for name, r in per_model.items():
            chosen = " (the app's)" if method == DEFAULT_METHOD else ""
            lines.append(
                Line(
                    "13",
                    f"Deletion test, {name}, {method}{chosen}",
                    f"{r.win_rate:.1%} of digits; mean drop {r.mean_drop:.3f} vs random "
                    f"{r.mean_random_drop:.3f}",
                    f"≥ {GOAL:.0%}",
                    r.win_rate >= GOAL,
                    f"{r.count} MNIST test digits, 10% of ink pixels removed, random: mean of 10 "
                    f"draws; heatmap {r.seconds_per_digit * 1000:.1f} ms a digit (1 thread, CPU "
                    f"capability {capability})",
                    data={
                        "model": name,
                        "method": method,
                        "win_rate": r.win_rate,
                        "mean_drop": r.mean_drop,
                        "mean_random_drop": r.mean_random_drop,
                        "ms_per_digit": r.seconds_per_digit * 1000,
                        "cpu_capability": capability,
                    },
                )
            )
    lines.append(
        Line(
            "13",
            "Deletion test: the winning method",
            winner,
            f"the app's ({DEFAULT_METHOD})",
            winner == DEFAULT_METHOD,
            "most wins over both models, then the larger mean drop",
        )
    )
    return lines
