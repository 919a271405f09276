"""`dutylist blame` through the CLI: the last commit per item, uncommitted edits, bad paths."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import history_scenarios as scenario
from dutylist_cli.cli.main import _register, app
from route_scenarios import edit

if not any(command.name == "blame" for command in app.registered_commands):
    _register()

ITEM_KEYS = ["item", "commit", "author", "date"]


def run(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    here = Path.cwd()
    os.chdir(cwd or root)
    try:
        result = CliRunner().invoke(app, ["blame", "--root", str(root), "--lang", "zh", *args])
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def blame_json(root: Path, *args: str, cwd: Path | None = None) -> dict[str, Any]:
    code, out, err = run(root, "--format", "json", *args, cwd=cwd)
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


@pytest.fixture
def story(tmp_path: Path) -> scenario.Story:
    return scenario.story(tmp_path)


def test_items_from_different_commits(story: scenario.Story) -> None:
    report = blame_json(story.root, scenario.RENAMED)
    assert list(report) == ["items"]
    by_item = {line["item"]: line for line in report["items"]}
    assert list(by_item["B001"])[:4] == ITEM_KEYS
    assert by_item["B001"]["commit"] == story.base
    assert by_item["B003"]["commit"] == story.renamed  # changed in the commit that moved the file
    assert by_item["C002"]["commit"] == story.branch  # the branch commit, not the merge
    assert by_item["C002"]["author"] == "李四 <lisi@example.cn>"
    assert by_item["C025"] == {
        "item": "C025",
        "commit": story.added,
        "author": "张三 <zhangsan@example.cn>",
        "date": "2025-03-01T10:00:00+08:00",
        "message": "新增电动自行车充电安全巡查",
        "category": "cooperative",
        "name": "电动自行车充电安全巡查",
        "change": "added",
        "uncommitted": False,
    }
    assert [line["item"] for line in report["items"]][:2] == ["B001", "B002"]  # file order


def test_an_uncommitted_change(story: scenario.Story) -> None:
    edit(story.root, scenario.RENAMED, "组织对沿街店铺", "组织对临街店铺")  # C002
    by_item = {line["item"]: line for line in blame_json(story.root, scenario.RENAMED)["items"]}
    assert by_item["C002"]["commit"] is None and by_item["C002"]["uncommitted"] is True
    assert by_item["C002"]["author"] is None and by_item["C002"]["date"] is None
    assert by_item["C025"]["commit"] == story.added
    code, out, _ = run(story.root, scenario.RENAMED)
    assert code == 0
    c002 = next(line for line in out.splitlines() if "C002" in line)
    assert "未提交" in c002
    assert "工作区中的改动尚未提交" in out


def test_paths_relative_to_the_working_directory_or_the_root(story: scenario.Story) -> None:
    folder = story.root / "lists" / "320115-江宁区"
    from_folder = blame_json(story.root, "320115001-东山新城街道.yaml", cwd=folder)
    absolute = blame_json(story.root, str(story.root / scenario.RENAMED), cwd=folder)
    assert from_folder == absolute == blame_json(story.root, scenario.RENAMED, cwd=folder)


def test_text_table(story: scenario.Story) -> None:
    code, out, _ = run(story.root, scenario.RENAMED)
    assert code == 0
    header = next(line for line in out.splitlines() if "事项" in line)
    for column in ("名称", "最后修改", "提交人", "日期", "说明"):
        assert column in header
    c025 = next(line for line in out.splitlines() if "C025" in line)
    assert story.added[:8] in c025 and "张三" in c025 and "2025-03-01 10:00" in c025


def test_bad_paths(story: scenario.Story, tmp_path: Path) -> None:
    outside = tmp_path / "外面.yaml"
    outside.write_text("schema: dutylist/township-list/1\n", "utf-8")
    code, out, err = run(story.root, str(outside))
    assert code == 2 and out == "" and "不在数据目录" in err
    code, _, err = run(story.root, "lists/320115-江宁区/320115009-无此街道.yaml")
    assert code == 2 and "不存在" in err
    code, _, err = run(story.root, "adjustments/320115/320115-2026-001.yaml")
    assert code == 2 and "不是可读的乡镇清单" in err
