"""`dutylist report` through the real CLI: each format read back, the province, and failures."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from cli_run import run_dutylist
from sheet_geometry import column_widths, model_lines

SAMPLE = Path(__file__).resolve().parents[2]
COUNTY = "lists/320115-江宁区"
TODAY = "2026-11-29"
SHEETS = ["概况", "各乡镇事项", "领域分布", "部门视角", "处罚权收回", "临时性工作任务"]


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "temporary", "adjustments")


def add_second_county(root: Path) -> None:
    """溧水区 (320117) with a registry and one list of two items."""
    folder = root / "lists/320117-溧水区"
    folder.mkdir()
    (folder / "320117.yaml").write_text(
        "schema: dutylist/county/1\n"
        'county: {code: "320117", name: 溧水区}\n'
        'city: {code: "320100", name: 南京市}\n'
        "departments:\n"
        "  - name: 区应急管理局\n"
        "    aliases: [溧水区应急局]\n",
        "utf-8",
    )
    (folder / "320117001-永阳街道.yaml").write_text(
        "schema: dutylist/township-list/1\n"
        'township: {code: "320117001", name: 永阳街道, kind: subdistrict}\n'
        'county: {code: "320117", name: 溧水区}\n'
        'city: {code: "320100", name: 南京市}\n'
        'edition: {version: "2025.1", effective: 2025-01-01}\n'
        "basic:\n"
        "  - id: B001\n"
        "    name: 加强基层党组织建设\n"
        "    domain: 党的建设\n"
        "    content: 落实党建工作责任制，指导村（社区）党组织规范化建设。\n"
        "    basis: [《中国共产党农村基层组织工作条例》]\n"
        "cooperative:\n"
        "  - id: C001\n"
        "    name: 安全生产监督管理\n"
        "    domain: 应急管理\n"
        "    lead: 溧水区应急局\n"
        "    department_duties: 负责辖区安全生产综合监督管理，组织开展执法检查。\n"
        "    township_duties: 配合开展安全生产检查，发现隐患及时报告并督促整改。\n"
        "    basis: [《中华人民共和国安全生产法》第九条]\n",
        "utf-8",
    )


def sample_counts() -> dict[str, tuple[str, int, int, int]]:
    """township code -> (name, basic, cooperative, recovered), counted from the YAML."""
    counts = {}
    for path in sorted((SAMPLE / COUNTY).glob("320115?*-*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        counts[data["township"]["code"]] = (
            data["township"]["name"],
            *(len(data.get(c) or []) for c in ("basic", "cooperative", "recovered")),
        )
    return counts


class Tables(HTMLParser):
    """The tables of a page (rows of cell texts, by section), and the elements seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, list[list[str]]]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._table: dict[str, list[list[str]]] | None = None
        self._part = "tbody"
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self._table = {"thead": [], "tbody": [], "tfoot": []}
            self.tables[dict(attrs)["class"] or ""] = self._table
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            self._table[self._part].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_json_report_has_the_counts(root: Path) -> None:
    done = run_dutylist("report", "county", "--format", "json", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["scope"], report["today"], report["city"]) == ("county", TODAY, None)
    (county,) = report["counties"]
    expected = sample_counts()
    got = {
        t["code"]: (
            t["name"],
            t["counts"]["basic"],
            t["counts"]["cooperative"],
            t["counts"]["recovered"],
        )
        for t in county["townships"]
    }
    assert got == expected
    assert county["median"] == 94
    assert report["thresholds"] == {"heavy": 1.25, "light": 0.75, "measure": "basic+cooperative"}
    assert report["tasks"] == {"open": 2, "overdue": 0, "closed": 1}
    assert list(county["townships"][0]) == [
        "code",
        "name",
        "kind",
        "file",
        "counts",
        "domains",
        "penalty_powers",
        "penalty_unfilled",
        "penalty_by_department",
        "ratio",
        "flag",
        "tasks",
    ]


