"""A report laid out as titled tables: one layout for the HTML page, Markdown and the workbook.

Six tables, one per workbook sheet (概况, 各乡镇事项, 领域分布, 部门视角, 处罚权收回,
临时性工作任务). A province report puts every county in the same tables, with a 县（市、区）
column first, and its 概况 has a row per county.
"""

from __future__ import annotations

from collections.abc import Callable

from dutylist_cli.publishing.document import chinese_date, chinese_numeral
from dutylist_cli.reports.assessment_table import has_indicators, indicators_table
from dutylist_cli.reports.layout import (
    FLAG_TEXT,
    MEASURE,
    Cell,
    ReportColumn,
    ReportLayout,
    ReportTable,
    all_domains,
    column_sums,
    county_cell,
    county_column,
    each_township,
    flagged_names,
    measure_note,
    number_cell,
    ratio_text,
    total_row,
)
from dutylist_cli.reports.model import HEAVY_RATIO, LIGHT_RATIO, Flag, Report
from dutylist_cli.reports.side_tables import (
    departments_table,
    penalties_table,
    tasks_table,
)

TableBuilder = Callable[[Report, str, str, str], ReportTable]


def report_title(report: Report) -> str:
    if report.scope == "county":
        county = report.counties[0]
        return f"{county.city_name}{county.name}乡镇（街道）履行职责事项清单统计报告"
    area = report.province_name
    if report.city:
        cities = {c.city_name for c in report.counties if c.city_name}
        area += "".join(sorted(cities)) or report.city
    return f"{area}乡镇（街道）履行职责事项清单统计报告"


def report_layout(report: Report, *, generator: str = "") -> ReportLayout:
    province = report.scope == "province"
    builders: tuple[tuple[str, str, TableBuilder], ...] = (
        ("overview", "概况", _province_overview if province else _county_overview),
        ("townships", "各乡镇事项", _townships),
        ("domains", "领域分布", _domains),
        ("departments", "部门视角", departments_table),
        ("penalties", "处罚权收回", penalties_table),
        ("tasks", "临时性工作任务", tasks_table),
    )
    if has_indicators(report):  # a root without township assessments has no such table
        builders = (*builders, ("indicators", "考核指标", indicators_table))
    tables = []
    for number, (key, sheet, build) in enumerate(builders, start=1):
        heading = f"{chinese_numeral(number)}、{_HEADINGS[key]}"
        tables.append(build(report, key, sheet, heading))
    parts = [
        f"统计日期 {chinese_date(report.today)}",
        f"{len(report.counties)} 个县（市、区）" if province else "",
        f"{report.township_count} 个乡镇（街道）",
        f"事项 {report.counts.total} 项",
        generator,
    ]
    return ReportLayout(report_title(report), " · ".join(p for p in parts if p), tuple(tables))


_HEADINGS = {
    "overview": "概况",
    "townships": "各乡镇（街道）事项数量",
    "domains": "各领域事项分布",
    "departments": "部门视角：县级部门主办、协同和收回的事项",
    "penalties": "收回的行政处罚权",
    "tasks": "临时性工作任务（未销号）",
    "indicators": "依单考核：乡镇（街道）考核指标及其考核的清单事项",
}


