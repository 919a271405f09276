"""Pull requests written to sneak past the gate, each on a real git repository, each refused.

The base commit is the bundled sample (tag ``base``); every test writes the pull request's
working tree and runs `dutylist check --base base` through the CLI. The controls beside them (a
properly approved admission, a punctuation-only edit, an alias written out in full) pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import route_scenarios as scenario
from dutylist_cli.cli.main import _register, app

if not any(command.name == "check" for command in app.registered_commands):
    _register()

REGISTRY = "lists/320115-江宁区/320115.yaml"
C024_BLOCK_START = "  - id: C024\n"
GATE = ("check", "--base", "base", "--today", scenario.TODAY, "--no-cache")


def check(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app,
        [*GATE, "--root", str(root), "--format", "json", *args],
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, json.loads(result.stdout)


def change_of(report: dict[str, Any], item: str) -> dict[str, Any]:
    [change] = [c for c in report["route"]["changes"] if c["item"] == item]
    return change


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.make_repository(tmp_path)


def write_move_record(root: Path, record_id: str, *, item: str, to: str) -> None:
    """A provincial requirement, county-approved, to move 东山's ``item`` ``to`` a category."""
    (root / f"adjustments/320115/{record_id}.yaml").write_text(
        "schema: dutylist/adjustment/1\n"
        f"id: {record_id}\n"
        'county: "320115"\n'
        "trigger: provincial_requirement\n"
        "proposed: 2026-09-01\n"
        "summary: 调整事项类别\n"
        "changes:\n"
        f'  - {{township: "320115001", action: move, item: {item}, to: {to}}}\n'
        "approvals:\n"
        f"  - {scenario.COUNTY_APPROVAL}\n",
        "utf-8",
    )


def move_cooperative_to_basic(root: Path, item: str, basic_block: str) -> None:
    scenario.remove_item(root, scenario.DONGSHAN, item)
    scenario.append_item(root, scenario.DONGSHAN, "basic", basic_block)


C024_AS_BASIC = """\
  - id: C024
    name: 城镇燃气安全检查
    domain: 应急管理
    content: >-
      组织对餐饮场所、出租房屋等燃气用户开展安全检查，查处私接燃气管道行为。
"""


# -- 1. an old approved record keeps authorising ---------------------------------------------
def test_an_approved_add_record_does_not_authorise_moving_the_item(repo: Path) -> None:
    """320115-2025-007 added C024 in 2025; it cannot carry C024 up into the basic duties."""
    move_cooperative_to_basic(repo, "C024", C024_AS_BASIC)
    code, report = check(repo)
    change = change_of(report, "C024")
    assert code == 1 and report["ok"] is False
    assert (change["change"], change["heavier"], change["status"]) == (
        "moved",
        True,
        "unauthorised",
    )
    assert change["record"] is None and change["route"] == "admission"
    assert change["considered"] == [
        {"record": "320115-2025-007", "action": "add", "reason": "action"}
    ]


def test_an_approved_add_record_does_not_authorise_a_new_lead(repo: Path) -> None:
    scenario.edit(
        repo,
        scenario.DONGSHAN,
        C024_BLOCK_START
        + "    name: 城镇燃气安全检查\n    domain: 应急管理\n    lead: 区城市管理局\n",
        C024_BLOCK_START
        + "    name: 城镇燃气安全检查\n    domain: 应急管理\n    lead: 区住房和城乡建设局\n",
    )
    code, report = check(repo)
    change = change_of(report, "C024")
    assert code == 1
    assert (change["change"], change["status"]) == ("modified", "unauthorised")
    assert change["considered"][0]["reason"] == "action"


def test_an_approved_add_record_does_not_authorise_removing_the_item(repo: Path) -> None:
    scenario.remove_item(repo, scenario.DONGSHAN, "C024")
    code, report = check(repo)
    change = change_of(report, "C024")
    assert code == 1 and (change["change"], change["status"]) == ("removed", "unauthorised")


def test_a_record_spent_at_the_base_authorises_no_new_modification(repo: Path) -> None:
    """320115-2025-011 (law_change, county-approved) modified 秣陵 B015 and landed with it."""
    scenario.edit(
        repo,
        scenario.MOLING,
        "审核集体经济组织年度收益分配方案。",
        "审核集体经济组织年度收益分配方案，负责集体资产处置审批。",
    )
    code, report = check(repo)
    change = change_of(report, "B015")
    assert code == 1 and change["status"] == "unauthorised"
    assert change["considered"] == [
        {"record": "320115-2025-011", "action": "modify", "reason": "spent"}
    ]


