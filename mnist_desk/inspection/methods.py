"""The attribution methods by name, and the one the app uses (no torch here: the command line
and the views list them before any model is loaded)."""

METHODS = (
    "gradient",
    "gradient-x-input",
    "integrated-gradients",
    "occlusion",
    "grad-cam",
    "rollout",
)
# The winner of the deletion test on 1,000 MNIST test digits (benchmark row 13, docs/inside.md).
DEFAULT_METHOD = "gradient-x-input"
