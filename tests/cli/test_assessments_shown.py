"""`render` and `report` show the township indicators (依单考核) beside the items they assess."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cli_run import run_dutylist

DONGSHAN = "320115001"
TOWNSHIP = "assessments/320115/320115-K2026-01.yaml"


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "assessments")


def _row(text: str, name: str) -> list[str]:
    line = next(line for line in text.splitlines() if f"| {name} |" in line)
    return [cell.strip() for cell in line.rstrip().split("|")[1:-1]]


def test_render_marks_the_assessed_items(root: Path) -> None:
    done = run_dutylist("render", DONGSHAN, "-f", "md", "-o", "-", cwd=root)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "“考核指标”列为依单考核的指标编号，见《2026年度镇（街道）综合考核指标》" in text
    assert "| 承担机构 | 考核指标 | 备注 |" in text
    assert _row(text, "加强基层党组织建设")[-2] == "K01"
    assert _row(text, "落实安全生产属地管理责任")[-2] == "K04"  # 东山街道's own B041
    assert _row(text, "党员发展和教育管理")[-2] == ""
    assert _row(text, "安全生产监督管理")[-2] == "K02"
    # the recovered table has no such column: a recovered item is never assessed
    recovered = text.split("## 三、上级部门收回事项", 1)[1]
    assert "考核指标" not in recovered


def test_render_html_and_xlsx_carry_the_column(root: Path, tmp_path: Path) -> None:
    html = run_dutylist("render", DONGSHAN, "-f", "html", "-o", "-", cwd=root).stdout
    assert "<th>考核指标</th>" in html and '<td class="assessment">K01</td>' in html
    out = tmp_path / "东山街道.xlsx"
    assert run_dutylist("render", DONGSHAN, "-f", "xlsx", "-o", str(out), cwd=root).returncode == 0
    sheet = openpyxl.load_workbook(out)["基本履职事项"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in rows if "序号" in row)
    column = header.index("考核指标")
    first = next(row for row in rows if row[1] == "加强基层党组织建设")
    assert first[column] == "K01"


def test_without_assessments_no_column(copy_sample: Callable[..., Path]) -> None:
    bare = copy_sample("lists", name="bare")
    text = run_dutylist("render", DONGSHAN, "-f", "md", "-o", "-", cwd=bare).stdout
    assert "考核指标" not in text


def test_an_indicator_for_other_townships_marks_nothing_here(root: Path) -> None:
    (root / TOWNSHIP).write_text(
        'schema: dutylist/assessment/1\nid: 320115-K2026-01\ncounty: "320115"\nyear: 2026\n'
        "subject: township\ntitle: 2026年度考核\nindicators:\n"
        '  - {id: K01, name: 党建, townships: ["320115101"], items: [B001]}\n',
        "utf-8",
    )
    text = run_dutylist("render", DONGSHAN, "-f", "md", "-o", "-", cwd=root).stdout
    assert "考核指标" not in text
    other = run_dutylist("render", "320115101", "-f", "md", "-o", "-", cwd=root).stdout
    assert "2026年度考核" in other


def test_report_lists_the_indicators_per_township(root: Path, tmp_path: Path) -> None:
    done = run_dutylist("report", "county", "320115", "-f", "md", "-o", "-", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "依单考核：乡镇（街道）考核指标及其考核的清单事项" in done.stdout
    assert (
        "| 东山街道 | 2026年度镇（街道）综合考核指标 | K04 安全生产属地管理和防汛防台 | 6 "
        "| B041 落实安全生产属地管理责任、B042 防汛防台和抗旱 |"
    ) in done.stdout
    out = tmp_path / "report.json"
    assert run_dutylist("report", "county", "320115", "-f", "json", "-o", str(out), cwd=root)
    county = json.loads(out.read_text("utf-8"))["counties"][0]
    k04 = [i for i in county["indicators"] if i["indicator"] == "K04"]
    assert [i["township"] for i in k04] == ["320115001"]
    assert k04[0]["items"][0] == {
        "id": "B041",
        "name": "落实安全生产属地管理责任",
        "category": "basic",
    }


def test_report_flags_a_recovered_item_assessed(root: Path) -> None:
    (root / TOWNSHIP).write_text(
        'schema: dutylist/assessment/1\nid: 320115-K2026-01\ncounty: "320115"\nyear: 2026\n'
        "subject: township\ntitle: 2026年度考核\nindicators:\n"
        "  - {id: K01, name: 违法建设, townships: [all], items: [R001, C999]}\n",
        "utf-8",
    )
    text = run_dutylist("report", "county", "320115", "-f", "md", "-o", "-", cwd=root).stdout
    assert "R001 对违法建设的行政处罚（上级部门收回事项，不得考核）、C999（清单外）" in text


def test_a_rendered_list_with_the_column_imports_without_a_finding(
    root: Path, tmp_path: Path
) -> None:
    """考核指标 is printed from assessments/, not a list field: import skips it silently."""
    out = tmp_path / "东山街道.xlsx"
    assert run_dutylist("render", DONGSHAN, "-f", "xlsx", "-o", str(out), cwd=root).returncode == 0
    back = tmp_path / "东山街道.yaml"
    done = run_dutylist("import", str(out), "-o", str(back), "-f", "json", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "DL603" not in done.stdout and "考核指标" not in done.stdout
    assert "加强基层党组织建设" in back.read_text("utf-8")
