"""Models on disk: the one checkpoint format and the catalog of shipped and user models."""
