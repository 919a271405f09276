"""The site's pages as data: townships with their counts, the county departments' view
(县直部门用) and the domains, across one county's lists. Pure: no files, no templates."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dutylist_cli.model.enums import Category
from dutylist_cli.model.township import (
    BasicItem,
    CooperativeItem,
    Item,
    RecoveredItem,
    TownshipList,
)
from dutylist_cli.publishing.document import PrintableList, section_items

# where each kind of page lies, relative to the site's folder
TOWNSHIP_PAGE = "townships/{code}.html"
COUNTY_PAGE = "counties/{code}.html"
DEPARTMENT_PAGE = "departments/{county}/{slug}.html"
DOMAIN_PAGE = "domains/{county}/{slug}.html"
DOWNLOAD = "downloads/{code}.{fmt}"
CATEGORY_ORDER = tuple(Category)


def slug(name: str) -> str:
    """A stable ASCII file name for a department or domain name."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class TownshipSummary:
    code: str
    name: str
    kind: str
    county_code: str
    county: str
    city: str
    edition: str  # 版本 2025.2 · 2025年9月1日起施行 · 江宁编〔2025〕30号
    document: str  # 文号, or ""
    basic: int
    cooperative: int
    recovered: int
    downloads: tuple[tuple[str, str], ...] = ()  # (format, path)

    @property
    def total(self) -> int:
        return self.basic + self.cooperative + self.recovered

    @property
    def page(self) -> str:
        return TOWNSHIP_PAGE.format(code=self.code)


def township_summary(
    model: TownshipList, edition: str, downloads: Sequence[tuple[str, str]] = ()
) -> TownshipSummary:
    return TownshipSummary(
        code=model.township.code,
        name=model.township.name,
        kind=model.township.kind.label,
        county_code=model.county.code,
        county=model.county.name,
        city=model.city.name,
        edition=edition,
        document=model.edition.document or "",
        basic=len(model.basic),
        cooperative=len(model.cooperative),
        recovered=len(model.recovered),
        downloads=tuple(downloads),
    )


@dataclass(frozen=True)
class ItemLink:
    """One item as another page lists it: where it is, what it is called."""

    township: TownshipSummary
    item_id: str
    name: str
    domain: str
    category: str  # the Chinese label
    detail: str = ""  # the lead, the partners or the working mode, as the page needs

    @property
    def href(self) -> str:
        return f"{self.township.page}#{self.item_id}"


@dataclass
class DepartmentPage:
    county_code: str
    county: str
    name: str
    led: list[ItemLink] = field(default_factory=list)
    partnered: list[ItemLink] = field(default_factory=list)
    recovered: list[ItemLink] = field(default_factory=list)

    @property
    def path(self) -> str:
        return DEPARTMENT_PAGE.format(county=self.county_code, slug=slug(self.name))

    @property
    def total(self) -> int:
        return len(self.led) + len(self.partnered) + len(self.recovered)

    @property
    def townships(self) -> int:
        return len({link.township.code for link in (*self.led, *self.partnered, *self.recovered)})


@dataclass
class DomainPage:
    county_code: str
    county: str
    name: str
    items: list[ItemLink] = field(default_factory=list)

    @property
    def path(self) -> str:
        return DOMAIN_PAGE.format(county=self.county_code, slug=slug(self.name))


