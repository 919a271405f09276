"""Adjustment records still missing approvals (动态调整不及时), for the supervision report.

A record is pending while an approval its route requires (under dutylist.yaml's policy, its
items' categories as today's lists have them) does not count yet. Records name no proposer, so
each is attributed to the departments its summary names (registry names and aliases), else to
the departments of the items it changes (cooperative leads, recovered items' departments).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from dutylist_cli.checks.text import normalise_name
from dutylist_cli.errors import DutylistError
from dutylist_cli.gate.record_standing import base_status
from dutylist_cli.gate.routing import load_policy
from dutylist_cli.model.adjustment import AdjustmentRecord
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.township import TownshipList
from dutylist_cli.reports.scope import CountyFolder
from dutylist_cli.reports.supervision_model import PendingRecord
from dutylist_cli.store.layout import iter_data_names
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file

Resolver = Callable[[str], str]


def pending_records(
    root: Path,
    folder: CountyFolder,
    *,
    registry: CountyRegistry | None,
    lists: Sequence[tuple[str, TownshipList]],
    resolve: Resolver,
    today: dt.date,
    pending_days: int,
) -> tuple[list[PendingRecord], list[tuple[str, str]]]:
    """The county's records still missing approvals, each attributed; unreadable ones apart."""
    items = {
        (model.township.code, item.id): (category.value, item)
        for _, model in lists
        for category, _index, item in model.iter_items()
    }

    def category_of(township: str, item: str) -> str | None:
        found = items.get((township, item))
        return found[0] if found else None

    policy = load_policy(root, None)
    prefix = f"adjustments/{folder.code}/"
    pending: list[PendingRecord] = []
    unreadable: list[tuple[str, str]] = []
    for name in (n for n in iter_data_names(root) if n.startswith(prefix)):
        try:
            parsed = parse_file(read_data_file(root / name), file=name)
            record = AdjustmentRecord.model_validate(parsed.data)
        except (OSError, ValueError, DutylistError) as exc:
            unreadable.append((name, str(exc).strip().splitlines()[0] if str(exc) else ""))
            continue
        route, approved, missing = base_status(
            record, policy=policy, category_of=category_of, today=today
        )
        if not missing:
            continue
        departments, how = _attribution(record, registry, resolve, items)
        waiting = (today - record.proposed).days
        pending.append(
            PendingRecord(
                id=record.id,
                file=name,
                trigger=record.trigger.value,
                proposed=record.proposed,
                summary=record.summary,
                route=route,
                approved=tuple(approved),
                missing=tuple(missing),
                waiting_days=waiting,
                late=waiting > pending_days,
                departments=departments,
                attributed_by=how,
            )
        )
    pending.sort(key=lambda r: (r.proposed, r.id))
    return pending, unreadable


def _attribution(
    record: AdjustmentRecord,
    registry: CountyRegistry | None,
    resolve: Resolver,
    items: Mapping[tuple[str, str], tuple[str, object]],
) -> tuple[tuple[str, ...], str]:
    """The departments a record concerns, and how they were told (summary | items | "")."""
    names = registry.canonical_names() if registry else {}
    summary = normalise_name(record.summary)
    named: list[str] = []
    # longest names first, so 区委组织部 is not also read as a shorter name inside it
    for written in sorted(names, key=len, reverse=True):
        key = normalise_name(written)
        if key and key in summary:
            named.append(names[written])
            summary = summary.replace(key, "")
    if named:
        return tuple(dict.fromkeys(named)), "summary"
    found: list[str] = []
    for change in record.changes:
        _category, item = items.get((change.township, change.item), ("", None))
        for attribute in ("lead", "department"):
            value = getattr(item, attribute, None)
            if isinstance(value, str):
                found.append(resolve(value))
    if found:
        return tuple(dict.fromkeys(found)), "items"
    return (), ""
