"""Batch files of `who`: CSV (UTF-8, BOM, GBK), xlsx and JSON Lines read into request rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.use import requests_file
from dutylist_cli.use.requests_file import RequestRow, read_requests


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    before = messages.language()
    messages.set_language("zh")
    yield
    messages.set_language(before)


def _csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _refusal(path: Path) -> UsageError:
    with pytest.raises(UsageError) as caught:
        read_requests(path)
    return caught.value


TABLE = [
    ["工单编号", "所属街道", "诉求内容"],
    ["G001", "320115001", "小区门口饭店油烟扰民"],
    ["G002", "秣陵街道", "路灯坏了没人修"],
]
EXPECTED = [
    RequestRow(1, "小区门口饭店油烟扰民", "G001", "320115001"),
    RequestRow(2, "路灯坏了没人修", "G002", "秣陵街道"),
]


# -- CSV ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "工单.csv", _csv_bytes(TABLE, encoding=encoding))
    assert read_requests(path) == EXPECTED


def test_csv_bom_does_not_hide_the_first_heading(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.csv", _csv_bytes([["诉求内容", "编号"], ["油烟", "7"]], encoding="utf-8-sig")
    )
    assert read_requests(path) == [RequestRow(1, "油烟", "7", None)]


def test_quoted_field_with_comma_and_newline(tmp_path: Path) -> None:
    text = '饭店油烟扰民，还占道摆摊,\n晚上十点以后仍有"噪音"'
    path = _write(tmp_path / "a.csv", _csv_bytes([["内容", "id"], [text, "1"], ["第二条", "2"]]))
    assert read_requests(path) == [
        RequestRow(1, text, "1", None),
        RequestRow(2, "第二条", "2", None),
    ]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "text,ID\r\n噪音,1\r\n".encode())
    assert read_requests(path) == [RequestRow(1, "噪音", "1", None)]


def test_empty_rows_are_skipped_and_blank_texts_kept(tmp_path: Path) -> None:
    content = "编号,诉求内容\n1,油烟\n\n,\n , \n2,\n3,噪音\n".encode()
    rows = read_requests(_write(tmp_path / "a.csv", content))
    # rows keep their place in the file: the empty ones are skipped, not renumbered over
    assert rows == [
        RequestRow(1, "油烟", "1", None),
        RequestRow(5, "", "2", None),
        RequestRow(6, "噪音", "3", None),
    ]


@pytest.mark.parametrize(
    ("headings", "row", "expected"),
    [
        (["工单号", "镇街", "来电内容"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["ID", "乡镇（街道）", "问题描述"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["编号", "乡镇(街道)", "工单内容"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["id", "所属乡镇", "诉求"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["工单编号", "所属街道", "内容"], [" A1 ", " 秣陵 ", "油烟"], ("A1", "秣陵")),
        ([" 工单 编号 ", "街道", "诉 求\u3000内 容"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["Ｉｄ", "Township", "ＴＥＸＴ"], ["A1", "秣陵", "油烟"], ("A1", "秣陵")),
        (["来电时间", "乡镇", "内容"], ["2024-03-01", "秣陵", "油烟"], (None, "秣陵")),
        (["编号", "来电时间", "text"], ["A1", "2024-03-01", "油烟"], ("A1", None)),
        (["编号", "乡镇", "text"], ["", "", "油烟"], (None, None)),
    ],
)
def test_id_and_township_columns_are_found(
    tmp_path: Path, headings: list[str], row: list[str], expected: tuple[str | None, str | None]
) -> None:
    path = _write(tmp_path / "a.csv", _csv_bytes([headings, row]))
    assert read_requests(path) == [RequestRow(1, "油烟", *expected)]


def test_the_preferred_text_heading_wins(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.csv", _csv_bytes([["诉求", "诉求内容", "内容"], ["短", "完整的诉求", "别的"]])
    )
    assert read_requests(path)[0].text == "完整的诉求"


def test_no_text_column_names_the_columns_found(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "工单.csv", _csv_bytes([["工单编号", "来电时间", "标题"], ["1", "2", "3"]])
    )
    error = _refusal(path)
    assert "工单.csv" in error.message
    for heading in ("工单编号", "来电时间", "标题"):
        assert heading in error.message
    assert error.hint is not None
    for accepted in ("诉求内容", "内容", "text"):
        assert accepted in error.hint


def test_empty_csv_is_refused(tmp_path: Path) -> None:
    assert "a.csv" in _refusal(_write(tmp_path / "a.csv", b"")).message


def test_binary_garbage_csv_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "garbage.csv", bytes(range(256)) * 8)
    error = _refusal(path)
    assert "garbage.csv" in error.message
    assert error.hint is not None and "UTF-8" in error.hint and "GBK" in error.hint


def test_a_workbook_renamed_to_csv_is_refused(tmp_path: Path) -> None:
    workbook = tmp_path / "book.xlsx"
    book = Workbook()
    book.active.append(["诉求内容"])
    book.save(workbook)
    error = _refusal(_write(tmp_path / "book.csv", workbook.read_bytes()))
    assert "book.csv" in error.message


@pytest.mark.parametrize(
    "content",
    [
        "text\ncafé\n".encode("latin-1"),
        "诉求内容\n油烟扰民\n".encode("utf-16"),
        "诉求内容,编号\n油烟扰民,1\n".encode("utf-16-le"),
    ],
    ids=["latin-1", "utf-16", "utf-16-le"],
)
def test_text_in_neither_utf8_nor_gbk_is_refused(tmp_path: Path, content: bytes) -> None:
    error = _refusal(_write(tmp_path / "other.csv", content))
    assert "other.csv" in error.message
    assert error.hint is not None and "UTF-8" in error.hint and "GBK" in error.hint


def test_a_huge_field_is_a_usage_error_naming_the_row(tmp_path: Path) -> None:
    content = "诉求内容\n短\n".encode() + b'"' + "长".encode() * 200_000 + b'"\n'
    error = _refusal(_write(tmp_path / "a.csv", content))
    assert "第 3 行" in error.message


# -- xlsx --------------------------------------------------------------------------------------
def test_xlsx_with_two_title_rows_above_the_header(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["2024 年 3 月 12345 热线工单"])
    sheet.merge_cells("A1:D1")
    sheet.append(["导出时间：2024-04-01"])
    sheet.append(["序号", "工单编号", "乡镇（街道）", "来电内容"])
    sheet.append([1, 20240301001, 320115001, "小区门口饭店油烟扰民"])
    sheet.append([None, None, None, None])
    sheet.append([3, "G-3", "秣陵街道", "路灯坏了"])
    sheet.append([4, "G-4", None, None])
    book.create_sheet("其他").append(["诉求内容"])
    path = tmp_path / "工单.xlsx"
    book.save(path)
    assert read_requests(path) == [
        RequestRow(1, "小区门口饭店油烟扰民", "20240301001", "320115001"),
        RequestRow(3, "路灯坏了", "G-3", "秣陵街道"),
        RequestRow(4, "", "G-4", None),
    ]


def test_xlsx_header_beyond_ten_rows_is_not_found(tmp_path: Path) -> None:
    book = Workbook()
    for number in range(10):
        book.active.append([f"说明 {number}"])
    book.active.append(["诉求内容"])
    book.active.append(["油烟"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    assert "a.xlsx" in _refusal(path).message


def test_xlsx_without_a_text_column_names_its_columns(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["工单情况表"])
    book.active.append(["编号", "来电人", "处理结果"])
    book.active.append(["1", "张三", "已办结"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    message = _refusal(path).message
    assert "来电人" in message and "处理结果" in message


def test_a_text_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path / "fake.xlsx", "诉求内容\n油烟\n".encode()))
    assert "fake.xlsx" in error.message


def test_an_old_excel_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert "old.xlsx" in _refusal(_write(tmp_path / "old.xlsx", content)).message


# -- JSON Lines --------------------------------------------------------------------------------
def test_jsonl(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "G1", "township": "320115001", "text": "油烟扰民"}, ensure_ascii=False),
        "",
        json.dumps({"id": 2, "诉求内容": "路灯坏了", "乡镇": "秣陵街道"}, ensure_ascii=False),
        json.dumps({"内容": "噪音"}, ensure_ascii=False),
        json.dumps({"text": "", "id": "G4"}),
        json.dumps({"text": None, "township": 320115001}),
    ]
    path = _write(tmp_path / "a.jsonl", ("\n".join(lines) + "\n").encode())
    assert read_requests(path) == [
        RequestRow(1, "油烟扰民", "G1", "320115001"),
        RequestRow(3, "路灯坏了", "2", "秣陵街道"),
        RequestRow(4, "噪音", None, None),
        RequestRow(5, "", "G4", None),
        RequestRow(6, "", None, "320115001"),
    ]


@pytest.mark.parametrize(
    "bad",
    ['{"text": "油烟"', '["油烟"]', '{"id": "3"}', '{"text": ["油烟"]}', "油烟"],
    ids=["unterminated", "array", "no-text", "text-not-a-string", "not-json"],
)
def test_a_bad_jsonl_line_is_named(tmp_path: Path, bad: str) -> None:
    content = ('{"text": "好的"}\n' + bad + "\n" + '{"text": "也好"}\n').encode()
    error = _refusal(_write(tmp_path / "a.jsonl", content))
    assert "a.jsonl" in error.message and "第 2 行" in error.message


def test_a_bad_jsonl_line_in_english(tmp_path: Path) -> None:
    messages.set_language("en")
    error = _refusal(_write(tmp_path / "a.jsonl", b'{"text": "x"}\n\n{oops\n'))
    assert "line 3" in error.message


def test_jsonl_not_utf8_is_refused(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path / "a.jsonl", '{"text": "油烟"}\n'.encode("gbk")))
    assert "a.jsonl" in error.message and error.hint is not None and "UTF-8" in error.hint


# -- formats and bounds ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["工单.xls", "工单.txt", "工单", "工单.json"])
def test_other_formats_are_refused(tmp_path: Path, name: str) -> None:
    error = _refusal(_write(tmp_path / name, b"text\nx\n"))
    assert name in error.message
    for extension in (".csv", ".xlsx", ".jsonl"):
        assert extension in error.message


def test_extension_case_does_not_matter(tmp_path: Path) -> None:
    path = _write(tmp_path / "A.CSV", _csv_bytes(TABLE))
    assert read_requests(path) == EXPECTED


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert "nowhere.csv" in _refusal(tmp_path / "nowhere.csv").message


def test_files_over_the_size_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(requests_file, "MAX_BYTES", 100)
    path = _write(tmp_path / "big.csv", _csv_bytes([["text"]] + [["油烟扰民"]] * 20))
    error = _refusal(path)
    assert "big.csv" in error.message


@pytest.mark.parametrize("extension", [".csv", ".xlsx", ".jsonl"])
def test_files_over_the_row_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extension: str
) -> None:
    monkeypatch.setattr(requests_file, "MAX_ROWS", 3)
    path = tmp_path / f"many{extension}"
    rows = [[f"诉求 {number}"] for number in range(4)]
    if extension == ".csv":
        _write(path, _csv_bytes([["text"], *rows]))
    elif extension == ".jsonl":
        _write(path, "".join(json.dumps({"text": r[0]}) + "\n" for r in rows).encode())
    else:
        book = Workbook()
        for row in [["text"], *rows]:
            book.active.append(row)
        book.save(path)
    error = _refusal(path)
    assert "many" in error.message and "3" in error.message
    monkeypatch.setattr(requests_file, "MAX_ROWS", 4)
    assert len(read_requests(path)) == 4
