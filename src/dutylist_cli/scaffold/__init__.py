"""A new data repository: the files `init` writes and where CI installs dutylist from."""
