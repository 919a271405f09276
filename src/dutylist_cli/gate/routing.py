"""The core of `dutylist route`: each change of the diff classified and matched to its records.

A change is *heavier* when the township's responsibility grows (an add into basic or
cooperative, or a move up: recovered→cooperative, recovered→basic, cooperative→basic). Its
record's trigger then decides the route: 职责准入 (admission: county, city, province) or 动态调整
(dynamic: county). Wording-only changes are editorial and need no record; any other change that
no record authorises is unauthorised.

A record authorises a change only when it lists the item with the action the change is (add ↔
added, remove ↔ removed, move ↔ moved, to its ``to:`` category when given, modify ↔ modified)
and it was not already fully approved at the base revision: a record approved at the base has
been spent, its changes landed with it. Routing follows the base revision's policy, so a pull
request cannot loosen the rules it is judged by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist_cli.audit.diffing import STRICT_WORDING, DiffResult, ItemChange, WordingRule
from dutylist_cli.gate.record_standing import approved_levels
from dutylist_cli.model.adjustment import AdjustmentRecord, Change
from dutylist_cli.model.config import RepositoryConfig
from dutylist_cli.model.enums import Action, ApprovalLevel
from dutylist_cli.model.policy import (
    DEFAULT_APPROVALS,
    DEFAULT_HEAVIER_ADDS,
    DEFAULT_HEAVIER_MOVES,
    DEFAULT_TRIGGERS,
    TriggerRule,
)
from dutylist_cli.store.reading import read_data_file

# the record action that authorises each kind of change
ACTION_FOR_CHANGE = {
    "added": Action.ADD,
    "removed": Action.REMOVE,
    "moved": Action.MOVE,
    "modified": Action.MODIFY,
}


@dataclass(frozen=True)
class Policy:
    """The routing table in force: the spec's default with dutylist.yaml's overrides applied."""

    triggers: Mapping[str, TriggerRule]
    approvals: Mapping[str, tuple[ApprovalLevel, ...]]
    heavier_moves: frozenset[tuple[str, str]]
    heavier_adds: frozenset[str]
    overridden: bool = False  # dutylist.yaml has a `policy:` section
    wording: WordingRule = STRICT_WORDING  # what an editorial change may differ in
    section: Any = None  # the `policy:` section as written (JSON data), None when absent

    @classmethod
    def from_config(cls, config: RepositoryConfig | None) -> Policy:
        override = config.policy if config is not None else None
        triggers = dict(DEFAULT_TRIGGERS)
        approvals = {route: tuple(levels) for route, levels in DEFAULT_APPROVALS.items()}
        moves: tuple[str, ...] = DEFAULT_HEAVIER_MOVES
        adds: Iterable[str] = (c.value for c in DEFAULT_HEAVIER_ADDS)
        wording = STRICT_WORDING
        if override is not None:
            if override.editorial is not None:
                wording = WordingRule(override.editorial.max_chars, override.editorial.min_ratio)
            triggers.update(override.triggers)
            approvals.update({r: tuple(levels) for r, levels in override.approvals.items()})
            if override.heavier_moves is not None:
                moves = tuple(override.heavier_moves)
            if override.heavier_adds is not None:
                adds = (c.value for c in override.heavier_adds)
        pairs = frozenset(tuple(m.replace(" ", "").split("->", 1)) for m in moves)
        return cls(
            triggers,
            approvals,
            frozenset((a, b) for a, b in pairs),
            frozenset(adds),
            overridden=override is not None,
            wording=wording,
            section=override.model_dump(mode="json") if override is not None else None,
        )

    def is_heavier(self, change: ItemChange) -> bool:
        if change.change == "added":
            return change.category in self.heavier_adds
        if change.change == "moved":
            return (change.source or "", change.target or "") in self.heavier_moves
        return False

    def route_for(self, trigger: str, *, heavier: bool) -> str:
        rule = self.triggers.get(trigger, TriggerRule(heavier="admission"))
        return rule.heavier if heavier else rule.lighter

    def required(self, route: str) -> list[str]:
        return [level.value for level in self.approvals.get(route, ())]


@dataclass(frozen=True)
class ConsideredRecord:
    """A record that lists the changed item but does not authorise the change, and why."""

    record: str
    action: str  # the action the record lists
    to: str | None  # its `to:` category, for a move
    reason: str  # action | target | spent

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"record": self.record, "action": self.action}
        if self.to is not None:
            out["to"] = self.to
        out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class RouteDecision:
    change: ItemChange
    heavier: bool
    record: str | None
    trigger: str | None
    route: str
    required: list[str]
    approved: list[str]
    missing: list[str]
    status: str  # ok | pending | unauthorised
    considered: tuple[ConsideredRecord, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "township": self.change.township,
            "item": self.change.item,
            "change": self.change.change,
            "heavier": self.heavier,
            "record": self.record,
        }
        if self.trigger is not None:
            out["trigger"] = self.trigger
        out.update(
            route=self.route,
            required=self.required,
            approved=self.approved,
            missing=self.missing,
            status=self.status,
        )
        if self.considered:  # records that list the item but do not count (an extra key)
            out["considered"] = [c.as_json() for c in self.considered]
        return out


@dataclass
class RecordRoute:
    id: str
    file: str
    route: str
    status: str
    required: list[str]
    approved: list[str]
    missing: list[str]
    unused_changes: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "route": self.route,
            "status": self.status,
            "unused_changes": self.unused_changes,
        }


@dataclass
class RouteResult:
    changes: list[RouteDecision]
    records: list[RecordRoute]
    policy: Policy
    townships: dict[str, str] = field(default_factory=dict)  # code -> name, for reports

    @property
    def blocked(self) -> list[RouteDecision]:
        return [d for d in self.changes if d.status != "ok"]

    def as_json(self) -> dict[str, Any]:
        return {
            "changes": [d.as_json() for d in self.changes],
            "records": [r.as_json() for r in self.records],
        }


def why_not(listed: Change, change: ItemChange) -> str | None:
    """Why a record's listed change does not authorise ``change`` (None: it does)."""
    if listed.action is not ACTION_FOR_CHANGE.get(change.change):
        return "action"
    if listed.action is Action.MOVE and listed.to is not None and listed.to.value != change.target:
        return "target"
    return None


