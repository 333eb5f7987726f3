"""Evaluation sets: drawn digits (and later numbers and non-digits) made from sources that training
never uses, so the app can measure how well a model reads drawings, on demand.

EVALUATION ONLY: no training path may import this package (import-linter contract
"evaluation-stays-out-of-training" in pyproject.toml; tests/test_drawn_eval.py checks a training
run never loads it).
"""
