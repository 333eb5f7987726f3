"""The entry points: the command line (the window by default) and its commands."""
