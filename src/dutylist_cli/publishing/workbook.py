"""The spreadsheet of a township list: `render --format xlsx` and `export` write this one layout.

A sheet 清单信息 holds the list's identity and edition; each category gets a sheet with the title,
the edition line, the header row and, per domain, a group row followed by its items. The printed
columns come first and make up the print area; the export-only ones (工作岗位, 领域, 事项编码 …)
follow them, so that `dutylist import` gets every field back.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dutylist_cli.publishing.columns import Column
from dutylist_cli.publishing.document import PrintableList, Section, display_width
from dutylist_cli.store.atomic import write_atomic

INFO_SHEET = "清单信息"
# (field, label written, other labels the importer accepts)
INFO_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "township.code",
        "乡镇（街道）代码",
        ("乡镇代码", "街道代码", "区划代码", "代码"),
    ),
    ("township.name", "乡镇（街道）名称", ("乡镇名称", "街道名称", "乡镇（街道）", "名称")),
    ("township.kind", "类型", ("乡镇类型", "乡镇（街道）类型")),
    ("county.code", "县（市、区）代码", ("县级代码", "县级区划代码", "县区代码")),
    ("county.name", "县（市、区）名称", ("县级名称", "县（市、区）", "县区名称")),
    ("city.code", "设区市代码", ("地级市代码", "市代码", "地级区划代码")),
    ("city.name", "设区市名称", ("地级市名称", "市名称", "设区市", "地级市")),
    ("edition.version", "版本", ("版本号", "清单版本")),
    ("edition.effective", "施行日期", ("生效日期", "实施日期", "执行日期")),
    ("edition.document", "批准文号", ("文号", "印发文号", "批复文号")),
)
INFO_HEADINGS = ("项目", "内容")
HEADER_ROW = 3  # title, edition line, then the header
FOOTER = "第 &P 页 / 共 &N 页"
# inches: the footer's 9-point line sits 0.3 in above the paper's edge, the body ends 0.75 in
# above it; a bottom margin of 0.6 under a footer at 0.5 left the page number clipped
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.75, "header": 0.3, "footer": 0.3}

_BODY_SIZE = 10.5
_BODY = Font(name="宋体", size=_BODY_SIZE)
_GROUP = Font(name="宋体", size=11, bold=True)
_HEADING = Font(name="黑体", size=11, bold=True)
_TITLE = Font(name="黑体", size=16, bold=True)
_PRINTED_FILL = PatternFill("solid", fgColor="D9D9D9")
_EXPORT_FILL = PatternFill("solid", fgColor="DDEBF7")  # export-only columns look different
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Excel's geometry at 96 dpi: a column ``width`` characters wide is width × 7 + 5 pixels (7 px is
# the default font's digit), of which a few are the cell's padding; a Chinese character is as
# many pixels wide as its font size in points × 4/3, a Latin one half that; a line is the font
# size × 1.3 points high. Rows are not grown by the spreadsheet program, so they are set from this.
_CELL_PADDING_PX = 5
_LINE_PITCH = 1.3
_ROW_PADDING_POINTS = 4.0
# a line does not start with closing punctuation: the character before it moves down too
_NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】,.;:?!)]%")
_WORD = re.compile(r"[!-~]+|.", re.DOTALL)  # a Latin word or number wraps as a whole
_MAX_ROW_POINTS = 409.0  # Excel's limit
_NUMBER_KEYS = frozenset({"number", "penalty_powers", "order"})
_TEXT_FORMAT = "@"


def write_list_workbook(printable: PrintableList, path: Path) -> None:
    """Write the list (``printable_list(model, domains, all_columns=True)``) to ``path``."""
    buffer = io.BytesIO()
    build_list_workbook(printable).save(buffer)
    write_atomic(path, buffer.getvalue())


def build_list_workbook(printable: PrintableList) -> Any:
    book = Workbook()
    _info_sheet(book.active, printable)
    for section in printable.sections:
        _section_sheet(book.create_sheet(section.category.label), printable, section)
    return book


def column_pixels(width: float) -> float:
    """The pixels a column ``width`` characters wide has for its text."""
    return width * 7 + 5 - _CELL_PADDING_PX


def text_pixels(text: str, *, size: float) -> float:
    """The pixels ``text`` takes on one line at ``size`` points."""
    return display_width(text) * size * 2 / 3


def wrap_lines(text: str, width: float, *, size: float) -> list[str]:
    """The lines ``text`` wraps to in a column ``width`` characters wide, at ``size`` points.

    The line's width is kept as it grows (display widths add up), so a cell costs one pass over
    its text, not one per word over the line so far."""
    room = max(column_pixels(width), size * 4 / 3)  # one character always fits

    def fits(units: int) -> bool:
        return units * size * 2 / 3 <= room  # as text_pixels(), to the same rounding

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in _WORD.findall(paragraph):
            units = display_width(word)
            if fits(used + units):
                line, used = line + word, used + units
                continue
            if word == " ":  # a space at the end of a line hangs over it
                lines.append(line)
                line, used = "", 0
                continue
            if word[0] in _NO_LINE_START and len(line) > 1:
                line, word = line[:-1], line[-1] + word
            if line.rstrip(" "):
                lines.append(line.rstrip(" "))
            while not fits(display_width(word)):  # a long word breaks anywhere
                cut = 1
                while fits(display_width(word[: cut + 1])):
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
            line, used = word, display_width(word)
        lines.append(line)
    return lines


def line_count(text: str, width: float, *, size: float = _BODY_SIZE) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate)."""
    return len(wrap_lines(text, width, size=size))


