"""The pull-request gate's core: validation, routing and immutable approved records together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import route_scenarios as scenario
from dutylist_cli.gate.pull_request import EditedRecord, GateResult, base_status, run_gate
from dutylist_cli.gate.routing import Policy
from dutylist_cli.model.adjustment import AdjustmentRecord

TODAY = dt.date(2026, 11, 28)
APPROVED_ID = "320115-2025-007"
C023_RECOVERED = """\
  - id: C023
    name: 烟花爆竹禁放管控
    domain: 平安法治
    department: 区公安分局
    working_mode: 由区公安分局直接实施，街道发现违规燃放及时报告
    basis: [《烟花爆竹安全管理条例》]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.make_repository(tmp_path)


def gate(root: Path, base: str = "base", today: dt.date = TODAY) -> GateResult:
    return run_gate(root, base=base, today=today, use_cache=False)


def test_a_clean_working_tree_passes(repo: Path) -> None:
    result = gate(repo)
    assert result.ok
    assert result.validation.files == 0 and result.routing.changes == []
    assert result.edited == [] and not result.policy_changed


def test_editing_a_record_approved_at_the_base_fails(repo: Path) -> None:
    scenario.edit_approved_record(repo)
    result = gate(repo)
    assert not result.ok
    assert result.edited == [
        EditedRecord(
            APPROVED_ID,
            scenario.APPROVED_AT_BASE,
            "modified",
            "admission",
            ["county", "city", "province"],
        )
    ]
    # the edit itself is valid and routes nothing: only the immutability rule fails it
    assert result.validation.errors == 0 and not result.routing.blocked


def test_comments_and_layout_of_an_approved_record_may_change(repo: Path) -> None:
    scenario.edit(
        repo,
        scenario.APPROVED_AT_BASE,
        "trigger: department_proposal    # 区城市管理局动议，属职责准入，须逐级报省审核",
        "trigger: department_proposal  # 区城市管理局动议（职责准入）",
    )
    scenario.edit(repo, scenario.APPROVED_AT_BASE, 'county: "320115"', "county: '320115'")
    result = gate(repo)
    assert result.edited == [] and result.ok


def test_removing_an_approved_record_fails(repo: Path) -> None:
    (repo / scenario.APPROVED_AT_BASE).unlink()
    [edited] = gate(repo).edited
    assert (edited.id, edited.change) == (APPROVED_ID, "removed")


def test_approvals_may_be_added_to_a_record_pending_at_the_base(repo: Path) -> None:
    record = scenario.admission_pending(repo)
    scenario.commit_all(repo, "职责准入：待省级审批", date="2026-10-10T09:00:00+08:00")
    scenario.edit(
        repo,
        record,
        scenario.CITY_APPROVAL + "\n",
        scenario.CITY_APPROVAL + "\n  - " + scenario.PROVINCE_APPROVAL + "\n",
    )
    pending_before = gate(repo, base="base")
    assert pending_before.ok, pending_before.routing.as_json()
    result = gate(repo, base="HEAD")
    assert result.ok and result.edited == []
    [route] = result.routing.records
    assert (route.id, route.status) == ("320115-2026-001", "ok")


def test_a_lighter_move_approved_by_the_county_is_immutable(repo: Path) -> None:
    """department_proposal moving a duty up to the county is dynamic: the county suffices."""
    scenario.remove_item(repo, scenario.DONGSHAN, "C023")
    scenario.append_item(repo, scenario.DONGSHAN, "recovered", C023_RECOVERED)
    record = scenario.write_record(
        repo,
        "320115-2026-005",
        trigger="department_proposal",
        changes=[("320115001", "move", "C023")],
        approvals=[scenario.COUNTY_APPROVAL],
    )
    first = gate(repo)
    assert [d.route for d in first.routing.changes] == ["dynamic"], first.routing.as_json()
    scenario.commit_all(repo, "烟花爆竹禁放管控由区公安分局收回", date="2026-10-12T09:00:00+08:00")
    scenario.edit(repo, record, "summary: 测试用调整记录", "summary: 改写后的摘要")
    [edited] = gate(repo, base="HEAD").edited
    assert (edited.id, edited.route, edited.approved) == ("320115-2026-005", "dynamic", ["county"])


