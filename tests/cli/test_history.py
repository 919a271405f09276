"""`dutylist history` through the CLI on real git repositories: the JSON contract, exit codes."""

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

import history_scenarios as scenario
from dutylist_cli.cli.main import _register, app

if not any(command.name == "history" for command in app.registered_commands):
    _register()

ENTRY_KEYS = ["commit", "author", "date", "message", "records", "changes"]
DONGSHAN = "320115001"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["history", "--root", str(root), "--lang", "zh", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def history_json(root: Path, *args: str) -> dict[str, Any]:
    code, out, err = run(root, "--format", "json", *args)
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> scenario.Story:
    return scenario.story(tmp_path_factory.mktemp("story"))


def test_json_follows_the_contract(story: scenario.Story) -> None:
    report = history_json(story.root, DONGSHAN)
    assert list(report) == ["township", "entries"]
    assert report["township"] == DONGSHAN
    entries = report["entries"]
    assert [e["commit"] for e in entries] == [story.branch, story.renamed, story.added, story.base]
    added = entries[2]
    assert list(added) == ENTRY_KEYS
    assert added == {
        "commit": story.added,
        "author": "张三 <zhangsan@example.cn>",
        "date": "2025-03-01T10:00:00+08:00",
        "message": "新增电动自行车充电安全巡查",
        "records": ["320115-2026-001"],
        "changes": [{"item": "C025", "change": "added", "category": "cooperative"}],
    }
    assert entries[0]["author"] == "李四 <lisi@example.cn>"
    assert entries[0]["changes"] == [
        {
            "item": "C002",
            "change": "modified",
            "category": "cooperative",
            "fields": ["township_duties"],
            "editorial": False,
        }
    ]
    # B003 renamed by two characters: not wording under the default rule (only normalisation)
    assert entries[1]["changes"][0]["editorial"] is False


def test_a_clean_merge_has_no_entry(story: scenario.Story) -> None:
    commits = [e["commit"] for e in history_json(story.root, DONGSHAN)["entries"]]
    assert story.branch in commits and story.merge not in commits


def test_the_merge_entry_carries_only_the_resolution(tmp_path: Path) -> None:
    conflict = scenario.conflict(tmp_path)
    code, out, _ = run(conflict.root, DONGSHAN, "--item", "B005")
    assert code == 0 and "合并提交：只列出与各父提交都不同的内容" in out
    entries = history_json(conflict.root, DONGSHAN, "--item", "B005")["entries"]
    assert [e["commit"] for e in entries][:3] == [conflict.merge, conflict.ours, conflict.theirs]
    assert entries[0]["changes"] == [
        {
            "item": "B005",
            "change": "modified",
            "category": "basic",
            "fields": ["content"],
            "editorial": False,
        }
    ]


def test_item_filter(story: scenario.Story) -> None:
    entries = history_json(story.root, DONGSHAN, "--item", "C025")["entries"]
    assert [(e["commit"], [c["item"] for c in e["changes"]]) for e in entries] == [
        (story.added, ["C025"])
    ]


def test_revision(story: scenario.Story) -> None:
    entries = history_json(story.root, DONGSHAN, "--rev", story.renamed + "~1")["entries"]
    assert [e["commit"] for e in entries] == [story.added, story.base]


def test_text_output(story: scenario.Story) -> None:
    code, out, _ = run(story.root, DONGSHAN)
    assert code == 0
    assert out.startswith("东山新城街道（320115001）的变更历史：4 个提交，最新在前")
    assert "张三 <zhangsan@example.cn>" in out
    assert "调整记录：320115-2026-001" in out
    # core.quotepath is on in this repository: Chinese paths still come out unquoted
    assert f"清单文件：{scenario.DONGSHAN} → {scenario.RENAMED}" in out
    # fields by their published headings, as diff and the printed list name them
    assert "~ C002 消防安全检查：修改（镇街配合职责）" in out
    assert "~ B003 基层党组织换届选举工作：修改（事项名称）\n" in out
    assert "township_duties" not in out
    # the first commit created the whole list: counted by category, not listed item by item
    assert re.search(r"\+ 新增 \d+ 项：基本履职事项 \d+ 项、配合履职事项 \d+ 项", out)
    assert "+ B001" not in out


def test_shallow_clone_is_truncated(story: scenario.Story, tmp_path: Path) -> None:
    clone = tmp_path / "浅克隆"
    scenario.git(tmp_path, "clone", "-q", "--depth", "2", story.root.as_uri(), str(clone))
    report = history_json(clone, DONGSHAN)
    assert report["truncated"] is True
    assert story.base not in [e["commit"] for e in report["entries"]]
    code, out, _ = run(clone, DONGSHAN)
    assert code == 0 and "git fetch --unshallow" in out and "--deepen=N" in out


@pytest.mark.parametrize("code", ["32011500", "3201150011", "东山街道", "32011500a"])
def test_a_bad_code_is_a_usage_error(story: scenario.Story, code: str) -> None:
    status, out, err = run(story.root, code)
    assert status == 2 and out == ""
    assert "9 位数字" in err


def test_unknown_revision_and_no_commits(story: scenario.Story, tmp_path: Path) -> None:
    status, _, err = run(story.root, DONGSHAN, "--rev", "no-such-branch")
    assert status == 2 and "no-such-branch" in err
    empty = tmp_path / "空仓库"
    empty.mkdir()
    (empty / "dutylist.yaml").write_text((scenario.REPO / "dutylist.yaml").read_text("utf-8"))
    status, _, err = run(empty, DONGSHAN)
    assert status == 2 and "不是 git 仓库" in err
    scenario.git(empty, "init", "-q")
    status, _, err = run(empty, DONGSHAN)
    assert status == 2 and "还没有任何提交" in err


def test_a_real_subprocess(story: scenario.Story) -> None:
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    result = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "history", DONGSHAN, "--format", "json"],
        cwd=story.root / "lists",
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    assert entries[0]["commit"] == story.branch and entries[2]["author"].startswith("张三")


def test_english_text_and_a_bad_format(story: scenario.Story) -> None:
    result = CliRunner().invoke(
        app, ["history", "--root", str(story.root), "--lang", "en", DONGSHAN]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("History of 东山新城街道 (320115001): 4 commits, newest first")
    assert "C002 消防安全检查: modified (township_duties)" in result.stdout
    assert run(story.root, DONGSHAN, "--format", "xml")[0] == 2


def test_a_record_committed_after_the_list_edit_is_linked(tmp_path: Path) -> None:
    """In a pull request the list edit and the record that approves it often land in two
    commits: the record is still linked to the change it lists (issue 11)."""
    import route_scenarios as routes

    root = routes.make_repository(tmp_path)
    routes.append_item(root, routes.DONGSHAN, "cooperative", routes.NEW_COOPERATIVE)
    routes.commit_all(root, "东山新增电动自行车充电安全巡查", date="2026-10-10T09:00:00+08:00")
    routes.write_record(
        root,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[routes.COUNTY_APPROVAL],
    )
    routes.commit_all(root, "补调整记录", date="2026-10-11T09:00:00+08:00")
    [entry] = history_json(root, DONGSHAN, "--item", "C025")["entries"]
    assert entry["records"] == [] and entry["approved_by"] == ["320115-2026-001"]
    code, out, _ = run(root, DONGSHAN, "--item", "C025")
    assert code == 0 and "批准这些变动的调整记录（在其他提交中）：320115-2026-001" in out
