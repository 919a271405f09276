"""A report laid out as titled tables: one layout for the HTML page, Markdown and the workbook.

Six tables, one per workbook sheet (概况, 各乡镇事项, 领域分布, 部门视角, 处罚权收回,
临时性工作任务). A province report puts every county in the same tables, with a 县（市、区）
column first, and its 概况 has a row per county.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dutylist_cli.publishing.document import chinese_date, chinese_numeral
from dutylist_cli.report_model import (
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
    builders = (
        ("overview", "概况", _province_overview if province else _county_overview),
        ("townships", "各乡镇事项", _townships),
        ("domains", "领域分布", _domains),
        ("departments", "部门视角", _departments),
        ("penalties", "处罚权收回", _penalties),
        ("tasks", "临时性工作任务", _tasks),
    )
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
        (f"{MEASURE}中位数", _number(county.median)),
        (f"可能负担过重（≥ 中位数 × {HEAVY_RATIO}）", _names(county.flagged(Flag.HEAVY))),
        (f"明显偏少（≤ 中位数 × {LIGHT_RATIO}）", _names(county.flagged(Flag.LIGHT))),
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
            _number(c.median),
            len(c.flagged(Flag.HEAVY)),
            len(c.flagged(Flag.LIGHT)),
            c.penalty_powers,
            len(c.tasks.open),
            c.tasks.overdue,
        )
        for c in report.counties
    )
    footer: tuple[tuple[Cell, ...], ...] = (
        ("全省合计", "", *_sums(rows, 2, 7), "", *_sums(rows, 8, 13)),
    )
    return ReportTable(key, sheet, heading, columns, rows, footer)


def _townships(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *_county_column(report),
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
    for county, township in _each_township(report):
        c = township.counts
        rows.append(
            (
                *_county_cell(report, county),
                township.name,
                township.code,
                c.basic,
                c.cooperative,
                c.recovered,
                c.total,
                c.accountable,
                _ratio(township.ratio),
                FLAG_TEXT.get(township.flag, "") if township.flag else "",
                township.open_tasks,
                township.overdue_tasks,
            )
        )
        marks.append(township.flag.value if township.flag else "")
    offset = len(_county_column(report))
    footer = _footer(report, [r[offset + 2 : offset + 7] for r in rows], before=offset + 1, after=4)
    medians = "；".join(f"{c.name} {_number(c.median)}" for c in report.counties)
    notes = (_measure_note(), f"县域{MEASURE}中位数：{medians}。")
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, tuple(marks), notes=notes)


def _domains(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    domains = _all_domains(report)
    columns = (
        *_county_column(report),
        ReportColumn("乡镇（街道）", 12),
        *(ReportColumn(domain, max(6.0, len(domain) * 2 + 1), True) for domain in domains),
        ReportColumn("合计", 7, True),
    )
    rows = []
    for county, township in _each_township(report):
        values = [township.domains[d].total if d in township.domains else 0 for d in domains]
        rows.append((*_county_cell(report, county), township.name, *values, sum(values)))
    offset = len(_county_column(report))
    footer = _footer(report, [r[offset + 1 :] for r in rows], before=offset, after=0)
    notes = ("各领域的数字为该领域基本、配合、收回三类事项之和；分类明细见 JSON 格式的报告。",)
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, notes=notes)


def _departments(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *_county_column(report),
        ReportColumn("县级部门", 18),
        ReportColumn("主办配合事项", 8, True),
        ReportColumn("主办事项涉及的乡镇（街道）", 30),
        ReportColumn("协同配合事项", 8, True),
        ReportColumn("协同事项涉及的乡镇（街道）", 30),
        ReportColumn("收回事项", 8, True),
        ReportColumn("收回事项涉及的乡镇（街道）", 30),
        ReportColumn("收回的行政处罚权", 9, True),
    )
    rows = []
    idle: list[str] = []
    for county in report.counties:
        size = len(county.townships)
        for d in county.departments:
            if not d.involved:
                idle.append(d.name if len(report.counties) == 1 else f"{county.name}{d.name}")
                continue
            name = d.name if d.registered else f"{d.name}（不在部门名录中）"
            rows.append(
                (
                    *_county_cell(report, county),
                    name,
                    d.lead.count,
                    _shares(d.lead, size),
                    d.partner.count,
                    _shares(d.partner, size),
                    d.recovered.count,
                    _shares(d.recovered, size),
                    d.penalty_powers,
                )
            )
    notes = [
        "部门名称按县级部门名录归并：清单中写的简称计入其规范名称。括号内为该乡镇（街道）的事项数。"
    ]
    if idle:
        notes.append(
            f"名录中另有 {len(idle)} 个部门未主办、协同或收回任何事项：{'、'.join(idle)}。"
        )
    return ReportTable(key, sheet, heading, columns, tuple(rows), notes=tuple(notes))


def _penalties(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *_county_column(report),
        ReportColumn("乡镇（街道）", 12),
        ReportColumn("收回事项", 8, True),
        ReportColumn("收回的行政处罚权", 10, True),
        ReportColumn("未填处罚权数的收回事项", 12, True),
        ReportColumn("收回部门及处罚权数", 48),
    )
    rows = []
    for county, township in _each_township(report):
        detail = "、".join(f"{name} {n}" for name, n in township.penalty_by_department.items())
        rows.append(
            (
                *_county_cell(report, county),
                township.name,
                township.counts.recovered,
                township.penalty_powers,
                township.penalty_unfilled,
                detail,
            )
        )
    offset = len(_county_column(report))
    footer = _footer(report, [r[offset + 1 : offset + 4] for r in rows], before=offset, after=1)
    notes = ("处罚权数为各收回事项 penalty_powers 之和；各部门的合计见“部门视角”。",)
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, notes=notes)


def _tasks(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *_county_column(report),
        ReportColumn("任务编号", 16),
        ReportColumn("任务名称", 36),
        ReportColumn("涉及乡镇（街道）", 30),
        ReportColumn("涉及乡镇数", 8, True),
        ReportColumn("开始日期", 11),
        ReportColumn("完成时限", 11),
        ReportColumn("状态", 10),
        ReportColumn("逾期天数", 8, True),
    )
    rows, marks = [], []
    for county in report.counties:
        names = {t.code: t.name for t in county.townships}
        for task in county.tasks.open:
            every = "all" in task.townships
            covered = (
                "全部乡镇（街道）"
                if every
                else "、".join(names.get(code, code) for code in task.townships)
            )
            rows.append(
                (
                    *_county_cell(report, county),
                    task.id,
                    task.title,
                    covered,
                    len(names) if every else len(task.townships),
                    task.start.isoformat(),
                    task.due.isoformat(),
                    "逾期未销号" if task.overdue else "未销号",
                    task.overdue_days,
                )
            )
            marks.append("overdue" if task.overdue else "")
    opened = sum(len(c.tasks.open) for c in report.counties)
    late = sum(c.tasks.overdue for c in report.counties)
    closed = sum(c.tasks.closed for c in report.counties)
    notes = [
        f"未销号 {opened} 项，其中逾期 {late} 项；已销号 {closed} 项。"
        f"逾期按 {report.today.isoformat()} 判断：完成时限已过仍未销号。"
    ]
    unreadable = [file for c in report.counties for file, _ in c.tasks.unreadable]
    if unreadable:
        notes.append(f"无法读取、未计入的任务文件：{'、'.join(unreadable)}。")
    return ReportTable(key, sheet, heading, columns, tuple(rows), (), tuple(marks), tuple(notes))


# -- cells -------------------------------------------------------------------------------------
def _measure_note() -> str:
    return (
        f"{MEASURE}与本县（市、区）各乡镇（街道）的中位数相比：达到中位数的 {HEAVY_RATIO} 倍"
        f"及以上为“可能负担过重”，不超过 {LIGHT_RATIO} 倍为“明显偏少”，需核查是否遗漏事项。"
        "上级部门收回事项不再由乡镇（街道）履行，不计入。"
    )


def _county_column(report: Report) -> tuple[ReportColumn, ...]:
    return (ReportColumn("县（市、区）", 10),) if report.scope == "province" else ()


def _county_cell(report: Report, county: CountyReport) -> tuple[Cell, ...]:
    return (county.name,) if report.scope == "province" else ()


def _each_township(report: Report) -> list[tuple[CountyReport, TownshipFigures]]:
    return [(county, township) for county in report.counties for township in county.townships]


def _all_domains(report: Report) -> list[str]:
    extra = {d for _, t in _each_township(report) for d in t.domains} - set(report.domains)
    return [*report.domains, *sorted(extra)]


def _footer(
    report: Report, values: Sequence[Sequence[Cell]], *, before: int, after: int
) -> tuple[tuple[Cell, ...], ...]:
    """The 合计 row: ``before`` empty cells, the column sums of ``values``, ``after`` empty
    cells; none for a table without rows."""
    if not values:
        return ()
    label = "全省合计" if report.scope == "province" else "合计"
    sums = _sums(values, 0, len(values[0]))
    return ((label, *("",) * before, *sums, *("",) * after),)


def _sums(rows: Sequence[Sequence[Cell]], start: int, stop: int) -> list[int]:
    return [sum(int(row[i]) for row in rows) for i in range(start, stop)]


def _shares(role: DepartmentRole, size: int) -> str:
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


def _names(townships: Sequence[TownshipFigures]) -> str:
    if not townships:
        return "无"
    return "、".join(f"{t.name}（{_ratio(t.ratio)} 倍）" for t in townships)


def _ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}"


def _number(value: float | None) -> Cell:
    if value is None:
        return "—"
    return int(value) if float(value).is_integer() else round(value, 1)
