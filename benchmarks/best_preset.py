"""Row 1b: the Best preset as a user meets it, a whole command beside the public recipe's.

``mnist-desk train --preset best --seed 0`` from process start to a saved model, between two
whole commands of the public recipe (``python -m benchmarks.public_recipe``, row 1's re-typed
script, seeds 0 and 1), on row 1w's two CPU kinds: the CPU as it is, and with native bf16 hidden
(checked in a child first). Load that comes and goes falls on both commands. The ratio is
the Best command's time over the public recipe's mean. The saved model's MNIST test accuracy is
the one the command printed; its drawn digits are read as the window reads them
(``evaluation.drawn_score.measure_drawn``: the drawn set's 300 pairs, seed 12). Goal (issue 26):
>= 99.5% MNIST test, >= 99.3% drawn digits, the whole command <= 5x the public recipe's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Line, Options, child_env, log, repo_path, secs
from benchmarks.whole_commands import KINDS, _describe, probe, public_command, timed

GOAL_RATIO = 5.0
GOAL_MNIST = 0.995
GOAL_DRAWN = 0.993


def best_command(seed: int, output: Path, opts: Options) -> list[str]:
    return [
        *("mnist-desk", "train", "--preset", "best", "--seed", str(seed)),
        *("--threads", str(opts.threads), "--data-dir", repo_path(opts.data_dir), "--no-download"),
        *("-o", str(output), "-q"),
    ]


def drawn_accuracy(model: Path) -> float:
    from mnist_desk.evaluation.drawn_score import measure_drawn
    from mnist_desk.recognition.predictor import Predictor

    return measure_drawn(Predictor.from_model(str(model))).digit_accuracy


def run(opts: Options) -> list[Line]:
    """Each CPU kind of row 1w in turn (a simulation that did not take effect is not measured)."""
    lines = []
    for kind, extra in KINDS.items():
        env = {**child_env(opts), **extra}
        seen = probe(env)
        if extra and (seen["capability"] != "AVX2" or seen["native_bf16"]):
            why = f"capability {seen['capability']}, Best in {seen['precision']}"
            lines.append(
                Line(
                    "1b",
                    f"Best preset ({kind})",
                    f"not measured: the simulation did not take ({why})",
                )
            )
            continue
        with tempfile.TemporaryDirectory(prefix="row-1b-") as tmp:
            lines.append(_measure(opts, env, seen, kind, Path(tmp)))
    return lines


def _measure(opts: Options, env: dict[str, str], seen: dict, kind: str, folder: Path) -> Line:
    def public_run(seed: int) -> dict:
        log(f"row 1b ({kind}): public recipe, seed {seed}")
        out = folder / f"public-{seed}.pt"
        return timed(public_command(seed, out, opts), env, out)

    first = public_run(0)
    log(f"row 1b ({kind}): Best preset, seed 0")
    model = folder / "best.pt"
    best = timed(best_command(0, model, opts), env, model)
    public = [first, public_run(1)]
    drawn = drawn_accuracy(model) if best["saved"] else None
    peer = sum(r["seconds"] for r in public) / len(public)
    ratio = best["seconds"] / peer
    mnist = best["accuracy"]
    met = (
        None
        if opts.quick
        else bool(
            best["exit"] == 0
            and ratio <= GOAL_RATIO
            and (mnist or 0) >= GOAL_MNIST
            and (drawn or 0) >= GOAL_DRAWN
        )
    )
    command = " ".join(best_command(0, Path("MODEL.pt"), opts))
    drawn_text = "no model" if drawn is None else f"{drawn:.2%}"
    mnist_text = "no accuracy" if mnist is None else f"{mnist:.2%}"
    return Line(
        "1b",
        f"Best preset whole command vs public recipe (CPU {seen['capability']}, "
        f"Best in {seen['precision']})",
        f"{secs(best['seconds'])} vs {secs(peer)}: **{ratio:.1f}x**; MNIST test "
        f"{mnist_text}, drawn digits {drawn_text}",
        f"<= {GOAL_RATIO:g}x, >= {GOAL_MNIST:.1%} MNIST, >= {GOAL_DRAWN:.1%} drawn",
        met,
        f"{kind}; `{command}` between two public recipe commands (seeds 0, 1; mean); Best: "
        f"{_describe(best)}; public: " + "; ".join(_describe(r) for r in public),
        data={"probe": seen, "best": best, "public": public, "drawn": drawn},
    )
