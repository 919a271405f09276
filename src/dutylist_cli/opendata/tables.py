"""The open-data tables: a township list as rows of `items` and `townships`, and the tally of
`departments` across lists — plain values, one column list each, for any writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from dutylist_cli.model.township import (
    BasicItem,
    CooperativeItem,
    Item,
    RecoveredItem,
    TownshipList,
)

ColumnType = Literal["str", "int", "date", "list"]

ITEM_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("city_code", "str"),
    ("city_name", "str"),
    ("county_code", "str"),
    ("county_name", "str"),
    ("township_code", "str"),
    ("township_name", "str"),
    ("category", "str"),  # basic | cooperative | recovered
    ("category_label", "str"),  # 基本履职事项 | 配合履职事项 | 上级部门收回事项
    ("position", "int"),  # 1-based order in its category, as printed (序号)
    ("id", "str"),
    ("name", "str"),
    ("domain", "str"),
    ("content", "str"),  # basic: 具体内容
    ("units", "list"),
    ("posts", "list"),
    ("lead", "str"),  # cooperative: 主办部门, as the registry names it
    ("partners", "list"),
    ("department_duties", "str"),
    ("township_duties", "str"),
    ("department", "str"),  # recovered: 收回（承接）部门, as the registry names it
    ("working_mode", "str"),
    ("penalty_powers", "int"),
    ("handover_document", "str"),
    ("handover_date", "date"),
    ("basis", "list"),
    ("remarks", "str"),
    ("source", "str"),
    ("keywords", "list"),
)

TOWNSHIP_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("city_code", "str"),
    ("city_name", "str"),
    ("county_code", "str"),
    ("county_name", "str"),
    ("township_code", "str"),
    ("township_name", "str"),
    ("kind", "str"),
    ("edition_version", "str"),
    ("edition_effective", "date"),
    ("edition_document", "str"),
    ("basic_items", "int"),
    ("cooperative_items", "int"),
    ("recovered_items", "int"),
    ("penalty_powers", "int"),
    ("file", "str"),
)

DEPARTMENT_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("county_code", "str"),
    ("county_name", "str"),
    ("department", "str"),
    ("lead_items", "int"),  # cooperative items it leads, across the county's townships
    ("partner_items", "int"),  # cooperative items it partners
    ("recovered_items", "int"),  # items it took back
    ("townships", "int"),  # townships with at least one of the above
)

Row = tuple[Any, ...]
_ITEM_COLUMN_AT = {name: i for i, (name, _) in enumerate(ITEM_COLUMNS)}  # column -> position
DepartmentNames = Mapping[str, str]  # any name or alias -> the registry's canonical name


def item_rows(model: TownshipList, names: DepartmentNames) -> Iterator[Row]:
    """One row per item, in ITEM_COLUMNS order, the departments as the registry names them."""
    place = (
        model.city.code,
        model.city.name,
        model.county.code,
        model.county.name,
        model.township.code,
        model.township.name,
    )
    sections: tuple[tuple[str, str, list[Any]], ...] = (
        ("basic", "基本履职事项", model.basic),
        ("cooperative", "配合履职事项", model.cooperative),
        ("recovered", "上级部门收回事项", model.recovered),
    )
    for category, label, items in sections:
        for position, item in enumerate(items, 1):
            yield (*place, category, label, position, *_item_fields(item, names))


def _item_fields(item: Item, names: DepartmentNames) -> Row:
    content = units = posts = lead = partners = None
    department_duties = township_duties = department = working_mode = None
    penalty_powers: int | None = None
    handover_document: str | None = None
    handover_date: dt.date | None = None
    if isinstance(item, BasicItem):
        content, units, posts = item.content, list(item.units), list(item.posts)
    elif isinstance(item, CooperativeItem):
        lead = names.get(item.lead, item.lead)
        partners = [names.get(p, p) for p in item.partners]
        department_duties, township_duties = item.department_duties, item.township_duties
    elif isinstance(item, RecoveredItem):
        department = names.get(item.department, item.department)
        working_mode, penalty_powers = item.working_mode, item.penalty_powers
        if item.handover is not None:
            handover_document, handover_date = item.handover.document, item.handover.date
    return (
        item.id,
        item.name,
        item.domain,
        content,
        units or [],
        posts or [],
        lead,
        partners or [],
        department_duties,
        township_duties,
        department,
        working_mode,
        penalty_powers,
        handover_document,
        handover_date,
        list(item.basis),
        item.remarks,
        item.source.value if item.source is not None else None,
        list(item.keywords),
    )


def township_row(model: TownshipList, file: str) -> Row:
    """The list's header and counts, in TOWNSHIP_COLUMNS order."""
    return (
        model.city.code,
        model.city.name,
        model.county.code,
        model.county.name,
        model.township.code,
        model.township.name,
        model.township.kind.value,
        model.edition.version,
        model.edition.effective,
        model.edition.document,
        len(model.basic),
        len(model.cooperative),
        len(model.recovered),
        sum(item.penalty_powers or 0 for item in model.recovered),
        file,
    )


@dataclass
class _Tally:
    lead_items: int = 0
    partner_items: int = 0
    recovered_items: int = 0
    townships: set[str] = field(default_factory=set)


@dataclass
class DepartmentTally:
    """The departments table, counted list by list (each list is seen once)."""

    counties: dict[str, str] = field(default_factory=dict)  # code -> name
    _tallies: dict[tuple[str, str], _Tally] = field(default_factory=dict)

    def add(self, rows: list[Row]) -> None:
        """Count one list's item rows (ITEM_COLUMNS order)."""
        at = _ITEM_COLUMN_AT
        for row in rows:
            county, township = row[at["county_code"]], row[at["township_code"]]
            self.counties.setdefault(county, row[at["county_name"]])
            lead, department = row[at["lead"]], row[at["department"]]
            if lead is not None:
                self._tally(county, lead, township).lead_items += 1
            for partner in row[at["partners"]]:
                self._tally(county, partner, township).partner_items += 1
            if department is not None:
                self._tally(county, department, township).recovered_items += 1

    def merge(self, other: DepartmentTally) -> None:
        """Add the counts of another tally (of other lists)."""
        for county, name in other.counties.items():
            self.counties.setdefault(county, name)
        for key, theirs in other._tallies.items():
            ours = self._tallies.setdefault(key, _Tally())
            ours.lead_items += theirs.lead_items
            ours.partner_items += theirs.partner_items
            ours.recovered_items += theirs.recovered_items
            ours.townships |= theirs.townships

    def _tally(self, county: str, department: str, township: str) -> _Tally:
        tally = self._tallies.setdefault((county, department), _Tally())
        tally.townships.add(township)
        return tally

    def rows(self) -> list[Row]:
        """DEPARTMENT_COLUMNS rows, by county code then department name."""
        return [
            (
                county,
                self.counties[county],
                department,
                tally.lead_items,
                tally.partner_items,
                tally.recovered_items,
                len(tally.townships),
            )
            for (county, department), tally in sorted(self._tallies.items())
        ]
