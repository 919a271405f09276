"""`dutylist check --base REV`, the pull-request gate, through the CLI on real git repositories."""

from __future__ import annotations

import json
import os
import re
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

GOLDEN = Path(__file__).resolve().parents[1] / "reporters" / "golden"
OVERDUE_DAY = "2027-02-01"  # 320115-T2026-005 was due 2027-01-15
BAD_TASK = """\
schema: dutylist/temporary-task/1
id: 320115-T2027-001
county: "320115"
title: 配合开展农村集体资产清查
townships: ["320115001"]
decision: {body: 江宁区人民政府办公室, document: 江宁政办发〔2027〕3号, date: 2027-01-05}
start: 2027-03-10
due: 2027-03-01
status: open
closed: null
"""


def run(root: Path, *args: str, today: str = scenario.TODAY) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["check", "--root", str(root), "--today", today, "--no-cache", *args]
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def check_json(root: Path, *args: str, today: str = scenario.TODAY) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(root, "--base", "base", "--format", "json", *args, today=today)
    return code, json.loads(out)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert path.exists(), f"golden file {name} missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text("utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.make_repository(tmp_path)


@pytest.fixture
def everything(repo: Path) -> Path:
    """Every scenario of the spec in one pull request, plus a task file with an error."""
    scenario.admission_pending(repo)
    scenario.dynamic_ok(repo)
    scenario.heavier_move_without_record(repo)
    scenario.editorial(repo)
    scenario.removal_ok(repo)
    scenario.edit_approved_record(repo)
    (repo / "temporary/320115/320115-T2027-001.yaml").write_text(BAD_TASK, "utf-8")
    return repo


def test_admission_pending_fails_the_gate(repo: Path) -> None:
    scenario.admission_pending(repo)
    code, report = check_json(repo)
    assert code == 1 and report["ok"] is False
    assert list(report)[:3] == ["validate", "route", "ok"]
    assert list(report["validate"]) == ["files", "errors", "warnings", "diagnostics"]
    assert report["validate"]["errors"] == 0
    [change] = report["route"]["changes"]
    assert (change["item"], change["status"], change["missing"]) == (
        "C025",
        "pending",
        ["province"],
    )
    assert report["immutable"] == []


@pytest.mark.parametrize(
    "edit",
    [scenario.dynamic_ok, scenario.editorial, scenario.removal_ok],
    ids=["dynamic", "editorial", "removal"],
)
def test_approved_changes_pass_the_gate(repo: Path, edit: Any) -> None:
    edit(repo)
    code, report = check_json(repo)
    assert code == 0 and report["ok"] is True, report
    [change] = report["route"]["changes"]
    assert change["status"] == "ok"
    assert report["validate"]["errors"] == 0 and report["validate"]["files"] > 0


def test_heavier_move_without_record_fails(repo: Path) -> None:
    scenario.heavier_move_without_record(repo)
    code, report = check_json(repo)
    assert code == 1
    [change] = report["route"]["changes"]
    assert (change["route"], change["status"]) == ("admission", "unauthorised")


def test_edit_to_an_approved_record_fails(repo: Path) -> None:
    scenario.edit_approved_record(repo)
    code, report = check_json(repo)
    assert code == 1 and report["route"]["changes"] == []
    assert report["immutable"] == [
        {
            "id": "320115-2025-007",
            "file": scenario.APPROVED_AT_BASE,
            "change": "modified",
            "route": "admission",
            "approved": ["county", "city", "province"],
        }
    ]
    code, out, _ = run(repo, "--base", "base", "--format", "text")
    assert code == 1
    assert "320115-2025-007（adjustments/320115/320115-2025-007.yaml）在对比基准中已完成审批" in out


def test_policy_override_lets_department_proposal_through(repo: Path) -> None:
    scenario.override_department_proposal(repo)
    scenario.commit_all(repo, "本省路由策略：部门动议走动态调整", date="2026-10-05T09:00:00+08:00")
    scenario.admission_pending(repo)
    code, out, _ = run(repo, "--base", "HEAD", "--format", "json")
    report = json.loads(out)
    assert code == 0, report
    [change] = report["route"]["changes"]
    assert (change["route"], change["required"], change["status"]) == ("dynamic", ["county"], "ok")
    assert report["policy_changed"] is False
    # against the original base the policy changes in the same pull request: it fails, and
    # the change is routed under the base's policy (pending the province)
    code, report = check_json(repo)
    assert code == 1 and report["policy_changed"] is True and report["ok"] is False
    [change] = report["route"]["changes"]
    assert (change["route"], change["status"]) == ("admission", "pending")
    code, out, _ = run(repo, "--base", "base", "--format", "markdown")
    assert code == 1 and "本次修改了 dutylist.yaml 中的路由策略" in out
    code, out, _ = run(repo, "--base", "base", "--format", "text")
    assert "--allow-policy-change" in out and "修改了路由策略" in out
    code, out, _ = run(repo, "--base", "base", "--format", "github")
    assert code == 1 and "::error file=dutylist.yaml" in out