# -- the tables --------------------------------------------------------------------------------
def _county_overview(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    county = report.counties[0]
    counts = county.counts
    rows: list[tuple[Cell, ...]] = [
        ("县（市、区）", f"{county.name}（{county.code}）"),
        ("设区市", f"{county.city_name}（{county.city_code}）" if county.city_code else ""),
        ("统计日期", report.today.isoformat()),
        ("乡镇（街道）数", len(county.townships)),
        ("基本履职事项", counts.basic),
        ("配合履职事项", counts.cooperative),
        ("上级部门收回事项", counts.recovered),
        ("事项合计", counts.total),
        (f"{MEASURE}中位数", number_cell(county.median)),
        (f"可能负担过重（≥ 中位数 × {HEAVY_RATIO}）", flagged_names(county.flagged(Flag.HEAVY))),
        (f"明显偏少（≤ 中位数 × {LIGHT_RATIO}）", flagged_names(county.flagged(Flag.LIGHT))),
        ("收回的行政处罚权", county.penalty_powers),
        ("未销号临时性工作任务", len(county.tasks.open)),
        ("其中逾期", county.tasks.overdue),
        ("已销号临时性工作任务", county.tasks.closed),
    ]
    columns = (ReportColumn("项目", 34), ReportColumn("内容", 50))
    return ReportTable(key, sheet, heading, columns, tuple(rows))


def _province_overview(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        ReportColumn("县（市、区）", 12),
        ReportColumn("代码", 9),
        ReportColumn("乡镇（街道）数", 9, True),
        ReportColumn("基本履职事项", 9, True),
        ReportColumn("配合履职事项", 9, True),
        ReportColumn("上级部门收回事项", 10, True),
        ReportColumn("合计", 8, True),
        ReportColumn(f"{MEASURE}中位数", 12, True),
        ReportColumn("可能负担过重", 8, True),
        ReportColumn("明显偏少", 8, True),
        ReportColumn("收回的行政处罚权", 10, True),
        ReportColumn("未销号临时任务", 9, True),
        ReportColumn("其中逾期", 8, True),
    )
    rows = tuple(
        (
            c.name,
            c.code,
            len(c.townships),
            c.counts.basic,
            c.counts.cooperative,
            c.counts.recovered,
            c.counts.total,
            number_cell(c.median),
            len(c.flagged(Flag.HEAVY)),
            len(c.flagged(Flag.LIGHT)),
            c.penalty_powers,
            len(c.tasks.open),
            c.tasks.overdue,
        )
        for c in report.counties
    )
    footer: tuple[tuple[Cell, ...], ...] = (
        ("全省合计", "", *column_sums(rows, 2, 7), "", *column_sums(rows, 8, 13)),
    )
    return ReportTable(key, sheet, heading, columns, rows, footer)


def _townships(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *county_column(report),
        ReportColumn("乡镇（街道）", 12),
        ReportColumn("代码", 11),
        ReportColumn("基本履职事项", 9, True),
        ReportColumn("配合履职事项", 9, True),
        ReportColumn("上级部门收回事项", 10, True),
        ReportColumn("合计", 7, True),
        ReportColumn(MEASURE, 12, True),
        ReportColumn("与县域中位数之比", 10, True),
        ReportColumn("提示", 16),
        ReportColumn("未销号临时任务", 9, True),
        ReportColumn("其中逾期", 7, True),
    )
    rows, marks = [], []
    for county, township in each_township(report):
        c = township.counts
        rows.append(
            (
                *county_cell(report, county),
                township.name,
                township.code,
                c.basic,
                c.cooperative,
                c.recovered,
                c.total,
                c.accountable,
                ratio_text(township.ratio),
                FLAG_TEXT.get(township.flag, "") if township.flag else "",
                township.open_tasks,
                township.overdue_tasks,
            )
        )
        marks.append(township.flag.value if township.flag else "")
    offset = len(county_column(report))
    footer = total_row(
        report, [r[offset + 2 : offset + 7] for r in rows], before=offset + 1, after=4
    )
    medians = "；".join(f"{c.name} {number_cell(c.median)}" for c in report.counties)
    notes = (measure_note(), f"县域{MEASURE}中位数：{medians}。")
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, tuple(marks), notes=notes)


def _domains(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    domains = all_domains(report)
    columns = (
        *county_column(report),
        ReportColumn("乡镇（街道）", 12),
        *(ReportColumn(domain, max(6.0, len(domain) * 2 + 1), True) for domain in domains),
        ReportColumn("合计", 7, True),
    )
    rows = []
    for county, township in each_township(report):
        values = [township.domains[d].total if d in township.domains else 0 for d in domains]
        rows.append((*county_cell(report, county), township.name, *values, sum(values)))
    offset = len(county_column(report))
    footer = total_row(report, [r[offset + 1 :] for r in rows], before=offset, after=0)
    notes = ("各领域的数字为该领域基本、配合、收回三类事项之和；分类明细见 JSON 格式的报告。",)
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, notes=notes)
