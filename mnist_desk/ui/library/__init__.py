"""Browsing collections: the user's digits and the MNIST data set."""
