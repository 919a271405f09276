"""`export --all`: every valid township list of the data root as the open-data tables.

The lists are validated first (cached results are reused); a list with errors is left out and
named, as `render --all` does. The rest are read in worker processes and streamed to the
writers in batches, so memory stays bounded by a batch, not by the province.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli.audit.department_names import DepartmentNames, RegistryReader, county_folder
from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.model.township import TownshipList
from dutylist_cli.opendata.tables import (
    DEPARTMENT_COLUMNS,
    ITEM_COLUMNS,
    TOWNSHIP_COLUMNS,
    DepartmentTally,
    Row,
    item_rows,
    township_row,
)
from dutylist_cli.opendata.writers import encode_rows, open_table
from dutylist_cli.publishing.loading import township_errors
from dutylist_cli.store.data_files import scan
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file

LISTS_PER_CHUNK = 16  # lists a worker reads, encodes and hands back at a time


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    fmt: str  # the formats written, comma-separated
    files: list[Path]
    townships: int
    items: int
    departments: int
    left_out: list[Diagnostic]  # the errors of the lists left out


def export_all(
    root: Path,
    folder: Path,
    fmt: str | Sequence[str],
    *,
    today: dt.date,
    jobs: int | None = None,
    errors: Sequence[Diagnostic] | None = None,
) -> ExportResult:
    """Write items, townships and departments of every valid list under ``folder``, in one
    format or several (each list is read once, whatever the number of formats).

    ``errors``: the lists' errors when the caller has just validated them (else validated)."""
    formats = [fmt] if isinstance(fmt, str) else list(fmt)
    names = sorted(f.name for f in scan(root) if f.kind == "list")
    if errors is None:
        errors = township_errors(root, names, today=today)
    invalid = {d.file for d in errors}
    valid = [name for name in names if name not in invalid]
    with open_tables(folder, formats) as tables:
        for chunk in _read_all(root, valid, formats, jobs=jobs):
            tables.add(chunk)
    return ExportResult(
        folder,
        ", ".join(formats),
        tables.files,
        tables.townships,
        tables.items,
        tables.departments,
        list(errors),
    )


@dataclass
class TableChunk:
    """What a worker made of a few lists: their item rows already encoded for the writers."""

    items: list[Any]  # the item rows encoded for each format asked for
    item_count: int
    townships: list[Row]
    tally: DepartmentTally


def table_chunk(
    lists: Sequence[tuple[str, TownshipList]], names: DepartmentNames, formats: Sequence[str]
) -> TableChunk:
    """The rows of a few valid lists of one county (file name, model), encoded for ``formats``;
    ``names``: the county registry's department names."""
    rows: list[Row] = []
    townships: list[Row] = []
    for name, model in lists:
        rows.extend(item_rows(model, names))
        townships.append(township_row(model, name))
    tally = DepartmentTally()
    tally.add(rows)
    encoded = [encode_rows(rows, ITEM_COLUMNS, fmt) for fmt in formats]
    return TableChunk(encoded, len(rows), townships, tally)


class TableSink:
    """The items and townships tables being written, chunk by chunk, and the departments counted
    for the departments table written at the end (see open_tables)."""

    def __init__(self, item_tables: list[Any], township_tables: list[Any]) -> None:
        self._item_tables = item_tables
        self._township_tables = township_tables
        self.tally = DepartmentTally()
        self.townships = self.items = self.departments = 0
        self.files: list[Path] = []

    def add(self, chunk: TableChunk) -> None:
        for table, encoded in zip(self._item_tables, chunk.items, strict=True):
            table.write_encoded(encoded)
        for table in self._township_tables:
            table.write(chunk.townships)
        self.tally.merge(chunk.tally)
        self.townships += len(chunk.townships)
        self.items += chunk.item_count


@contextlib.contextmanager
def open_tables(folder: Path, formats: Sequence[str]) -> Iterator[TableSink]:
    """The open-data tables under ``folder`` in each of ``formats``, each replaced atomically
    when the block ends cleanly (and left as they were when it fails)."""
    with contextlib.ExitStack() as tables:
        sink = TableSink(
            [tables.enter_context(open_table(folder, "items", ITEM_COLUMNS, f)) for f in formats],
            [
                tables.enter_context(open_table(folder, "townships", TOWNSHIP_COLUMNS, f))
                for f in formats
            ],
        )
        yield sink
    departments = sink.tally.rows()
    for f in formats:
        with open_table(folder, "departments", DEPARTMENT_COLUMNS, f) as department_table:
            department_table.write(departments)
    sink.departments = len(departments)
    sink.files = [
        folder / f"{table}.{f}" for f in formats for table in ("items", "townships", "departments")
    ]


_ROOT: Path | None = None
_REGISTRIES: RegistryReader | None = None


def _chunk_of(names: list[str], formats: list[str]) -> TableChunk:
    """A few valid lists of one county read and turned into rows (in a worker, or the parent)."""
    assert _ROOT is not None and _REGISTRIES is not None
    lists = []
    for name in names:
        parsed = parse_file(read_data_file(_ROOT / name), file=name)
        lists.append((name, TownshipList.model_validate(parsed.data)))
    return table_chunk(lists, _REGISTRIES.for_folder(county_folder(names[0])), formats)


def _read_all(
    root: Path, names: list[str], formats: list[str], *, jobs: int | None
) -> Iterator[TableChunk]:
    """The lists' chunks in ``names`` order, made by forked workers when there are many."""
    global _ROOT, _REGISTRIES
    _ROOT, _REGISTRIES = root, RegistryReader.at_root(root)
    workers = jobs or min(os.cpu_count() or 1, 8)
    chunks = [
        county[i : i + LISTS_PER_CHUNK]
        for county in _by_county(names)
        for i in range(0, len(county), LISTS_PER_CHUNK)
    ]
    try:
        if sys.platform == "win32" or workers < 2 or len(chunks) < 2:
            yield from (_chunk_of(chunk, formats) for chunk in chunks)
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(_chunk_of, chunks, [formats] * len(chunks))
    finally:
        _ROOT = _REGISTRIES = None


def _by_county(names: list[str]) -> list[list[str]]:
    """``names`` (sorted) cut where the county folder changes: a chunk has one registry."""
    counties: list[list[str]] = []
    for name in names:
        if counties and county_folder(counties[-1][0]) == county_folder(name):
            counties[-1].append(name)
        else:
            counties.append([name])
    return counties
