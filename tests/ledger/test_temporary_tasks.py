"""The temporary-task core: add (checked, canonical, never overwriting), close (销号), list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dutylist_cli import messages
from dutylist_cli.errors import ExitCode
from dutylist_cli.ledger import temporary_tasks
from dutylist_cli.ledger.temporary_tasks import (
    MODELINE,
    TaskDraft,
    TaskExists,
    TaskInvalid,
    TaskMissing,
    TaskNotClosable,
    TaskNotFound,
    TaskRefused,
    add_task,
    build_task,
    close_task,
    list_tasks,
    split_townships,
)
from dutylist_cli.store.yaml_writer import canonical_text

ADDED_ON = dt.date(2026, 6, 1)  # today, for add_task
CLOSED_ON = dt.date(2027, 12, 31)  # today, for close_task: after every closing date below
OPEN_TASK = """\
# yaml-language-server: $schema=../../schemas/temporary-task.schema.json
# 区委交办的临时任务
schema: dutylist/temporary-task/1
id: 320115-T2026-002
county: "320115"
title: 冬春季村庄清洁集中行动   # 标题照抄文件
townships: ["320115002", "320115003"]
decision: {body: 江宁区委办公室, document: 江宁委办〔2026〕38号, date: 2026-10-20}
start: 2026-11-01
due: 2027-03-31
status: 未销号        # 状态
closed: null          # 销号后填写
"""
CLOSED_TASK = """\
schema: dutylist/temporary-task/1
id: 320115-T2025-003
county: "320115"
title: 人口抽样调查入户登记
townships: [all]
decision: {body: 江宁区人民政府办公室, document: 江宁政办发〔2025〕41号, date: 2025-08-15}
start: 2025-09-01
due: 2025-11-30
status: closed
closed: {date: 2025-11-26, note: 已完成}
"""


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield
    messages.set_language("zh")


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    data = copy_sample("lists")  # the townships a task names must have lists
    folder = data / "temporary" / "320115"
    folder.mkdir(parents=True)
    (folder / "320115-T2026-002.yaml").write_text(OPEN_TASK, "utf-8")
    (folder / "320115-T2025-003.yaml").write_text(CLOSED_TASK, "utf-8")
    return data


def draft(**changes: object) -> TaskDraft:
    values: dict[str, object] = {
        "id": "320115-T2026-009",
        "county": "320115",
        "title": "配合开展第五次全国经济普查入户登记",
        "townships": ("320115001", "320115002"),
        "decision_body": "江宁区委",
        "decision_document": "江宁委[2026]15号",
        "decision_date": "2026-06-01",
        "start": "2026-06-01",
        "due": "2026-09-30",
    }
    values.update(changes)
    return TaskDraft(**values)  # type: ignore[arg-type]


# -- add ---------------------------------------------------------------------------------------
def test_add_writes_a_canonical_file_with_the_modeline(root: Path) -> None:
    written = add_task(root, draft(), today=ADDED_ON)
    assert written.file == "temporary/320115/320115-T2026-009.yaml"
    text = (root / written.file).read_text("utf-8")
    assert text.startswith(MODELINE)
    assert canonical_text(text) == text  # `fmt --check` leaves it alone
    assert 'county: "320115"\n' in text
    assert 'townships: ["320115001", "320115002"]\n' in text
    assert "document: 江宁委〔2026〕15号" in text  # 文号 brackets normalised as fmt would
    assert text.endswith("status: open\nclosed: null\n")
    assert written.task.due == dt.date(2026, 9, 30)


def test_added_task_validates_cleanly(
    root: Path, validate_json: Callable[..., tuple[int, dict[str, Any]]]
) -> None:
    written = add_task(root, draft(townships=("all",)), today=ADDED_ON)
    code, report = validate_json(root, str(root / written.file), today="2026-07-01")
    assert code == 0, report
    assert report["errors"] == 0


def test_add_refuses_to_overwrite_an_existing_task(root: Path) -> None:
    with pytest.raises(TaskExists) as caught:
        add_task(root, draft(id="320115-T2026-002"), today=ADDED_ON)
    assert caught.value.exit_code == ExitCode.USAGE
    assert "temporary/320115/320115-T2026-002.yaml" in caught.value.message
    assert (root / "temporary/320115/320115-T2026-002.yaml").read_text("utf-8") == OPEN_TASK


def test_add_refuses_an_id_used_in_another_county(root: Path) -> None:
    add_task(root, draft(id="T-1", county="320116", townships=("all",)), today=ADDED_ON)
    with pytest.raises(TaskExists):
        add_task(root, draft(id="T-1"), today=ADDED_ON)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due": "2026-05-31"}, "due"),
        ({"start": "2026-6-1"}, "start"),
        ({"decision_date": "明天"}, "decision.date"),
        ({"county": "32011"}, "county"),
        ({"id": "坏编号"}, "id"),
        ({"townships": ("320115001", "all")}, "townships"),
        ({"townships": ("32011500",)}, "townships"),
        ({"townships": ("320116001",)}, "townships"),
    ],
)
def test_bad_values_name_their_field(root: Path, changes: dict[str, object], field: str) -> None:
    with pytest.raises(TaskInvalid) as caught:
        add_task(root, draft(**changes), today=ADDED_ON)
    assert caught.value.field == field
    assert caught.value.exit_code == ExitCode.USAGE
    assert not list((root / "temporary" / "320115").glob("320115-T2026-009*"))


@pytest.mark.parametrize(("name", "blank"), [("title", "   "), ("decision_body", "\u3000")])
def test_blank_values_are_missing(root: Path, name: str, blank: str) -> None:
    with pytest.raises(TaskMissing) as caught:
        add_task(root, draft(**{name: blank}), today=ADDED_ON)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.fields == [name]


def test_missing_values_are_listed_in_order() -> None:
    incomplete = TaskDraft(id="X", title="t", start=" ")
    assert incomplete.missing() == [
        "county",
        "townships",
        "decision_body",
        "decision_document",
        "decision_date",
        "start",
        "due",
    ]
    with pytest.raises(TaskMissing) as caught:
        build_task(incomplete)
    assert "decision.date" in caught.value.message


def test_townships_split_on_separators_and_all_words() -> None:
    assert split_townships(["320115001, 320115002、320115003", "320115001"]) == (
        "320115001",
        "320115002",
        "320115003",
    )
    assert split_townships(["全部"]) == ("all",)
    assert TaskDraft.from_answers({"townships": "all"}).townships == ("all",)


# -- close -------------------------------------------------------------------------------------
def test_close_keeps_comments_and_other_keys(root: Path) -> None:
    written = close_task(
        root, "320115-T2026-002", date="2027-03-20", note=" 已完成并验收 ", today=CLOSED_ON
    )
    text = (root / written.file).read_text("utf-8")
    assert text.splitlines()[:2] == OPEN_TASK.splitlines()[:2]
    assert "title: 冬春季村庄清洁集中行动   # 标题照抄文件\n" in text
    assert "status: closed" in text and "# 状态" in text
    assert "closed: {date: 2027-03-20, note: 已完成并验收}" in text and "# 销号后填写" in text
    assert written.task.closed is not None
    assert written.task.closed.date == dt.date(2027, 3, 20)
    assert canonical_text(text) == text  # `fmt --check` is content with it
    # everything else is as it was
    before = [line for line in OPEN_TASK.splitlines() if not line.startswith(("status", "closed"))]
    after = [line for line in text.splitlines() if not line.startswith(("status", "closed"))]
    assert before == after


def test_close_inserts_closed_after_status_when_the_key_is_absent(root: Path) -> None:
    path = root / "temporary/320115/320115-T2026-002.yaml"
    text = OPEN_TASK.replace("closed: null          # 销号后填写\n", "")
    path.write_text(
        text.replace("status: 未销号        # 状态\n", "status: open\n# 备注\n"), "utf-8"
    )
    close_task(root, "320115-T2026-002", date="2027-01-01", note="完成", today=CLOSED_ON)
    lines = path.read_text("utf-8").splitlines()
    # a comment line below a key belongs to it, so the new key follows the comment
    assert lines[-3:] == ["status: closed", "# 备注", "closed: {date: 2027-01-01, note: 完成}"]


def test_closing_a_closed_task_changes_nothing(root: Path) -> None:
    path = root / "temporary/320115/320115-T2025-003.yaml"
    with pytest.raises(TaskNotClosable) as caught:
        close_task(root, "320115-T2025-003", date="2025-12-01", note="again", today=CLOSED_ON)
    assert caught.value.exit_code == ExitCode.FINDINGS
    assert "2025-11-26" in caught.value.message
    assert path.read_text("utf-8") == CLOSED_TASK


def test_close_finds_a_task_whose_file_name_differs_from_its_id(root: Path) -> None:
    folder = root / "temporary/320115"
    (folder / "320115-T2026-002.yaml").rename(folder / "misnamed.yaml")
    written = close_task(root, "320115-T2026-002", date="2027-01-01", note="完成", today=CLOSED_ON)
    assert written.file == "temporary/320115/misnamed.yaml"


def test_close_unknown_task_is_a_usage_error(root: Path) -> None:
    with pytest.raises(TaskNotFound) as caught:
        close_task(root, "320115-T2099-001", date="2027-01-01", note="x", today=CLOSED_ON)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.hint


@pytest.mark.parametrize(
    ("date", "note", "field"),
    [("2026-10-31", "完成", "date"), ("2027/01/01", "完成", "date"), ("2027-01-01", " ", "note")],
)
def test_close_checks_its_values(root: Path, date: str, note: str, field: str) -> None:
    with pytest.raises(TaskInvalid) as caught:
        close_task(root, "320115-T2026-002", date=date, note=note, today=CLOSED_ON)
    assert caught.value.field == field
    assert (root / "temporary/320115/320115-T2026-002.yaml").read_text("utf-8") == OPEN_TASK


def test_close_refuses_an_invalid_task_file(root: Path) -> None:
    path = root / "temporary/320115/320115-T2026-002.yaml"
    path.write_text(OPEN_TASK.replace("due: 2027-03-31", "due: 2027-02-30"), "utf-8")
    with pytest.raises(TaskNotClosable) as caught:
        close_task(root, "320115-T2026-002", date="2027-01-01", note="x", today=CLOSED_ON)
    assert "320115-T2026-002.yaml" in caught.value.message


# -- list --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "overdue", "days"),
    [("2027-03-31", False, 0), ("2027-04-01", True, 1), ("2027-05-01", True, 31)],
)
def test_overdue_is_judged_against_today(root: Path, today: str, overdue: bool, days: int) -> None:
    listing = list_tasks(root, today=dt.date.fromisoformat(today))
    by_id = {task.id: task for task in listing.tasks}
    assert by_id["320115-T2026-002"].overdue is overdue
    assert by_id["320115-T2026-002"].overdue_days == days
    assert by_id["320115-T2025-003"].overdue is False  # closed tasks are never overdue


def test_list_json_shape(root: Path) -> None:
    listing = list_tasks(root, today=dt.date(2027, 4, 1), overdue_only=True)
    assert listing.as_json() == {
        "tasks": [
            {
                "id": "320115-T2026-002",
                "county": "320115",
                "status": "open",
                "due": "2027-03-31",
                "overdue": True,
                "title": "冬春季村庄清洁集中行动",
            }
        ]
    }


def test_list_filters_by_county(root: Path) -> None:
    add_task(root, draft(id="T-9", county="320116", townships=("all",)), today=ADDED_ON)
    listing = list_tasks(root, today=dt.date(2026, 1, 1), county="320116")
    assert [task.id for task in listing.tasks] == ["T-9"]
    assert list_tasks(root, today=dt.date(2026, 1, 1), county="999999").tasks == []


def test_unreadable_files_are_reported_not_fatal(root: Path) -> None:
    folder = root / "temporary/320115"
    (folder / "broken.yaml").write_text("schema: [\n", "utf-8")
    (folder / "gbk.yaml").write_bytes("标题: 任务\n".encode("gbk"))
    (folder / "wrong.yaml").write_text(CLOSED_TASK.replace("id: ", "ident: "), "utf-8")
    listing = list_tasks(root, today=dt.date(2027, 1, 1))
    assert len(listing.tasks) == 2
    reasons = {bad.file: bad.reason for bad in listing.unreadable}
    assert set(reasons) == {
        "temporary/320115/broken.yaml",
        "temporary/320115/gbk.yaml",
        "temporary/320115/wrong.yaml",
    }
    assert reasons["temporary/320115/broken.yaml"].startswith("DL001")
    assert "GB" in reasons["temporary/320115/gbk.yaml"]


# -- checked as validate checks it, created exclusively, closed under a lock (issue 9) ----------
def test_add_refuses_what_validate_rejects_and_writes_nothing(root: Path) -> None:
    with pytest.raises(TaskRefused) as caught:
        add_task(root, draft(townships=("320115001", "320115099")), today=ADDED_ON)
    assert caught.value.exit_code == ExitCode.FINDINGS
    assert [(d.code, d.file, d.args["township"]) for d in caught.value.diagnostics] == [
        ("DL505", "temporary/320115/320115-T2026-009.yaml", "320115099")
    ]
    assert caught.value.diagnostics[0].line == 6  # located in the text that was not written
    assert caught.value.root == root
    assert "320115-T2026-009" in caught.value.message
    assert sorted(p.name for p in (root / "temporary/320115").iterdir()) == [
        "320115-T2025-003.yaml",
        "320115-T2026-002.yaml",
    ]
    assert not (root / ".dutylist_cache").exists() or not list(
        (root / ".dutylist_cache").glob("*.tmp")
    )


def test_add_refuses_a_county_that_has_no_lists(root: Path) -> None:
    with pytest.raises(TaskRefused) as caught:
        add_task(root, draft(county="320199", townships=("320199001",)), today=ADDED_ON)
    assert [d.code for d in caught.value.diagnostics] == ["DL505"]
    assert not (root / "temporary/320199").exists()


def test_add_returns_the_warnings_validate_would_give(root: Path) -> None:
    written = add_task(root, draft(), today=dt.date(2026, 10, 1))  # due 2026-09-30
    assert [d.code for d in written.warnings] == ["DL504"]
    assert (root / written.file).is_file()


def test_add_never_replaces_a_file_that_appears_after_the_check(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = root / "temporary/320115/320115-T2026-009.yaml"
    target.write_text(OPEN_TASK, "utf-8")  # another process won the race
    monkeypatch.setattr(temporary_tasks, "_task_files", lambda root, task_id: [])
    with pytest.raises(TaskExists) as caught:
        add_task(root, draft(), today=ADDED_ON)
    assert caught.value.exit_code == ExitCode.USAGE
    assert "temporary/320115/320115-T2026-009.yaml" in caught.value.message
    assert target.read_text("utf-8") == OPEN_TASK
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_close_refuses_a_date_after_today(root: Path) -> None:
    with pytest.raises(TaskInvalid) as caught:
        close_task(
            root, "320115-T2026-002", date="2027-01-02", note="完成", today=dt.date(2027, 1, 1)
        )
    assert caught.value.field == "date"
    assert "晚于今天 2027-01-01" in caught.value.reason
    assert (root / "temporary/320115/320115-T2026-002.yaml").read_text("utf-8") == OPEN_TASK
    written = close_task(
        root, "320115-T2026-002", date="2027-01-01", note="完成", today=dt.date(2027, 1, 1)
    )
    assert written.task.closed is not None
