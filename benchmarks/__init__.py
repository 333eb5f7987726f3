"""Benchmarks of mnist-desk: `python -m benchmarks` prints the table (see README.md)."""
