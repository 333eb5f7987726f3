"""The main window's frame: application start, menus and actions, files, About."""
