"""The core of `dutylist check`: the pull-request gate over what changed since a base revision.

The gate validates the files changed since the base (and the files that depend on them), routes
the item changes against the adjustment records of the working tree, and looks for edits to
records that were already fully approved at the base: an approved record is immutable, a
correction is a new record. Comments and layout of a record may change (``dutylist fmt``); its
data may not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist_cli.diagnostics import Diagnostic, ValidationResult
from dutylist_cli.gate.record_standing import base_status, categories_at, township_of
from dutylist_cli.gate.routing import Policy, RouteResult
from dutylist_cli.store.reading import read_data_file

OVERDUE_CODE = "DL504"
TEMPLATES_FOLDER = "templates"  # a data repository's own print templates


@dataclass(frozen=True)
class EditedRecord:
    """A record that was fully approved at the base and is changed or gone in the working tree."""

    id: str
    file: str  # the record's file at the base
    change: str  # modified | removed
    route: str  # the route it was approved for
    approved: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file,
            "change": self.change,
            "route": self.route,
            "approved": self.approved,
        }


@dataclass(frozen=True)
class Location:
    """Where a blocked change shows in the working tree: its township list, at the item."""

    file: str
    line: int


@dataclass
class GateResult:
    base: str
    validation: ValidationResult
    routing: RouteResult
    edited: list[EditedRecord]
    locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    policy_changed: bool = False  # dutylist.yaml's `policy:` differs from the base's
    policy_change_allowed: bool = False  # --allow-policy-change: the province's own change
    templates: list[str] = field(default_factory=list)  # print templates changed since base

    @property
    def policy_blocked(self) -> bool:
        """A change of the routing policy is the province's decision and lands on its own."""
        return self.policy_changed and not self.policy_change_allowed

    @property
    def ok(self) -> bool:
        return (
            self.validation.errors == 0
            and not self.routing.blocked
            and not self.edited
            and not self.policy_blocked
        )

    @property
    def overdue(self) -> list[Diagnostic]:
        """Open temporary tasks past their due date, as the validation reported them."""
        return [d for d in self.validation.diagnostics if d.code == OVERDUE_CODE]


def run_gate(
    root: Path,
    *,
    base: str,
    today: dt.date,
    use_cache: bool = True,
    allow_policy_change: bool = False,
) -> GateResult:
    """`dutylist check --base REV`: NEW is the working tree, untracked files included.

    Changes are routed under the base's policy; a change of `policy:` itself fails the gate
    unless ``allow_policy_change`` (the province's reviewers landing it on its own).
    """
    from dutylist_cli.gate.routing import load_policy, route_revisions
    from dutylist_cli.store.git import Repository
    from dutylist_cli.validation.run import validate
    from dutylist_cli.validation.selection import files_to_validate

    repository = Repository(root)
    base_sha = repository.resolve(base)
    selected = files_to_validate(root, paths=None, changed_since=base_sha)
    validation = validate(root, selected=selected, today=today, use_cache=use_cache)
    routing = route_revisions(root, base_sha, None, today=today)
    edited = find_edited_records(root, base_sha, today=today)
    policy_changed = load_policy(root, base_sha).section != load_policy(root, None).section
    templates = sorted(
        {
            name
            for change in repository.changed(base_sha, None, folders=[TEMPLATES_FOLDER])
            for name in (change.new or change.old,)
            if name is not None
        }
    )
    return GateResult(
        base,
        validation,
        routing,
        edited,
        locate_blocked(root, routing),
        policy_changed,
        allow_policy_change,
        templates,
    )


# -- approved records are immutable --------------------------------------------------------------
def find_edited_records(root: Path, base_sha: str, *, today: dt.date) -> list[EditedRecord]:
    """Records fully approved at ``base_sha`` (under the policy then) whose data has changed."""
    from dutylist_cli.gate.routing import load_state_documents
    from dutylist_cli.store.git import Repository

    repository = Repository(root)
    touched = {c.old for c in repository.changed(base_sha, None, ["adjustments"]) if c.old}
    if not touched:
        return []
    base_records, base_config = load_state_documents(root, base_sha)
    candidates = [pair for pair in base_records.values() if pair[1] in touched]
    if not candidates:
        return []
    now, _ = load_state_documents(root, None)
    policy = Policy.from_config(base_config)
    category_of = categories_at(repository, base_sha)
    edited: list[EditedRecord] = []
    for record, file in sorted(candidates, key=lambda pair: pair[0].id):
        current = now.get(record.id)
        if current is not None and current[0].model_dump() == record.model_dump():
            continue  # moved, reformatted or re-commented: the data is the same
        route, approved, missing = base_status(
            record, policy=policy, category_of=category_of, today=today
        )
        if missing:
            continue  # still pending at the base: adding approvals is the normal course
        change = "modified" if current is not None or (root / file).exists() else "removed"
        edited.append(EditedRecord(record.id, file, change, route, approved))
    return edited


# -- where blocked changes show --------------------------------------------------------------
def locate_blocked(root: Path, routing: RouteResult) -> dict[tuple[str, str], Location]:
    """The township list (and the item's line) of each blocked change, in the working tree."""
    from dutylist_cli.audit.diffing import is_list_name
    from dutylist_cli.store.layout import iter_data_names
    from dutylist_cli.store.yaml_source import parse_file

    blocked = routing.blocked
    if not blocked:
        return {}
    files: dict[str, str] = {}
    for data_name in iter_data_names(root):
        if is_list_name(data_name):
            files.setdefault(township_of(data_name), data_name)
    record_files = {r.id: r.file for r in routing.records}
    parsed: dict[str, Any] = {}
    found: dict[tuple[str, str], Location] = {}
    for decision in blocked:
        change = decision.change
        name = files.get(change.township)
        if name is None:
            record_file = record_files.get(decision.record or "")
            if record_file is not None:
                found[(change.township, change.item)] = Location(record_file, 1)
            continue
        if name not in parsed:
            try:
                parsed[name] = parse_file(read_data_file(root / name), file=name)
            except OSError:
                parsed[name] = None
        found[(change.township, change.item)] = Location(
            name, _item_line(parsed[name], change.category, change.item)
        )
    return found


def _item_line(parsed: Any, category: str | None, item: str) -> int:
    if parsed is None or not parsed.ok or not isinstance(parsed.data, dict):
        return 1
    entries = parsed.data.get(category or "")
    if not isinstance(entries, list):
        return 1
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and entry.get("id") == item:
            line: int = parsed.source_map().position(f"/{category}/{index}/id")[0]
            return line
    return 1
