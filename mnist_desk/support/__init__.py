"""Small services every layer uses: where things live, devices and threads, atomic files, the log."""