def test_a_spent_record_edited_in_the_pull_request_is_still_spent(repo: Path) -> None:
    """Adding the change to the old approved record is an edit of an approved record too."""
    move_cooperative_to_basic(repo, "C024", C024_AS_BASIC)
    scenario.edit(
        repo,
        scenario.APPROVED_AT_BASE,
        '  - {township: "320115001", action: add, item: C024}\n',
        '  - {township: "320115001", action: move, item: C024}\n',
    )
    code, report = check(repo)
    assert code == 1
    assert change_of(report, "C024")["considered"][0]["reason"] == "spent"
    assert [e["id"] for e in report["immutable"]] == ["320115-2025-007"]


def test_a_move_record_authorises_only_the_category_it_names(repo: Path) -> None:
    write_move_record(repo, "320115-2026-010", item="C024", to="recovered")
    move_cooperative_to_basic(repo, "C024", C024_AS_BASIC)
    code, report = check(repo)
    change = change_of(report, "C024")
    assert code == 1 and change["status"] == "unauthorised"
    assert {"record": "320115-2026-010", "action": "move", "to": "recovered"} | {
        "reason": "target"
    } in change["considered"]


def test_control_a_move_record_naming_the_right_category_counts(repo: Path) -> None:
    write_move_record(repo, "320115-2026-010", item="C024", to="basic")
    move_cooperative_to_basic(repo, "C024", C024_AS_BASIC)
    code, report = check(repo)
    change = change_of(report, "C024")
    # provincial_requirement is dynamic whatever the weight: the county's approval suffices
    assert (change["record"], change["route"], change["status"]) == (
        "320115-2026-010",
        "dynamic",
        "ok",
    )
    assert code == 0, report


# -- 3. rewording that changes duties --------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("非法违法生产经营行为及时报告", "非法违法生产经营行为及时查处"),
        ("开展防火巡查", "开展防火执法"),
        ("摸排辖区危险化学品", "负责辖区危险化学品"),
    ],
)
def test_a_changed_verb_of_duty_is_not_editorial(repo: Path, old: str, new: str) -> None:
    scenario.edit(repo, scenario.DONGSHAN, old, new)
    code, report = check(repo)
    [change] = report["route"]["changes"]
    assert (change["route"], change["status"]) == ("dynamic", "unauthorised")
    assert code == 1


def test_control_punctuation_and_width_only_is_editorial(repo: Path) -> None:
    scenario.edit(
        repo,
        scenario.DONGSHAN,
        "拍照取证后报告区城市管理局，做好",
        "拍照取证后报告区城市管理局,  做好",
    )
    code, report = check(repo)
    [change] = report["route"]["changes"]
    assert (change["route"], change["status"]) == ("editorial", "ok")
    assert code == 0


def test_a_small_edit_allowance_is_opt_in_policy(repo: Path) -> None:
    with (repo / "dutylist.yaml").open("a", encoding="utf-8") as config:
        config.write("policy:\n  editorial: {max_chars: 3, min_ratio: 0.9}\n")
    scenario.commit_all(repo, "本省策略：容许三字以内的文字修改", date="2026-10-05T09:00:00+08:00")
    scenario.git(repo, "tag", "-f", "base")
    scenario.edit(repo, scenario.DONGSHAN, "监督管理，组织重点行业", "监督管理，组织重点行業")
    code, report = check(repo)
    [change] = report["route"]["changes"]
    assert change["route"] == "editorial" and code == 0


# -- 4. blank approvals ------------------------------------------------------------------------
@pytest.mark.parametrize("blank", ['""', '"   "', '"\u3000"'])
def test_a_blank_province_approval_does_not_count(repo: Path, blank: str) -> None:
    scenario.append_item(repo, scenario.DONGSHAN, "cooperative", scenario.NEW_COOPERATIVE)
    scenario.write_record(
        repo,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[
            scenario.COUNTY_APPROVAL,
            scenario.CITY_APPROVAL,
            f"{{level: province, body: {blank}, document: {blank}, date: 2026-10-08}}",
        ],
    )
    code, report = check(repo)
    change = change_of(report, "C025")
    assert code == 1
    assert (change["approved"], change["missing"], change["status"]) == (
        ["county", "city"],
        ["province"],
        "pending",
    )
    codes = [d["code"] for d in report["validate"]["diagnostics"]]
    assert codes.count("DL411") == 2  # body and document, each located at the approval


