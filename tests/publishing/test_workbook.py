"""The list workbook (render --format xlsx, export) written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from dutylist_cli.model.enums import Category
from dutylist_cli.publishing.columns import COLUMNS, printed_columns
from dutylist_cli.publishing.document import PrintableList, display_width, printable_list
from dutylist_cli.publishing.loading import load_townships, repository_domains
from dutylist_cli.publishing.workbook import (
    FOOTER,
    INFO_SHEET,
    heading_width,
    line_count,
    row_height,
    wrap_lines,
    write_list_workbook,
)
from sheet_geometry import column_widths, model_lines

SAMPLE = Path(__file__).resolve().parents[2]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"


@pytest.fixture(scope="module")
def printable() -> PrintableList:
    (loaded,) = load_townships(SAMPLE, [DONGSHAN])
    return printable_list(loaded.model, repository_domains(SAMPLE), all_columns=True)


@pytest.fixture(scope="module")
def book(printable: PrintableList, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("workbook") / "东山街道.xlsx"
    write_list_workbook(printable, path)
    assert [p.name for p in path.parent.iterdir()] == ["东山街道.xlsx"]  # no temporary file left
    return openpyxl.load_workbook(path)


def test_sheets_follow_the_categories(book: Any) -> None:
    assert book.sheetnames == [INFO_SHEET, "基本履职事项", "配合履职事项", "上级部门收回事项"]


def test_info_sheet_holds_identity_and_edition(book: Any) -> None:
    sheet = book[INFO_SHEET]
    assert sheet["A1"].value == "《东山街道履行职责事项清单》"
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["乡镇（街道）代码"] == "320115001"  # text, not the number 320115001
    assert values["乡镇（街道）名称"] == "东山街道"
    assert values["类型"] == "街道"
    assert (values["县（市、区）代码"], values["县（市、区）名称"]) == ("320115", "江宁区")
    assert (values["设区市代码"], values["设区市名称"]) == ("320100", "南京市")
    assert values["版本"] == "2025.2"
    assert values["施行日期"] == dt.datetime(2025, 9, 1)
    assert values["批准文号"] == "江宁编〔2025〕30号"


def test_title_edition_and_headers(book: Any) -> None:
    sheet = book["基本履职事项"]
    assert sheet["A1"].value == "《东山街道履行职责事项清单》—基本履职事项"
    assert sheet["A2"].value == "版本 2025.2 · 2025年9月1日起施行 · 江宁编〔2025〕30号"
    headers = [cell.value for cell in sheet[3]]
    assert headers == [column.heading for column in COLUMNS[Category.BASIC]]
    assert headers[:6] == ["序号", "事项名称", "具体内容", "依据", "承担机构", "备注"]
    assert headers[6:] == ["工作岗位", "来源", "领域", "事项编码", "排序号"]  # export-only, after
    cooperative = [cell.value for cell in book["配合履职事项"][3]]
    assert cooperative[:8] == [c.heading for c in printed_columns(Category.COOPERATIVE)]
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}  # title over printed columns


def test_groups_are_merged_bold_rows_and_numbers_run_on(book: Any) -> None:
    sheet = book["配合履职事项"]
    groups = [r for r in sheet.merged_cells.ranges if r.min_row > 3]
    assert groups and all(r.min_row == r.max_row and r.min_col == 1 for r in groups)
    assert all(r.max_col == len(printed_columns(Category.COOPERATIVE)) for r in groups)
    rows = sorted(r.min_row for r in groups)
    assert sheet.cell(rows[0], 1).value == "（一）经济发展"
    assert sheet.cell(rows[1], 1).value == "（二）民生服务"
    assert sheet.cell(rows[0], 1).font.b
    numbers = [
        row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)
    ]
    assert numbers == list(range(1, 24))  # 序号 continue across the groups


def test_cells_of_an_item(book: Any) -> None:
    sheet = book["配合履职事项"]
    headers = [cell.value for cell in sheet[3]]
    at = headers.index("事项编码")
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[at] == "C001")
    cells = dict(zip(headers, row, strict=True))
    assert cells["排序号"] == 1  # C001 is the first cooperative item of the file
    assert cells["事项名称"] == "安全生产监督管理"
    assert cells["主办部门（对应上级部门）"] == "区应急管理局"
    assert cells["协同部门"] == "区消防救援大队"
    assert cells["依据"] == "《中华人民共和国安全生产法》第十条"
    assert cells["领域"] == "应急管理"
    basic = book["基本履职事项"]
    first = [cell.value for cell in basic[5]]
    assert first[:2] == [1, "加强基层党组织建设"]
    assert (
        first[3]
        == "《中国共产党支部工作条例（试行）》\n《关于加强和改进城市基层党的建设工作的意见》"
    )
    assert basic.cell(5, 3).alignment.wrap_text
    assert basic.cell(5, 3).font.name == "宋体"
    assert basic.cell(3, 1).font.name == "黑体"
    recovered = book["上级部门收回事项"]
    headers = [cell.value for cell in recovered[3]]
    at = headers.index("事项编码")
    row = next(r for r in recovered.iter_rows(min_row=4, values_only=True) if r[at] == "R001")
    cells = dict(zip(headers, row, strict=True))
    assert isinstance(cells["收回处罚权事项数"], int)
    assert cells["承接确认文号"] and cells["承接确认日期"]


def test_print_setup(book: Any) -> None:
    for name, landscape in (("基本履职事项", False), ("配合履职事项", True)):
        sheet = book[name]
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.page_setup.orientation == ("landscape" if landscape else "portrait")
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # fitToWidth is left out when it is 1, the file format's default
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
        assert sheet.oddFooter.center.text == FOOTER == "第 &P 页 / 共 &N 页"
        assert sheet.freeze_panes == "A4"
    # only the published columns print; the export-only ones stay on screen
    assert (
        book["配合履职事项"].print_area == f"'配合履职事项'!$A$1:$H${book['配合履职事项'].max_row}"
    )


FOOTER_LINE = 9 / 72 * 1.3  # inches of the 9-point page-number line


def footer_fits(sheet: Any) -> bool:
    """The page number prints between the paper's edge and the body: not clipped."""
    margins = sheet.page_margins
    return bool(margins.footer > 0 and margins.bottom >= margins.footer + FOOTER_LINE + 0.1)


