"""The Qt layer: windows and widgets over the headless core and the app layer.

Nothing outside ui/ imports Qt. Widgets are views: the logic and state they show live in
``mnist_desk.app`` (sessions) and the core. Slow work (a training run, loading MNIST, loading a
model, listing models) never runs on the GUI thread: it goes through the one adapter,
``ui.background`` (``BackgroundJob(work).start()``), which runs ``work(emit)`` in a worker QThread
and re-emits its events, result or failure as queued signals in the GUI thread, keeping the two
threading guarantees described there (with ``gui_gc``: no QObject destroyed off the GUI thread).

The main window (``main_window.MainWindow``) is a composition of views bound to two sessions:
``drawing_tab`` (the picker, the two ``DigitPanel``s with their ``canvas``es, pen and undo tools,
the sum) shows the ``DrawingSession`` and the readings it reports;
``model_view`` shows the ``ModelSession`` and gives it its worker (``predictor_loader``: background
jobs); ``window_actions`` holds the actions, shortcuts and menus, ``window_files`` the file
dialogs, ``about`` the About box. The Train, Dataset and My digits tabs are added once the core
has loaded.

The Train tab, a view of ``app.training_session.TrainingSession`` (the window's, shared with
My digits; every run is the session's, run by ``background.BackgroundWorker``)::

    training_panel.TrainingPanel     the tab: the session's requests (start, pause, stop, compare
                                     adders), closing, exports
      run_view.RunView               renders the session's typed events in the parts below
      training_form.TrainingForm     the settings form <-> TrainingSettings (form_choices: the
                                     classifier and device pickers, read in the background)
      run_controls.RunControls       Start / Pause / Stop / Compare adders, progress, ETA, phase
      plots.TrainingPlots            live loss and error curves (plot_parts: series, styling)
      run_results.RunResultsView     test metrics, confusion matrix, worst mistakes, exports
      comparison_view.ComparisonView a comparison's curves and its verdict (app.comparison decides)
"""
