"""A township list laid out for print: title, edition, and three numbered tables by domain.

Every printable format (HTML, PDF, Word, Markdown, the spreadsheet) is drawn from this one
layout, so they agree on titles, numbering, grouping and cell texts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dutylist_cli.model.enums import Category, LabeledEnum
from dutylist_cli.model.township import Item, TownshipList
from dutylist_cli.publishing.columns import (
    ASSESSED_CATEGORIES,
    ASSESSMENT,
    COLUMNS,
    LANDSCAPE_FROM,
    REMARKS,
    SECTION_NOTES,
    SECTION_NUMERALS,
    Column,
    list_separator,
    printed_columns,
)


@dataclass(frozen=True)
class Row:
    number: int  # 序号: 1… within the category, continuing across domains
    item_id: str
    cells: tuple[str, ...]  # one per printed column, 序号 included


@dataclass(frozen=True)
class DomainGroup:
    domain: str
    rows: tuple[Row, ...]
    ordinal: int = 1  # 1-based place of the domain within its table

    @property
    def heading(self) -> str:
        """（一）党的建设"""
        return f"（{chinese_numeral(self.ordinal)}）{self.domain}"


@dataclass(frozen=True)
class Section:
    category: Category
    heading: str  # 一、基本履职事项
    note: str  # 必须为、负全责
    columns: tuple[Column, ...]
    groups: tuple[DomainGroup, ...]
    landscape: bool

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


@dataclass(frozen=True)
class PrintableList:
    title: str  # 《东山街道履行职责事项清单》
    township: str
    township_code: str
    county: str
    city: str
    version: str
    effective: dt.date
    document: str | None
    sections: tuple[Section, ...]
    kind: str = ""  # 街道, 镇 … (the label)
    county_code: str = ""
    city_code: str = ""
    assessments: tuple[str, ...] = ()  # the township assessments marked in the tables (titles)

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)

    @property
    def edition_line(self) -> str:
        """版本 2025.2 · 2025年9月1日起施行 · 江宁编〔2025〕30号"""
        parts = [f"版本 {self.version}", f"{chinese_date(self.effective)}起施行"]
        if self.document:
            parts.append(self.document)
        return " · ".join(parts)

    @property
    def assessment_line(self) -> str:
        """考核指标：…《2026年度镇（街道）综合考核指标》… (empty without assessments)"""
        if not self.assessments:
            return ""
        titles = "、".join(f"《{title}》" for title in self.assessments)
        return f"“考核指标”列为依单考核的指标编号，见{titles}"

    @property
    def summary_line(self) -> str:
        counts = "，".join(f"{s.category.label} {s.count} 项" for s in self.sections)
        return f"共 {self.total} 项：{counts}"


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99; larger stay Arabic)."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "十" if tens == 1 else f"{_DIGITS[tens]}十"
    return head + (_DIGITS[units] if units else "")


def display_width(text: str) -> int:
    """Width in half-width units: a Chinese (wide) character counts 2, a Latin one 1."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def list_title(township_name: str) -> str:
    return f"《{township_name}履行职责事项清单》"


def cell_text(item: Item, column: Column) -> str:
    """What one cell of ``column`` shows for ``item`` (lists joined, enums as Chinese labels)."""
    return format_value(field_value(item, column.key), column.key)


def field_value(item: Item, key: str) -> Any:
    value: Any = item
    for part in key.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def format_value(value: Any, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return list_separator(key).join(str(v) for v in value)
    if isinstance(value, LabeledEnum):
        return value.label
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _groups(
    items: Sequence[Item],
    columns: Sequence[Column],
    domains: Sequence[str],
    marks: Mapping[str, str] | None = None,
) -> tuple[DomainGroup, ...]:
    order = {domain: index for index, domain in enumerate(domains)}
    place = {id(item): index for index, item in enumerate(items, start=1)}
    by_domain: dict[str, list[Item]] = {}
    for item in items:
        by_domain.setdefault(item.domain, []).append(item)
    ordered = sorted(by_domain, key=lambda d: (order.get(d, len(order)), list(by_domain).index(d)))
    groups: list[DomainGroup] = []
    number = 0
    for domain in ordered:
        rows = []
        for item in by_domain[domain]:
            number += 1
            cells = tuple(
                (marks or {}).get(item.id, "")
                if c is ASSESSMENT
                else _cell(item, c, number, place[id(item)])
                for c in columns
            )
            rows.append(Row(number, item.id, cells))
        groups.append(DomainGroup(domain, tuple(rows), ordinal=len(groups) + 1))
    return tuple(groups)


def _cell(item: Item, column: Column, number: int, place: int) -> str:
    if column.key == "number":
        return str(number)
    if column.key == "order":
        return str(place)
    return cell_text(item, column)


def section_items(model: TownshipList, category: Category) -> Sequence[Item]:
    items: dict[Category, Sequence[Item]] = {
        Category.BASIC: model.basic,
        Category.COOPERATIVE: model.cooperative,
        Category.RECOVERED: model.recovered,
    }
    return items[category]


def printable_list(
    model: TownshipList,
    domains: Sequence[str],
    *,
    all_columns: bool = False,
    marks: Mapping[str, str] | None = None,
    assessments: Sequence[str] = (),
) -> PrintableList:
    """The list as printed; ``all_columns`` adds the export-only columns (id, domain…).

    ``marks`` (item id -> 考核指标 K01) adds a 考核指标 column, before 备注, to the basic and
    cooperative tables; ``assessments`` names the assessments it comes from.
    """
    sections = []
    for category in Category:
        items = section_items(model, category)
        if not items:
            continue
        columns = COLUMNS[category] if all_columns else printed_columns(category)
        if marks and category in ASSESSED_CATEGORIES:
            columns = _with_assessment(columns)
        sections.append(
            Section(
                category=category,
                heading=f"{SECTION_NUMERALS[category]}、{category.label}",
                note=SECTION_NOTES[category],
                columns=columns,
                groups=_groups(items, columns, domains, marks),
                landscape=len(printed_columns(category)) >= LANDSCAPE_FROM,
            )
        )
    return PrintableList(
        title=list_title(model.township.name),
        township=model.township.name,
        township_code=model.township.code,
        county=model.county.name,
        city=model.city.name,
        version=model.edition.version,
        effective=model.edition.effective,
        document=model.edition.document,
        sections=tuple(sections),
        kind=model.township.kind.label,
        county_code=model.county.code,
        city_code=model.city.code,
        assessments=tuple(assessments) if marks else (),
    )


def printed_only(full: PrintableList) -> PrintableList:
    """``full`` (``printable_list(…, all_columns=True)``) with its printed columns only: the
    list as ``printable_list`` without ``all_columns`` lays it out, without laying it out again."""
    sections = []
    for section in full.sections:
        keep = [index for index, column in enumerate(section.columns) if column.printed]
        groups = tuple(
            dataclasses.replace(
                group,
                rows=tuple(
                    dataclasses.replace(row, cells=tuple(row.cells[i] for i in keep))
                    for row in group.rows
                ),
            )
            for group in section.groups
        )
        columns = tuple(section.columns[i] for i in keep)
        sections.append(dataclasses.replace(section, columns=columns, groups=groups))
    return dataclasses.replace(full, sections=tuple(sections))


def _with_assessment(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    at = columns.index(REMARKS) if REMARKS in columns else len(columns)
    return (*columns[:at], ASSESSMENT, *columns[at:])
