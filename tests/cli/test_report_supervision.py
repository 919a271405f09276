"""`dutylist report supervision` through the real CLI: each sign of the 双向评价 in json, xlsx,
html and md, the thresholds, English headings, and usage errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

TODAY = "2026-11-29"
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
SHEETS = ["概况", "部门双向评价", "临时任务", "承接缺位", "调整不及时", "各乡镇"]

# decided by 区城管局 (an alias of 区城市管理局): started 2026-05-01, due 2026-10-31, still open
OVERDUE_TASK = """\
schema: dutylist/temporary-task/1
id: 320115-T2026-090
county: "320115"
title: 配合开展城市道路占道经营专项整治
townships: ["320115001"]
decision: {body: 区城管局, document: 江宁城管〔2026〕7号, date: 2026-04-20}
start: 2026-05-01
due: 2026-10-31
status: open
closed: null
"""
# decided by 江宁区城市管理局 (the registry writes 区城市管理局): open, not yet due
OPEN_TASK = """\
schema: dutylist/temporary-task/1
id: 320115-T2026-091
county: "320115"
title: 配合开展户外广告牌匾安全排查
townships: [all]
decision: {body: 江宁区城市管理局, document: 江宁城管〔2026〕9号, date: 2026-10-25}
start: 2026-11-01
due: 2027-06-30
status: open
closed: null
"""
# proposed 2026-09-01 by 区住建局 (named in the summary): an admission with the county's approval
# only, so it waits for the city and the province: 89 days on 2026-11-29
PENDING_RECORD = """\
schema: dutylist/adjustment/1
id: 320115-2026-030
county: "320115"
trigger: department_proposal
proposed: 2026-09-01
summary: 区住建局动议将“既有建筑安全隐患排查”列入东山街道配合履职事项
changes:
  - {township: "320115001", action: add, item: C001}
approvals:
  - {level: county, body: 江宁区委编办, document: 江宁编〔2026〕30号, date: 2026-09-20}