def test_the_page_number_footer_has_room(book: Any) -> None:
    for sheet in book.worksheets:
        assert footer_fits(sheet), (sheet.title, sheet.page_margins.bottom)


def test_widths_and_heights(book: Any) -> None:
    sheet = book["基本履职事项"]
    assert column_widths(sheet)["C"] == 40  # 具体内容
    assert column_widths(sheet)["A"] == 5  # 序号
    heights = [sheet.row_dimensions[r].height for r in range(4, sheet.max_row + 1)]
    assert all(height and height >= 14 for height in heights)
    assert max(heights) > 40  # a long 具体内容 wraps onto several lines


def test_row_height_estimates() -> None:
    assert display_width("党建ab") == 6
    assert line_count("党" * 12, 24) == 1  # 168 px for text, 14 px a character
    assert line_count("党" * 13, 24) == 2
    assert line_count("一\n二", 40) == 2
    assert row_height([("党" * 100, 20), ("", 5)]) > row_height([("党" * 10, 20)])
    assert row_height([("党" * 100000, 10)]) == 409  # Excel's ceiling


def test_text_that_looks_like_a_formula_stays_text(
    printable: PrintableList, tmp_path: Path
) -> None:
    import dataclasses

    section = printable.sections[0]
    group = section.groups[0]
    row = group.rows[0]
    odd = dataclasses.replace(row, cells=(row.cells[0], "=SUM(A1:A3)", *row.cells[2:]))
    doc = dataclasses.replace(
        printable,
        sections=(dataclasses.replace(section, groups=(dataclasses.replace(group, rows=(odd,)),)),),
    )
    path = tmp_path / "odd.xlsx"
    write_list_workbook(doc, path)
    sheet = openpyxl.load_workbook(path)["基本履职事项"]
    assert sheet["B5"].value == "=SUM(A1:A3)"
    assert sheet["B5"].data_type == "s"


