"""Finding the item tables of a worksheet and reading their rows (`dutylist import`).

A sheet is read as a grid of plain values (importing.py fills merged ranges down their first
column). A table starts at a header row (found by its headings, wherever it is), takes its
category from the section or title rows above it, the sheet name or its headings, and runs until
the next header or section row. Group rows (（一）党的建设) set the domain of the rows below.
Whatever cannot be read becomes a finding with its cell reference; nothing is guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dutylist_cli.model.enums import Category, ItemSource
from dutylist_cli.publishing.columns import ASSESSMENT, COLUMNS, Column
from dutylist_cli.spreadsheet.cells import (
    NAME_HEADINGS,
    category_named,
    cell_text,
    column_for,
    date_value,
    enum_member,
    group_domain,
    is_any_heading,
    is_group_number,
    normalise_heading,
    one_line,
    published_headings,
    split_citations,
    split_names,
    whole_number,
)
from dutylist_cli.spreadsheet.grid import Findings, Grid, column_letter

REQUIRED: dict[Category, tuple[str, ...]] = {
    Category.BASIC: ("name", "content"),
    Category.COOPERATIVE: ("name", "lead", "department_duties", "township_duties"),
    Category.RECOVERED: ("name", "department"),
}
_ONE_LINE = frozenset({"id", "name", "domain", "lead", "department", "handover.document"})
_NAME_LISTS = frozenset({"units", "posts", "partners"})
_EXPECTED = {  # what a cell of these columns must hold, for the finding that says it does not
    "source": f"{ItemSource.TEMPLATE.label}、{ItemSource.LOCAL.label} / template, local",
    "penalty_powers": "非负整数 / a whole number ≥ 0",
    "order": "正整数 / a whole number",
    "handover.date": "日期，如 2025-03-01 / a date such as 2025-03-01",
}


@dataclass
class RawItem:
    """One item as read: its fields by key (columns.py keys), where it came from."""

    category: Category
    sheet: str
    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # required key -> its cell
    merge: tuple[int, int, int, int] | None = None  # the 事项名称 cell's merged range


@dataclass
class _Table:
    category: Category
    header_row: int
    columns: dict[int, Column]  # column index -> field
    ignored: set[int]  # headed columns that map to nothing (already reported)
    start: int  # index of its first item in the sheet's items
    domain: str | None = None


def scan_sheet(grid: Grid, *, domains: Sequence[str], findings: Findings) -> list[RawItem] | None:
    """The items of every table on the sheet; None when it has no header row at all."""
    scan = _SheetScan(grid, domains, findings)
    scan.run()
    return scan.items if scan.tables else None


class _SheetScan:
    def __init__(self, grid: Grid, domains: Sequence[str], findings: Findings) -> None:
        self.grid = grid
        self.domains = domains
        self.findings = findings
        self.items: list[RawItem] = []
        self.tables = 0
        self.table: _Table | None = None
        self.section: Category | None = None  # named by the rows since the last table

    def run(self) -> None:
        row = 1
        while row <= self.grid.height:
            row = self._row(row)
        self._finish()

    def _row(self, row: int) -> int:
        filled = self.grid.filled(row)
        if not filled:
            return row + 1
        if _is_header(filled):
            return self._header(row, filled)
        lone = self._lone_text(filled)
        if lone is not None and (named := category_named(lone)) is not None:
            self._finish()
            self.section = named
            return row + 1
        if self.table is None:
            return row + 1  # titles, notes and blank space outside any table
        if lone is not None:
            domain = group_domain(lone, self.domains)
            if domain is not None:
                self.table.domain = domain
                return row + 1
            numbered = set(filled) == {self._number_column()} and lone.isdigit()
            if numbered or set(filled) <= self.table.ignored:
                return row + 1  # a numbered blank row, or a value in a reported column only
            if not self._lone_name(filled):
                column = min(filled)
                self.findings.add("DL611", row, column, cell=self.grid.ref(row, column), value=lone)
                return row + 1
        self._item(row, filled)
        return row + 1

    def _lone_text(self, filled: dict[int, str]) -> str | None:
        """The text of a row that holds one thing (a title, section or group row), else None."""
        texts = set(filled.values())
        if len(texts) == 1:
            return texts.pop()
        number = self._number_column()
        if number is not None and len(filled) == 2 and is_group_number(filled.get(number, "")):
            other = next(text for column, text in filled.items() if column != number)
            # 序号 "一" or "（一）" beside 事项名称 "党的建设": a numbered group row
            return f"（{filled[number].strip('（()）、.． ')}）{other}"
        return None

    def _lone_name(self, filled: dict[int, str]) -> bool:
        """A row with only its 事项名称 filled is an item (its missing cells get reported)."""
        assert self.table is not None
        if len(filled) != 1:
            return False
        column = self.table.columns.get(next(iter(filled)))
        return column is not None and column.key == "name"

    def _number_column(self) -> int | None:
        if self.table is None:
            return None
        return next((c for c, col in self.table.columns.items() if col.key == "number"), None)

    # -- headers -------------------------------------------------------------------------
    def _header(self, row: int, filled: dict[int, str]) -> int:
        headings = dict(filled)
        rows = dict.fromkeys(filled, row)  # where each heading stands
        below = self.grid.filled(row + 1) if row < self.grid.height else {}
        second = {c: t for c, t in below.items() if filled.get(c) != t}
        # a two-row header (group headings above field headings): the lower one names the field
        if second and all(is_any_heading(t) for t in second.values()):
            headings.update(second)
            rows.update(dict.fromkeys(second, row + 1))
            row += 1
        category = self.section or category_named(self.grid.name) or _signature(headings)
        if self.table is not None and self._same_header(headings, category):
            return row + 1  # the header repeated (a sheet printed with repeated headers)
        self._finish()
        if category is None:
            column = min(headings)
            self.findings.add("DL609", row, column, cell=self.grid.ref(row, column))
            self.tables += 1
            return row + 1
        self.table = self._open(row, headings, rows, category)
        return row + 1

    def _same_header(self, headings: dict[int, str], category: Category | None) -> bool:
        assert self.table is not None
        mapped = {c: column_for(t, self.table.category) for c, t in headings.items()}
        return category in (None, self.table.category) and all(
            mapped.get(c) is col for c, col in self.table.columns.items()
        )

    def _open(
        self, row: int, headings: dict[int, str], rows: dict[int, int], category: Category
    ) -> _Table:
        """A table whose header ends at ``row``; ``rows`` says where each heading stands."""
        self.tables += 1
        columns: dict[int, Column] = {}
        ignored: set[int] = set()
        label = f"{category.label} / {category.value} duties"
        for index, heading in sorted(headings.items()):
            column = column_for(heading, category)
            ref = self.grid.ref(rows[index], index)
            if column is None and normalise_heading(heading) == ASSESSMENT.heading:
                ignored.add(index)  # printed from assessments/ beside the items: no list field
                continue
            if column is None:
                ignored.add(index)
                self.findings.add(
                    "DL603",
                    rows[index],
                    index,
                    cell=ref,
                    heading=one_line(heading),
                    category=label,
                    headings=published_headings(category),
                )
            elif (twin := _column_of_field(columns, column)) is not None:
                ignored.add(index)
                self.findings.add(
                    "DL612",
                    rows[index],
                    index,
                    cell=ref,
                    heading=one_line(heading),
                    other=column_letter(twin),
                )
            else:
                columns[index] = column
        present = {column.key for column in columns.values()}
        first = min(headings)
        for key in REQUIRED[category]:
            if key not in present:
                self.findings.add(
                    "DL606",
                    row,
                    first,
                    cell=self.grid.ref(row, first),
                    category=label,
                    field=_field_label(category, key),
                )
        self.section = None
        return _Table(category, row, columns, ignored, start=len(self.items))

    # -- items ---------------------------------------------------------------------------
    def _item(self, row: int, filled: dict[int, str]) -> None:
        table = self.table
        assert table is not None
        for column in sorted(set(filled) - set(table.columns) - table.ignored):
            self.findings.add(
                "DL604", row, column, cell=self.grid.ref(row, column), value=filled[column]
            )
        keys = {c: col.key for c, col in table.columns.items() if c in filled}
        if not [key for key in keys.values() if key != "number"]:
            return  # a numbered blank row, or values only in ignored columns
        item = RawItem(table.category, self.grid.name, row)
        for column, key in _by_key(table).items():
            item.refs[key] = self.grid.ref(row, column)
            if column in filled and key != "number":
                value = self._field(row, column, key)
                if value is not None:
                    item.fields[key] = value
        name_column = next((c for c, k in _by_key(table).items() if k == "name"), None)
        if name_column is not None:
            item.merge = self.grid.merges.get((row, name_column))
        previous = self.items[-1] if self.items else None
        if item.merge and previous and previous.merge == item.merge and item.merge[0] < row:
            _continue(previous, item)  # one item spread over rows that share its name cell
            return
        if "domain" not in item.fields and table.domain is not None:
            item.fields["domain"] = table.domain
        self.items.append(item)

    def _field(self, row: int, column: int, key: str) -> Any:
        raw = self.grid.value(row, column)
        text = cell_text(raw)
        if key == "basis":
            return split_citations(text)
        if key in _NAME_LISTS:
            return split_names(text)
        if key == "id":
            return one_line(unicodedata.normalize("NFKC", text))
        if key in _ONE_LINE:
            return one_line(text)
        parsed: object
        if key == "source":
            parsed = enum_member(text, ItemSource)
        elif key in ("penalty_powers", "order"):
            parsed = whole_number(raw)
        elif key == "handover.date":
            parsed = date_value(raw)
        else:
            return text
        if parsed is None:
            assert self.table is not None
            self.findings.add(
                "DL607",
                row,
                column,
                cell=self.grid.ref(row, column),
                value=text,
                field=_field_label(self.table.category, key),
                expected=_EXPECTED[key],
            )
        return parsed

    def _finish(self) -> None:
        """Close the open table: report its items' missing cells and domains."""
        table, self.table = self.table, None
        if table is None:
            return
        present = set(_by_key(table).values())
        for item in self.items[table.start :]:
            for key in REQUIRED[table.category]:
                if key in present and not item.fields.get(key):
                    ref = item.refs[key]
                    self.findings.add(
                        "DL605",
                        item.row,
                        _column_of(table, key),
                        cell=ref,
                        row=item.row,
                        category=f"{table.category.label} / {table.category.value} duties",
                        field=_field_label(table.category, key),
                    )
            if not item.fields.get("domain"):
                column = _column_of(table, "name") if "name" in present else 1
                self.findings.add(
                    "DL610",
                    item.row,
                    column,
                    cell=self.grid.ref(item.row, column),
                    name=item.fields.get("name", ""),
                )


