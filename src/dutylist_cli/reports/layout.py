"""The shape of a laid-out report (titled tables of cells) and the cells the tables share.

One layout serves the HTML page, Markdown and the workbook; report_tables.py and
report_side_tables.py fill it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dutylist_cli.reports.model import (
    HEAVY_RATIO,
    LIGHT_RATIO,
    CountyReport,
    DepartmentRole,
    Flag,
    Report,
    TownshipFigures,
)

Cell = str | int | float

FLAG_TEXT = {Flag.HEAVY: "可能负担过重", Flag.LIGHT: "明显偏少，请核查是否遗漏"}
MEASURE = "应履职事项（基本＋配合）"


@dataclass(frozen=True)
class ReportColumn:
    heading: str
    width: float  # in characters, for the workbook; relative widths for HTML
    numeric: bool = False


@dataclass(frozen=True)
class ReportTable:
    key: str  # overview | townships | domains | departments | penalties | tasks
    sheet: str  # the workbook sheet: 概况 …
    heading: str  # 一、概况
    columns: tuple[ReportColumn, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()  # 合计 rows
    marks: tuple[str, ...] = ()  # per row: "" or heavy | light | overdue (for highlighting)
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The heading without its numeral: 概况."""
        return self.heading.split("、", 1)[-1]


@dataclass(frozen=True)
class ReportLayout:
    title: str
    subtitle: str
    tables: tuple[ReportTable, ...]

    def table(self, key: str) -> ReportTable:
        return next(table for table in self.tables if table.key == key)


# -- cells shared by the tables ------------------------------------------------------------
def measure_note() -> str:
    return (
        f"{MEASURE}与本县（市、区）各乡镇（街道）的中位数相比：达到中位数的 {HEAVY_RATIO} 倍"
        f"及以上为“可能负担过重”，不超过 {LIGHT_RATIO} 倍为“明显偏少”，需核查是否遗漏事项。"
        "上级部门收回事项不再由乡镇（街道）履行，不计入。"
    )


def county_column(report: Report) -> tuple[ReportColumn, ...]:
    return (ReportColumn("县（市、区）", 10),) if report.scope == "province" else ()


def county_cell(report: Report, county: CountyReport) -> tuple[Cell, ...]:
    return (county.name,) if report.scope == "province" else ()


def each_township(report: Report) -> list[tuple[CountyReport, TownshipFigures]]:
    return [(county, township) for county in report.counties for township in county.townships]


def all_domains(report: Report) -> list[str]:
    extra = {d for _, t in each_township(report) for d in t.domains} - set(report.domains)
    return [*report.domains, *sorted(extra)]


def total_row(
    report: Report, values: Sequence[Sequence[Cell]], *, before: int, after: int
) -> tuple[tuple[Cell, ...], ...]:
    """The 合计 row: ``before`` empty cells, the column sums of ``values``, ``after`` empty
    cells; none for a table without rows."""
    if not values:
        return ()
    label = "全省合计" if report.scope == "province" else "合计"
    sums = column_sums(values, 0, len(values[0]))
    return ((label, *("",) * before, *sums, *("",) * after),)


def column_sums(rows: Sequence[Sequence[Cell]], start: int, stop: int) -> list[int]:
    return [sum(int(row[i]) for row in rows) for i in range(start, stop)]


def share_text(role: DepartmentRole, size: int) -> str:
    """东山街道（2）、秣陵街道（1）; 全部 7 个乡镇（街道）（各 2 项） when all have as many."""
    if not role.townships:
        return ""
    counts = {share.count for share in role.townships}
    if len(counts) == 1:
        (count,) = counts
        each = f"（各 {count} 项）" if count > 1 else ""
        if len(role.townships) == size and size > 1:
            return f"全部 {size} 个乡镇（街道）{each}"
        return "、".join(share.name for share in role.townships) + each
    return "、".join(f"{share.name}（{share.count}）" for share in role.townships)


def flagged_names(townships: Sequence[TownshipFigures]) -> str:
    if not townships:
        return "无"
    return "、".join(f"{t.name}（{ratio_text(t.ratio)} 倍）" for t in townships)


def ratio_text(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}"


def number_cell(value: float | None) -> Cell:
    if value is None:
        return "—"
    return int(value) if float(value).is_integer() else round(value, 1)
