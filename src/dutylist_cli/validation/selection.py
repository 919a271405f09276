"""Which files a validate run covers: PATH arguments, or what changed since a git revision."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from dutylist_cli.store.layout import (
    CONFIG_NAME,
    YAML_SUFFIXES,
    iter_data_files,
    relative_name,
    select_files,
)


def files_to_validate(
    root: Path, *, paths: Sequence[Path] | None, changed_since: str | None
) -> list[Path] | None:
    """The files to report on; None means the whole data root."""
    chosen: list[Path] | None = select_files(root, paths) if paths else None
    if changed_since is None:
        return chosen
    from dutylist_cli.store.git import changed_files

    changed = [p for p in changed_files(root, changed_since) if p.suffix in YAML_SUFFIXES]
    affected = with_dependents(root, changed)
    if chosen is not None:
        keep = set(chosen)
        affected = [p for p in affected if p in keep]
    return affected


def with_dependents(root: Path, changed: Sequence[Path]) -> list[Path]:
    """``changed`` plus the files whose validity depends on them.

    The config affects every file; a county registry affects the lists of its folder; a list
    affects the adjustment records, temporary tasks and assessments of its county (they name its
    townships and items): the county of its folder, and the one its township code starts with.
    """
    names = {relative_name(root, p) for p in changed}
    everything = iter_data_files(root)
    if CONFIG_NAME in names:
        return everything
    data_names = {relative_name(root, p): p for p in everything}
    selected = {n for n in names if n in data_names}
    # deleted files count here too: their dependents must be checked again
    registry_folders = {
        str(PurePosixPath(n).parent)
        for n in names
        if n.startswith("lists/") and PurePosixPath(n).stem.isdigit()
    }
    counties = {county for n in names if n.startswith("lists/") for county in _counties_of(n)}
    for name in data_names:
        path = PurePosixPath(name)
        parent = str(path.parent)
        if parent in registry_folders or (
            name.startswith(("adjustments/", "temporary/", "assessments/"))
            and path.parent.name in counties
        ):
            selected.add(name)
    return [data_names[n] for n in sorted(selected)]


def _counties_of(list_name: str) -> set[str]:
    """The county codes a list's path names: its folder's, and its township code's first six."""
    path = PurePosixPath(list_name)
    counties = {path.parent.name.split("-", 1)[0]}
    if path.stem[:9].isdigit():
        counties.add(path.stem[:6])
    return counties
