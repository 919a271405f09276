"""The core of `dutylist import`: read the workbook, place the list, write it, check it.

The list goes to its layout path (lists/<county code>-<county name>/<code>-<name>.yaml) unless
told otherwise, never over an existing file without ``force``, and only when the import found
no error. The written file is then checked by the validator like any other list; a file written
outside the data root's lists/ is checked in a scratch copy of the root, at its layout path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.errors import UsageError
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.publishing.loading import repository_domains
from dutylist_cli.spreadsheet.identity import MAX_NAME_BYTES, Identity
from dutylist_cli.spreadsheet.importing import ImportResult, import_workbook
from dutylist_cli.store.atomic import write_text_atomic
from dutylist_cli.store.data_files import classify
from dutylist_cli.store.layout import CONFIG_NAME, relative_name
from dutylist_cli.store.yaml_source import parse_file
from dutylist_cli.store.yaml_writer import UnformattableFile, new_document_text, read_source
from dutylist_cli.validation.run import validate

CATEGORY_KEYS = ("basic", "cooperative", "recovered")
FOLDED_KEYS = ("content", "department_duties", "township_duties")  # long texts, as the samples
HEADING_KEYS = ("township", "county", "city", "edition")  # block style: a typo there stays fixable
_REGISTRY_FILE = re.compile(r"^\d{6}\.ya?ml$")
_SCHEMA_FILE = Path("schemas") / "township-list.schema.json"


@dataclass(frozen=True)
class ImportOutcome:
    source: str  # the workbook as given
    result: ImportResult
    written: Path | None  # None when the import had errors
    shown: str  # how reports name the written file
    text: str  # the YAML written ("" when nothing was)
    validation: list[Diagnostic]


@dataclass(frozen=True)
class Registry:
    name: str  # relative to the data root
    model: CountyRegistry


def county_registries(root: Path) -> list[Registry]:
    """The readable county registries of the data root (lists/<folder>/<6 digits>.yaml)."""
    found = []
    for path in sorted((root / "lists").glob("*/*.y*ml")):
        if not _REGISTRY_FILE.match(path.name):
            continue
        name = relative_name(root, path)
        try:
            model = CountyRegistry.model_validate(parse_file(path.read_bytes(), file=name).data)
        except (ValueError, OSError):
            continue  # validate reports it; the import falls back to the 清单信息 sheet
        found.append(Registry(name, model))
    return found


def layout_name(data: dict[str, object]) -> str:
    """lists/<county code>-<county name>/<township code>-<township name>.yaml"""
    township, county = data["township"], data["county"]
    assert isinstance(township, dict) and isinstance(county, dict)
    parts = [f"{county['code']}-{county['name']}", f"{township['code']}-{township['name']}"]
    for part in parts:
        if "/" in part or "\\" in part or part.startswith(".") or "\0" in part:
            raise UsageError(messages.text("import.bad_name", name=part))
    for name in (township["name"], county["name"]):
        if len(str(name).encode()) > MAX_NAME_BYTES:
            raise UsageError(
                messages.text(
                    "import.long_name", name=name, length=len(str(name)), limit=MAX_NAME_BYTES
                ),
                hint=messages.text("import.long_name.hint"),
            )
    return f"lists/{parts[0]}/{parts[1]}.yaml"


def list_text(
    data: dict[str, object], *, schema_link: str | None, replacing: str | None = None
) -> str:
    """The list's YAML; merged into ``replacing`` (the file it replaces) to keep its comments."""
    header = f"# yaml-language-server: $schema={schema_link}\n" if schema_link else ""
    return new_document_text(
        data,
        header=header,
        blocks=CATEGORY_KEYS,
        folded=FOLDED_KEYS,
        block_mappings=HEADING_KEYS,
        replacing=replacing,
    )


def import_into_root(
    root: Path,
    source: Path,
    *,
    overrides: Identity,
    output: Path | None,
    force: bool,
    today: dt.date,
) -> ImportOutcome:
    if not source.is_file():
        raise UsageError(messages.text("import.no_file", path=source))
    if output is not None:
        _refuse_overwrite(output, force)
    registries = county_registries(root)
    result = import_workbook(
        source,
        domains=repository_domains(root),
        registries=[r.model for r in registries],
        overrides=overrides,
        file=str(source),
    )
    if result.errors:
        return ImportOutcome(str(source), result, None, "", "", [])
    layout = layout_name(result.data)
    target = output if output is not None else root / layout
    _refuse_overwrite(target, force)
    schema = root / _SCHEMA_FILE
    link = Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    text = list_text(
        result.data, schema_link=link if schema.is_file() else None, replacing=_replaced(target)
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, text)
    name = relative_name(root, target.resolve())
    if classify(name) == "list":
        checked = validate(root, selected=[target.resolve()], today=today)
        findings = [d for d in checked.diagnostics if d.file == name]
        return ImportOutcome(str(source), result, target, name, text, findings)
    shown = str(output)
    county = str(result.data["county"]["code"])
    registry = next((r for r in registries if r.model.county.code == county), None)
    findings = _validate_in_scratch(root, layout, text, registry, today=today)
    renamed = [_renamed(d, shown) for d in findings]
    return ImportOutcome(str(source), result, target, shown, text, renamed)


def _refuse_overwrite(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise UsageError(
            messages.text("import.exists", path=target), hint=messages.text("import.exists.hint")
        )


def _replaced(target: Path) -> str | None:
    """The text of the list ``target`` holds, when it holds a readable one."""
    if not target.is_file():
        return None
    try:
        return read_source(target).text
    except UnformattableFile:
        return None  # replaced whole, as before


def _validate_in_scratch(
    root: Path, layout: str, text: str, registry: Registry | None, *, today: dt.date
) -> list[Diagnostic]:
    """Check ``text`` as if it stood at ``layout`` in the data root (with its registry)."""
    with tempfile.TemporaryDirectory(prefix="dutylist-import-") as folder:
        scratch = Path(folder)
        shutil.copyfile(root / CONFIG_NAME, scratch / CONFIG_NAME)
        if registry is not None:
            target = scratch / registry.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / registry.name, target)
        placed = scratch / layout
        placed.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(placed, text)
        checked = validate(scratch, selected=[placed], today=today, use_cache=False)
        return [d for d in checked.diagnostics if d.file == layout]


def _renamed(diagnostic: Diagnostic, file: str) -> Diagnostic:
    return dataclasses.replace(diagnostic, file=file)