def row_height(texts: list[tuple[str, float]], *, size: float = _BODY_SIZE) -> float:
    """openpyxl writes no heights and Excel does not grow rows by itself: estimate them from
    the tallest of ``texts`` (text, column width) at the font ``size``."""
    lines = max((line_count(text, width, size=size) for text, width in texts if text), default=1)
    return min(_MAX_ROW_POINTS, round(lines * size * _LINE_PITCH + _ROW_PADDING_POINTS, 1))


def heading_width(heading: str, width: float, *, size: float) -> float:
    """``width``, or wider, so that ``heading`` fits on one line or wraps into lines of at least
    two characters: never 基本履职事 over a lone 项. Spreadsheet programs may fit a character more
    on a line than this estimate (fonts, rounding), so the width must do with that too."""
    char = size * 4 / 3 / 7  # one Chinese character, in column width units
    while not all(_no_orphan(heading, width + play, size=size) for play in (0, char)):
        width += 1
    return width


def _no_orphan(heading: str, width: float, *, size: float) -> bool:
    lines = wrap_lines(heading, width, size=size)
    return len(lines) == 1 or min(len(line.strip()) for line in lines) >= 2


def _info_sheet(sheet: Any, doc: PrintableList) -> None:
    sheet.title = INFO_SHEET
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 40
    _banner(sheet, 1, doc.title, 2, font=_TITLE, height=30)
    for column, heading in enumerate(INFO_HEADINGS, start=1):
        _put(sheet, 2, column, heading, font=_HEADING, alignment=_CENTRE, fill=_PRINTED_FILL)
    values = {
        "township.code": doc.township_code,
        "township.name": doc.township,
        "township.kind": doc.kind,
        "county.code": doc.county_code,
        "county.name": doc.county,
        "city.code": doc.city_code,
        "city.name": doc.city,
        "edition.version": doc.version,
        "edition.effective": doc.effective,
        "edition.document": doc.document or "",
    }
    for row, (field, label, _variants) in enumerate(INFO_FIELDS, start=3):
        _put(sheet, row, 1, label, font=_BODY, alignment=_WRAP)
        cell = _put(sheet, row, 2, values[field], font=_BODY, alignment=_WRAP)
        if field == "edition.effective":
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.number_format = _TEXT_FORMAT  # codes stay text: 320115001, not 3.2E+08
    _page_setup(sheet, landscape=False, last_column=2, last_row=2 + len(INFO_FIELDS))


