"""The routing core on real git repositories: each scenario of the spec, and the policy as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import route_scenarios as scenario
from dutylist_cli.gate.routing import (
    Policy,
    RouteDecision,
    RouteResult,
    load_policy,
    route_revisions,
)
from dutylist_cli.model.config import RepositoryConfig

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.make_repository(tmp_path)


def route(root: Path, old: str | None = "base", new: str | None = None) -> RouteResult:
    return route_revisions(root, old, new, today=TODAY)


def only(result: RouteResult, item: str) -> RouteDecision:
    [decision] = [d for d in result.changes if d.change.item == item]
    return decision


def test_admission_with_county_and_city_only_is_pending(repo: Path) -> None:
    scenario.admission_pending(repo)
    result = route(repo)
    decision = only(result, "C025")
    assert decision.as_json() == {
        "township": "320115001",
        "item": "C025",
        "change": "added",
        "heavier": True,
        "record": "320115-2026-001",
        "trigger": "department_proposal",
        "route": "admission",
        "required": ["county", "city", "province"],
        "approved": ["county", "city"],
        "missing": ["province"],
        "status": "pending",
    }
    assert result.blocked == [decision]
    [record] = result.as_json()["records"]
    assert record == {
        "id": "320115-2026-001",
        "route": "admission",
        "status": "pending",
        "unused_changes": [],
    }
    assert result.townships["320115001"] == "东山街道"


def test_the_province_approval_makes_it_ok(repo: Path) -> None:
    scenario.admission_pending(repo)
    scenario.edit(
        repo,
        "adjustments/320115/320115-2026-001.yaml",
        scenario.CITY_APPROVAL + "\n",
        scenario.CITY_APPROVAL + "\n  - " + scenario.PROVINCE_APPROVAL + "\n",
    )
    decision = only(route(repo), "C025")
    assert (decision.status, decision.missing) == ("ok", [])
    assert decision.approved == ["county", "city", "province"]


def test_dynamic_change_with_county_approval_is_ok(repo: Path) -> None:
    scenario.dynamic_ok(repo)
    decision = only(route(repo), "B041")
    assert decision.change.change == "modified" and decision.change.editorial is False
    assert (decision.heavier, decision.route, decision.status) == (False, "dynamic", "ok")
    assert (decision.record, decision.trigger) == ("320115-2026-002", "law_change")
    assert decision.required == ["county"] == decision.approved


def test_heavier_move_without_record_is_unauthorised(repo: Path) -> None:
    scenario.heavier_move_without_record(repo)
    result = route(repo)
    decision = only(result, "R004")
    assert decision.change.change == "moved"
    assert (decision.change.source, decision.change.target) == ("recovered", "basic")
    assert decision.as_json() == {
        "township": "320115001",
        "item": "R004",
        "change": "moved",
        "heavier": True,
        "record": None,
        "route": "admission",
        "required": ["county", "city", "province"],
        "approved": [],
        "missing": ["county", "city", "province"],
        "status": "unauthorised",
    }
    assert result.records == []


def test_editorial_change_needs_no_record(repo: Path) -> None:
    scenario.editorial(repo)
    result = route(repo)
    decision = only(result, "B003")
    assert decision.as_json() == {
        "township": "320115001",
        "item": "B003",
        "change": "modified",
        "heavier": False,
        "record": None,
        "route": "editorial",
        "required": [],
        "approved": [],
        "missing": [],
        "status": "ok",
    }
    assert not result.blocked and result.records == []


def test_removal_on_township_application_is_dynamic(repo: Path) -> None:
    scenario.removal_ok(repo)
    decision = only(route(repo), "C023")
    assert decision.change.change == "removed"
    assert (decision.heavier, decision.route, decision.status) == (False, "dynamic", "ok")
    assert decision.trigger == "township_application"


def test_removal_under_an_admission_trigger_is_still_dynamic(repo: Path) -> None:
    scenario.remove_item(repo, scenario.MOLING, "C023")
    scenario.write_record(
        repo,
        "320115-2026-004",
        trigger="department_proposal",
        changes=[("320115002", "remove", "C023")],
        approvals=[scenario.COUNTY_APPROVAL],
    )
    decision = only(route(repo), "C023")
    assert (decision.route, decision.required, decision.status) == ("dynamic", ["county"], "ok")


def test_all_scenarios_together_between_two_commits(repo: Path) -> None:
    scenario.admission_pending(repo)
    scenario.dynamic_ok(repo)
    scenario.heavier_move_without_record(repo)
    scenario.editorial(repo)
    scenario.removal_ok(repo)
    scenario.commit_all(repo, "东山、秣陵清单调整", date="2026-11-01T09:00:00+08:00")
    result = route(repo, "base", "HEAD")
    statuses = {d.change.item: (d.route, d.status) for d in result.changes}
    assert statuses == {
        "C025": ("admission", "pending"),
        "B041": ("dynamic", "ok"),
        "R004": ("admission", "unauthorised"),
        "B003": ("editorial", "ok"),
        "C023": ("dynamic", "ok"),
    }
    assert [r.id for r in result.records] == [
        "320115-2026-001",
        "320115-2026-002",
        "320115-2026-003",
    ]
    # the working tree is clean: HEAD against itself has nothing to route
    assert route(repo, "HEAD").changes == []


def test_a_policy_override_routes_the_changes_after_it_landed(repo: Path) -> None:
    scenario.override_department_proposal(repo)
    scenario.commit_all(repo, "本省路由策略", date="2026-10-05T09:00:00+08:00")
    scenario.admission_pending(repo)
    decision = only(route(repo, "HEAD"), "C025")
    assert (decision.route, decision.required, decision.status) == ("dynamic", ["county"], "ok")
    policy = load_policy(repo, None)
    assert policy.overridden
    assert policy.triggers["department_proposal"].heavier == "dynamic"
    assert not load_policy(repo, "base").overridden


def test_a_policy_override_in_the_same_change_does_not_route_it(repo: Path) -> None:
    """The attack: loosen the policy in the pull request that needs the looser policy."""
    scenario.admission_pending(repo)
    scenario.override_department_proposal(repo)
    decision = only(route(repo, "base"), "C025")
    assert (decision.route, decision.status, decision.missing) == (
        "admission",
        "pending",
        ["province"],
    )
    # an empty approval list for every route does not make an empty record pass either
    with (repo / "dutylist.yaml").open("a", encoding="utf-8") as config:
        config.write("  approvals: {admission: [], dynamic: []}\n")
    scenario.write_record(
        repo,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[],
    )
    decision = only(route(repo, "base"), "C025")
    assert (decision.route, decision.status) == ("admission", "pending")
    assert decision.missing == ["county", "city", "province"]


def test_policy_from_config_keeps_defaults_it_does_not_override() -> None:
    config = RepositoryConfig.model_validate(
        {
            "schema": "dutylist/config/1",
            "province": {"code": "33", "name": "浙江省"},
            "domains": ["党的建设"],
            "policy": {
                "triggers": {"law_change": {"heavier": "admission"}},
                "approvals": {"admission": ["县级", "province"]},
                "heavier_moves": ["recovered -> cooperative"],
            },
        }
    )
    policy = Policy.from_config(config)
    assert policy.overridden
    assert policy.route_for("law_change", heavier=True) == "admission"
    assert policy.route_for("law_change", heavier=False) == "dynamic"
    assert policy.route_for("department_proposal", heavier=True) == "admission"
    assert policy.required("admission") == ["county", "province"]
    assert policy.required("dynamic") == ["county"]
    assert policy.heavier_moves == frozenset({("recovered", "cooperative")})
    assert policy.heavier_adds == frozenset({"basic", "cooperative"})
    default = Policy.from_config(None)
    assert not default.overridden
    assert default.required("admission") == ["county", "city", "province"]