def route_changes(
    diff: DiffResult,
    records: Mapping[str, tuple[AdjustmentRecord, str]],
    *,
    policy: Policy,
    today: dt.date,
    touched_records: Iterable[str] = (),
    spent: Mapping[str, list[str]] | None = None,
) -> RouteResult:
    """Classify every change of ``diff`` against the records present in the new state.

    ``spent`` holds the records already fully approved at the base: they authorise nothing.
    """
    spent = spent or {}
    listing: dict[tuple[str, str], list[tuple[str, Change]]] = {}
    for record_id, (record, _) in records.items():
        for listed in record.changes:
            listing.setdefault((listed.township, listed.item), []).append((record_id, listed))
    decisions: list[RouteDecision] = []
    used: dict[str, set[tuple[str, str]]] = {}
    heavy_records: set[str] = set()
    for change in diff.changes:
        heavier = policy.is_heavier(change)
        candidates: list[str] = []
        considered: list[ConsideredRecord] = []
        for record_id, listed in listing.get((change.township, change.item), []):
            reason = why_not(listed, change) or ("spent" if record_id in spent else None)
            if reason is None:
                candidates.append(record_id)
            else:
                to = listed.to.value if listed.to is not None else None
                considered.append(ConsideredRecord(record_id, listed.action.value, to, reason))
        if change.change == "modified" and change.editorial and not candidates:
            decisions.append(
                RouteDecision(change, False, None, None, "editorial", [], [], [], "ok")
            )
            continue
        if not candidates:
            route = "admission" if heavier else "dynamic"
            required = policy.required(route)
            decisions.append(
                RouteDecision(
                    change,
                    heavier,
                    None,
                    None,
                    route,
                    required,
                    [],
                    required,
                    "unauthorised",
                    tuple(considered),
                )
            )
            continue
        options = []
        for record_id in candidates:
            record = records[record_id][0]
            route = policy.route_for(record.trigger.value, heavier=heavier)
            required = policy.required(route)
            approved = approved_levels(record, today=today)
            missing = [level for level in required if level not in approved]
            status = "pending" if missing else "ok"
            options.append(
                RouteDecision(
                    change,
                    heavier,
                    record_id,
                    record.trigger.value,
                    route,
                    required,
                    approved,
                    missing,
                    status,
                    tuple(considered),
                )
            )
        best = min(options, key=lambda d: (len(d.missing), d.record or ""))
        decisions.append(best)
        for record_id in candidates:
            used.setdefault(record_id, set()).add((change.township, change.item))
        if heavier:
            heavy_records.update(candidates)
    reported = list(dict.fromkeys([*used, *(r for r in touched_records if r in records)]))
    return RouteResult(
        decisions,
        [
            _record_route(
                records[r][0],
                records[r][1],
                used.get(r, set()),
                policy=policy,
                today=today,
                heavier=r in heavy_records,
            )
            for r in sorted(reported)
        ],
        policy,
    )


