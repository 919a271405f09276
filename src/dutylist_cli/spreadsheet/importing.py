"""`dutylist import`: a county spreadsheet read back into a township list.

The workbook is opened here (openpyxl's one home on the reading side) and every sheet turned
into a grid of plain values, merged ranges filled down; import_tables.py finds the tables in
them. The list's identity comes from the 清单信息 sheet, the options, and the county registry.
What could not be read is a finding (DL6xx) with its cell reference: nothing is guessed.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, Severity
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.enums import Category, TownshipKind
from dutylist_cli.model.township import TOWNSHIP_LIST_SCHEMA
from dutylist_cli.publishing.workbook import INFO_SHEET
from dutylist_cli.spreadsheet.cells import cell_text, is_any_heading, normalise_heading
from dutylist_cli.spreadsheet.grid import Findings, Grid, column_letter
from dutylist_cli.spreadsheet.identity import Identity, info_values, list_identity
from dutylist_cli.spreadsheet.limits import MAX_FILE_BYTES, SheetExtent
from dutylist_cli.spreadsheet.package import check_package
from dutylist_cli.spreadsheet.tables import RawItem, scan_sheet

ITEM_KEYS: dict[Category, tuple[str, ...]] = {  # the order items are written in (as the spec)
    Category.BASIC: ("id", "name", "domain", "content", "basis", "units", "posts"),
    Category.COOPERATIVE: (
        "id",
        "name",
        "domain",
        "lead",
        "partners",
        "department_duties",
        "township_duties",
        "basis",
    ),
    Category.RECOVERED: (
        "id",
        "name",
        "domain",
        "department",
        "working_mode",
        "penalty_powers",
        "handover",
        "basis",
    ),
}
ID_PREFIX = {Category.BASIC: "B", Category.COOPERATIVE: "C", Category.RECOVERED: "R"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), or an encrypted .xlsx
_ZIP = b"PK\x03\x04"


@dataclass
class ImportResult:
    """The list's data (canonical key order, for yaml_writer) and what the import found."""

    data: dict[str, Any]
    findings: list[Diagnostic]
    notes: list[str]  # info-level remarks, e.g. ids that were generated
    counts: dict[Category, int]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.findings if d.severity is Severity.ERROR)


def import_workbook(
    path: Path,
    *,
    domains: Sequence[str],
    registries: Sequence[CountyRegistry] = (),
    overrides: Identity | None = None,
    file: str | None = None,
) -> ImportResult:
    """Read the township list in the workbook at ``path``; ``file`` names it in findings."""
    findings = Findings(file if file is not None else str(path))
    grids = _read_grids(path, findings)
    if grids is None:
        return ImportResult({}, findings.items, [], dict.fromkeys(Category, 0))
    info: dict[str, Any] = {}
    items: list[RawItem] = []
    skipped: list[Grid] = []
    with_tables = 0
    for grid in grids:
        if normalise_heading(grid.name) == INFO_SHEET:
            info = info_values(grid, findings)
            continue
        found = scan_sheet(grid, domains=domains, findings=findings)
        if found is None:
            if any(grid.filled(row) for row in range(1, grid.height + 1)):
                skipped.append(grid)
            continue
        with_tables += 1
        items.extend(found)
    if not with_tables:
        findings.add("DL602")  # no table anywhere: one finding, not one per sheet
    for grid in skipped if with_tables else ():
        _report_skipped(grid, findings)
    head = list_identity(info, (overrides or Identity()).given(), registries, findings)
    data, notes = _list_data(head, items)
    counts = {category: len(data.get(category.value, [])) for category in Category}
    return ImportResult(data, sorted(findings.items, key=Diagnostic.sort_key), notes, counts)


def _report_skipped(grid: Grid, findings: Findings) -> None:
    """A sheet without a header row: its rows of several values are lost, an error (DL617).

    A sheet of notes (one value a row) is skipped with a warning (DL614). The usual cause of
    the error is a header row merged into one cell, which keeps its first heading only.
    """
    rows = [row for row in range(1, grid.height + 1) if len(grid.filled(row)) >= 2]
    if not rows:
        findings.add("DL614", 1, 1, cell=grid.ref(1, 1), sheet=grid.name)
        return
    merged = next(
        (
            (first_row, first_col, last_col)
            for first_row, first_col, last_row, last_col in sorted(set(grid.merges.values()))
            if first_row == last_row
            and last_col > first_col
            and is_any_heading(cell_text(grid.value(first_row, first_col)))
        ),
        None,
    )
    if merged is not None:
        row, column, last = merged
        cell = f"{grid.ref(row, column)}:{column_letter(last)}{row}"
    else:
        row, column = rows[0], min(grid.filled(rows[0]))
        cell = grid.ref(row, column)
    findings.add("DL617", row, column, cell=cell, sheet=grid.name, rows=len(rows))


# -- reading the file ------------------------------------------------------------------------
_DAMAGED = (  # what a damaged member or an odd part makes zipfile and openpyxl raise
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,  # a compression method zipfile does not know
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OSError,
    SyntaxError,  # an XML parser's error, which the package check should have seen first
)


def _read_grids(path: Path, findings: Findings) -> list[Grid] | None:
    raw = _workbook_bytes(path, findings)
    if raw is None:
        return None
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            extents = check_package(archive, findings)
        if extents is None:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                return _grids(book.worksheets, extents, findings)
            finally:
                book.close()
    except _DAMAGED as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        findings.add(
            "DL601",
            reason=f"文件已损坏或不是 .xlsx 工作簿（{detail}） / "
            f"the file is damaged or not an .xlsx workbook ({detail})",
        )
        return None


