"""Training data: MNIST and its fixed splits, augmentation for how people draw, synthetic drawn digits."""
