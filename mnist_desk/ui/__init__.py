"""The Qt layer: windows and widgets over the headless core. Nothing outside ui/ imports Qt."""
