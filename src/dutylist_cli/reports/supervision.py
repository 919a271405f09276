"""The core of `dutylist report supervision`: what each county department asks of the townships.

The province's 双向评价 asks three things of a county's departments, and this module answers
them from the data root alone:

- 随意甩锅卸责: the temporary tasks each department (the task's ``decision.body``, resolved
  through the county registry) decided, how many are open, overdue (due before today and not
  written off) and kept open long. The task model keeps no history of extensions, so "kept open
  repeatedly" is measured as open for more than ``long_open_days`` since its start.
- 收回事项承接缺位: the recovered items each department holds in the townships' lists without a
  ``handover`` (承接确认) record, per township.
- 动态调整不及时: adjustment records still missing approvals ``pending_days`` after they were
  proposed. A record names no proposer, so it is attributed to the departments its summary
  names (registry names and aliases); failing that, to the departments of the items it changes
  (cooperative leads, recovered items' departments) in today's lists; else to no department.

Per township: accountable items (basic + cooperative) against the county median, open and overdue
temporary tasks, recovered items without handover, and the errors (DL7xx) that `validate` finds
in the county's assessment indicators naming the township.

This module only computes; ``supervision_tables.py`` and ``supervision_output.py`` lay it out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli.diagnostics import Severity
from dutylist_cli.ledger.temporary_tasks import ALL_TOWNSHIPS, list_tasks
from dutylist_cli.model.config import RepositoryConfig, SupervisionSettings
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.township import Handover, TownshipList
from dutylist_cli.publishing.loading import load_townships, township_names
from dutylist_cli.reports.build import classify_ratio, department_resolver
from dutylist_cli.reports.scope import CountyFolder, load_registry, province_of, select_county
from dutylist_cli.reports.supervision_model import (
    DepartmentSupervision,
    PendingRecord,
    SupervisedTask,
    SupervisionReport,
    TownshipSupervision,
    UnconfirmedItem,
)
from dutylist_cli.reports.supervision_records import pending_records
from dutylist_cli.store.layout import CONFIG_NAME, YAML_SUFFIXES, iter_data_names
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file
from dutylist_cli.validation.run import validate

ASSESSMENT_CODES = "DL7"  # the assessment indicators' rules
Resolver = Callable[[str], str]


def supervision_settings(root: Path) -> SupervisionSettings:
    """dutylist.yaml's ``supervision:`` thresholds, or the defaults (30 and 90 days)."""
    try:
        parsed = parse_file(read_data_file(root / CONFIG_NAME), file=CONFIG_NAME)
        config = RepositoryConfig.model_validate(parsed.data)
    except (OSError, ValueError):
        return SupervisionSettings()
    return config.supervision or SupervisionSettings()


def build_supervision(
    root: Path,
    *,
    county: str | None,
    today: dt.date,
    pending_days: int | None = None,
    long_open_days: int | None = None,
) -> SupervisionReport:
    """The supervision report of one county; lists with errors stop it (exit 1).

    ``pending_days`` and ``long_open_days`` override dutylist.yaml's ``supervision:`` settings.
    """
    folder = select_county(root, county)
    settings = supervision_settings(root)
    limits = _Limits(
        pending_days if pending_days is not None else settings.pending_days,
        long_open_days if long_open_days is not None else settings.long_open_days,
    )
    own = [n for n in township_names(root) if n.startswith(folder.folder + "/")]
    lists = [(t.name, t.model) for t in load_townships(root, own, today=today)] if own else []
    registry = load_registry(root, folder)
    resolve = department_resolver(registry)
    tasks, unreadable = _tasks(root, folder, registry, resolve, today=today, limits=limits)
    records, bad_records = pending_records(
        root,
        folder,
        registry=registry,
        lists=lists,
        resolve=resolve,
        today=today,
        pending_days=limits.pending_days,
    )
    unconfirmed, held = _recovered(lists, resolve)
    departments = _departments(registry, tasks, unconfirmed, held, records)
    codes = [model.township.code for _, model in lists]
    assessment_files, findings, errors = _assessment_findings(root, folder, today, codes)
    townships = _townships(lists, tasks, unconfirmed, findings, assessment_files)
    accountable = [t.accountable for t in townships]
    province = province_of(root)
    return SupervisionReport(
        today=today,
        province_code=province.code,
        province_name=province.name,
        county_code=folder.code,
        county_name=registry.county.name if registry else folder.name,
        city_code=registry.city.code if registry else (lists[0][1].city.code if lists else ""),
        city_name=registry.city.name if registry else (lists[0][1].city.name if lists else ""),
        pending_days=limits.pending_days,
        long_open_days=limits.long_open_days,
        median=float(statistics.median(accountable)) if accountable else None,
        departments=departments,
        townships=townships,
        unattributed=tuple(r for r in records if not r.departments),
        assessment_files=len(assessment_files),
        assessment_errors=errors,
        unreadable=(*unreadable, *bad_records),
    )


@dataclass(frozen=True)
class _Limits:
    pending_days: int
    long_open_days: int


# -- temporary tasks: 甩锅卸责 -------------------------------------------------------------------
def _tasks(
    root: Path,
    folder: CountyFolder,
    registry: CountyRegistry | None,
    resolve: Resolver,
    *,
    today: dt.date,
    limits: _Limits,
) -> tuple[list[SupervisedTask], list[tuple[str, str]]]:
    listing = list_tasks(root, today=today, county=folder.code)
    decider = _decider(registry, resolve, county_name=folder.name)
    tasks = []
    for entry in sorted(listing.tasks, key=lambda t: (t.due, t.id)):
        open_days = max((today - entry.start).days, 0) if entry.status == "open" else 0
        tasks.append(
            SupervisedTask(
                entry=entry,
                decided_by=decider(entry.decided_by),
                open_days=open_days,
                long_open=open_days > limits.long_open_days,
            )
        )
    return tasks, [(bad.file, bad.reason) for bad in listing.unreadable]


