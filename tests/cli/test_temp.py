"""`dutylist temp add|close|list` through the CLI: flags, prompts, exit codes, JSON and tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dutylist_cli import messages
from dutylist_cli.cli import temp

CONFIG = 'schema: dutylist/config/1\nprovince: {code: "32", name: 江苏省}\ndomains: [党的建设]\n'
TASK = """\
# yaml-language-server: $schema=../../schemas/temporary-task.schema.json
schema: dutylist/temporary-task/1
id: {id}
county: "{county}"
title: {title}
townships: [all]
decision: {{body: 江宁区委, document: 江宁委〔2026〕62号, date: 2026-09-10}}
start: 2026-09-15
due: {due}
status: open   # 到期销号
closed: null
"""
LONG_TITLE = "区和镇（乡）两级人大代表换届选举选民登记和投票站设置以及选举日当天的组织协调保障工作"
ADD_FLAGS = [
    "--id",
    "320115-T2026-009",
    "--county",
    "320115",
    "--title",
    "配合开展第五次全国经济普查入户登记",
    "--township",
    "320115001",
    "--township",
    "320115002",
    "--decision-body",
    "江宁区委",
    "--decision-document",
    "江宁委〔2026〕15号",
    "--decision-date",
    "2026-06-01",
    "--start",
    "2026-06-01",
    "--due",
    "2026-09-30",
]


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield
    messages.set_language("zh")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "dutylist.yaml").write_text(CONFIG, "utf-8")
    folder = tmp_path / "temporary/320115"
    folder.mkdir(parents=True)
    for task_id, title, due in (
        ("320115-T2026-005", LONG_TITLE, "2027-01-15"),
        ("320115-T2026-006", "冬春季村庄清洁集中行动", "2027-03-31"),
    ):
        text = TASK.format(id=task_id, county="320115", title=title, due=due)
        (folder / f"{task_id}.yaml").write_text(text, "utf-8")
    return tmp_path


def invoke(root: Path, *args: str, lang: str = "zh", stdin: str | None = None) -> Result:
    from dutylist_cli.cli.main import _register, app

    if not any(group.name == "temp" for group in app.registered_groups):
        _register()
    return CliRunner().invoke(app, [*args, "--root", str(root), "--lang", lang], input=stdin)


def test_add_with_flags_writes_the_task(root: Path) -> None:
    result = invoke(root, "temp", "add", *ADD_FLAGS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "已登记临时任务 320115-T2026-009：temporary/320115/320115-T2026-009.yaml"
    )
    text = (root / "temporary/320115/320115-T2026-009.yaml").read_text("utf-8")
    assert 'townships: ["320115001", "320115002"]' in text


def test_add_without_a_terminal_names_what_is_missing(root: Path) -> None:
    result = invoke(root, "temp", "add", "--id", "X-1", "--title", "任务")
    assert result.exit_code == 2
    assert "缺少必填项：--county, --township, --decision-body" in result.stderr
    assert not list((root / "temporary").rglob("X-1*"))


def test_add_prompts_on_a_terminal(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(temp, "_interactive", lambda: True)
    answers = "\n".join(
        [
            "320115",  # county
            "320115001，320115003",  # townships, with a full-width comma
            "江宁区委",
            "江宁委〔2026〕70号",
            "2026-07-01",  # decision date
            "",  # start: defaults to the decision date
            "2026-08-31",
        ]
    )
    result = invoke(root, "temp", "add", "--id", "T-7", "--title", "入户登记", stdin=answers + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "决定日期（YYYY-MM-DD）" in result.stdout
    text = (root / "temporary/320115/T-7.yaml").read_text("utf-8")
    assert 'townships: ["320115001", "320115003"]' in text
    assert "start: 2026-07-01\n" in text


@pytest.mark.parametrize(
    ("flag", "value", "named"),
    [
        ("--due", "2026-05-01", "--due"),
        ("--decision-date", "2026-02-30", "--decision-date (decision.date)"),
        ("--county", "3201150", "--county"),
    ],
)
def test_add_bad_values_exit_2_naming_the_option(
    root: Path, flag: str, value: str, named: str
) -> None:
    flags = list(ADD_FLAGS)
    flags[flags.index(flag) + 1] = value
    result = invoke(root, "temp", "add", *flags)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dutylist: {named} 无效：")


def test_add_refuses_an_existing_id(root: Path) -> None:
    flags = list(ADD_FLAGS)
    flags[1] = "320115-T2026-005"
    result = invoke(root, "temp", "add", *flags)
    assert result.exit_code == 2
    assert "已存在" in result.stderr


def test_close_then_close_again(root: Path) -> None:
    args = ("temp", "close", "320115-T2026-005", "--date", "2027-01-10", "--note", "已完成")
    result = invoke(root, *args)
    assert result.exit_code == 0, result.stderr
    text = (root / "temporary/320115/320115-T2026-005.yaml").read_text("utf-8")
    assert "closed: {date: 2027-01-10, note: 已完成}" in text and "# 到期销号" in text
    again = invoke(root, *args)
    assert again.exit_code == 1
    assert "已于 2027-01-10 销号" in again.stderr


def test_close_errors(root: Path) -> None:
    unknown = invoke(root, "temp", "close", "NOPE", "--date", "2027-01-10", "--note", "x")
    assert unknown.exit_code == 2 and "找不到临时任务 NOPE" in unknown.stderr
    early = invoke(root, "temp", "close", "320115-T2026-005", "--date", "2026-01-10", "--note", "x")
    assert early.exit_code == 2 and "早于任务开始日期" in early.stderr
    missing = invoke(root, "temp", "close", "320115-T2026-005")
    assert missing.exit_code == 2 and "--date, --note" in missing.stderr


def test_list_json_is_the_contract(root: Path) -> None:
    result = invoke(root, "temp", "list", "--today", "2027-02-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(t["id"], t["status"], t["due"], t["overdue"]) for t in report["tasks"]] == [
        ("320115-T2026-005", "open", "2027-01-15", True),
        ("320115-T2026-006", "open", "2027-03-31", False),
    ]
    assert set(report) == {"tasks"}
    assert set(report["tasks"][0]) == {"id", "county", "status", "due", "overdue", "title"}
    overdue = invoke(root, "temp", "list", "--overdue", "--today", "2027-02-01", "-f", "json")
    assert [t["id"] for t in json.loads(overdue.stdout)["tasks"]] == ["320115-T2026-005"]
    other = invoke(root, "temp", "list", "--county", "320116", "--format", "json")
    assert json.loads(other.stdout) == {"tasks": []}


def test_list_text_folds_long_chinese_titles(root: Path) -> None:
    result = invoke(root, "temp", "list", "--today", "2027-02-01")
    assert result.exit_code == 0, result.stderr
    for heading in ("编号", "标题", "乡镇", "时限", "状态", "逾期天数"):
        assert heading in result.stdout
    assert "…" not in result.stdout
    folded = "".join(
        line.split("│")[2].strip() for line in result.stdout.splitlines() if "│" in line
    )
    assert LONG_TITLE in folded
    assert "共 2 项任务，其中逾期 1 项" in result.stdout


def test_list_in_english(root: Path) -> None:
    result = invoke(root, "temp", "list", "--today", "2027-02-01", lang="en")
    assert "days overdue" in result.stdout and "open" in result.stdout


def test_unreadable_tasks_are_reported_and_the_rest_listed(root: Path) -> None:
    (root / "temporary/320115/broken.yaml").write_text("id: [\n", "utf-8")
    result = invoke(root, "temp", "list", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["tasks"]) == 2
    assert "无法读取 temporary/320115/broken.yaml" in result.stderr


def test_bad_format_is_a_usage_error(root: Path) -> None:
    assert invoke(root, "temp", "list", "--format", "xml").exit_code == 2


def test_list_in_a_real_process(root: Path) -> None:
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    args = ["temp", "list", "--overdue", "--format", "json", "--today", "2027-04-01"]
    result = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *args],
        cwd=root / "temporary",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["tasks"]) == 2
