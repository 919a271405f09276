"""The report as a workbook: one sheet per table (概况, 各乡镇事项, 领域分布, 部门视角 …).

Each sheet has the table's title in row 1, the header in row 2 (frozen, and repeated on every
printed page), the rows from row 3, the 合计 rows in bold, then the notes. Counts are numbers,
so that Excel sums and sorts them; codes and dates stay text.
"""

from __future__ import annotations

import io
from typing import Any

from dutylist_cli.publishing.workbook import (
    CellStyles,
    clean_text,
    heading_width,
    new_workbook,
    page_setup,
    row_height,
)
from dutylist_cli.reports.layout import Cell, ReportLayout, ReportTable

TITLE_ROW = 1
HEADER_ROW = 2
FOOTER = "第 &P 页 / 共 &N 页"

_BODY_SIZE = 10.5
_HEADING_SIZE = 11.0
_NOTE_SIZE = 9.5
# cell formats, as XlsxWriter takes them
_BODY = {"font_name": "宋体", "font_size": _BODY_SIZE}
_BOLD = {"font_name": "宋体", "font_size": _BODY_SIZE, "bold": True}
_HEADING = {"font_name": "黑体", "font_size": _HEADING_SIZE, "bold": True}
_TITLE = {"font_name": "黑体", "font_size": 14, "bold": True, "valign": "vcenter"}
_NOTE = {"font_name": "宋体", "font_size": _NOTE_SIZE, "font_color": "#444444"}
_HEADER_FILL = {"pattern": 1, "bg_color": "#D9E1F2"}
_FOOTER_FILL = {"pattern": 1, "bg_color": "#F2F2F2"}
_MARK_FILLS = {
    "heavy": {"pattern": 1, "bg_color": "#F8CBAD"},
    "light": {"pattern": 1, "bg_color": "#FFE699"},
    "overdue": {"pattern": 1, "bg_color": "#F8CBAD"},
}
_NO_FILL: dict[str, Any] = {}
_BOX = {"border": 1, "border_color": "#808080"}
_WRAP = {"text_wrap": True, "valign": "top"}
_NUMBER = {"align": "right", "valign": "top"}
_CENTRE = {"text_wrap": True, "valign": "vcenter", "align": "center"}
_TEXT = {"num_format": "@"}  # a code such as 320115001 stays text
_DECIMAL = {"num_format": "0.00"}


def report_workbook_bytes(layout: ReportLayout) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    book.set_properties({"title": layout.title, "author": "dutylist"})
    styles = CellStyles(book)
    for table in layout.tables:
        _table_sheet(book.add_worksheet(table.sheet), styles, layout, table)
    book.close()
    return buffer.getvalue()


def _table_sheet(sheet: Any, styles: CellStyles, layout: ReportLayout, table: ReportTable) -> None:
    columns = table.columns
    last = len(columns)
    widths = [heading_width(c.heading, c.width, size=_HEADING_SIZE) for c in columns]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    title_row, header_row = TITLE_ROW - 1, HEADER_ROW - 1  # XlsxWriter counts from 0
    sheet.write_string(title_row, 0, clean_text(f"{layout.title}—{table.title}"), styles(_TITLE))
    sheet.set_row(title_row, 26)
    heading = styles(_HEADING, _CENTRE, _HEADER_FILL, _BOX)
    for index, column in enumerate(columns):
        sheet.write_string(header_row, index, clean_text(column.heading), heading)
    sheet.set_row(
        header_row,
        row_height(
            [(c.heading, width) for c, width in zip(columns, widths, strict=True)],
            size=_HEADING_SIZE,
        ),
    )
    row = header_row + 1
    for number, values in enumerate(table.rows):
        mark = table.marks[number] if table.marks else ""
        fill = _MARK_FILLS.get(mark, _NO_FILL)
        _data_row(sheet, styles, row, widths, table, values, font=_BODY, fill=fill)
        row += 1
    for values in table.footer:
        _data_row(sheet, styles, row, widths, table, values, font=_BOLD, fill=_FOOTER_FILL)
        row += 1
    row += 1
    note_style = styles(_NOTE, _WRAP)
    for note in table.notes:
        text = clean_text(f"注：{note}")
        if last > 1:
            sheet.merge_range(row, 0, row, last - 1, text, note_style)
        else:
            sheet.write_string(row, 0, text, note_style)
        sheet.set_row(row, row_height([(text, sum(widths))], size=_NOTE_SIZE))
        row += 1
    # the first column names the row (项目, 乡镇, 部门 …): keep it in view when scrolling right
    sheet.freeze_panes(header_row + 1, 1 if last > 2 else 0)
    sheet.repeat_rows(header_row)
    # the notes print too: they say what 可能负担过重 and 明显偏少 mean
    page_setup(sheet, landscape=True, last_column=max(last, 1), last_row=max(row, HEADER_ROW))


def _data_row(
    sheet: Any,
    styles: CellStyles,
    row: int,
    widths: list[float],
    table: ReportTable,
    values: tuple[Cell, ...],
    *,
    font: dict[str, Any],
    fill: dict[str, Any],
) -> None:
    texts = []
    cells = zip(table.columns, widths, values, strict=True)
    for index, (column, width, value) in enumerate(cells):
        if column.numeric and isinstance(value, str) and _is_decimal(value):
            # a ratio such as 0.81: a number, shown with two decimals
            style = styles(font, _NUMBER, _BOX, fill, _DECIMAL)
            sheet.write_number(row, index, float(value), style)
        elif isinstance(value, str):
            text = clean_text(value)
            sheet.write_string(row, index, text, styles(font, _WRAP, _BOX, fill, _TEXT))
            texts.append((text, width))
        else:
            sheet.write_number(row, index, value, styles(font, _NUMBER, _BOX, fill))
    sheet.set_row(row, row_height(texts, size=font["font_size"]))


def _is_decimal(text: str) -> bool:
    whole, _, fraction = text.partition(".")
    return whole.isdigit() and fraction.isdigit()
