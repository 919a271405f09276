"""The figures of a `dutylist report`: plain dataclasses, and their JSON form (stable keys).

``build.py`` computes them; the publishing layer lays them out as tables and charts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dutylist_cli.ledger.temporary_tasks import TaskEntry
from dutylist_cli.model.enums import LabeledEnum

HEAVY_RATIO = 1.25  # accountable items ≥ 1.25 × the county median: possible over-burden
LIGHT_RATIO = 0.75  # accountable items ≤ 0.75 × the county median: check for omissions


class Flag(LabeledEnum):
    HEAVY = ("heavy", "可能负担过重")
    LIGHT = ("light", "明显偏少")


@dataclass(frozen=True)
class CategoryCounts:
    basic: int = 0
    cooperative: int = 0
    recovered: int = 0

    @property
    def total(self) -> int:
        return self.basic + self.cooperative + self.recovered

    @property
    def accountable(self) -> int:
        """The items the township answers for: basic and cooperative."""
        return self.basic + self.cooperative

    def __add__(self, other: CategoryCounts) -> CategoryCounts:
        return CategoryCounts(
            self.basic + other.basic,
            self.cooperative + other.cooperative,
            self.recovered + other.recovered,
        )

    def as_json(self) -> dict[str, int]:
        return {
            "basic": self.basic,
            "cooperative": self.cooperative,
            "recovered": self.recovered,
            "total": self.total,
            "accountable": self.accountable,
        }


@dataclass(frozen=True)
class TownshipFigures:
    code: str
    name: str
    kind: str  # the Chinese label: 街道, 镇 …
    file: str
    counts: CategoryCounts
    domains: dict[str, CategoryCounts]  # in dutylist.yaml order, every domain present
    penalty_powers: int  # summed over the recovered items
    penalty_unfilled: int  # recovered items without penalty_powers
    penalty_by_department: dict[str, int]  # canonical name -> penalty powers, first-seen order
    ratio: float | None  # accountable / county median (None when the median is 0)
    flag: Flag | None
    open_tasks: int = 0
    overdue_tasks: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "file": self.file,
            "counts": self.counts.as_json(),
            "domains": {name: counts.as_json() for name, counts in self.domains.items()},
            "penalty_powers": self.penalty_powers,
            "penalty_unfilled": self.penalty_unfilled,
            "penalty_by_department": dict(self.penalty_by_department),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "flag": None if self.flag is None else self.flag.value,
            "tasks": {"open": self.open_tasks, "overdue": self.overdue_tasks},
        }


@dataclass(frozen=True)
class TownshipShare:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class DepartmentRole:
    count: int = 0
    townships: tuple[TownshipShare, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "townships": [
                {"code": t.code, "name": t.name, "count": t.count} for t in self.townships
            ],
        }


@dataclass(frozen=True)
class DepartmentFigures:
    name: str  # canonical
    registered: bool  # False for a name the registry does not know
    lead: DepartmentRole
    partner: DepartmentRole
    recovered: DepartmentRole
    penalty_powers: int

    @property
    def involved(self) -> bool:
        return bool(self.lead.count or self.partner.count or self.recovered.count)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "registered": self.registered,
            "lead": self.lead.as_json(),
            "partner": self.partner.as_json(),
            "recovered": self.recovered.as_json(),
            "penalty_powers": self.penalty_powers,
        }


@dataclass(frozen=True)
class TaskSummary:
    open: tuple[TaskEntry, ...] = ()  # open tasks (as `temp list` has them), by due date
    closed: int = 0
    unreadable: tuple[tuple[str, str], ...] = ()  # (file, why): left out, reported apart

    @property
    def overdue(self) -> int:
        return sum(task.overdue for task in self.open)

    def as_json(self) -> dict[str, Any]:
        return {
            "open": len(self.open),
            "overdue": self.overdue,
            "closed": self.closed,
            "tasks": [_task_json(task) for task in self.open],
            "unreadable": [{"file": f, "reason": r} for f, r in self.unreadable],
        }


def _task_json(task: TaskEntry) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "townships": list(task.townships),
        "start": task.start.isoformat(),
        "due": task.due.isoformat(),
        "status": task.status,
        "overdue": task.overdue,
        "overdue_days": task.overdue_days,
        "file": task.file,
    }


@dataclass(frozen=True)
class AssessedItem:
    id: str
    name: str  # "" when the township's list has no such item
    category: str  # basic | cooperative | recovered, "" when not in the list

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "category": self.category}


@dataclass(frozen=True)
class IndicatorFigures:
    """One township indicator (依单考核) as it applies to one township, with its items there."""

    township_code: str
    township_name: str
    assessment: str  # the assessment's id
    title: str
    indicator: str  # K01
    name: str
    points: float | None
    items: tuple[AssessedItem, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "township": self.township_code,
            "assessment": self.assessment,
            "title": self.title,
            "indicator": self.indicator,
            "name": self.name,
            "points": self.points,
            "items": [item.as_json() for item in self.items],
        }


@dataclass(frozen=True)
class CountyReport:
    code: str
    name: str
    city_code: str
    city_name: str
    townships: tuple[TownshipFigures, ...]
    median: float | None  # of the townships' accountable items; None without townships
    departments: tuple[DepartmentFigures, ...]  # registry order, then unknown names
    tasks: TaskSummary
    indicators: tuple[IndicatorFigures, ...] = ()  # township order, then the assessments'

    @property
    def counts(self) -> CategoryCounts:
        return sum((t.counts for t in self.townships), CategoryCounts())

    @property
    def penalty_powers(self) -> int:
        return sum(t.penalty_powers for t in self.townships)

    def flagged(self, flag: Flag) -> list[TownshipFigures]:
        return [t for t in self.townships if t.flag is flag]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "city": {"code": self.city_code, "name": self.city_name},
            "counts": self.counts.as_json(),
            "penalty_powers": self.penalty_powers,
            "median": self.median,
            "townships": [t.as_json() for t in self.townships],
            "departments": [d.as_json() for d in self.departments],
            "tasks": self.tasks.as_json(),
            "indicators": [i.as_json() for i in self.indicators],
        }


@dataclass(frozen=True)
class Report:
    scope: str  # county | province
    today: dt.date
    province_code: str
    province_name: str
    domains: tuple[str, ...]
    counties: tuple[CountyReport, ...]
    city: str | None = None  # the city code a province report was limited to
    thresholds: dict[str, float] = field(
        default_factory=lambda: {"heavy": HEAVY_RATIO, "light": LIGHT_RATIO}
    )

    @property
    def counts(self) -> CategoryCounts:
        return sum((c.counts for c in self.counties), CategoryCounts())

    @property
    def township_count(self) -> int:
        return sum(len(c.townships) for c in self.counties)

    def as_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "today": self.today.isoformat(),
            "province": {"code": self.province_code, "name": self.province_name},
            "city": self.city,
            "domains": list(self.domains),
            "thresholds": {**self.thresholds, "measure": "basic+cooperative"},
            "counts": self.counts.as_json(),
            "townships": self.township_count,
            "penalty_powers": sum(c.penalty_powers for c in self.counties),
            "tasks": {
                "open": sum(len(c.tasks.open) for c in self.counties),
                "overdue": sum(c.tasks.overdue for c in self.counties),
                "closed": sum(c.tasks.closed for c in self.counties),
            },
            "counties": [county.as_json() for county in self.counties],
        }