def department_pages(
    townships: Sequence[tuple[TownshipList, TownshipSummary]],
    *,
    names: Mapping[str, str],
    order: Sequence[str],
) -> list[DepartmentPage]:
    """The 县直部门用 view of one county: each department as the registry names it (aliases
    resolved), with the cooperative items it leads or partners and the items it took back.
    Departments come in the registry's order; names it does not know follow, sorted."""
    pages: dict[str, DepartmentPage] = {}

    def page(name: str, summary: TownshipSummary) -> DepartmentPage:
        canonical = names.get(name, name)
        if canonical not in pages:
            pages[canonical] = DepartmentPage(summary.county_code, summary.county, canonical)
        return pages[canonical]

    for model, summary in townships:
        for item in model.cooperative:
            lead = names.get(item.lead, item.lead)
            partners = "、".join(names.get(p, p) for p in item.partners)
            page(item.lead, summary).led.append(_link(item, summary, partners))
            for partner in dict.fromkeys(item.partners):
                page(partner, summary).partnered.append(_link(item, summary, lead))
        for recovered in model.recovered:
            page(recovered.department, summary).recovered.append(
                _link(recovered, summary, recovered.working_mode or "")
            )
    place = {name: index for index, name in enumerate(order)}
    return sorted(pages.values(), key=lambda p: (place.get(p.name, len(place)), p.name))


def domain_pages(
    townships: Sequence[tuple[TownshipList, TownshipSummary]], *, domains: Sequence[str]
) -> list[DomainPage]:
    """One page per domain of the county: its items across townships, by category."""
    pages: dict[str, DomainPage] = {}
    for model, summary in townships:
        for category in CATEGORY_ORDER:
            for item in section_items(model, category):
                if item.domain not in pages:
                    pages[item.domain] = DomainPage(
                        summary.county_code, summary.county, item.domain
                    )
                pages[item.domain].items.append(_link(item, summary, ""))
    place = {name: index for index, name in enumerate(domains)}
    for page in pages.values():
        page.items.sort(key=lambda link: CATEGORY_LABELS.index(link.category))
    return sorted(pages.values(), key=lambda p: (place.get(p.name, len(place)), p.name))


CATEGORY_LABELS = tuple(category.label for category in CATEGORY_ORDER)


def _link(item: Item, summary: TownshipSummary, detail: str) -> ItemLink:
    return ItemLink(summary, item.id, item.name, item.domain, _category(item).label, detail)


def _category(item: Item) -> Category:
    if isinstance(item, CooperativeItem):
        return Category.COOPERATIVE
    if isinstance(item, RecoveredItem):
        return Category.RECOVERED
    return Category.BASIC


def search_text(item: Item) -> str:
    """What the search finds an item by besides its name: what it says the duty is."""
    if isinstance(item, BasicItem):
        parts = [item.content]
    elif isinstance(item, CooperativeItem):
        parts = [item.department_duties, item.township_duties]
    elif isinstance(item, RecoveredItem):
        parts = [item.working_mode or ""]
    else:
        parts = []
    return "\n".join([*parts, item.remarks or "", *item.keywords])


def township_tables(doc: PrintableList) -> list[tuple[Any, ...]]:
    """A list's sections as the township page iterates them: plain tuples, so the sandboxed
    template looks up no attribute per cell. Each row: id, 序号, then (class, text) per cell."""
    tables = []
    for section in doc.sections:
        columns = section.columns[1:]  # 序号 comes first, as the row's anchor
        classes = [
            "multiline" if column.key == "basis" else column.key.replace(".", "-")
            for column in columns
        ]
        groups = [
            (
                group.heading,
                [
                    (row.item_id, row.cells[0], list(zip(classes, row.cells[1:], strict=True)))
                    for row in group.rows
                ],
            )
            for group in section.groups
        ]
        headings = [column.heading for column in section.columns]
        tables.append(
            (section.category.value, section.heading, section.note, section.count, headings, groups)
        )
    return tables


def department_tables(page: DepartmentPage) -> list[tuple[str, str, list[tuple[str, ...]], str]]:
    """The department page's three tables, rows as plain tuples."""

    def rows(links: list[ItemLink]) -> list[tuple[str, ...]]:
        return [
            (link.township.name, link.href, link.item_id, link.name, link.domain, link.detail)
            for link in links
        ]

    return [
        ("led", "主办的配合履职事项", rows(page.led), "协同部门"),
        ("partnered", "协同的配合履职事项", rows(page.partnered), "主办部门"),
        ("recovered", "收回的事项（乡镇（街道）不再承担）", rows(page.recovered), "工作方式"),
    ]