def _workbook_bytes(path: Path, findings: Findings) -> bytes | None:
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        findings.add("DL601", reason=f"{exc.strerror or exc} / {exc.strerror or exc}")
        return None
    if size > MAX_FILE_BYTES:
        mib = 2**20
        findings.add(
            "DL601",
            reason=f"文件有 {size / mib:.0f} MB，超过上限 {MAX_FILE_BYTES // mib} MB / "
            f"the file is {size / mib:.0f} MB, more than the limit of {MAX_FILE_BYTES // mib} MB",
        )
        return None
    if raw.startswith(_OLE):
        findings.add(
            "DL601",
            reason="这是旧版 Excel 97-2003（.xls）文件，或设了打开密码的工作簿 / "
            "it is an Excel 97-2003 (.xls) file, or a password-protected workbook",
        )
        return None
    if not raw.startswith(_ZIP):
        findings.add(
            "DL601", reason="不是 Excel 工作簿（.xlsx）文件 / it is not an Excel workbook (.xlsx)"
        )
        return None
    return raw


def _grids(
    sheets: Sequence[Any], extents: Mapping[str, SheetExtent], findings: Findings
) -> list[Grid] | None:
    grids = []
    for sheet in sheets:
        extent = extents.get(sheet.title)
        if extent is None:  # openpyxl found a sheet the package check did not: never read blind
            findings.add(
                "DL601",
                reason=f"找不到工作表“{sheet.title}”的内容 / "
                f"the contents of sheet “{sheet.title}” cannot be found",
            )
            return None
        grids.append(_grid(sheet, extent))
    return grids


def _grid(sheet: Any, extent: SheetExtent) -> Grid:
    """The sheet's values with each merged range's value filled down its first column.

    Read-only mode reads the cells as they stream past, within the extent check_package found
    (its own count of the sheet's cells: the <dimension> a sheet claims is not trusted).
    """
    height, width = extent.height, extent.width
    rows: list[list[object]] = []
    if height and width:  # (0 would make openpyxl fall back on the claimed dimension)
        rows = [
            list(row)
            for row in sheet.iter_rows(
                min_row=1, max_row=height, min_col=1, max_col=width, values_only=True
            )
        ]
    rows.extend([None] * width for _ in range(height - len(rows)))
    merges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for bounds in extent.merges:
        min_row, min_col, max_row, max_col = bounds
        value = rows[min_row - 1][min_col - 1]
        for row in range(min_row, max_row + 1):
            rows[row - 1][min_col - 1] = value
            for column in range(min_col, max_col + 1):
                merges[(row, column)] = bounds
    return Grid(sheet.title, rows, merges)


# -- the list's data -------------------------------------------------------------------------
def _list_data(head: dict[str, Any], items: list[RawItem]) -> tuple[dict[str, Any], list[str]]:
    def part(prefix: str, *keys: str) -> dict[str, Any]:
        found = {key: head[f"{prefix}.{key}"] for key in keys if f"{prefix}.{key}" in head}
        return {k: (v.value if isinstance(v, TownshipKind) else v) for k, v in found.items()}

    data: dict[str, Any] = {
        "schema": TOWNSHIP_LIST_SCHEMA,
        "township": part("township", "code", "name", "kind"),
        "county": part("county", "code", "name"),
        "city": part("city", "code", "name"),
        "edition": part("edition", "version", "effective", "document"),
    }
    used = {str(item.fields["id"]) for item in items if item.fields.get("id")}
    notes = []
    for category in Category:
        raws = in_file_order([item for item in items if item.category is category])
        if not raws:
            continue
        generated: list[str] = []
        entries = []
        for raw in raws:
            item_id = raw.fields.get("id") or _next_id(category, used, len(generated))
            if not raw.fields.get("id"):
                generated.append(item_id)
                used.add(item_id)
            entries.append(_item_data(category, raw, item_id))
        data[category.value] = entries
        if generated:
            notes.append(
                messages.text(
                    "import.note.ids",
                    category=category.label if messages.language() == "zh" else category.value,
                    count=len(generated),
                    ids=generated[0] if len(generated) == 1 else f"{generated[0]}–{generated[-1]}",
                )
            )
    return data, notes


def in_file_order(raws: list[RawItem]) -> list[RawItem]:
    """Items by 排序号 (the YAML order export wrote); rows without one follow the row above."""
    keyed = []
    last = 0
    for index, raw in enumerate(raws):
        order = raw.fields.get("order")
        if isinstance(order, int):
            last = order
        keyed.append(((last, not isinstance(order, int), index), raw))
    return [raw for _, raw in sorted(keyed, key=lambda pair: pair[0])]


def _next_id(category: Category, used: set[str], start: int) -> str:
    number = start + 1
    while f"{ID_PREFIX[category]}{number:03d}" in used:
        number += 1
    return f"{ID_PREFIX[category]}{number:03d}"


def _item_data(category: Category, raw: RawItem, item_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for key in (*ITEM_KEYS[category], "remarks", "source"):
        if key == "id":
            entry["id"] = item_id
        elif key == "handover":
            handover = {
                part: raw.fields[f"handover.{part}"]
                for part in ("document", "date")
                if raw.fields.get(f"handover.{part}") not in (None, "")
            }
            if handover:
                entry["handover"] = handover
        elif key == "source":
            if raw.fields.get("source") is not None:
                entry["source"] = raw.fields["source"].value
        elif raw.fields.get(key) not in (None, "", []):
            entry[key] = raw.fields[key]
    return entry