def _decider(registry: CountyRegistry | None, resolve: Resolver, *, county_name: str) -> Resolver:
    """A deciding body as the registry names it: 区城管局 and 江宁区城市管理局 → 区城市管理局."""
    known = set(registry.canonical_names().values()) if registry else set()
    name = registry.county.name if registry else county_name

    def decide(body: str) -> str:
        body = body.strip()
        found = resolve(body)
        if found in known or not name or not body.startswith(name):
            return found
        # a registry writes 区城市管理局 where a decision writes 江宁区城市管理局
        shortened = resolve(name[-1] + body[len(name) :])
        return shortened if shortened in known else found

    return decide


# -- recovered items: 承接缺位 -------------------------------------------------------------------
def _recovered(
    lists: Sequence[tuple[str, TownshipList]], resolve: Resolver
) -> tuple[list[UnconfirmedItem], dict[str, int]]:
    unconfirmed: list[UnconfirmedItem] = []
    held: dict[str, int] = {}
    for name, model in lists:
        for item in model.recovered:
            department = resolve(item.department)
            held[department] = held.get(department, 0) + 1
            if not _confirmed(item.handover):
                unconfirmed.append(
                    UnconfirmedItem(
                        department,
                        model.township.code,
                        model.township.name,
                        item.id,
                        item.name,
                        name,
                    )
                )
    return unconfirmed, held


def _confirmed(handover: Handover | None) -> bool:
    """A handover record that says something: a document or a date."""
    return handover is not None and bool((handover.document or "").strip() or handover.date)


# -- per department and per township ---------------------------------------------------------
def _departments(
    registry: CountyRegistry | None,
    tasks: Sequence[SupervisedTask],
    unconfirmed: Sequence[UnconfirmedItem],
    held: dict[str, int],
    records: Sequence[PendingRecord],
) -> tuple[DepartmentSupervision, ...]:
    registered = [d.name for d in registry.departments] if registry else []
    others = {t.decided_by for t in tasks} | set(held) | {d for r in records for d in r.departments}
    order = list(dict.fromkeys(registered + sorted(others - set(registered))))
    return tuple(
        DepartmentSupervision(
            name=name,
            registered=name in registered,
            tasks=tuple(t for t in tasks if t.decided_by == name),
            recovered_held=held.get(name, 0),
            unconfirmed=tuple(u for u in unconfirmed if u.department == name),
            records=tuple(r for r in records if name in r.departments),
        )
        for name in order
    )


def _townships(
    lists: Sequence[tuple[str, TownshipList]],
    tasks: Sequence[SupervisedTask],
    unconfirmed: Sequence[UnconfirmedItem],
    findings: dict[str, int],
    assessment_files: Sequence[str],
) -> tuple[TownshipSupervision, ...]:
    accountable = [len(m.basic) + len(m.cooperative) for _, m in lists]
    median = float(statistics.median(accountable)) if accountable else None
    out = []
    for (name, model), count in zip(lists, accountable, strict=True):
        code = model.township.code
        mine = [
            t
            for t in tasks
            if t.is_open and (ALL_TOWNSHIPS in t.entry.townships or code in t.entry.townships)
        ]
        ratio = count / median if median else None
        out.append(
            TownshipSupervision(
                code=code,
                name=model.township.name,
                file=name,
                accountable=count,
                ratio=ratio,
                flag=classify_ratio(ratio),
                open_tasks=len(mine),
                overdue_tasks=sum(t.entry.overdue for t in mine),
                unconfirmed=sum(u.township_code == code for u in unconfirmed),
                assessment_errors=findings.get(code, 0) if assessment_files else None,
            )
        )
    return tuple(out)


def _assessment_findings(
    root: Path, folder: CountyFolder, today: dt.date, codes: Sequence[str]
) -> tuple[list[str], dict[str, int], int]:
    """The county's assessment files, the DL7 errors naming each township, and all of them.

    A finding names its townships by its ``township_codes`` argument (every one, where the
    message shows a few) or its ``township`` argument, else by a township's code appearing in
    its arguments.
    """
    prefix = f"assessments/{folder.code}/"
    files = [n for n in iter_data_names(root) if n.startswith(prefix) and n.endswith(YAML_SUFFIXES)]
    if not files:
        return [], {}, 0
    result = validate(root, selected=[root / n for n in files], today=today)
    counts: dict[str, int] = {}
    total = 0
    for diagnostic in result.diagnostics:
        if not (
            diagnostic.severity is Severity.ERROR
            and diagnostic.code.startswith(ASSESSMENT_CODES)
            and diagnostic.file.startswith(prefix)
        ):
            continue
        total += 1
        named = str(diagnostic.args.get("township", ""))
        listed = str(diagnostic.args.get("township_codes", ""))
        if listed:
            found = {code for code in listed.split(",") if code in codes}
        elif named in codes:
            found = {named}
        else:
            text = " ".join(str(value) for value in diagnostic.args.values())
            found = {code for code in codes if code in text}
        for code in found:
            counts[code] = counts.get(code, 0) + 1
    return files, counts, total
