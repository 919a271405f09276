"""Finding and loading the township lists a publishing command works on.

A list is named by its code (``320115001``), its file, or ``--all``. Lists are validated first
(cached, so this is cheap): a list with errors is not published, so nothing wrong gets printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, Severity
from dutylist_cli.errors import RefusedForFindings, UsageError
from dutylist_cli.model.config import DEFAULT_DOMAINS, RepositoryConfig
from dutylist_cli.model.township import TownshipList
from dutylist_cli.store.data_files import classify
from dutylist_cli.store.layout import CONFIG_NAME, iter_data_names, relative_name
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file
from dutylist_cli.validation.run import validate


class InvalidLists(RefusedForFindings):
    """Lists with errors are not published: exit 1, with the findings that stop them.

    The application prints ``diagnostics`` (as `validate` would, source lines read from
    ``root``) before the one-line failure, whichever command raised it.
    """


@dataclass(frozen=True)
class LoadedTownship:
    name: str  # relative to the data root
    model: TownshipList


def township_names(root: Path) -> list[str]:
    """Every township list file of the data root, in path order (county, then code)."""
    return sorted(name for name in iter_data_names(root) if classify(name) == "list")


def resolve_township(root: Path, ref: str) -> str:
    """The list file named by ``ref``: a 9-digit code, or a path (absolute or from the cwd)."""
    if ref.isdigit():
        matches = [
            name for name in township_names(root) if name.rsplit("/", 1)[-1].startswith(f"{ref}-")
        ]
        if len(matches) == 1:
            return matches[0]
        raise UsageError(
            messages.text("publish.unknown_code", code=ref),
            hint=messages.text("publish.unknown_code.hint"),
        )
    path = Path(ref)
    if not path.is_file():
        raise UsageError(messages.text("publish.no_file", path=ref))
    name = relative_name(root, path.resolve())
    if classify(name) != "list":
        raise UsageError(
            messages.text("publish.not_a_list", path=ref),
            hint=messages.text("publish.unknown_code.hint"),
        )
    return name


def load_townships(
    root: Path, names: Sequence[str], *, today: dt.date | None = None
) -> list[LoadedTownship]:
    """The lists' models, after checking that none of them has errors."""
    refuse_errors(root, township_errors(root, names, today=today))
    loaded = []
    for name in names:
        parsed = parse_file(read_data_file(root / name), file=name)
        loaded.append(LoadedTownship(name, TownshipList.model_validate(parsed.data)))
    return loaded


def township_errors(
    root: Path, names: Sequence[str], *, today: dt.date | None = None
) -> list[Diagnostic]:
    """The errors of the lists ``names`` (validated, so cached results are reused)."""
    result = validate(
        root, selected=[root / name for name in names], today=today or dt.date.today()
    )
    wanted = set(names)
    return [d for d in result.diagnostics if d.severity is Severity.ERROR and d.file in wanted]


def refuse_errors(root: Path, errors: Sequence[Diagnostic]) -> None:
    """Lists with errors are not published: `InvalidLists` names them (exit 1)."""
    if errors:
        files = sorted({d.file for d in errors})
        raise InvalidLists(
            messages.text("publish.invalid", count=len(files), files="、".join(files[:5])),
            errors,
            root=root,
            hint=messages.text("publish.invalid.hint"),
        )


def repository_domains(root: Path) -> list[str]:
    """The domains of dutylist.yaml in their order (the order lists are grouped in)."""
    parsed = parse_file((root / CONFIG_NAME).read_bytes(), file=CONFIG_NAME)
    try:
        return list(RepositoryConfig.model_validate(parsed.data).domains)
    except ValueError:
        return list(DEFAULT_DOMAINS)
