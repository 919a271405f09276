"""Validating a file before it is written: `validate` on its text, as if it stood in the root."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.store.cache import CACHE_FOLDER
from dutylist_cli.store.layout import CONFIG_NAME


def validate_unwritten(root: Path, name: str, text: str, *, today: dt.date) -> list[Diagnostic]:
    """What `validate` would find in ``text`` standing at ``name`` in the data root.

    Nothing is written to the data root: the check runs in a scratch root that links the data
    root's dutylist.yaml, lists/ and validation cache, so the file meets the same lists (and
    cached findings) as it would there. Fit for records and tasks, which depend on those only.
    """
    from dutylist_cli.validation.run import validate

    with tempfile.TemporaryDirectory(prefix="dutylist-unwritten-") as folder:
        scratch = Path(folder)
        for entry in (CONFIG_NAME, "lists", CACHE_FOLDER):
            _link(root / entry, scratch / entry, copy=entry != CACHE_FOLDER)
        placed = scratch / name
        placed.parent.mkdir(parents=True)
        placed.write_text(text, "utf-8")
        checked = validate(scratch, selected=[placed], today=today)
    return [d for d in checked.diagnostics if d.file == name]


def _link(source: Path, link: Path, *, copy: bool) -> None:
    """``link`` to ``source`` (a copy where links are not allowed, if ``copy``); none if absent."""
    if not source.exists():
        return
    try:
        os.symlink(source.resolve(), link, target_is_directory=source.is_dir())
    except OSError:
        if not copy:
            return
        if source.is_dir():
            shutil.copytree(source, link)
        else:
            shutil.copyfile(source, link)
