"""The core of `dutylist report`: a county's (or the province's) lists counted and compared.

Counts per township by category and by domain; the department-side view (cooperative items each
county department leads or partners, recovered items it took back, with their penalty powers);
open and overdue temporary tasks; and the townships far from their county's median.

"Far from the median" is measured on the items a township answers for, basic plus cooperative
(recovered items are no longer its duty). A township whose count is at least ``HEAVY_RATIO``
times the county median may be over-burdened (可能负担过重); one at most ``LIGHT_RATIO`` times
the median has markedly few items and is worth checking for omissions (明显偏少). The report
shows the median and every township's ratio, so a reader can judge the cases in between.

This module only computes: the result is a plain model that the publishing layer lays out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli.checks.text import normalise_name
from dutylist_cli.ledger.assessments import load_assessments, township_indicators
from dutylist_cli.ledger.temporary_tasks import ALL_TOWNSHIPS, list_tasks
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.enums import TaskStatus
from dutylist_cli.model.township import TownshipList
from dutylist_cli.publishing.loading import load_townships, repository_domains, township_names
from dutylist_cli.reports.model import (
    HEAVY_RATIO,
    LIGHT_RATIO,
    AssessedItem,
    CategoryCounts,
    CountyReport,
    DepartmentFigures,
    DepartmentRole,
    Flag,
    IndicatorFigures,
    Report,
    TaskSummary,
    TownshipFigures,
    TownshipShare,
)
from dutylist_cli.reports.scope import CountyFolder, load_registry, province_of, select_counties

Resolver = Callable[[str], str]  # a department name as written -> its canonical name


# -- building ----------------------------------------------------------------------------------
def build_report(
    root: Path, *, scope: str, code: str | None = None, today: dt.date | None = None
) -> Report:
    """The report of one county or of the province; lists with errors stop it (exit 1)."""
    day = today or dt.date.today()
    counties, city = select_counties(root, scope, code)
    domains = repository_domains(root)
    names = township_names(root)
    built = []
    for county in counties:
        own = [n for n in names if n.startswith(county.folder + "/")]
        loaded = load_townships(root, own, today=day) if own else []
        built.append(
            build_county(
                root,
                county,
                [(t.name, t.model) for t in loaded],
                domains=domains,
                today=day,
            )
        )
    province = province_of(root)
    return Report(
        scope=scope,
        today=day,
        province_code=province.code,
        province_name=province.name,
        domains=tuple(domains),
        counties=tuple(built),
        city=city,
    )


def build_county(
    root: Path,
    county: CountyFolder,
    lists: Sequence[tuple[str, TownshipList]],
    *,
    domains: Sequence[str],
    today: dt.date,
) -> CountyReport:
    registry = load_registry(root, county)
    resolve = department_resolver(registry)
    all_domains = list(domains) + sorted(
        {item.domain for _, model in lists for _c, _i, item in model.iter_items()} - set(domains)
    )
    accountable = [len(m.basic) + len(m.cooperative) for _, m in lists]
    median = float(statistics.median(accountable)) if accountable else None
    tasks = _tasks(root, county.code, today)
    context = _Context(
        resolve=resolve,
        domains=tuple(all_domains),
        departments=tuple(d.name for d in registry.departments) if registry else (),
        median=median,
        tasks=tasks,
    )
    townships = tuple(_township(name, model, context) for name, model in lists)
    city_code, city_name = _city_of(registry, lists)
    return CountyReport(
        code=county.code,
        name=registry.county.name if registry else county.name,
        city_code=city_code,
        city_name=city_name,
        townships=townships,
        median=median,
        departments=tuple(_departments(registry, lists, resolve)),
        tasks=tasks,
        indicators=tuple(_indicators(root, county.code, lists)),
    )


# -- pieces ------------------------------------------------------------------------------------
def classify_ratio(ratio: float | None) -> Flag | None:
    if ratio is None:
        return None
    if ratio >= HEAVY_RATIO:
        return Flag.HEAVY
    if ratio <= LIGHT_RATIO:
        return Flag.LIGHT
    return None


@dataclass(frozen=True)
class _Context:
    """What every township of a county is measured against."""

    resolve: Resolver
    domains: tuple[str, ...]  # dutylist.yaml's, then any others the lists use
    departments: tuple[str, ...]  # the registry's canonical names, in its order
    median: float | None
    tasks: TaskSummary


def _township(name: str, model: TownshipList, context: _Context) -> TownshipFigures:
    counts = CategoryCounts(len(model.basic), len(model.cooperative), len(model.recovered))
    by_domain = {domain: CategoryCounts() for domain in context.domains}
    for category, _index, item in model.iter_items():
        one = CategoryCounts(**{category.value: 1})
        by_domain[item.domain] = by_domain[item.domain] + one
    penalties: dict[str, int] = {}
    for item in model.recovered:
        department = context.resolve(item.department)
        penalties[department] = penalties.get(department, 0) + (item.penalty_powers or 0)
    order = {department: index for index, department in enumerate(context.departments)}
    penalties = dict(sorted(penalties.items(), key=lambda pair: order.get(pair[0], len(order))))
    ratio = counts.accountable / context.median if context.median else None
    code = model.township.code
    mine = [t for t in context.tasks.open if ALL_TOWNSHIPS in t.townships or code in t.townships]
    return TownshipFigures(
        code=code,
        name=model.township.name,
        kind=model.township.kind.label,
        file=name,
        counts=counts,
        domains=by_domain,
        penalty_powers=sum(penalties.values()),
        penalty_unfilled=sum(item.penalty_powers is None for item in model.recovered),
        penalty_by_department=penalties,
        ratio=ratio,
        flag=classify_ratio(ratio),
        open_tasks=len(mine),
        overdue_tasks=sum(task.overdue for task in mine),
    )


def _departments(
    registry: CountyRegistry | None,
    lists: Sequence[tuple[str, TownshipList]],
    resolve: Resolver,
) -> list[DepartmentFigures]:
    roles: dict[str, dict[str, dict[str, int]]] = {}  # name -> role -> township code -> count
    penalties: dict[str, int] = {}
    names_by_code = {model.township.code: model.township.name for _, model in lists}

    def count(department: str, role: str, township: str) -> None:
        per = roles.setdefault(resolve(department), {}).setdefault(role, {})
        per[township] = per.get(township, 0) + 1

    for _name, model in lists:
        code = model.township.code
        for co in model.cooperative:
            count(co.lead, "lead", code)
            for partner in dict.fromkeys(resolve(p) for p in co.partners):
                count(partner, "partner", code)
        for re_item in model.recovered:
            count(re_item.department, "recovered", code)
            target = resolve(re_item.department)
            penalties[target] = penalties.get(target, 0) + (re_item.penalty_powers or 0)
    registered = [d.name for d in registry.departments] if registry else []
    order = list(dict.fromkeys(registered + sorted(set(roles) - set(registered))))

    def role(name: str, key: str) -> DepartmentRole:
        per = roles.get(name, {}).get(key, {})
        shares = tuple(TownshipShare(c, names_by_code[c], n) for c, n in per.items())
        return DepartmentRole(sum(per.values()), shares)

    return [
        DepartmentFigures(
            name=name,
            registered=name in registered,
            lead=role(name, "lead"),
            partner=role(name, "partner"),
            recovered=role(name, "recovered"),
            penalty_powers=penalties.get(name, 0),
        )
        for name in order
    ]


def _indicators(
    root: Path, county: str, lists: Sequence[tuple[str, TownshipList]]
) -> list[IndicatorFigures]:
    """The county's township indicators beside the items they assess in each township."""
    assessments = load_assessments(root, county=county)
    figures = []
    for _, model in lists:
        listed = {item.id: (item.name, category.value) for category, _i, item in model.iter_items()}
        for entry in township_indicators(assessments, county=county, township=model.township.code):
            items = tuple(
                AssessedItem(item_id, *listed.get(item_id, ("", ""))) for item_id in entry.items
            )
            figures.append(
                IndicatorFigures(
                    township_code=model.township.code,
                    township_name=model.township.name,
                    assessment=entry.assessment.id,
                    title=entry.assessment.title,
                    indicator=entry.indicator.id,
                    name=entry.indicator.name,
                    points=entry.indicator.points,
                    items=items,
                )
            )
    return figures


def _tasks(root: Path, county: str, today: dt.date) -> TaskSummary:
    listing = list_tasks(root, today=today, county=county)
    open_tasks = [task for task in listing.tasks if task.status == TaskStatus.OPEN.value]
    open_tasks.sort(key=lambda task: (task.due, task.id))
    return TaskSummary(
        open=tuple(open_tasks),
        closed=sum(task.status == TaskStatus.CLOSED.value for task in listing.tasks),
        unreadable=tuple((bad.file, bad.reason) for bad in listing.unreadable),
    )


def department_resolver(registry: CountyRegistry | None) -> Resolver:
    """A function from a name people wrote to the registry's canonical name (else itself)."""
    names = registry.canonical_names() if registry else {}
    by_normal = {normalise_name(name): canonical for name, canonical in names.items()}

    def resolve(name: str) -> str:
        return names.get(name) or by_normal.get(normalise_name(name)) or name

    return resolve


def _city_of(
    registry: CountyRegistry | None, lists: Sequence[tuple[str, TownshipList]]
) -> tuple[str, str]:
    if registry is not None:
        return registry.city.code, registry.city.name
    if lists:
        return lists[0][1].city.code, lists[0][1].city.name
    return "", ""
