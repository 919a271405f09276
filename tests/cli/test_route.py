"""`dutylist route` through the CLI on real git repositories: JSON contract, exit codes, explain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import route_scenarios as scenario
from dutylist_cli.cli.main import _register, app

if not any(command.name == "route" for command in app.registered_commands):
    _register()

CHANGE_KEYS = ["township", "item", "change", "heavier", "record"]
CHANGE_TAIL = ["route", "required", "approved", "missing", "status"]


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["route", "--root", str(root), "--today", scenario.TODAY, *args]
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def route_json(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(root, "--format", "json", *args)
    return code, json.loads(out)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.make_repository(tmp_path)


def test_json_follows_the_contract(repo: Path) -> None:
    scenario.admission_pending(repo)
    scenario.editorial(repo)
    code, report = route_json(repo, "base")
    assert code == 0  # route reports; only --exit-code fails on blocked changes
    assert list(report) == ["changes", "records"]
    by_item = {c["item"]: c for c in report["changes"]}
    assert list(by_item["C025"]) == [*CHANGE_KEYS, "trigger", *CHANGE_TAIL]
    assert list(by_item["B003"]) == [*CHANGE_KEYS, *CHANGE_TAIL]
    assert by_item["C025"]["status"] == "pending" and by_item["C025"]["missing"] == ["province"]
    assert by_item["B003"]["route"] == "editorial" and by_item["B003"]["record"] is None
    assert report["records"] == [
        {"id": "320115-2026-001", "route": "admission", "status": "pending", "unused_changes": []}
    ]


def test_exit_code_when_a_change_is_blocked(repo: Path) -> None:
    scenario.heavier_move_without_record(repo)
    assert run(repo, "base")[0] == 0
    code, report = route_json(repo, "base", "--exit-code")
    assert code == 1
    assert [c["status"] for c in report["changes"]] == ["unauthorised"]


def test_exit_code_zero_when_everything_is_approved(repo: Path) -> None:
    scenario.dynamic_ok(repo)
    scenario.removal_ok(repo)
    scenario.editorial(repo)
    code, report = route_json(repo, "--exit-code")  # OLD defaults to HEAD
    assert code == 0
    assert {c["item"]: c["route"] for c in report["changes"]} == {
        "B003": "editorial",
        "B041": "dynamic",
        "C023": "dynamic",
    }


def test_old_and_new_revisions(repo: Path) -> None:
    scenario.admission_pending(repo)
    scenario.commit_all(repo, "职责准入", date="2026-10-10T09:00:00+08:00")
    code, report = route_json(repo, "base", "HEAD")
    assert code == 0 and [c["item"] for c in report["changes"]] == ["C025"]
    code, report = route_json(repo, "HEAD")
    assert report == {"changes": [], "records": []}


def test_text_and_markdown(repo: Path) -> None:
    scenario.admission_pending(repo)
    scenario.heavier_move_without_record(repo)
    code, out, _ = run(repo, "base")
    assert code == 0
    assert "320115001 东山街道" in out
    assert "C025 电动自行车充电安全巡查" in out and "待省级审批" in out
    assert "需补调整记录（职责准入，须经县级、市级、省级审批）" in out
    code, out, _ = run(repo, "base", "--format", "markdown", "--lang", "en")
    assert "### admission (2)" in out
    assert "awaiting province approval" in out and "needs an adjustment record" in out


def test_text_names_fields_by_their_published_headings(repo: Path) -> None:
    scenario.editorial(repo)
    code, out, _ = run(repo, "base", "--lang", "zh")
    assert code == 0
    assert "修改（具体内容）" in out and "content" not in out
    code, out, _ = run(repo, "base", "--lang", "en")
    assert "1 change:" in out and "1 changes" not in out


def test_explain_prints_the_policy_in_chinese(repo: Path) -> None:
    code, out, _ = run(repo, "--explain")
    assert code == 0
    assert "职责准入（admission）：须经县级、市级、省级审批" in out
    assert "动态调整（dynamic）：须经县级审批" in out
    assert "县级以上部门动议（department_proposal）：新增或加重职责 → 职责准入" in out
    assert "上级部门收回事项 → 基本履职事项" in out
    assert "默认策略" in out
    # the gate's rules (issue 9): records by action and spent, approvals, base policy, registry
    for rule in ("动作不符的记录不算数", "已经用过", "不得为空", "对比基准的路由策略", "部门名录"):
        assert rule in out, rule
    assert "及时报告→及时查处" in out  # editorial is normalised equality only
    code, out, _ = run(repo, "--explain", "--lang", "en")
    assert "admission: county, city, province approval" in out
    assert "department_proposal: adds and heavier duties → admission" in out


def test_explain_shows_an_override(repo: Path) -> None:
    scenario.override_department_proposal(repo)
    # not committed yet: the policy in force is still the base's, and a note says so
    code, out, err = run(repo, "--explain")
    assert code == 0 and "默认策略" in out
    assert "工作区的 dutylist.yaml 修改了路由策略" in err
    scenario.commit_all(repo, "本省路由策略", date="2026-10-05T09:00:00+08:00")
    code, out, _ = run(repo, "--explain")
    assert code == 0
    assert "已应用 dutylist.yaml 中 policy 的覆盖" in out
    assert "县级以上部门动议（department_proposal）：任何变动 → 动态调整" in out
    code, out, _ = run(repo, "--explain", "--format", "json")
    policy = json.loads(out)
    assert policy["overridden"] is True
    assert policy["triggers"]["department_proposal"] == {"heavier": "dynamic", "lighter": "dynamic"}
    assert policy["approvals"]["admission"] == ["county", "city", "province"]


def test_usage_errors_exit_2(repo: Path) -> None:
    code, _, err = run(repo, "no-such-revision")
    assert code == 2 and "no-such-revision" in err
    assert run(repo, "--format", "sarif")[0] == 2
    assert run(repo.parent, "base")[0] == 2  # no dutylist.yaml there