def _column_of_field(columns: dict[int, Column], wanted: Column) -> int | None:
    return next((index for index, column in columns.items() if column is wanted), None)


def _by_key(table: _Table) -> dict[int, str]:
    return {column: col.key for column, col in table.columns.items()}


def _column_of(table: _Table, key: str) -> int:
    return next(column for column, col in table.columns.items() if col.key == key)


def _continue(item: RawItem, more: RawItem) -> None:
    """Add a continuation row's cells to its item: new texts on a new line, new names added."""
    for key, value in more.fields.items():
        old = item.fields.get(key)
        if old is None or old == "" or old == []:
            item.fields[key] = value
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(entry for entry in value if entry not in old)
        elif isinstance(old, str) and isinstance(value, str) and value not in old:
            item.fields[key] = f"{old}\n{value}"


def _is_header(filled: dict[int, str]) -> bool:
    """A header row: at least two known headings, one of them the item's name."""
    headings = [text for text in filled.values() if is_any_heading(text)]
    return len(headings) >= 2 and any(normalise_heading(t) in NAME_HEADINGS for t in headings)


def _signature(headings: dict[int, str]) -> Category | None:
    """The category whose headings fit the header best, when exactly one fits best."""
    scores = {
        category: sum(column_for(text, category) is not None for text in headings.values())
        for category in Category
    }
    best = max(scores.values())
    winners = [category for category, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def _field_label(category: Category, key: str) -> str:
    """“具体内容 / content” for findings (the published heading and the field name)."""
    column = next((c for c in COLUMNS[category] if c.key == key), None)
    heading = column.heading if column is not None else key
    return f"{heading} / {key}"