def test_base_status_counts_unknown_categories_as_heavier() -> None:
    record = AdjustmentRecord.model_validate(
        {
            "schema": "dutylist/adjustment/1",
            "id": "320115-2026-009",
            "county": "320115",
            "trigger": "department_proposal",
            "proposed": "2026-09-01",
            "summary": "测试",
            "changes": [{"township": "320115001", "action": "move", "item": "C009"}],
            "approvals": [
                {"level": "county", "body": "编办", "document": "文", "date": "2026-09-02"}
            ],
        }
    )
    policy = Policy.from_config(None)

    def status(category: str | None) -> tuple[str, list[str], list[str]]:
        return base_status(record, policy=policy, category_of=lambda t, i: category, today=TODAY)

    assert status("recovered") == ("dynamic", ["county"], [])
    assert status("basic") == ("admission", ["county"], ["city", "province"])
    assert status(None) == ("admission", ["county"], ["city", "province"])


def test_blocked_changes_are_located_in_their_township_list(repo: Path) -> None:
    scenario.heavier_move_without_record(repo)
    scenario.admission_pending(repo)
    result = gate(repo)
    assert not result.ok
    lines = (repo / scenario.DONGSHAN).read_text("utf-8").splitlines()
    for item in ("R004", "C025"):
        where = result.locations[("320115001", item)]
        assert where.file == scenario.DONGSHAN
        assert lines[where.line - 1] == f"  - id: {item}"


def test_overdue_tasks_come_with_the_validation(repo: Path) -> None:
    scenario.editorial(repo)
    result = gate(repo, today=dt.date(2027, 2, 1))
    assert result.ok  # an overdue task is a warning, not a failure
    [overdue] = result.overdue
    assert overdue.file == "temporary/320115/320115-T2026-005.yaml"
    assert gate(repo).overdue == []


def test_validation_errors_fail_the_gate(repo: Path) -> None:
    scenario.edit(repo, scenario.DONGSHAN, "lead: 区文化和旅游局\n", "lead: 区文旅中心\n")
    result = gate(repo)
    assert result.validation.errors >= 1 and not result.ok


def test_a_changed_policy_fails_the_gate_and_routes_nothing(repo: Path) -> None:
    """Loosening the policy in the same pull request that needs it: the policy of the base rules."""
    scenario.admission_pending(repo)
    scenario.override_department_proposal(repo)
    result = gate(repo)
    assert result.policy_changed and result.policy_blocked and not result.ok
    [decision] = result.routing.changes
    assert (decision.route, decision.status) == ("admission", "pending")


def test_a_policy_change_alone_passes_with_the_provinces_allowance(repo: Path) -> None:
    scenario.override_department_proposal(repo)
    assert not gate(repo).ok
    allowed = run_gate(repo, base="base", today=TODAY, use_cache=False, allow_policy_change=True)
    assert allowed.ok and allowed.policy_changed and not allowed.policy_blocked
    scenario.commit_all(repo, "采用本省路由策略", date="2026-10-15T09:00:00+08:00")
    assert not gate(repo, base="HEAD").policy_changed
    # once landed, the new policy routes later pull requests
    scenario.admission_pending(repo)
    [decision] = gate(repo, base="HEAD").routing.changes
    assert (decision.route, decision.status) == ("dynamic", "ok")


def test_a_policy_reformatted_is_no_change(repo: Path) -> None:
    scenario.override_department_proposal(repo)
    scenario.commit_all(repo, "本省路由策略", date="2026-10-05T09:00:00+08:00")
    scenario.edit(
        repo,
        "dutylist.yaml",
        "    department_proposal: {heavier: dynamic}\n",
        "    department_proposal:   # 部门动议走动态调整\n      heavier: dynamic\n",
    )
    result = gate(repo, base="HEAD")
    assert not result.policy_changed and result.ok
