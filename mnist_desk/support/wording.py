"""Small wording helpers for messages the core prints (the window words its own through tr())."""

from __future__ import annotations


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the right number: ``count_of(1, "digit")`` is "1 digit",
    ``count_of(3, "digit")`` is "3 digits" (``plural`` for nouns that do not just take an s)."""
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {noun}"
