"""The supervision report laid out as titled tables (the report's ReportLayout): one layout for
the HTML page, Markdown and the workbook, its headings in Chinese or English (messages.py).

Six tables, one per workbook sheet: 概况, 部门双向评价, 临时任务, 承接缺位, 调整不及时, 各乡镇.
"""

from __future__ import annotations

from collections.abc import Sequence

from dutylist_cli import messages
from dutylist_cli.model.enums import ApprovalLevel, LabeledEnum, Trigger
from dutylist_cli.publishing.document import chinese_numeral
from dutylist_cli.reports.layout import (
    Cell,
    ReportColumn,
    ReportLayout,
    ReportTable,
    number_cell,
    ratio_text,
)
from dutylist_cli.reports.model import HEAVY_RATIO, LIGHT_RATIO
from dutylist_cli.reports.supervision_model import SupervisionReport, UnconfirmedItem

TABLES = ("overview", "departments", "tasks", "handover", "records", "townships")


def _t(key: str, lang: str, **args: object) -> str:
    return messages.text(f"supervision.{key}", lang, **args)


def _columns(lang: str, *specs: tuple[str, float, bool]) -> tuple[ReportColumn, ...]:
    return tuple(ReportColumn(_t(f"col.{key}", lang), width, num) for key, width, num in specs)


def supervision_title(report: SupervisionReport, lang: str) -> str:
    return _t("title", lang, city=report.city_name, county=report.county_name)


def supervision_intro(report: SupervisionReport, lang: str | None = None) -> tuple[str, ...]:
    """The paragraphs under the title: what the report answers and how it measures."""
    lang = lang or messages.language()
    return (
        _t("intro", lang),
        _t(
            "intro.measures",
            lang,
            pending=report.pending_days,
            long_open=report.long_open_days,
        ),
    )


def supervision_layout(
    report: SupervisionReport, *, lang: str | None = None, generator: str = ""
) -> ReportLayout:
    lang = lang or messages.language()
    builders = {
        "overview": _overview,
        "departments": _departments,
        "tasks": _tasks,
        "handover": _handover,
        "records": _records,
        "townships": _townships,
    }
    tables = []
    for number, key in enumerate(TABLES, start=1):
        numeral = chinese_numeral(number) + "、" if lang == "zh" else f"{number}. "
        heading = numeral + _t(f"heading.{key}", lang)
        tables.append(builders[key](report, lang, key, _t(f"sheet.{key}", lang), heading))
    parts = [
        _t("subtitle.date", lang, today=report.today.isoformat()),
        _t("subtitle.townships", lang, count=len(report.townships)),
        generator,
    ]
    return ReportLayout(
        supervision_title(report, lang), " · ".join(p for p in parts if p), tuple(tables)
    )


def _overview(
    report: SupervisionReport, lang: str, key: str, sheet: str, heading: str
) -> ReportTable:
    summary = report.as_json()["summary"]
    signs = [d for d in report.departments if d.signs]
    rows: list[tuple[Cell, ...]] = [
        (_t("row.county", lang), f"{report.county_name}（{report.county_code}）"),
        (_t("row.today", lang), report.today.isoformat()),
        (_t("row.pending_days", lang), report.pending_days),
        (_t("row.long_open_days", lang), report.long_open_days),
        (_t("row.tasks", lang), summary["tasks"]),
        (_t("row.open_tasks", lang), summary["open_tasks"]),
        (_t("row.overdue_tasks", lang), summary["overdue_tasks"]),
        (_t("row.long_open_tasks", lang), summary["long_open_tasks"]),
        (_t("row.unconfirmed", lang), summary["recovered_without_handover"]),
        (_t("row.pending_records", lang), summary["pending_records"]),
        (_t("row.late_records", lang), summary["late_records"]),
        (_t("row.departments_with_signs", lang), _names(lang, [d.name for d in signs])),
        (_t("row.median", lang), number_cell(report.median)),
        (
            _t("row.assessment_errors", lang),
            report.assessment_errors if report.assessment_files else "—",
        ),
    ]
    columns = _columns(lang, ("item", 34, False), ("value", 50, False))
    return ReportTable(key, sheet, heading, columns, tuple(rows))


def _departments(
    report: SupervisionReport, lang: str, key: str, sheet: str, heading: str
) -> ReportTable:
    columns = _columns(
        lang,
        ("department", 18, False),
        ("tasks_decided", 8, True),
        ("open", 7, True),
        ("overdue", 7, True),
        ("long_open", 9, True),
        ("recovered_held", 8, True),
        ("unconfirmed", 9, True),
        ("late_records", 9, True),
        ("signs", 26, False),
    )
    rows, marks, idle = [], [], []
    for d in report.departments:
        if not d.involved:
            idle.append(d.name)
            continue
        name = d.name if d.registered else _t("unregistered", lang, name=d.name)
        rows.append(
            (
                name,
                len(d.tasks),
                len(d.open_tasks),
                len(d.overdue_tasks),
                len(d.long_open_tasks),
                d.recovered_held,
                len(d.unconfirmed),
                len(d.late_records),
                _sep(lang).join(_t(f"sign.{s}", lang) for s in d.signs),
            )
        )
        marks.append("overdue" if d.signs else "")
    footer: tuple[tuple[Cell, ...], ...] = ()
    if rows:
        sums = [sum(int(r[i]) for r in rows) for i in range(1, 8)]
        footer = ((_t("total", lang), *sums, ""),)
    notes = [_t("note.departments", lang, long_open=report.long_open_days)]
    if idle:
        notes.append(_t("note.idle", lang, count=len(idle), names=_sep(lang).join(idle)))
    return ReportTable(
        key, sheet, heading, columns, tuple(rows), footer, tuple(marks), tuple(notes)
    )