# -- printed from a spreadsheet program (issue 11 §2) ------------------------------------------
# The pixel model: a column `width` characters wide is width × 7 + 5 pixels, a few of them padding;
# a Chinese character at s points is s × 4/3 pixels wide, a Latin one half that; a line is s × 1.3
# points high.


def data_rows(sheet: Any, first: int) -> list[int]:
    merged = {r.min_row for r in sheet.merged_cells.ranges}
    return [r for r in range(first, sheet.max_row + 1) if r not in merged]


def assert_heights_follow_the_text(sheet: Any, rows: list[int]) -> None:
    for row in rows:
        cells = [c for c in sheet[row] if isinstance(c.value, str) and c.value]
        if not cells:
            continue
        size = float(cells[0].font.sz)
        width = column_widths(sheet)
        lines = max(len(model_lines(c.value, width[c.column_letter], size=size)) for c in cells)
        text_height = lines * size * 1.3
        height = sheet.row_dimensions[row].height
        assert text_height / 1.5 <= height <= text_height * 1.5, (sheet.title, row, lines, height)
        if lines == 1:
            assert height < 2 * text_height


def assert_no_orphan_in_headings(sheet: Any, row: int) -> None:
    for cell in sheet[row]:
        if not cell.value:
            continue
        width = column_widths(sheet)[cell.column_letter]
        lines = model_lines(cell.value, width, size=float(cell.font.sz))
        assert len(lines) == 1 or len(lines[-1]) >= 2, (sheet.title, cell.value, lines)


def test_rows_are_as_high_as_their_wrapped_text(book: Any) -> None:
    for sheet in book.worksheets[1:]:
        rows = data_rows(sheet, first=4)
        assert len(rows) > 5
        assert_heights_follow_the_text(sheet, rows)


def test_no_heading_wraps_leaving_one_character(book: Any) -> None:
    for sheet in book.worksheets[1:]:
        assert_no_orphan_in_headings(sheet, 3)


def test_the_estimate_wraps_like_a_spreadsheet_program() -> None:
    # width 12: 89 px, 84 for text; 10.5-point Chinese characters are 14 px: six a line
    assert wrap_lines("党" * 12, 12, size=10.5) == ["党" * 6] * 2
    assert wrap_lines("党" * 6 + "，党", 12, size=10.5) == ["党" * 5, "党，党"]
    assert wrap_lines("ab 2025", 4, size=10.5) == ["ab", "2025"]  # a word is not broken
    assert heading_width("基本履职事项", 9, size=11) > 9  # 5 + 1 if a program fits one more
    assert heading_width("序号", 5, size=11) == 5


def test_line_counts_are_those_of_wrap_lines() -> None:
    """The line-by-line count of wide text (row heights) equals wrapping it character by
    character, closing punctuation included, at every width and size the workbooks use."""
    import random

    from dutylist_cli.publishing.workbook import line_count

    chance = random.Random(20261204)
    texts = [
        "".join(
            chance.choice("党建工作事项清单，。、）》”；：（《")
            for _ in range(chance.randint(1, 160))
        )
        for _ in range(400)
    ]
    texts += ["负责辖区安全生产检查，发现问题及时报告。", "2025年A级", "第十条（一）", ""]
    for text in texts:
        for width in (5, 8, 12.5, 20, 40):
            for size in (9.5, 10.5, 11):
                assert line_count(text, width, size=size) == len(
                    wrap_lines(text, width, size=size)
                ), (text, width, size)
