"""MNIST's image format: pictures and drawn strokes turned into the 28x28 field a model reads."""
