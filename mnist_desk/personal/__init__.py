"""The user's own digits: their store, folder import/export, training data and fine-tuning."""
