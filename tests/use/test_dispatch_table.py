"""The dispatch table of `who --batch -o`: CSV (UTF-8 with BOM) and xlsx, read back."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.use.dispatch_table import (
    DISPATCH_COLUMNS,
    check_table_path,
    write_dispatch_table,
)


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    before = messages.language()
    messages.set_language("zh")
    yield
    messages.set_language(before)


def _match(item: str, name: str, category: str, score: float, *why: str) -> dict[str, Any]:
    return {"item": item, "name": name, "category": category, "score": score, "why": list(why)}


RESULTS: list[dict[str, Any]] = [
    {
        "row": 1,
        "id": "G001",
        "township": "320115001",
        "township_name": "秣陵街道",
        "text": "小区门口饭店油烟扰民，还占道摆摊",
        "verdict": "listed",
        "category": "cooperative",
        "handler": {
            "kind": "department",
            "name": "区城市管理局",
            "partners": ["区市场监督管理局", "区生态环境局"],
        },
        "accountability": "secondary",
        "matches": [
            _match("C012", "餐饮油烟污染查处", "cooperative", 0.81, "油烟", "占道"),
            _match("B003", "市容环境卫生管理", "basic", 0.42, "占道"),
            _match("R001", "占道经营处罚", "recovered", 0.3),
        ],
    },
    {
        "row": 2,
        "township": "320115001",
        "text": "楼道堆物",
        "verdict": "listed",
        "category": "basic",
        "handler": {"kind": "township", "name": "秣陵街道"},
        "accountability": "full",
        "matches": [_match("B007", "楼道堆物清理", "basic", 0.9, "楼道", "堆物")],
    },
    {
        "row": 4,
        "id": "G004",
        "township": "320115002",
        "township_name": "东山街道",
        "text": '=HYPERLINK("http://example.com")',
        "verdict": "off_list",
        "category": None,
        "handler": None,
        "accountability": "none",
        "matches": [_match("B001", "某事项", "basic", 0.12)],
    },
    {
        "row": 5,
        "township": "320115001",
        "text": "无人机违规飞行",
        "verdict": "listed",
        "category": "recovered",
        "handler": {"kind": "department", "name": "区公安分局"},
        "accountability": "none",
        "matches": [_match("R009", "无人机管理", "recovered", 0.77, "无人机")],
    },
]

ZH_HEADINGS = [
    "行号",
    "编号",
    "乡镇（街道）",
    "诉求内容",
    "结论",
    "事项类别",
    "事项编号",
    "事项名称",
    "承办（主办）",
    "协同部门",
    "乡镇责任",
    "匹配度",
    "匹配词",
    "备选事项",
]


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens Chinese CSV right only with a BOM
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx_rows(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_columns_are_keyed_and_in_both_languages() -> None:
    assert [zh for _, zh, _ in DISPATCH_COLUMNS] == ZH_HEADINGS
    keys = [key for key, _, _ in DISPATCH_COLUMNS]
    assert len(set(keys)) == len(keys)
    assert all(en and en.isascii() for _, _, en in DISPATCH_COLUMNS)


def test_csv_read_back(tmp_path: Path) -> None:
    path = tmp_path / "派单表.csv"
    write_dispatch_table(path, RESULTS, lang="zh")
    header, first, second, third, fourth = _csv_rows(path)
    assert header == ZH_HEADINGS
    row = dict(zip(header, first, strict=True))
    assert row == {
        "行号": "1",
        "编号": "G001",
        "乡镇（街道）": "320115001 秣陵街道",
        "诉求内容": "小区门口饭店油烟扰民，还占道摆摊",
        "结论": "清单内",
        "事项类别": "配合履职事项",
        "事项编号": "C012",
        "事项名称": "餐饮油烟污染查处",
        "承办（主办）": "区城市管理局",
        "协同部门": "区市场监督管理局、区生态环境局",
        "乡镇责任": "次要责任",
        "匹配度": "0.81",
        "匹配词": "油烟、占道",
        "备选事项": "B003 市容环境卫生管理、R001 占道经营处罚",
    }
    basic = dict(zip(header, second, strict=True))
    assert basic["编号"] == "" and basic["乡镇（街道）"] == "320115001"
    assert (basic["事项类别"], basic["承办（主办）"], basic["乡镇责任"]) == (
        "基本履职事项",
        "秣陵街道",
        "全责",
    )
    assert basic["协同部门"] == "" and basic["备选事项"] == ""
    off = dict(zip(header, third, strict=True))
    assert (off["结论"], off["事项类别"], off["承办（主办）"], off["乡镇责任"]) == (
        "清单外",
        "",
        "",
        "不承担",
    )
    # an off-list row names no item as its answer; the nearest ones are left as alternatives
    assert off["事项编号"] == "" and off["匹配度"] == "" and off["备选事项"] == "B001 某事项"
    # a request is the citizen's words: Excel must not run it as a formula
    assert off["诉求内容"] == '\'=HYPERLINK("http://example.com")'
    recovered = dict(zip(header, fourth, strict=True))
    assert (recovered["事项类别"], recovered["承办（主办）"], recovered["乡镇责任"]) == (
        "上级部门收回事项",
        "区公安分局",
        "不承担",
    )


def test_csv_keeps_a_text_with_commas_and_line_breaks(tmp_path: Path) -> None:
    result = dict(RESULTS[1], text="第一行，还有逗号,\n第二行")
    path = tmp_path / "a.csv"
    write_dispatch_table(path, [result], lang="zh")
    assert _csv_rows(path)[1][3] == "第一行，还有逗号,\n第二行"


def test_xlsx_read_back(tmp_path: Path) -> None:
    path = tmp_path / "派单表.xlsx"
    write_dispatch_table(path, RESULTS, lang="zh")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ZH_HEADINGS
    assert len(rows) == 1 + len(RESULTS)
    first = dict(zip(ZH_HEADINGS, rows[1], strict=True))
    assert first["行号"] == 1
    assert first["乡镇（街道）"] == "320115001 秣陵街道"
    assert first["事项编号"] == "C012" and first["结论"] == "清单内"
    assert first["匹配度"] == pytest.approx(0.81)
    assert first["协同部门"] == "区市场监督管理局、区生态环境局"
    assert first["备选事项"] == "B003 市容环境卫生管理、R001 占道经营处罚"
    off = dict(zip(ZH_HEADINGS, rows[3], strict=True))
    assert off["匹配度"] is None and off["事项编号"] is None
    # the formula-looking request stays text in the workbook
    cell = sheet.cell(4, 4)
    assert cell.value == '=HYPERLINK("http://example.com")' and cell.data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{1 + len(RESULTS)}"
    assert all(cell.font.bold for cell in sheet[1])
    text_width = sheet.column_dimensions["D"].width
    assert text_width > sheet.column_dimensions["A"].width
    assert text_width >= 30  # 16 Chinese characters need about 32 units


def test_english_headings_and_values(tmp_path: Path) -> None:
    path = tmp_path / "dispatch.csv"
    write_dispatch_table(path, RESULTS, lang="en")
    header, first, _, third, _ = _csv_rows(path)
    assert header == [en for _, _, en in DISPATCH_COLUMNS]
    assert header[:4] == ["row", "id", "township", "request"]
    row = dict(zip(header, first, strict=True))
    assert (row["verdict"], row["category"], row["accountability"]) == (
        "listed",
        "cooperative",
        "secondary",
    )
    assert dict(zip(header, third, strict=True))["verdict"] == "off-list"
    xlsx = tmp_path / "dispatch.xlsx"
    write_dispatch_table(xlsx, RESULTS, lang="en")
    assert _xlsx_rows(xlsx)[0] == header


def test_a_result_without_optional_keys(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    write_dispatch_table(path, [{"row": 3, "text": "x", "verdict": "off_list"}], lang="zh")
    rows = _xlsx_rows(path)
    assert rows[1][:5] == [3, None, None, "x", "清单外"]


def test_control_characters_do_not_break_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    write_dispatch_table(path, [dict(RESULTS[1], text="油烟\x07扰民\x00")], lang="zh")
    assert _xlsx_rows(path)[1][3] == "油烟扰民"


def test_an_empty_table_has_its_header(tmp_path: Path) -> None:
    for name in ("a.csv", "a.xlsx"):
        write_dispatch_table(tmp_path / name, [], lang="zh")
    assert _csv_rows(tmp_path / "a.csv") == [ZH_HEADINGS]
    assert _xlsx_rows(tmp_path / "a.xlsx") == [ZH_HEADINGS]


def test_the_table_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("old", encoding="utf-8")
    write_dispatch_table(path, RESULTS[:1], lang="zh")
    assert len(_csv_rows(path)) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left


@pytest.mark.parametrize("name", ["out.txt", "out.xls", "out.json", "out"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError) as caught:
        write_dispatch_table(tmp_path / name, RESULTS, lang="zh")
    assert ".csv" in caught.value.message and ".xlsx" in caught.value.message
    assert not (tmp_path / name).exists()


def test_the_path_can_be_checked_before_the_work(tmp_path: Path) -> None:
    assert check_table_path(tmp_path / "A.XLSX") == ".xlsx"
    assert check_table_path(tmp_path / "a.csv") == ".csv"
    with pytest.raises(UsageError):
        check_table_path(tmp_path / "a.xls")
