"""The department-side tables of a report: departments, penalty powers taken back, tasks."""

from __future__ import annotations

from dutylist_cli.reports.layout import (
    ReportColumn,
    ReportTable,
    county_cell,
    county_column,
    each_township,
    share_text,
    total_row,
)
from dutylist_cli.reports.model import Report


def departments_table(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *county_column(report),
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
                    *county_cell(report, county),
                    name,
                    d.lead.count,
                    share_text(d.lead, size),
                    d.partner.count,
                    share_text(d.partner, size),
                    d.recovered.count,
                    share_text(d.recovered, size),
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


def penalties_table(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *county_column(report),
        ReportColumn("乡镇（街道）", 12),
        ReportColumn("收回事项", 8, True),
        ReportColumn("收回的行政处罚权", 10, True),
        ReportColumn("未填处罚权数的收回事项", 12, True),
        ReportColumn("收回部门及处罚权数", 48),
    )
    rows = []
    for county, township in each_township(report):
        detail = "、".join(f"{name} {n}" for name, n in township.penalty_by_department.items())
        rows.append(
            (
                *county_cell(report, county),
                township.name,
                township.counts.recovered,
                township.penalty_powers,
                township.penalty_unfilled,
                detail,
            )
        )
    offset = len(county_column(report))
    footer = total_row(report, [r[offset + 1 : offset + 4] for r in rows], before=offset, after=1)
    notes = ("处罚权数为各收回事项 penalty_powers 之和；各部门的合计见“部门视角”。",)
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, notes=notes)


def tasks_table(report: Report, key: str, sheet: str, heading: str) -> ReportTable:
    columns = (
        *county_column(report),
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
                    *county_cell(report, county),
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
