"""The Train tab: settings, run controls, live curves, results and comparisons."""
