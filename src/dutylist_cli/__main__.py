"""`python -m dutylist_cli` runs the command-line interface."""

from dutylist_cli.cli.main import run

run()
