"""Finding the data root for a command (--root, else walking up from the working directory)."""

from __future__ import annotations

from pathlib import Path

from dutylist_cli.store.layout import find_data_root


def data_root(explicit: Path | None) -> Path:
    return find_data_root(Path.cwd(), explicit)