def test_markdown_summary_golden(everything: Path) -> None:
    code, out, err = run(everything, "--base", "base", "--format", "markdown", today=OVERDUE_DAY)
    assert code == 1, err
    for expected in (
        "❌ 未通过",
        "#### 职责准入（2 项）",
        "#### 动态调整（2 项）",
        "#### 文字修改（1 项）",
        "**待省级审批**",
        "需补调整记录",
        "### 逾期未销号的临时任务（1 项）",
        "320115-T2026-005",
        "### 校验错误（1 个）",
        "DL502",
        "### 被修改的已批准记录",
    ):
        assert expected in out, expected
    check_golden("check.zh.md", out)
    code, out, _ = run(
        everything, "--base", "base", "--format", "markdown", "--lang", "en", today=OVERDUE_DAY
    )
    check_golden("check.en.md", out)


def test_text_names_fields_by_their_headings_and_counts_agree(repo: Path) -> None:
    scenario.editorial(repo)
    code, out, _ = run(repo, "--base", "base", "--format", "text", "--lang", "zh")
    assert code == 0, out
    assert "修改（具体内容）" in out and "（content）" not in out
    code, out, _ = run(repo, "--base", "base", "--format", "text", "--lang", "en")
    assert code == 0, out
    assert "1 change:" in out
    assert not re.search(r"\b1 (files|changes|errors|warnings)\b", out)


def test_passing_summary(repo: Path) -> None:
    scenario.dynamic_ok(repo)
    code, out, _ = run(repo, "--base", "base", "--format", "markdown")
    assert code == 0
    assert out.startswith("## dutylist 检查：✅ 通过\n")
    assert "待审批" not in out.split("###")[0].replace("待审批 0 项", "")


def test_github_annotations(everything: Path) -> None:
    code, out, _ = run(everything, "--base", "base", "--format", "github", today=OVERDUE_DAY)
    assert code == 1
    lines = out.splitlines()
    text = (everything / scenario.DONGSHAN).read_text("utf-8").splitlines()
    r004 = text.index("  - id: R004") + 1
    c025 = text.index("  - id: C025") + 1
    assert any(
        line.startswith("::error file=temporary/320115/320115-T2027-001.yaml") for line in lines
    )
    assert any(
        line.startswith("::warning file=temporary/320115/320115-T2026-005.yaml") for line in lines
    )
    assert any(line.startswith(f"::error file={scenario.DONGSHAN},line={r004},") for line in lines)
    assert any(
        line.startswith(f"::error file={scenario.DONGSHAN},line={c025},") and "待省级审批" in line
        for line in lines
    )
    assert any(line.startswith(f"::error file={scenario.APPROVED_AT_BASE},") for line in lines)
    assert lines[-1].startswith("::error title=dutylist check::")


def test_auto_format_is_github_inside_actions(repo: Path) -> None:
    scenario.editorial(repo)
    result = CliRunner().invoke(
        app, ["check", "--root", str(repo), "--base", "base"], env={"GITHUB_ACTIONS": "true"}
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("::notice title=dutylist check::")


def test_usage_errors_exit_2(repo: Path) -> None:
    assert run(repo)[0] == 2  # --base is required
    code, _, err = run(repo, "--base", "no-such-revision")
    assert code == 2 and "no-such-revision" in err
    assert run(repo, "--base", "base", "--format", "sarif")[0] == 2


def test_real_process_in_the_data_root(everything: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "check", "--base", "base", "--format", "json"],
        cwd=everything / "lists",  # the data root is found by walking up
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "DUTYLIST_LANG": "en"},
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["validate"]["errors"] == 1
    statuses = sorted(c["status"] for c in report["route"]["changes"])
    assert statuses == ["ok", "ok", "ok", "pending", "unauthorised"]
    assert [e["id"] for e in report["immutable"]] == ["320115-2025-007"]


# -- data that looks like markup stays text in the pull-request comment (issue 9) -------------
HOSTILE_NAME = "a|b <!-- <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:1)"


def _markdown_tables(text: str) -> list[list[str]]:
    """Each table's rows (header first), split on the pipes that are not escaped."""
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    return tables


def _assert_inert(text: str) -> None:
    for raw in ("<!--", "<script", "<img"):
        assert raw not in text, raw
    assert "&lt;!-- &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "a\\|b" in text
    for table in _markdown_tables(text):
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table


def test_markdown_comment_escapes_item_names(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dutylist_cli import messages

    monkeypatch.setattr(messages, "_language", messages.language())  # --lang en sets it
    scenario.edit(
        repo,
        scenario.DONGSHAN,
        "    name: 加强基层党组织建设\n",
        f"    name: '{HOSTILE_NAME}'\n",
    )
    block = scenario.NEW_COOPERATIVE.replace("电动自行车充电安全巡查", f"'{HOSTILE_NAME} 2'")
    scenario.append_item(repo, scenario.DONGSHAN, "cooperative", block)
    for lang in ("zh", "en"):
        code, out, err = run(repo, "--base", "base", "--format", "markdown", "--lang", lang)
        assert code == 1, err  # neither change has a record
        _assert_inert(out)
        assert len(_markdown_tables(out)) >= 2
    diff = CliRunner().invoke(
        app, ["diff", "--root", str(repo), "base", "--format", "markdown", "--lang", "en"]
    )
    assert diff.exit_code == 0, diff.stderr
    _assert_inert(diff.stdout)
