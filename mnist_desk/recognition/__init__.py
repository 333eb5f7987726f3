"""Reading what is drawn: the Predictor and the self-test of the shipped models."""