def _tasks(report: SupervisionReport, lang: str, key: str, sheet: str, heading: str) -> ReportTable:
    columns = _columns(
        lang,
        ("task", 16, False),
        ("title", 30, False),
        ("decided_by", 16, False),
        ("townships", 18, False),
        ("start", 11, False),
        ("due", 11, False),
        ("open_days", 8, True),
        ("overdue_days", 8, True),
        ("situation", 16, False),
    )
    names = {t.code: t.name for t in report.townships}
    rows, marks = [], []
    for task in sorted(report.tasks, key=lambda t: (t.entry.due, t.entry.id)):
        entry = task.entry
        if not task.is_open:
            continue
        situation = [
            _t("task.overdue", lang) if entry.overdue else "",
            _t("task.long_open", lang, days=report.long_open_days) if task.long_open else "",
        ]
        townships = (
            _t("all_townships", lang)
            if "all" in entry.townships
            else _sep(lang).join(names.get(c, c) for c in entry.townships)
        )
        rows.append(
            (
                entry.id,
                entry.title,
                task.decided_by,
                townships,
                entry.start.isoformat(),
                entry.due.isoformat(),
                task.open_days,
                entry.overdue_days,
                _sep(lang).join(s for s in situation if s) or _t("task.open", lang),
            )
        )
        marks.append("overdue" if entry.overdue or task.long_open else "")
    notes = (_t("note.tasks", lang, long_open=report.long_open_days),)
    return ReportTable(key, sheet, heading, columns, tuple(rows), marks=tuple(marks), notes=notes)


def _handover(
    report: SupervisionReport, lang: str, key: str, sheet: str, heading: str
) -> ReportTable:
    columns = _columns(
        lang,
        ("department", 18, False),
        ("township", 12, False),
        ("count", 7, True),
        ("items", 60, False),
    )
    rows = []
    for d in report.departments:
        grouped: dict[str, list[UnconfirmedItem]] = {}
        for item in d.unconfirmed:
            grouped.setdefault(item.township_code, []).append(item)
        for group in grouped.values():
            items = _sep(lang).join(f"{i.item} {i.name}" for i in group)
            rows.append((d.name, group[0].township_name, len(group), items))
    footer: tuple[tuple[Cell, ...], ...] = ()
    if rows:
        footer = ((_t("total", lang), "", sum(int(r[2]) for r in rows), ""),)
    notes = (_t("note.handover", lang),)
    return ReportTable(key, sheet, heading, columns, tuple(rows), footer, notes=notes)


def _records(
    report: SupervisionReport, lang: str, key: str, sheet: str, heading: str
) -> ReportTable:
    columns = _columns(
        lang,
        ("record", 15, False),
        ("attributed", 18, False),
        ("trigger", 14, False),
        ("proposed", 11, False),
        ("waiting_days", 8, True),
        ("approved", 12, False),
        ("missing", 12, False),
        ("summary", 40, False),
    )
    rows, marks = [], []
    for record in report.records:
        attributed = _sep(lang).join(record.departments) or _t("unattributed", lang)
        if record.attributed_by:
            attributed += _t(f"attributed.{record.attributed_by}", lang)
        rows.append(
            (
                record.id,
                attributed,
                _label(Trigger, record.trigger, lang),
                record.proposed.isoformat(),
                record.waiting_days,
                _levels(lang, record.approved) or "—",
                _levels(lang, record.missing),
                record.summary,
            )
        )
        marks.append("overdue" if record.late else "")
    notes = (_t("note.records", lang, pending=report.pending_days),)
    return ReportTable(key, sheet, heading, columns, tuple(rows), marks=tuple(marks), notes=notes)


def _townships(
    report: SupervisionReport, lang: str, key: str, sheet: str, heading: str
) -> ReportTable:
    columns = _columns(
        lang,
        ("township", 12, False),
        ("code", 11, False),
        ("accountable", 10, True),
        ("ratio", 10, True),
        ("flag", 14, False),
        ("open", 8, True),
        ("overdue", 7, True),
        ("unconfirmed", 9, True),
        ("assessment_errors", 10, True),
    )
    rows, marks = [], []
    for t in report.townships:
        rows.append(
            (
                t.name,
                t.code,
                t.accountable,
                ratio_text(t.ratio),
                _t(f"flag.{t.flag.value}", lang) if t.flag else "",
                t.open_tasks,
                t.overdue_tasks,
                t.unconfirmed,
                "—" if t.assessment_errors is None else t.assessment_errors,
            )
        )
        marks.append(t.flag.value if t.flag else "")
    notes = (
        _t(
            "note.townships",
            lang,
            median=number_cell(report.median),
            heavy=HEAVY_RATIO,
            light=LIGHT_RATIO,
        ),
        _t("note.assessments", lang)
        if report.assessment_files
        else _t("note.no_assessments", lang),
    )
    return ReportTable(key, sheet, heading, columns, tuple(rows), marks=tuple(marks), notes=notes)


def _label(enum: type[LabeledEnum], token: str, lang: str) -> str:
    """The Chinese label of an enum token; in English the token, read as words."""
    member = enum.from_text(token)
    if lang == "zh" and isinstance(member, LabeledEnum):
        return member.label
    return token.replace("_", " ")


def _levels(lang: str, levels: Sequence[str]) -> str:
    return _sep(lang).join(_label(ApprovalLevel, level, lang) for level in levels)


def _names(lang: str, names: Sequence[str]) -> str:
    return _sep(lang).join(names) if names else _t("none", lang)


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "
