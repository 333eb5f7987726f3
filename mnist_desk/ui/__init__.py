"""The Qt layer: windows and widgets over the headless core and the app layer.

Nothing outside ui/ imports Qt. Widgets are views: the logic and state they show live in
``mnist_desk.app`` (sessions) and the core. Slow work (a training run, loading MNIST, loading a
model, listing models) never runs on the GUI thread: it goes through the one adapter,
``ui.background`` (``BackgroundJob(work).start()``), which runs ``work(emit)`` in a worker QThread
and re-emits its events, result or failure as queued signals in the GUI thread, keeping the two
threading guarantees described there (with ``gui_gc``: no QObject destroyed off the GUI thread).

The Train tab, a view of ``app.training_session.TrainingSession``::

    training_panel.TrainingPanel     the tab: lifecycle of a run (a BackgroundJob running an
                                     app.training_run.TrainingRun), the adder comparison, exports
      training_form.TrainingForm     the settings form <-> TrainingSettings
      run_controls.RunControls       Start / Pause / Stop / Compare adders, progress, ETA, phase
      plots.TrainingPlots            live loss and error curves (plot_parts: series, styling)
      run_results.RunResultsView     test metrics, confusion matrix, worst mistakes, exports
      comparison_view.ComparisonView both adders' curves and the verdict (app.comparison decides)
"""
