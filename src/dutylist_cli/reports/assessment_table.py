"""The report's table of township assessment indicators (依单考核) beside the items they assess."""

from __future__ import annotations

from dutylist_cli.reports.layout import Cell, ReportColumn, ReportTable, county_cell, county_column
from dutylist_cli.reports.model import AssessedItem, Report

_OUTSIDE = {
    "recovered": "（上级部门收回事项，不得考核）",
    "": "（清单外）",
}


def has_indicators(report: Report) -> bool:
    return any(county.indicators for county in report.counties)


def indicators_table(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *county_column(report),
        ReportColumn("乡镇（街道）", 12),
        ReportColumn("考核", 24),
        ReportColumn("指标", 22),
        ReportColumn("分值", 6, True),
        ReportColumn("考核的清单事项", 40),
    )
    rows: list[tuple[Cell, ...]] = []
    marks: list[str] = []
    for county in report.counties:
        for figures in county.indicators:
            outside = any(item.category in _OUTSIDE for item in figures.items) or not figures.items
            rows.append(
                (
                    *county_cell(report, county),
                    figures.township_name,
                    figures.title,
                    f"{figures.indicator} {figures.name}",
                    _points(figures.points),
                    "、".join(_item_text(item) for item in figures.items) or "（未写明事项）",
                )
            )
            marks.append("overdue" if outside else "")
    notes = (
        "乡镇（街道）只就清单内的基本履职事项和配合履职事项接受考核（依单考核）；"
        "事项编号按各乡镇（街道）自己的清单解读。标出的行考核了收回事项或清单外事项，"
        "dutylist validate 会报错（DL701、DL702）。",
    )
    return ReportTable(key, sheet, heading, columns, tuple(rows), marks=tuple(marks), notes=notes)


def _item_text(item: AssessedItem) -> str:
    named = f"{item.id} {item.name}" if item.name else item.id
    return named + _OUTSIDE.get(item.category, "")


def _points(points: float | None) -> Cell:
    if points is None:
        return ""
    return int(points) if float(points).is_integer() else points
