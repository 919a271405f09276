"""The figures of `dutylist report supervision` (双向评价): plain dataclasses and their JSON form.

``supervision.py`` computes them; ``supervision_tables.py`` lays them out. JSON keys are stable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dutylist_cli.ledger.temporary_tasks import TaskEntry
from dutylist_cli.reports.model import Flag

# the signs a department may show (JSON tokens; the tables name them through messages.py)
SHIFTING = "shifting_work"  # 甩锅卸责: tasks it decided left overdue or open for long
HANDOVER_GAP = "handover_gap"  # 承接缺位: items it took back without a handover record
LATE_ADJUSTMENT = "late_adjustment"  # 动态调整不及时: its records pending past the limit
SIGNS = (SHIFTING, HANDOVER_GAP, LATE_ADJUSTMENT)


@dataclass(frozen=True)
class SupervisedTask:
    """A temporary task with the department (or body) that decided it."""

    entry: TaskEntry
    decided_by: str  # canonical department name, or the body as written
    open_days: int  # days since its start while it is open; 0 once closed
    long_open: bool  # open for more than the long-open limit

    @property
    def is_open(self) -> bool:
        return self.entry.status == "open"

    def as_json(self) -> dict[str, Any]:
        task = self.entry
        return {
            "id": task.id,
            "title": task.title,
            "decided_by": self.decided_by,
            "decision_body": task.decided_by,
            "townships": list(task.townships),
            "start": task.start.isoformat(),
            "due": task.due.isoformat(),
            "status": task.status,
            "overdue": task.overdue,
            "overdue_days": task.overdue_days,
            "open_days": self.open_days,
            "long_open": self.long_open,
            "file": task.file,
        }


@dataclass(frozen=True)
class UnconfirmedItem:
    """A recovered item whose department has no handover (承接确认) record in the list."""

    department: str  # canonical
    township_code: str
    township_name: str
    item: str
    name: str
    file: str

    def as_json(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "township": self.township_code,
            "township_name": self.township_name,
            "item": self.item,
            "name": self.name,
            "file": self.file,
        }


@dataclass(frozen=True)
class PendingRecord:
    """An adjustment record not yet fully approved, and whom it is attributed to."""

    id: str
    file: str
    trigger: str  # token
    proposed: dt.date
    summary: str
    route: str  # admission | dynamic
    approved: tuple[str, ...]
    missing: tuple[str, ...]
    waiting_days: int  # today - proposed
    late: bool  # waiting longer than the pending limit
    departments: tuple[str, ...]  # canonical names; empty when it cannot be attributed
    attributed_by: str  # summary (the summary names them) | items (their items' departments) | ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "trigger": self.trigger,
            "proposed": self.proposed.isoformat(),
            "route": self.route,
            "approved": list(self.approved),
            "missing": list(self.missing),
            "waiting_days": self.waiting_days,
            "late": self.late,
            "departments": list(self.departments),
            "attributed_by": self.attributed_by or None,
            "summary": self.summary,
            "file": self.file,
        }


@dataclass(frozen=True)
class DepartmentSupervision:
    name: str  # canonical, or a deciding body the registry does not know
    registered: bool
    tasks: tuple[SupervisedTask, ...]  # the tasks it decided, by due date
    recovered_held: int  # recovered items of the county's lists it holds
    unconfirmed: tuple[UnconfirmedItem, ...]  # of those, the ones without handover
    records: tuple[PendingRecord, ...]  # pending records attributed to it

    @property
    def open_tasks(self) -> list[SupervisedTask]:
        return [t for t in self.tasks if t.is_open]

    @property
    def overdue_tasks(self) -> list[SupervisedTask]:
        return [t for t in self.tasks if t.entry.overdue]

    @property
    def long_open_tasks(self) -> list[SupervisedTask]:
        return [t for t in self.tasks if t.long_open]

    @property
    def late_records(self) -> list[PendingRecord]:
        return [r for r in self.records if r.late]

    @property
    def signs(self) -> tuple[str, ...]:
        found = {
            SHIFTING: bool(self.overdue_tasks or self.long_open_tasks),
            HANDOVER_GAP: bool(self.unconfirmed),
            LATE_ADJUSTMENT: bool(self.late_records),
        }
        return tuple(sign for sign in SIGNS if found[sign])

    @property
    def involved(self) -> bool:
        return bool(self.tasks or self.recovered_held or self.records)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "registered": self.registered,
            "signs": list(self.signs),
            "tasks": {
                "decided": len(self.tasks),
                "open": len(self.open_tasks),
                "overdue": len(self.overdue_tasks),
                "long_open": len(self.long_open_tasks),
                "list": [t.as_json() for t in self.tasks],
            },
            "recovered": {
                "held": self.recovered_held,
                "without_handover": len(self.unconfirmed),
                "by_township": _by_township(self.unconfirmed),
            },
            "records": {
                "pending": len(self.records),
                "late": len(self.late_records),
                "list": [r.as_json() for r in self.records],
            },
        }


def _by_township(items: tuple[UnconfirmedItem, ...]) -> list[dict[str, Any]]:
    grouped: dict[str, list[UnconfirmedItem]] = {}
    for item in items:
        grouped.setdefault(item.township_code, []).append(item)
    return [
        {
            "township": code,
            "name": group[0].township_name,
            "count": len(group),
            "items": [{"id": i.item, "name": i.name} for i in group],
        }
        for code, group in grouped.items()
    ]


@dataclass(frozen=True)
class TownshipSupervision:
    code: str
    name: str
    file: str
    accountable: int  # basic + cooperative
    ratio: float | None  # against the county median
    flag: Flag | None
    open_tasks: int
    overdue_tasks: int
    unconfirmed: int  # recovered items of its list without handover
    assessment_errors: int | None  # DL7 errors naming it; None when the county has no assessments

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "file": self.file,
            "accountable": self.accountable,
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "flag": None if self.flag is None else self.flag.value,
            "tasks": {"open": self.open_tasks, "overdue": self.overdue_tasks},
            "recovered_without_handover": self.unconfirmed,
            "assessment_errors": self.assessment_errors,
        }


@dataclass(frozen=True)
class SupervisionReport:
    today: dt.date
    province_code: str
    province_name: str
    county_code: str
    county_name: str
    city_code: str
    city_name: str
    pending_days: int
    long_open_days: int
    median: float | None
    departments: tuple[DepartmentSupervision, ...]  # registry order, then other deciding bodies
    townships: tuple[TownshipSupervision, ...]
    unattributed: tuple[PendingRecord, ...]  # pending records no department could be named for
    assessment_files: int
    assessment_errors: int  # every DL7 error of the county's assessment files
    unreadable: tuple[tuple[str, str], ...] = ()  # (file, why): tasks and records left out

    @property
    def tasks(self) -> list[SupervisedTask]:
        return [t for d in self.departments for t in d.tasks]

    @property
    def records(self) -> list[PendingRecord]:
        listed = {r.id: r for d in self.departments for r in d.records}
        listed.update({r.id: r for r in self.unattributed})
        return sorted(listed.values(), key=lambda r: (r.proposed, r.id))

    def as_json(self) -> dict[str, Any]:
        tasks = self.tasks
        records = self.records
        unconfirmed = sum(len(d.unconfirmed) for d in self.departments)
        return {
            "report": "supervision",
            "today": self.today.isoformat(),
            "province": {"code": self.province_code, "name": self.province_name},
            "county": {
                "code": self.county_code,
                "name": self.county_name,
                "city": {"code": self.city_code, "name": self.city_name},
            },
            "thresholds": {
                "pending_days": self.pending_days,
                "long_open_days": self.long_open_days,
                "long_open_measure": "days since start while open",
            },
            "summary": {
                "tasks": len(tasks),
                "open_tasks": sum(t.is_open for t in tasks),
                "overdue_tasks": sum(t.entry.overdue for t in tasks),
                "long_open_tasks": sum(t.long_open for t in tasks),
                "recovered_without_handover": unconfirmed,
                "pending_records": len(records),
                "late_records": sum(r.late for r in records),
                "departments_with_signs": sum(bool(d.signs) for d in self.departments),
                "assessment_errors": self.assessment_errors if self.assessment_files else None,
            },
            "median": self.median,
            "departments": [d.as_json() for d in self.departments],
            "unattributed_records": [r.as_json() for r in self.unattributed],
            "townships": [t.as_json() for t in self.townships],
            "assessments": {"files": self.assessment_files, "errors": self.assessment_errors},
            "unreadable": [{"file": f, "reason": r} for f, r in self.unreadable],
        }