def test_control_a_properly_approved_admission_passes(repo: Path) -> None:
    scenario.append_item(repo, scenario.DONGSHAN, "cooperative", scenario.NEW_COOPERATIVE)
    scenario.write_record(
        repo,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[scenario.COUNTY_APPROVAL, scenario.CITY_APPROVAL, scenario.PROVINCE_APPROVAL],
    )
    code, report = check(repo)
    assert change_of(report, "C025")["status"] == "ok"
    assert code == 0 and report["ok"] is True


# -- 5. an alias moved in the registry ---------------------------------------------------------
@pytest.fixture
def alias_repo(repo: Path) -> Path:
    """At the base, 东山 C001 names its lead by the alias 区应急局 (valid with a warning)."""
    scenario.edit(
        repo,
        scenario.DONGSHAN,
        "    name: 安全生产监督管理\n    domain: 应急管理\n    lead: 区应急管理局\n",
        "    name: 安全生产监督管理\n    domain: 应急管理\n    lead: 区应急局\n",
    )
    scenario.commit_all(repo, "C001 主办部门写作简称", date="2026-10-02T10:00:00+08:00")
    scenario.git(repo, "tag", "-f", "base")
    return repo


def test_moving_an_alias_to_another_department_changes_the_lead(alias_repo: Path) -> None:
    scenario.edit(alias_repo, REGISTRY, "aliases: [区应急局]", "aliases: []")
    scenario.edit(
        alias_repo,
        REGISTRY,
        "aliases: [江宁消防救援大队, 区消防大队]",
        "aliases: [江宁消防救援大队, 区消防大队, 区应急局]",
    )
    code, report = check(alias_repo)
    change = change_of(report, "C001")
    assert code == 1
    assert (change["change"], change["status"], change["route"]) == (
        "modified",
        "unauthorised",
        "dynamic",
    )
    diff = _diff_json(alias_repo)
    [modified] = [c for c in diff["changes"] if c["item"] == "C001"]
    assert modified["fields"] == ["lead"] and modified["editorial"] is False
    assert modified["remapped"] == {"lead": {"from": "区应急管理局", "to": "区消防救援大队"}}


def test_control_an_alias_written_out_in_full_is_editorial(alias_repo: Path) -> None:
    scenario.edit(alias_repo, scenario.DONGSHAN, "    lead: 区应急局\n", "    lead: 区应急管理局\n")
    code, report = check(alias_repo)
    change = change_of(report, "C001")
    assert (change["route"], change["status"]) == ("editorial", "ok")
    assert code == 0


def _diff_json(root: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["diff", "base", "--root", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# -- 6. templates: listed for the reviewers ------------------------------------------------------
def test_changed_templates_are_listed_in_the_summary(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates/township.md.j2").write_text("# {{ title }}\n", "utf-8")
    code, report = check(repo)
    assert report["templates"] == ["templates/township.md.j2"]
    assert code == 0  # a layout change is for the reviewers' eyes, not a failure
    result = CliRunner().invoke(
        app,
        [*GATE, "--root", str(repo), "--format", "markdown"],
    )
    assert "templates/township.md.j2" in result.stdout


def test_the_gate_as_a_real_process(repo: Path) -> None:
    move_cooperative_to_basic(repo, "C024", C024_AS_BASIC)
    process = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *GATE, "--format", "text"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1, process.stderr
    assert "调整记录 320115-2025-007 所列为“新增”，与本次变动不符，不算数" in process.stdout


# -- a list turned into a link to a device: git stores links, CI must not read for ever --------
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/stdin"])
def test_a_list_linked_to_a_device_is_refused_not_read(repo: Path, target: str) -> None:
    path = repo / scenario.DONGSHAN
    path.unlink()
    path.symlink_to(target)
    process = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *GATE, "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        stdin=subprocess.PIPE,  # /dev/stdin stays open and empty: reading it would wait
    )
    assert process.returncode == 1, process.stderr
    report = json.loads(process.stdout)
    found = [d for d in report["validate"]["diagnostics"] if d["file"] == scenario.DONGSHAN]
    assert [d["code"] for d in found] == ["DL010"]
    assert "不是普通文件" in found[0]["message"]
