"""Which department a name in a list means at one state: the county registries read for a diff.

A list may name its lead by an alias (``lead: 区应急局``, valid with a warning); the registry of
its county says which department that is. Moving the alias to another department in the registry
changes the item's lead without touching the list, so the diff compares departments as the
registries of each state resolve them, not as the lists spell them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file

DEPARTMENT_FIELDS = ("lead", "partners", "department")

# name -> canonical name, as one registry at one state defines them
DepartmentNames = Mapping[str, str]
NO_NAMES: DepartmentNames = MappingProxyType({})


def is_registry_name(name: str) -> bool:
    """``lists/320115-江宁区/320115.yaml``: a county registry, not a township list."""
    path = PurePosixPath(name)
    return (
        name.startswith("lists/")
        and path.suffix in (".yaml", ".yml")
        and path.stem.isdigit()
        and len(path.stem) == 6
    )


def county_folder(name: str) -> str:
    """The county folder of a list or registry: ``lists/320115-江宁区``."""
    return PurePosixPath(name).parent.as_posix()


def registry_names_in(folder: str) -> tuple[str, ...]:
    """Where the registry of a county folder lies: in it, named by the county code."""
    county = PurePosixPath(folder).name.split("-", 1)[0]
    return tuple(f"{folder}/{county}{suffix}" for suffix in (".yaml", ".yml"))


def department_names(raw: bytes | None, *, file: str) -> DepartmentNames:
    """Every name and alias of a registry's bytes, mapped to its canonical department name.

    Read from the parsed data, not the model: a registry with an unrelated schema error still
    says what its aliases mean (validation reports the error itself).
    """
    if raw is None:
        return NO_NAMES
    parsed = parse_file(raw, file=file)
    return registry_names(parsed.data) if parsed.ok else NO_NAMES


def registry_names(data: Any) -> DepartmentNames:
    """department_names() of a registry already parsed (its data)."""
    if not isinstance(data, dict):
        return NO_NAMES
    departments = data.get("departments")
    if not isinstance(departments, list):
        return NO_NAMES
    names: dict[str, str] = {}
    canonical: list[str] = []
    for department in departments:
        if not isinstance(department, dict) or not isinstance(department.get("name"), str):
            continue
        name = department["name"]
        canonical.append(name)
        aliases = department.get("aliases")
        for alias in aliases if isinstance(aliases, list) else ():
            if isinstance(alias, str):
                names.setdefault(alias, name)
    # as CountyRegistry.canonical_names: a canonical name always means itself
    names.update({name: name for name in canonical})
    return names


class RegistryReader:
    """The registries of one state, each read (and parsed) once, by the file that needs them."""

    def __init__(self, read: Callable[[Iterable[str]], Mapping[str, bytes]]) -> None:
        self._read = read
        self._names: dict[str, DepartmentNames] = {}

    @classmethod
    def at_root(cls, root: Path) -> RegistryReader:
        """The registries of the working tree of a data root (regular files only, bounded)."""

        def read(names: Iterable[str]) -> dict[str, bytes]:
            return {name: read_data_file(root / name) for name in names if (root / name).is_file()}

        return cls(read)

    def for_list(self, list_name: str) -> DepartmentNames:
        return self.for_folder(county_folder(list_name))

    def for_folder(self, folder: str) -> DepartmentNames:
        if folder not in self._names:
            candidates = registry_names_in(folder)
            found = self._read(candidates)
            name = next((c for c in candidates if c in found), None)
            raw = found[name] if name is not None else None
            self._names[folder] = department_names(raw, file=name or folder)
        return self._names[folder]


def resolved(value: Any, names: DepartmentNames) -> Any:
    """A lead, partners or department as the registry means it."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [names.get(v, v) if isinstance(v, str) else v for v in value]
    return value


def remapped(old: DepartmentNames, new: DepartmentNames) -> list[str]:
    """Names that mean another department (or none) in ``new`` than in ``old``."""
    return sorted(n for n in set(old) | set(new) if old.get(n) != new.get(n))
