"""The Inside dock: the network seen from inside for the selected digit, and why it answered."""
