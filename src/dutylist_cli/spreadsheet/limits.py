"""The limits a worksheet must keep on import, counted from its XML as it streams past.

A sheet's size is measured from its own cells and merged ranges, never from the <dimension> it
claims, and only cells holding a value count (a formatted empty cell far away does not). What
goes beyond a limit is refused with a finding naming the sheet and cell or range (DL615); a
reference that names no cell is unreadable XML (DL616). import_package.py feeds the elements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from dutylist_cli.spreadsheet.grid import Findings, column_letter

# A township list has a few hundred rows and about fifteen columns, and its exported workbook
# is well under 1 MB: these limits leave room for any real list while bounding time and memory
# (a sheet at MAX_CELLS, every cell filled, is read in about 10 s and 110 MB).
MAX_FILE_BYTES = 50 * 2**20  # the .xlsx file as given
MAX_UNZIPPED_BYTES = 64 * 2**20  # all its parts unzipped (a zip bomb stops here)
MAX_ROWS = 100_000  # the last row a value or merged range may stand in
MAX_COLUMNS = 200  # the last column (GR)
MAX_CELLS = 1_000_000  # the cells of one sheet's XML; the used ranges of all sheets together
MAX_MERGED_CELLS = 100_000  # the cells of one sheet's merged ranges together

Bounds = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col
Cell = tuple[int, int]  # row, column

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,9})$")
_BOUNDS = (
    f"最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列 / at most {MAX_ROWS} rows and {MAX_COLUMNS} columns"
)


@dataclass(frozen=True)
class SheetExtent:
    """What a worksheet uses: its last row and column holding a value or merge, its merges."""

    height: int
    width: int
    merges: tuple[Bounds, ...]


class Refusal(Exception):
    """A part refused (DL615, DL616), waiting for the name of its sheet to be reported."""

    def __init__(self, code: str, ref: str = "", cell: Cell = (1, 1), **args: str):
        super().__init__(code)
        self.code, self.ref, self.cell, self.values = code, ref, cell, args

    def report(self, findings: Findings, part: str, sheet: str | None) -> None:
        place = f"{sheet}!{self.ref}" if sheet and self.ref else sheet or part
        row, column = self.cell
        if self.code == "DL615":
            findings.add(self.code, row, column, cell=place, sheet=sheet or part, **self.values)
        else:
            findings.add(self.code, row, column, cell=place, **{"part": part, **self.values})


class SheetScan:
    """A worksheet's extent, counted from its cells and merged ranges as they stream past."""

    def __init__(self) -> None:
        self.row = 0  # as openpyxl counts: a row or cell without r follows the one before
        self.column = 0
        self.cell: Cell | None = None  # the <c> being read
        self.cells = 0
        self.height = 0
        self.width = 0
        self.merges: list[Bounds] = []
        self.merged = 0

    def start(self, local: str, attrs: Mapping[str, str]) -> None:
        if local == "row":
            self.row = _row_number(attrs["r"]) if "r" in attrs else self.row + 1
            self.column = 0
        elif local == "c":
            row, self.column = _cell(attrs["r"]) if "r" in attrs else (self.row, self.column + 1)
            self.cell = (max(row, self.row), self.column)
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise beyond_limit(
                    self.cell,
                    f"单元格数量（到 {cell_ref(*self.cell)} 已超过 {MAX_CELLS} 个） / "
                    f"number of cells (over {MAX_CELLS} by {cell_ref(*self.cell)})",
                    f"最多 {MAX_CELLS} 个 / at most {MAX_CELLS}",
                )
        elif local in ("v", "is") and self.cell is not None:  # the cell holds a value
            self._extend(self.cell, self.cell)
        elif local == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def _extend(self, first: Cell, last: Cell) -> None:
        row, column = last
        if row > MAX_ROWS or column > MAX_COLUMNS:
            if first == last:
                what = (
                    f"单元格 {cell_ref(row, column)}（第 {row} 行、第 {column} 列） / "
                    f"cell {cell_ref(row, column)} (row {row}, column {column})"
                )
            else:
                where, rows, columns = span(first, last), row - first[0] + 1, column - first[1] + 1
                what = (
                    f"合并区域 {where}（{rows} 行 × {columns} 列） / "
                    f"merged range {where} ({rows} rows × {columns} columns)"
                )
            raise beyond_limit(first, what, _BOUNDS, ref=span(first, last))
        self.height, self.width = max(self.height, row), max(self.width, column)

    def _merge(self, text: str) -> None:
        ends = [_cell(part) for part in text.split(":", 1)]
        first = (min(e[0] for e in ends), min(e[1] for e in ends))
        last = (max(e[0] for e in ends), max(e[1] for e in ends))
        self._extend(first, last)
        self.merged += (last[0] - first[0] + 1) * (last[1] - first[1] + 1)
        if self.merged > MAX_MERGED_CELLS:
            raise beyond_limit(
                first,
                f"合并单元格（到 {span(first, last)} 为止共 {self.merged} 个） / "
                f"merged cells ({self.merged} up to {span(first, last)})",
                f"合计最多 {MAX_MERGED_CELLS} 个 / at most {MAX_MERGED_CELLS} in all",
                ref=span(first, last),
            )
        self.merges.append((*first, *last))


def beyond_limit(cell: Cell, what: str, limit: str, *, ref: str = "") -> Refusal:
    """A DL615 refusal: ``what`` (at ``ref``, else ``cell``) is beyond ``limit``."""
    return Refusal("DL615", ref=ref or cell_ref(*cell), cell=cell, what=what, limit=limit)


def cell_ref(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def span(first: Cell, last: Cell) -> str:
    return cell_ref(*first) if first == last else f"{cell_ref(*first)}:{cell_ref(*last)}"


def _cell(text: str) -> Cell:
    """(row, column) of a reference such as B7 or $B$7."""
    match = _CELL_REF.match(text)
    if match is None or int(match[2]) < 1:
        shown = _shown(text)
        raise _unreadable(f"单元格引用“{shown}”无效 / the cell reference “{shown}” is not valid")
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - 64
    return int(match[2]), column


def _row_number(text: str) -> int:
    try:
        number = float(text)
    except ValueError:
        number = 0.0
    if not number.is_integer() or number < 1:
        shown = _shown(text)
        raise _unreadable(f"行号“{shown}”无效 / the row number “{shown}” is not valid")
    return int(number)


def _shown(text: str) -> str:
    """A value from the workbook in a message: short, and never splitting its two languages."""
    return (text[:20] + ("…" if len(text) > 20 else "")).replace("/", "／")


def _unreadable(reason: str) -> Refusal:
    return Refusal("DL616", reason=reason)  # _PartScan adds where it stands


def used_range_refusal(height: int, width: int, *, together: bool) -> Refusal:
    """A sheet whose used range takes the sheets' total beyond MAX_CELLS."""
    used = f"A1:{cell_ref(height, width)}"
    zh, en = f"{height} 行 × {width} 列", f"{height} rows × {width} columns"
    if together:
        zh, en = f"{zh}，连同前面的工作表", f"{en}, with the sheets before it"
    return beyond_limit(
        (1, 1),
        f"已用区域 {used}（{zh}） / used range {used} ({en})",
        f"合计最多 {MAX_CELLS} 个单元格 / at most {MAX_CELLS} cells in all",
        ref=used,
    )
