"""`dutylist temp add|close|list` through the CLI: flags, prompts, exit codes, JSON and tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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
def root(copy_sample: Callable[..., Path]) -> Path:
    data = copy_sample("lists")  # the townships a task names must have lists
    folder = data / "temporary/320115"
    folder.mkdir(parents=True)
    for task_id, title, due in (
        ("320115-T2026-005", LONG_TITLE, "2027-01-15"),
        ("320115-T2026-006", "冬春季村庄清洁集中行动", "2027-03-31"),
    ):
        text = TASK.format(id=task_id, county="320115", title=title, due=due)
        (folder / f"{task_id}.yaml").write_text(text, "utf-8")
    return data


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
    args = (*args, "--today", "2027-01-10")
    result = invoke(root, *args)
    assert result.exit_code == 0, result.stderr
    text = (root / "temporary/320115/320115-T2026-005.yaml").read_text("utf-8")
    assert "closed: {date: 2027-01-10, note: 已完成}" in text and "# 到期销号" in text
    again = invoke(root, *args)
    assert again.exit_code == 1
    assert "已于 2027-01-10 销号" in again.stderr


def test_close_errors(root: Path) -> None:
    unknown = invoke(root, "temp", "close", "NOPE", "--date", "2026-10-10", "--note", "x")
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


# -- checked like validate checks it, before anything is written (issue 9) ----------------------
def test_add_refuses_a_township_without_a_list_and_writes_nothing(root: Path) -> None:
    flags = list(ADD_FLAGS)
    flags[flags.index("320115002")] = "320115099"
    result = invoke(root, "temp", "add", *flags)
    assert result.exit_code == 1, result.stderr
    assert "DL505" in result.stderr and "乡镇 320115099 在 320115 没有清单" in result.stderr
    assert "dutylist: 临时任务 320115-T2026-009 未登记" in result.stderr
    assert not list(root.rglob("320115-T2026-009*"))


def test_add_refuses_a_county_without_lists(root: Path) -> None:
    flags = list(ADD_FLAGS)
    flags[flags.index("--county") + 1] = "320199"
    flags[flags.index("320115001")] = "320199001"
    flags[flags.index("320115002")] = "320199002"
    result = invoke(root, "temp", "add", *flags, lang="en")
    assert result.exit_code == 1, result.stderr
    assert "township 320199001 has no list in county 320199" in result.stderr
    assert "task 320115-T2026-009 was not registered" in result.stderr
    assert not (root / "temporary/320199").exists()


def test_add_shows_warnings_and_registers_the_task(root: Path) -> None:
    result = invoke(root, "temp", "add", *ADD_FLAGS, "--today", "2026-10-31")
    assert result.exit_code == 0, result.stderr
    assert "DL504" in result.stderr  # registered after its due date: overdue already
    assert (root / "temporary/320115/320115-T2026-009.yaml").is_file()


def test_close_refuses_a_date_after_today(root: Path) -> None:
    path = root / "temporary/320115/320115-T2026-005.yaml"
    before = path.read_text("utf-8")
    args = ("temp", "close", "320115-T2026-005", "--note", "已完成")
    tomorrow = invoke(root, *args, "--date", "2027-01-02", "--today", "2027-01-01")
    assert tomorrow.exit_code == 2, tomorrow.stderr
    assert "--date 无效：销号日期 2027-01-02 晚于今天 2027-01-01" in tomorrow.stderr
    far = invoke(root, *args, "--date", "2999-01-01")  # today is the clock's
    assert far.exit_code == 2 and "晚于今天" in far.stderr
    assert path.read_text("utf-8") == before
    today = invoke(root, *args, "--date", "2027-01-01", "--today", "2027-01-01")
    assert today.exit_code == 0, today.stderr


# -- concurrent runs: real processes, released together -----------------------------------------
_RELEASED_TOGETHER = """\
import sys, time
from pathlib import Path
from dutylist_cli.cli.main import run
import dutylist_cli.cli.temp, dutylist_cli.ledger.temporary_tasks  # warm up
import dutylist_cli.validation.checking
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.001)
run(sys.argv[3:])
"""


def run_together(
    root: Path, runs: list[list[str]], tmp_path: Path
) -> list[subprocess.CompletedProcess[str]]:
    """Start one CLI process per argument list, let them all start up, then release them at once."""
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    go = tmp_path / "go"
    processes = []
    for index, args in enumerate(runs):
        ready = tmp_path / f"ready-{index}"
        command = [sys.executable, "-c", _RELEASED_TOGETHER, str(ready), str(go), *args]
        processes.append(
            (
                ready,
                subprocess.Popen(
                    command,
                    cwd=root,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    deadline = time.monotonic() + 120
    while not all(ready.exists() for ready, _ in processes) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    done = []
    for _, process in processes:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_concurrent_adds_of_one_id_register_it_exactly_once(root: Path, tmp_path: Path) -> None:
    runs = []
    for index in range(5):
        flags = list(ADD_FLAGS)
        flags[flags.index("--id") + 1] = "320115-T2030-009"
        flags[flags.index("--title") + 1] = f"入户登记第{index}批"
        runs.append(["temp", "add", *flags, "--root", str(root)])
    done = run_together(root, runs, tmp_path)
    codes = sorted(run.returncode for run in done)
    assert codes == [0, 2, 2, 2, 2], [(run.returncode, run.stderr) for run in done]
    (winner,) = [index for index, run in enumerate(done) if run.returncode == 0]
    for run in done:
        assert "Traceback" not in run.stderr
        if run.returncode == 2:
            assert "任务 320115-T2030-009 已存在" in run.stderr
    (written,) = root.glob("temporary/*/320115-T2030-009*")
    assert f"title: 入户登记第{winner}批\n" in written.read_text("utf-8")
    assert [p.name for p in written.parent.iterdir() if p.name.startswith(".")] == []


def test_concurrent_closes_record_exactly_one_closure(root: Path, tmp_path: Path) -> None:
    path = root / "temporary/320115/320115-T2020-001.yaml"
    old = TASK.format(id="320115-T2020-001", county="320115", title="普查", due="2020-06-30")
    path.write_text(old.replace("2026-09-15", "2020-01-15").replace("2026-09-10", "2020-01-10"))
    runs = [
        ["temp", "close", "320115-T2020-001", "--date", "2020-06-01", "--note", f"完成-{index}"]
        for index in range(5)
    ]
    done = run_together(root, [[*args, "--root", str(root)] for args in runs], tmp_path)
    codes = sorted(run.returncode for run in done)
    assert codes == [0, 1, 1, 1, 1], [(run.returncode, run.stderr) for run in done]
    (winner,) = [index for index, run in enumerate(done) if run.returncode == 0]
    for run in done:
        assert "Traceback" not in run.stderr
        if run.returncode == 1:
            assert "任务 320115-T2020-001 已于 2020-06-01 销号，未作改动" in run.stderr
    text = path.read_text("utf-8")
    assert f"closed: {{date: 2020-06-01, note: 完成-{winner}}}" in text
    assert text.count("closed:") == 1