def _record_route(
    record: AdjustmentRecord,
    file: str,
    used: set[tuple[str, str]],
    *,
    policy: Policy,
    today: dt.date,
    heavier: bool,
) -> RecordRoute:
    unused = [
        {"township": c.township, "item": c.item, "action": c.action.value}
        for c in record.changes
        if (c.township, c.item) not in used
    ]
    # a record's own adds count as heavier even when the diff does not show them
    heavier = heavier or any(c["action"] == Action.ADD.value for c in unused)
    route = policy.route_for(record.trigger.value, heavier=heavier)
    required = policy.required(route)
    approved = approved_levels(record, today=today)
    missing = [level for level in required if level not in approved]
    return RecordRoute(
        record.id, file, route, "pending" if missing else "ok", required, approved, missing, unused
    )


# -- reading the records and the config at a state ---------------------------------------------
def load_state_documents(
    root: Path, revision: str | None
) -> tuple[dict[str, tuple[AdjustmentRecord, str]], RepositoryConfig | None]:
    """Adjustment records (id -> (record, file)) and the config at ``revision`` (None: disk)."""
    from dutylist_cli.checks.schema import check_schema
    from dutylist_cli.store.layout import CONFIG_NAME
    from dutylist_cli.store.yaml_source import parse_file

    contents: dict[str, bytes] = {}
    if revision is None:
        from dutylist_cli.store.layout import iter_data_names

        for name in iter_data_names(root):
            if name == CONFIG_NAME or name.startswith("adjustments/"):
                try:
                    contents[name] = read_data_file(root / name)
                except OSError:
                    continue
    else:
        from dutylist_cli.store.git import Repository

        repository = Repository(root)
        tree = {
            **repository.tree(revision, "adjustments"),
            **repository.tree(revision, CONFIG_NAME),
        }
        blobs = repository.read_blobs(tree.values())
        contents = {name: blobs[sha] for name, sha in tree.items()}
    records: dict[str, tuple[AdjustmentRecord, str]] = {}
    config: RepositoryConfig | None = None
    for name, raw in sorted(contents.items()):
        parsed = parse_file(raw, file=name)
        if not parsed.ok:
            continue
        model, _ = check_schema(parsed.data, file=name)
        if isinstance(model, AdjustmentRecord):
            records.setdefault(model.id, (model, name))
        elif isinstance(model, RepositoryConfig) and name == CONFIG_NAME:
            config = model
    return records, config


def route_revisions(root: Path, old: str | None, new: str | None, *, today: dt.date) -> RouteResult:
    """`dutylist route [OLD [NEW]]`: the diff, routed against the records present in NEW.

    OLD is the base: its policy routes the changes (NEW's own `policy:` never judges NEW), and
    its fully approved records are spent.
    """
    from dutylist_cli.audit.diffing import diff_revisions
    from dutylist_cli.gate.record_standing import categories_at, spent_records
    from dutylist_cli.store.git import Repository

    repository = Repository(root)
    old_sha = repository.resolve(old or "HEAD")
    new_sha = repository.resolve(new) if new is not None else None
    base_records, base_config = load_state_documents(root, old_sha)
    policy = Policy.from_config(base_config)
    diff = diff_revisions(root, old, new, wording=policy.wording)
    records, _ = load_state_documents(root, new_sha)
    changed_items = {(c.township, c.item) for c in diff.changes}
    listing_changed = {
        record_id: pair
        for record_id, pair in base_records.items()
        if any((c.township, c.item) in changed_items for c in pair[0].changes)
    }
    spent = spent_records(
        listing_changed,
        policy=policy,
        category_of=categories_at(repository, old_sha),
        today=today,
    )
    touched: list[str] = []
    for change in repository.changed(old_sha, new_sha, folders=["adjustments"]):
        if change.new:
            touched.extend(rid for rid, (_, file) in records.items() if file == change.new)
    result = route_changes(
        diff, records, policy=policy, today=today, touched_records=touched, spent=spent
    )
    result.townships = dict(diff.townships)
    return result


def load_policy(root: Path, revision: str | None) -> Policy:
    """The policy in force at ``revision`` (None: the config on disk)."""
    from dutylist_cli.checks.schema import check_schema
    from dutylist_cli.store.layout import CONFIG_NAME
    from dutylist_cli.store.yaml_source import parse_file

    raw: bytes | None
    if revision is None:
        try:
            raw = read_data_file(root / CONFIG_NAME)
        except OSError:
            raw = None
    else:
        from dutylist_cli.store.git import Repository

        repository = Repository(root)
        raw = repository.read_file(repository.resolve(revision), CONFIG_NAME)
    config: RepositoryConfig | None = None
    if raw is not None:
        parsed = parse_file(raw, file=CONFIG_NAME)
        if parsed.ok:
            model, _ = check_schema(parsed.data, file=CONFIG_NAME)
            config = model if isinstance(model, RepositoryConfig) else None
    return Policy.from_config(config)
