"""Where an adjustment record stands: the approvals that count, and whether it is already spent.

An approval counts when it names its body and document (not blank) and is dated between the
proposal and today. A record fully approved at the base revision has been spent: the changes it
authorised landed with it, so it authorises nothing more in a later pull request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from dutylist_cli.checks.text import is_blank
from dutylist_cli.model.adjustment import AdjustmentRecord, Approval, Change
from dutylist_cli.model.enums import Action, ApprovalLevel

if TYPE_CHECKING:
    from dutylist_cli.gate.routing import Policy

LEVEL_ORDER = [ApprovalLevel.COUNTY, ApprovalLevel.CITY, ApprovalLevel.PROVINCE]

CategoryOf = Callable[[str, str], "str | None"]


def counts(approval: Approval, *, proposed: dt.date, today: dt.date) -> bool:
    """An approval with its body and document, dated on or after the proposal, not in future."""
    return (
        not is_blank(approval.body)
        and not is_blank(approval.document)
        and proposed <= approval.date <= today
    )


def approved_levels(record: AdjustmentRecord, *, today: dt.date) -> list[str]:
    """Levels whose approval of the record counts, lowest first."""
    levels = {a.level for a in record.approvals if counts(a, proposed=record.proposed, today=today)}
    return [level.value for level in LEVEL_ORDER if level in levels]


def base_status(
    record: AdjustmentRecord, *, policy: Policy, category_of: CategoryOf, today: dt.date
) -> tuple[str, list[str], list[str]]:
    """(route, approved, missing) of a record on its own, its items' categories as at the base.

    An add or move whose category cannot be told counts as heavier: the record then needs the
    most its trigger can ask for before it is taken as fully approved (and so immutable).
    """
    heavier = any(
        _may_be_heavier(c, policy=policy, category_of=category_of) for c in record.changes
    )
    route = policy.route_for(record.trigger.value, heavier=heavier)
    approved = approved_levels(record, today=today)
    missing = [level for level in policy.required(route) if level not in approved]
    return route, approved, missing


def _may_be_heavier(change: Change, *, policy: Policy, category_of: CategoryOf) -> bool:
    if change.action not in (Action.ADD, Action.MOVE):
        return False
    category = category_of(change.township, change.item)
    if category is None:
        return True
    if change.action is Action.ADD:
        return category in policy.heavier_adds
    return any(target == category for _, target in policy.heavier_moves)


def categories_at(repository: Any, revision: str) -> CategoryOf:
    """A lookup of (township, item) -> category at ``revision``, reading lists as asked."""
    from dutylist_cli.audit.diffing import is_list_name, township_state

    states: dict[str, dict[str, str]] = {}
    tree: dict[str, str] = {}

    def category_of(township: str, item: str) -> str | None:
        if township not in states:
            if not tree:
                tree.update(repository.tree(revision, "lists"))
            names = [n for n in tree if is_list_name(n) and township_of(n) == township]
            blobs = repository.read_blobs(tree[n] for n in names)
            items: dict[str, str] = {}
            for name in names:
                state = township_state(blobs[tree[name]], file=name)
                if state is not None and state.code == township:
                    items.update({i: r.category for i, r in state.items.items()})
            states[township] = items
        return states[township].get(item)

    return category_of


def township_of(name: str) -> str:
    """The township code a list file is named by: ``320115001-东山街道.yaml`` → 320115001."""
    return PurePosixPath(name).stem.split("-", 1)[0]


def spent_records(
    records: Mapping[str, tuple[AdjustmentRecord, str]],
    *,
    policy: Policy,
    category_of: CategoryOf,
    today: dt.date,
) -> dict[str, list[str]]:
    """The records (id -> levels approved) already fully approved at the base, under its policy."""
    spent: dict[str, list[str]] = {}
    for record_id, (record, _) in records.items():
        _, approved, missing = base_status(
            record, policy=policy, category_of=category_of, today=today
        )
        if not missing:
            spent[record_id] = approved
    return spent
