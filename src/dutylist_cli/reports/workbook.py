"""The report as a workbook: one sheet per table (概况, 各乡镇事项, 领域分布, 部门视角 …).

Each sheet has the table's title in row 1, the header in row 2 (frozen, and repeated on every
printed page), the rows from row 3, the 合计 rows in bold, then the notes. Counts are numbers,
so that Excel sums and sorts them; codes and dates stay text.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dutylist_cli.publishing.workbook import heading_width, row_height, set_margins
from dutylist_cli.reports.layout import Cell, ReportLayout, ReportTable

TITLE_ROW = 1
HEADER_ROW = 2
FOOTER = "第 &P 页 / 共 &N 页"

_BODY = Font(name="宋体", size=10.5)
_BOLD = Font(name="宋体", size=10.5, bold=True)
_HEADING = Font(name="黑体", size=11, bold=True)
_TITLE = Font(name="黑体", size=14, bold=True)
_NOTE = Font(name="宋体", size=9.5, color="444444")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_FOOTER_FILL = PatternFill("solid", fgColor="F2F2F2")
_MARK_FILLS = {
    "heavy": PatternFill("solid", fgColor="F8CBAD"),
    "light": PatternFill("solid", fgColor="FFE699"),
    "overdue": PatternFill("solid", fgColor="F8CBAD"),
}
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER = Alignment(horizontal="right", vertical="top")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")


def report_workbook_bytes(layout: ReportLayout) -> bytes:
    buffer = io.BytesIO()
    build_report_workbook(layout).save(buffer)
    return buffer.getvalue()


def build_report_workbook(layout: ReportLayout) -> Any:
    book = Workbook()
    book.remove(book.active)
    for table in layout.tables:
        _table_sheet(book.create_sheet(table.sheet), layout, table)
    book.properties.title = layout.title
    book.properties.creator = "dutylist"
    return book


def _table_sheet(sheet: Any, layout: ReportLayout, table: ReportTable) -> None:
    columns = table.columns
    last = len(columns)
    widths = [heading_width(c.heading, c.width, size=_HEADING.size) for c in columns]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    title = sheet.cell(TITLE_ROW, 1, f"{layout.title}—{table.title}")
    title.font = _TITLE
    title.alignment = Alignment(vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 26
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.heading)
        cell.font, cell.alignment, cell.fill, cell.border = _HEADING, _CENTRE, _HEADER_FILL, _BOX
    sheet.row_dimensions[HEADER_ROW].height = row_height(
        [(c.heading, width) for c, width in zip(columns, widths, strict=True)], size=_HEADING.size
    )
    row = HEADER_ROW + 1
    for number, values in enumerate(table.rows):
        mark = table.marks[number] if table.marks else ""
        _data_row(sheet, row, widths, table, values, font=_BODY, fill=_MARK_FILLS.get(mark))
        row += 1
    for values in table.footer:
        _data_row(sheet, row, widths, table, values, font=_BOLD, fill=_FOOTER_FILL)
        row += 1
    row += 1
    for note in table.notes:
        cell = sheet.cell(row, 1, f"注：{note}")
        cell.font, cell.alignment = _NOTE, _WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(last, 1))
        sheet.row_dimensions[row].height = row_height([(cell.value, sum(widths))], size=_NOTE.size)
        row += 1
    # the first column names the row (项目, 乡镇, 部门 …): keep it in view when scrolling right
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2 if last > 2 else 1).coordinate
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # the notes print too: they say what 可能负担过重 and 明显偏少 mean
    _page_setup(sheet, last_column=last, last_row=max(row - 1, HEADER_ROW))


def _data_row(
    sheet: Any,
    row: int,
    widths: list[float],
    table: ReportTable,
    values: tuple[Cell, ...],
    *,
    font: Font,
    fill: PatternFill | None,
) -> None:
    texts = []
    cells = zip(table.columns, widths, values, strict=True)
    for index, (column, width, value) in enumerate(cells, start=1):
        cell = sheet.cell(row, index)
        if column.numeric and isinstance(value, str) and _is_decimal(value):
            value = float(value)  # a ratio such as 0.81: a number, shown with two decimals
            cell.number_format = "0.00"
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML cannot hold control chars
            cell.data_type = "s"  # a code such as 320115001 or a leading "=" stays text
            cell.number_format = "@"
            cell.alignment = _WRAP
            texts.append((cell.value, width))
        else:
            cell.value = value
            cell.alignment = _NUMBER
        cell.font, cell.border = font, _BOX
        if fill is not None:
            cell.fill = fill
    sheet.row_dimensions[row].height = row_height(texts, size=font.size)


def _is_decimal(text: str) -> bool:
    whole, _, fraction = text.partition(".")
    return whole.isdigit() and fraction.isdigit()


def _page_setup(sheet: Any, *, last_column: int, last_row: int) -> None:
    """A4 landscape fitted to the page width, footer 第 N 页 / 共 M 页."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    set_margins(sheet)
    sheet.oddFooter.center.text = FOOTER
    sheet.oddFooter.center.size = 9
    sheet.print_area = f"A1:{get_column_letter(max(last_column, 1))}{last_row}"
