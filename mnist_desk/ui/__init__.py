"""The Qt layer: windows and widgets over the headless core and the app layer.

Nothing outside ui/ imports Qt. Widgets are views: the logic and state they show live in
``mnist_desk.app`` (sessions) and the core. Slow work (a training run, loading MNIST, loading a
model) never runs on the GUI thread: it goes through the one adapter, ``ui.background``
(``BackgroundJob(work).start()``), which runs it in a worker QThread and re-emits its events as
queued signals in the GUI thread, keeping the two threading guarantees described there.
"""
