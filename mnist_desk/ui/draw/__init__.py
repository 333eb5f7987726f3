"""The Draw tab: canvases, readings, the model picker and corrections."""