def _section_sheet(sheet: Any, doc: PrintableList, section: Section) -> None:
    columns = section.columns
    printed = sum(1 for column in columns if column.printed)
    widths = [heading_width(c.heading, c.width, size=_HEADING.size) for c in columns]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _banner(sheet, 1, f"{doc.title}—{section.category.label}", printed, font=_TITLE, height=30)
    _banner(sheet, 2, doc.edition_line, printed, font=_BODY, height=20)
    for index, column in enumerate(columns, start=1):
        fill = _PRINTED_FILL if column.printed else _EXPORT_FILL
        _put(sheet, HEADER_ROW, index, column.heading, font=_HEADING, alignment=_CENTRE, fill=fill)
    sheet.row_dimensions[HEADER_ROW].height = row_height(
        [(column.heading, width) for column, width in zip(columns, widths, strict=True)],
        size=_HEADING.size,
    )
    row = HEADER_ROW + 1
    for group in section.groups:
        for index in range(1, len(columns) + 1):
            _put(sheet, row, index, group.heading if index == 1 else None, font=_GROUP)
            sheet.cell(row, index).fill = _GROUP_FILL
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=printed)
        sheet.cell(row, 1).alignment = Alignment(vertical="center")
        sheet.row_dimensions[row].height = 20
        row += 1
        for item in group.rows:
            for index, (column, text) in enumerate(zip(columns, item.cells, strict=True), 1):
                alignment = _CENTRE if column.key in _NUMBER_KEYS else _WRAP
                cell = _put(
                    sheet, row, index, _value(column, text), font=_BODY, alignment=alignment
                )
                if isinstance(cell.value, str):
                    cell.number_format = _TEXT_FORMAT
            sheet.row_dimensions[row].height = row_height(
                list(zip(item.cells, widths, strict=True)), size=_BODY.size
            )
            row += 1
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _page_setup(sheet, landscape=section.landscape, last_column=printed, last_row=row - 1)


def _banner(sheet: Any, row: int, text: str, width: int, *, font: Font, height: float) -> None:
    _put(sheet, row, 1, text, font=font, alignment=_CENTRE, boxed=False)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = height


def _value(column: Column, text: str) -> object:
    """序号 and counts as numbers (so Excel sums and sorts them); everything else as text."""
    if column.key in _NUMBER_KEYS and text.isdigit():
        return int(text)
    return text


def _put(
    sheet: Any,
    row: int,
    column: int,
    value: object,
    *,
    font: Font,
    alignment: Alignment | None = None,
    fill: PatternFill | None = None,
    boxed: bool = True,
) -> Any:
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML cannot hold control characters
        if cell.value.startswith("="):
            cell.data_type = "s"  # a text, not a formula
    else:
        cell.value = value
    # Setting a style makes openpyxl hash it to find its index (~40 µs each, 60% of a list's
    # workbook): a combination already set on another cell of this workbook is copied instead.
    styles = sheet.parent.__dict__.setdefault("_dutylist_styles", {})
    key = (id(font), id(alignment), id(fill), boxed)
    known = styles.get(key)
    if known is not None:
        cell._style = copy.copy(known[0])
        return cell
    cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if boxed:
        cell.border = _BOX
    # the objects are kept with their style, so their ids cannot be reused by others
    styles[key] = (copy.copy(cell._style), (font, alignment, fill))
    return cell


def set_margins(sheet: Any) -> None:
    """Page margins with room for the page-number footer (`MARGINS`)."""
    for side, inches in MARGINS.items():
        setattr(sheet.page_margins, side, inches)


def _page_setup(sheet: Any, *, landscape: bool, last_column: int, last_row: int) -> None:
    """A4, fitted to the page width, footer 第 N 页 / 共 M 页; only printed columns print."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    set_margins(sheet)
    sheet.oddFooter.center.text = FOOTER
    sheet.oddFooter.center.font = "宋体"
    sheet.oddFooter.center.size = 9
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