"""


def run(root: Path, *args: str, lang: str = "zh") -> Any:
    from dutylist_cli.cli.main import _register, app

    if not any(command.name == "report" for command in app.registered_commands):
        _register()
    result = CliRunner().invoke(app, ["report", *args, "--root", str(root), "--lang", lang])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def report_json(root: Path, *args: str) -> dict[str, Any]:
    result = run(root, "supervision", "-f", "json", "--today", TODAY, *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def department(data: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in data["departments"] if d["name"] == name)
    return found


def township(data: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in data["townships"] if t["code"] == code)
    return found


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    """The sample with an overdue task, an open one, a late record and an item without handover."""
    data = copy_sample("lists", "temporary", "adjustments")
    (data / "temporary/320115/320115-T2026-090.yaml").write_text(OVERDUE_TASK, "utf-8")
    (data / "temporary/320115/320115-T2026-091.yaml").write_text(OPEN_TASK, "utf-8")
    (data / "adjustments/320115/320115-2026-030.yaml").write_text(PENDING_RECORD, "utf-8")
    path = data / DONGSHAN
    text = path.read_text("utf-8")
    r016 = text.index("  - id: R016")
    handover = text.index("    handover:", r016)
    end = text.index("\n", handover) + 1
    path.write_text(text[:handover] + text[end:], "utf-8")  # R016 of 区应急管理局 loses it
    return data


def test_json_shows_each_sign(root: Path) -> None:
    data = report_json(root)
    assert data["today"] == TODAY
    assert data["thresholds"]["pending_days"] == 30
    city = department(data, "区城市管理局")  # both tasks, by alias and by full name
    assert [t["id"] for t in city["tasks"]["list"]] == ["320115-T2026-090", "320115-T2026-091"]
    assert city["tasks"] == {**city["tasks"], "decided": 2, "open": 2, "overdue": 1, "long_open": 1}
    late = city["tasks"]["list"][0]
    assert late["overdue_days"] == 29 and late["open_days"] == 212 and late["long_open"]
    assert "shifting_work" in city["signs"]

    safety = department(data, "区应急管理局")
    assert safety["recovered"]["without_handover"] == 1
    assert safety["recovered"]["by_township"] == [
        {"township": "320115001", "name": "东山街道", "count": 1,
         "items": [{"id": "R016", "name": "对生产经营单位安全生产违法行为的行政处罚"}]}
    ]  # fmt: skip
    assert safety["signs"] == ["handover_gap"]

    housing = department(data, "区住房和城乡建设局")
    (record,) = housing["records"]["list"]
    assert record["id"] == "320115-2026-030" and record["attributed_by"] == "summary"
    assert record["waiting_days"] == 89 and record["late"]
    assert record["missing"] == ["city", "province"] and record["approved"] == ["county"]
    assert "late_adjustment" in housing["signs"]

    dongshan = township(data, "320115001")
    assert dongshan["tasks"] == {"open": 3, "overdue": 1}
    assert dongshan["recovered_without_handover"] == 4  # the sample's three and R016
    assert dongshan["assessment_errors"] is None  # no assessments/ in this root
    summary = data["summary"]
    assert summary["overdue_tasks"] == 1 and summary["late_records"] == 1
    assert summary["recovered_without_handover"] == 26


def test_xlsx_read_back(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "监督.xlsx"
    result = run(root, "supervision", "320115", "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    rows = [[c.value for c in row] for row in book["部门双向评价"].iter_rows(min_row=2)]
    header = rows[0]
    city = next(r for r in rows if r[0] == "区城市管理局")
    assert city[header.index("逾期")] == 1 and city[header.index("长期未销号")] == 1
    assert "甩锅卸责迹象" in city[header.index("提示")]
    safety = next(r for r in rows if r[0] == "区应急管理局")
    assert safety[header.index("未办承接确认")] == 1
    tasks = [[c.value for c in row] for row in book["临时任务"].iter_rows(min_row=3)]
    assert any(r[0] == "320115-T2026-090" and r[7] == 29 for r in tasks)
    gaps = [[c.value for c in row] for row in book["承接缺位"].iter_rows(min_row=3)]
    assert ["区应急管理局", "东山街道", 1, "R016 对生产经营单位安全生产违法行为的行政处罚"] in gaps
    records = [[c.value for c in row] for row in book["调整不及时"].iter_rows(min_row=3)]
    assert any(r[0] == "320115-2026-030" and r[4] == 89 for r in records)


def test_html_and_markdown(root: Path, tmp_path: Path) -> None:
    html = run(root, "supervision", "-f", "html", "--today", TODAY)
    assert html.exit_code == 0, html.stderr
    text = re.sub(r"<[^>]+>", " ", html.stdout)
    for expected in ("县级部门双向评价", "320115-T2026-090", "320115-2026-030", "R016", "双向评价"):
        assert expected in text
    assert 'class="overdue"' in html.stdout  # signs are marked
    out = tmp_path / "监督.md"
    md = run(root, "supervision", "-o", str(out), "--today", TODAY)
    assert md.exit_code == 0, md.stderr
    body = out.read_text("utf-8")
    assert "## 二、县级部门双向评价" in body
    assert "| 区城市管理局 | 2 | 2 | 1 | 1 |" in body
    assert "320115-2026-030" in body and "R016" in body


def test_pending_days_option_and_setting(root: Path) -> None:
    late = department(report_json(root), "区住房和城乡建设局")
    assert late["records"]["late"] == 1
    patient = report_json(root, "--pending-days", "100")
    assert patient["thresholds"]["pending_days"] == 100
    housing = department(patient, "区住房和城乡建设局")
    assert housing["records"] == {**housing["records"], "pending": 1, "late": 0}
    assert "late_adjustment" not in housing["signs"]
    config = root / "dutylist.yaml"
    config.write_text(
        config.read_text("utf-8") + "supervision: {pending_days: 100, long_open_days: 365}\n",
        "utf-8",
    )
    configured = report_json(root)
    assert configured["thresholds"]["pending_days"] == 100
    assert department(configured, "区城市管理局")["tasks"]["long_open"] == 0
    assert (
        department(report_json(root, "--pending-days", "10"), "区住房和城乡建设局")["records"][
            "late"
        ]
        == 1
    )  # the option beats the setting


def test_figures_are_derived_from_the_files(root: Path) -> None:
    before = report_json(root)
    task = root / "temporary/320115/320115-T2026-090.yaml"
    task.write_text(OVERDUE_TASK.replace("due: 2026-10-31", "due: 2026-12-31"), "utf-8")
    after = report_json(root)
    assert department(before, "区城市管理局")["tasks"]["overdue"] == 1
    assert department(after, "区城市管理局")["tasks"]["overdue"] == 0
    assert township(after, "320115001")["tasks"] == {"open": 3, "overdue": 0}
    assert after["summary"]["overdue_tasks"] == before["summary"]["overdue_tasks"] - 1
    # the province approves the record: it is no longer pending anywhere
    record = root / "adjustments/320115/320115-2026-030.yaml"
    record.write_text(
        PENDING_RECORD
        + "  - {level: city, body: 南京市委编办, document: 宁编〔2026〕40号, date: 2026-10-10}\n"
        + "  - {level: province, body: 江苏省委编办, document: 苏编〔2026〕12号,"
        + " date: 2026-11-02}\n",
        "utf-8",
    )
    approved = report_json(root)
    assert approved["summary"]["pending_records"] == 0
    assert department(approved, "区住房和城乡建设局")["records"]["list"] == []
    # a handover added back closes the gap
    path = root / DONGSHAN
    text = path.read_text("utf-8")
    at = text.index("    penalty_powers: 5\n", text.index("  - id: R016"))
    line = "    handover: {document: 江宁编〔2026〕31号, date: 2026-11-20}\n"
    path.write_text(text[:at] + line + text[at:], "utf-8")
    closed = report_json(root)
    assert department(closed, "区应急管理局")["recovered"]["without_handover"] == 0
    assert closed["summary"]["recovered_without_handover"] == 25


def test_english_headings(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "supervision.xlsx"
    result = run(root, "supervision", "-o", str(out), "--today", TODAY, lang="en")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames[1] == "Departments"
    header = [c.value for c in book["Departments"][2]]
    assert header[:4] == ["Department", "Tasks decided", "Open", "Overdue"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("supervision", "320116"), "最接近的是：320115 江宁区"),
        (("supervision", "江宁县"), "320115 江宁区"),
        (("county", "--pending-days", "5"), "--pending-days 只用于 dutylist report supervision"),
        (("supervision", "--pending-days", "-1"), "-1"),
        (("supervisor",), "supervision"),
    ],
)
def test_bad_input(root: Path, args: tuple[str, ...], expected: str) -> None:
    result = run(root, *args, "-f", "json")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_county_by_name(root: Path) -> None:
    result = run(root, "supervision", "江宁", "-f", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["county"]["code"] == "320115"