def test_markdown_report_to_a_file(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "报告.md"
    done = run_dutylist("report", "county", "320115", "-o", str(out), "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    assert "已生成报告" in done.stderr and done.stdout == ""
    text = out.read_text("utf-8")
    assert text.startswith("# 南京市江宁区乡镇（街道）履行职责事项清单统计报告\n")
    for heading in ("## 一、概况", "## 二、各乡镇（街道）事项数量", "## 六、临时性工作任务"):
        assert heading in text
    lines = text.splitlines()
    header = lines.index(
        "| 乡镇（街道） | 代码 | 基本履职事项 | 配合履职事项 | 上级部门收回事项 | 合计 |"
        " 应履职事项（基本＋配合） | 与县域中位数之比 | 提示 | 未销号临时任务 | 其中逾期 |"
    )
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    assert len(rows) == 8 and rows[-1][0] == "**合计**"
    for (code, (name, basic, coop, recovered)), row in zip(
        sample_counts().items(), rows[:-1], strict=True
    ):
        assert row[:5] == [name, code, str(basic), str(coop), str(recovered)]
    assert [p.name for p in out.parent.iterdir()] == ["报告.md"]  # no temporary file left


def test_html_report_is_self_contained_with_charts_and_tables(root: Path) -> None:
    done = run_dutylist("report", "county", "-f", "html", "-o", "-", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    page = Tables()
    page.feed(done.stdout)
    tags = [tag for tag, _ in page.tags]
    assert ("html", {"lang": "zh-CN"}) in page.tags
    assert tags.count("svg") == 2 and "script" not in tags
    assert not [a for tag, a in page.tags if tag in ("link", "img") or a.get("src")]
    assert "<title>南京市江宁区乡镇（街道）履行职责事项清单统计报告</title>" in done.stdout
    townships = page.tables["townships"]
    assert len(townships["tbody"]) == 7 and townships["tfoot"][0][0] == "合计"
    expected = sample_counts()
    for row in townships["tbody"]:
        name, basic, coop, recovered = expected[row[1]]
        assert row[0] == name and row[2:5] == [str(basic), str(coop), str(recovered)]
    assert townships["tfoot"][0][2:5] == [
        str(sum(v[i] for v in expected.values())) for i in (1, 2, 3)
    ]
    assert len(page.tables["domains"]["tbody"]) == 7
    assert len(page.tables["tasks"]["tbody"]) == 2
    assert len(page.tables["overview"]["tbody"]) >= 10
    involved = page.tables["departments"]["tbody"]
    assert [r[0] for r in involved][:3] == ["区发展和改革委员会", "区教育局", "区公安分局"]
    assert "中位数 94" in done.stdout


def test_xlsx_report_sheets_and_cells(root: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "报告.xlsx"
    done = run_dutylist("report", "county", "-o", str(out), "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr  # the format from the extension
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    sheet = book["各乡镇事项"]
    assert sheet.freeze_panes == "B3"
    assert sheet["A2"].value == "乡镇（街道）" and sheet["A2"].alignment.wrap_text
    assert column_widths(sheet)["A"] > 8
    for row, (code, (name, basic, coop, recovered)) in enumerate(sample_counts().items(), 3):
        cells = [c.value for c in sheet[row]]
        assert cells[:5] == [name, code, basic, coop, recovered]
        assert cells[6] == basic + coop
        assert cells[7] == pytest.approx((basic + coop) / 94, abs=0.005)
    assert sheet.cell(10, 1).value == "合计"
    overview = {r[0]: r[1] for r in book["概况"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert overview["应履职事项（基本＋配合）中位数"] == 94
    assert overview["收回的行政处罚权"] == 738
    tasks = book["临时性工作任务"]
    assert [tasks.cell(r, 1).value for r in (3, 4)] == ["320115-T2026-005", "320115-T2026-002"]
    for sheet in book.worksheets:  # printed from a spreadsheet program
        margins = sheet.page_margins
        assert margins.bottom >= margins.footer + 9 / 72 * 1.3 + 0.1, sheet.title  # no clipping
        printed = str(sheet.print_area)
        last_printed = int(printed.rsplit("$", 1)[1])
        notes = [c.row for c in sheet["A"] if str(c.value or "").startswith("注：")]
        assert all(row <= last_printed for row in notes), (sheet.title, notes, printed)
    flags = book["各乡镇事项"]
    assert any("可能负担过重" in str(c.value) for c in flags["A"] if c.row > 10)  # the 注 rows


def test_pdf_report_is_printed_with_a_chinese_font(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "江宁区报告.pdf"  # the format from the extension
    done = run_dutylist("report", "county", "-o", str(out), "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    pages = text.count("\f")
    assert "南京市江宁区乡镇（街道）履行职责事项清单统计报告" in text
    assert f"第1页/共{pages}页" in "".join(text.split())
    assert "部门视角" in text and "东山街道" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "CJK" in fonts


def test_province_report_has_totals_per_county(root: Path) -> None:
    add_second_county(root)
    done = run_dutylist("report", "province", "-f", "json", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert [c["code"] for c in report["counties"]] == ["320115", "320117"]
    lishui = report["counties"][1]
    assert lishui["counts"]["accountable"] == 2 and lishui["median"] == 2
    assert lishui["departments"][0]["lead"]["count"] == 1  # the alias resolved
    assert lishui["tasks"]["open"] == 0
    assert report["townships"] == 8
    md = run_dutylist("report", "province", "-f", "md", "--today", TODAY, cwd=root).stdout
    assert "| 溧水区 | 320117 | 1 | 1 | 1 | 0 | 2 | 2 | 0 | 0 | 0 | 0 | 0 |" in md
    assert "| 溧水区 | 永阳街道 | 320117001 |" in md


def test_county_report_needs_a_code_when_there_are_several(root: Path) -> None:
    add_second_county(root)
    done = run_dutylist("report", "county", cwd=root)
    assert done.returncode == 2
    assert "320115 江宁区" in done.stderr and "320117 溧水区" in done.stderr
    done = run_dutylist("report", "county", "320117", "-f", "json", cwd=root)
    assert done.returncode == 0 and json.loads(done.stdout)["counties"][0]["name"] == "溧水区"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("county", "320199"), "没有县级代码为 320199 的县（市、区）；现有：320115 江宁区"),
        (("county", "-f", "xlsx"), "xlsx 是二进制格式"),
        (("county", "-f", "xlsx", "-o", "-"), "xlsx 是二进制格式"),
        (("county", "-f", "pdf"), "pdf 是二进制格式"),
        (("township",), "报告范围应为 county"),
        (("county", "-f", "docx"), "--format"),
        (("province", "11"), "既不是本省的代码"),
    ],
)
def test_usage_errors(root: Path, args: tuple[str, ...], message: str) -> None:
    done = run_dutylist("report", *args, cwd=root)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert done.stdout == ""


def test_a_list_with_errors_stops_the_report(root: Path, tmp_path: Path) -> None:
    path = next((root / COUNTY).glob("320115201-*.yaml"))
    path.write_text(path.read_text("utf-8").replace("lead: 区应急管理局", "lead: 区应急厅", 1))
    out = tmp_path / "r.html"
    done = run_dutylist("report", "county", "-o", str(out), cwd=root)
    assert done.returncode == 1
    assert "DL302" in done.stderr and "320115201-横山乡.yaml" in done.stderr
    assert not out.exists()


def test_a_county_without_lists_reports_empty_tables(root: Path, tmp_path: Path) -> None:
    import openpyxl

    folder = root / "lists/320117-溧水区"
    folder.mkdir()
    (folder / "320117.yaml").write_text(
        'schema: dutylist/county/1\ncounty: {code: "320117", name: 溧水区}\n'
        'city: {code: "320100", name: 南京市}\ndepartments:\n  - name: 区应急管理局\n',
        "utf-8",
    )
    for fmt in ("html", "md", "json", "xlsx"):
        out = tmp_path / f"empty.{fmt}"
        done = run_dutylist("report", "county", "320117", "-o", str(out), cwd=root)
        assert done.returncode == 0, (fmt, done.stderr)
    assert json.loads((tmp_path / "empty.json").read_text("utf-8"))["counties"][0]["median"] is None
    assert "（无）" in (tmp_path / "empty.md").read_text("utf-8")
    assert "<svg" not in (tmp_path / "empty.html").read_text("utf-8")
    book = openpyxl.load_workbook(tmp_path / "empty.xlsx")
    sheet = book["各乡镇事项"]  # title, header, no rows, a blank line, then the notes
    assert sheet["A2"].value == "乡镇（街道）" and sheet["A3"].value is None
    assert str(sheet["A4"].value).startswith("注：")


FONT = "Noto Sans CJK SC"


def test_font_heads_the_html_font_stack_of_report_and_render_on_stdout() -> None:
    """--font reaches the HTML printed to the screen, for the report and for a list."""
    from typer.testing import CliRunner

    from dutylist_cli.cli.main import _register, app

    if not any(command.name == "report" for command in app.registered_commands):
        _register()
    root = Path(__file__).resolve().parents[2]
    runner = CliRunner()
    report = runner.invoke(
        app, ["report", "county", "--root", str(root), "-f", "html", "--font", "Noto Sans CJK SC"]
    )
    assert report.exit_code == 0, report.stderr
    assert 'font-family: "Noto Sans CJK SC"' in report.stdout
    listed = runner.invoke(
        app,
        ["render", "320115001", "--root", str(root), "-f", "html", "-o", "-", "--font", FONT],
    )
    assert listed.exit_code == 0, listed.stderr
    assert 'font-family: "Noto Sans CJK SC"' in listed.stdout


def test_xlsx_report_headings_and_row_heights_print_well(root: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "报告.xlsx"
    assert (
        run_dutylist("report", "county", "-o", str(out), "--today", TODAY, cwd=root).returncode == 0
    )
    for sheet in openpyxl.load_workbook(out).worksheets:
        width = column_widths(sheet)
        for cell in sheet[2]:  # no heading wraps leaving one character (基本履职事 / 项)
            lines = model_lines(cell.value, width[cell.column_letter], size=float(cell.font.sz))
            assert len(lines) == 1 or len(lines[-1]) >= 2, (sheet.title, cell.value, lines)
        merged = {r.min_row for r in sheet.merged_cells.ranges}
        for row in range(3, sheet.max_row + 1):  # rows as high as their text, not twice
            cells = [c for c in sheet[row] if isinstance(c.value, str) and c.value]
            if not cells or row in merged:
                continue
            size = float(cells[0].font.sz)
            count = max(len(model_lines(c.value, width[c.column_letter], size=size)) for c in cells)
            text_height = count * size * 1.3
            height = sheet.row_dimensions[row].height
            assert text_height / 1.5 <= height <= text_height * 1.5, (sheet.title, row, height)
