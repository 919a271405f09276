"""The data-root layout: finding the root and the data files beneath it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import DataRootNotFound, UsageError

CONFIG_NAME = "dutylist.yaml"
DATA_FOLDERS = ("lists", "adjustments", "temporary", "assessments")
YAML_SUFFIXES = (".yaml", ".yml")


def find_data_root(start: Path, explicit: Path | None = None) -> Path:
    """The folder holding dutylist.yaml: ``explicit`` (--root) or the nearest one above."""
    if explicit is not None:
        root = explicit.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise DataRootNotFound(
                messages.text("root.not_root", path=explicit),
                hint=messages.text("root.missing.hint"),
            )
        return root
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise DataRootNotFound(
        messages.text("root.missing", path=start), hint=messages.text("root.missing.hint")
    )


def relative_name(root: Path, path: Path) -> str:
    """``path`` relative to the root, with / separators (how every output names files)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _walk_yaml(folder: Path) -> Iterable[Path]:
    base = str(folder)
    for name in _walk_names(base, ""):
        yield Path(base, name)


def _walk_names(base: str, prefix: str) -> list[str]:
    """Relative names of the YAML files under ``base`` (hidden entries skipped), sorted."""
    files: list[str] = []
    folders: list[str] = []
    try:
        entries = list(os.scandir(os.path.join(base, prefix) if prefix else base))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            folders.append(entry.name)
        elif entry.name.endswith(YAML_SUFFIXES):
            files.append(prefix + entry.name)
    found = sorted(files)
    for name in sorted(folders):
        found.extend(_walk_names(base, prefix + name + "/"))
    return found


def iter_data_names(root: Path) -> list[str]:
    """Names relative to the root (/ separators) of dutylist.yaml and every data file."""
    names = [CONFIG_NAME]
    base = str(root)
    for folder in DATA_FOLDERS:
        names.extend(_walk_names(base, folder + "/"))
    return names


def iter_folder_names(root: Path, folder: str) -> list[str]:
    """Names relative to the root of the YAML files under one data folder (e.g. assessments)."""
    return _walk_names(str(root), folder + "/")


def iter_data_files(root: Path) -> list[Path]:
    """dutylist.yaml, then every YAML file under lists/, adjustments/, temporary/ and
    assessments/, sorted."""
    return [root / name for name in iter_data_names(root)]


def select_files(root: Path, paths: Iterable[Path]) -> list[Path]:
    """The data files named by PATH arguments (files or folders), checked to lie under the root."""
    selected: list[Path] = []
    for given in paths:
        path = given.resolve()
        if not path.exists():
            raise UsageError(messages.text("path.missing", path=given))
        if path != root and root not in path.parents:
            raise UsageError(messages.text("path.outside", path=given, root=root))
        if path.is_dir():
            if path == root:
                selected.extend(iter_data_files(root))
            else:
                selected.extend(sorted(_walk_yaml(path)))
        else:
            selected.append(path)
    return list(dict.fromkeys(selected))
