"""mnist-desk: draw two digits, see them and their sum recognised, train the networks behind it."""

__version__ = "0.1.0"
