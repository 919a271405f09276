"""The data files of a root: each with its kind (config, registry, list, record) and its stamp.

What both the verb (`validation`) and the checks of one file (`checking`) know of a file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli.store.cache import file_stamp, is_racy
from dutylist_cli.store.layout import CONFIG_NAME, iter_data_names, relative_name

_REGISTRY_NAME = re.compile(r"^\d{6}\.ya?ml$")
ALL_TOWNSHIPS = "all"  # a task's or an indicator's townships: [all]


@dataclass(frozen=True)
class DataFile:
    """A data file with its place in the layout and its stamp."""

    path: str  # absolute
    name: str  # relative to the root, / separators
    kind: str  # config | registry | list | adjustment | temporary | assessment | other
    stamp: str
    racy: bool
    folder: str  # the name's folder


def classify(name: str) -> str:
    top = name.split("/", 1)[0]
    if name == CONFIG_NAME:
        return "config"
    if top == "lists":
        return "registry" if _REGISTRY_NAME.match(name.rsplit("/", 1)[-1]) else "list"
    if top == "adjustments":
        return "adjustment"
    if top == "temporary":
        return "temporary"
    if top == "assessments":
        return "assessment"
    return "other"


def _data_file(path: str, name: str) -> DataFile | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    folder = name.rsplit("/", 1)[0] if "/" in name else ""
    return DataFile(path, name, classify(name), file_stamp(stat), is_racy(stat), folder)


def scan(root: Path, paths: Iterable[Path] | None = None) -> list[DataFile]:
    base = str(root)
    if paths is None:
        pairs = [(os.path.join(base, n), n) for n in iter_data_names(root)]
    else:
        pairs = [(str(p), relative_name(root, p)) for p in paths]
    found = (_data_file(path, name) for path, name in pairs)
    return [f for f in found if f is not None]
