"""The spreadsheet of a township list: `render --format xlsx` and `export` write this one layout.

A sheet 清单信息 holds the list's identity and edition; each category gets a sheet with the title,
the edition line, the header row and, per domain, a group row followed by its items. The printed
columns come first and make up the print area; the export-only ones (工作岗位, 领域, 事项编码 …)
follow them, so that `dutylist import` gets every field back.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path
from typing import Any

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
_HEADING_SIZE = 11.0
# cell formats, as XlsxWriter takes them: font, fill, border and alignment
_BODY = {"font_name": "宋体", "font_size": _BODY_SIZE}
_GROUP = {"font_name": "宋体", "font_size": 11, "bold": True}
_HEADING = {"font_name": "黑体", "font_size": _HEADING_SIZE, "bold": True}
_TITLE = {"font_name": "黑体", "font_size": 16, "bold": True}
_PRINTED_FILL = {"pattern": 1, "bg_color": "#D9D9D9"}
_EXPORT_FILL = {"pattern": 1, "bg_color": "#DDEBF7"}  # export-only columns look different
_GROUP_FILL = {"pattern": 1, "bg_color": "#F2F2F2"}
_BOX = {"border": 1, "border_color": "#000000"}
_WRAP = {"text_wrap": True, "valign": "vcenter"}
_CENTRE = {"text_wrap": True, "valign": "vcenter", "align": "center"}
_TEXT = {"num_format": "@"}  # codes stay text: 320115001, not 3.2E+08
_DATE = {"num_format": "yyyy-mm-dd"}
# XML cannot hold control characters (other than tab, line feed and carriage return)
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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
_A4 = 9


def write_list_workbook(printable: PrintableList, path: Path) -> None:
    """Write the list (``printable_list(model, domains, all_columns=True)``) to ``path``."""
    write_atomic(path, list_workbook_bytes(printable))


def new_workbook(buffer: io.BytesIO, *, constant_memory: bool = False) -> Any:
    """An XlsxWriter workbook writing into ``buffer`` when closed (XlsxWriter's one home: the
    report and the dispatch table make theirs here too). Text is always written as text: a
    cell's "=…" is words, not a formula. ``constant_memory`` streams rows to temporary files
    (a 200,000-row table) instead of keeping them in memory."""
    from xlsxwriter import Workbook

    options: dict[str, Any] = {"strings_to_formulas": False}
    options["constant_memory" if constant_memory else "in_memory"] = True
    return Workbook(buffer, options)


def list_workbook_bytes(printable: PrintableList) -> bytes:
    """The workbook of the list, as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    styles = CellStyles(book)
    _info_sheet(book.add_worksheet(INFO_SHEET), styles, printable)
    for section in printable.sections:
        _section_sheet(book.add_worksheet(section.category.label), styles, printable, section)
    book.close()
    return buffer.getvalue()


class CellStyles:
    """One XlsxWriter format per combination of the parts above, made once a workbook."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._made: dict[tuple[int, ...], Any] = {}

    def __call__(self, *parts: dict[str, Any]) -> Any:
        key = tuple(id(part) for part in parts)
        made = self._made.get(key)
        if made is None:
            merged: dict[str, Any] = {}
            for part in parts:
                merged.update(part)
            made = self._made[key] = self._book.add_format(merged)
        return made


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
        if fits(display_width(paragraph)):  # most cells: one line, nothing to break
            lines.append(paragraph)
            continue
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
    return _line_count(text, width, size)


@functools.lru_cache(maxsize=65536)
def _line_count(text: str, width: float, size: float) -> int:
    # the same texts recur across a county's lists (and a site's workbooks): wrapped once each
    return sum(_paragraph_lines(paragraph, width, size) for paragraph in text.split("\n"))


def _paragraph_lines(paragraph: str, width: float, size: float) -> int:
    """len(wrap_lines(paragraph)), counted line by line rather than character by character
    when every character is a wide one (most of a list's text): a line holds as many as fit,
    one fewer when the next would start it with closing punctuation (wrap_lines moves the
    character before down with it)."""
    if not paragraph or paragraph.isascii() or display_width(paragraph) != 2 * len(paragraph):
        return len(wrap_lines(paragraph, width, size=size))
    room = max(column_pixels(width), size * 4 / 3)
    per_line = max(1, int(room // (size * 4 / 3)))
    while (per_line + 1) * 2 * size * 2 / 3 <= room:  # as wrap_lines' fits(), to its rounding
        per_line += 1
    while per_line > 1 and per_line * 2 * size * 2 / 3 > room:
        per_line -= 1
    count, start, length = 1, 0, len(paragraph)
    while length - start > per_line:
        cut = per_line
        if per_line > 1 and paragraph[start + per_line] in _NO_LINE_START:
            cut -= 1
        count += 1
        start += cut
    return count


def row_height(texts: list[tuple[str, float]], *, size: float = _BODY_SIZE) -> float:
    """Spreadsheet programs do not grow rows to their text on opening: estimate the heights from
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


def _info_sheet(sheet: Any, styles: CellStyles, doc: PrintableList) -> None:
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 40)
    _banner(sheet, 0, doc.title, 2, styles(_TITLE, _CENTRE), height=30)
    for column, heading in enumerate(INFO_HEADINGS):
        sheet.write_string(1, column, heading, styles(_HEADING, _CENTRE, _PRINTED_FILL, _BOX))
    values: dict[str, str | dt.date] = {
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
    for row, (field, label, _variants) in enumerate(INFO_FIELDS, start=2):
        sheet.write_string(row, 0, clean_text(label), styles(_BODY, _WRAP, _BOX))
        value = values[field]
        if isinstance(value, dt.date):
            moment = dt.datetime.combine(value, dt.time())
            sheet.write_datetime(row, 1, moment, styles(_BODY, _WRAP, _BOX, _DATE))
        else:
            sheet.write_string(row, 1, clean_text(value), styles(_BODY, _WRAP, _BOX, _TEXT))
    page_setup(sheet, landscape=False, last_column=2, last_row=2 + len(INFO_FIELDS))


def _section_sheet(sheet: Any, styles: CellStyles, doc: PrintableList, section: Section) -> None:
    columns = section.columns
    printed = sum(1 for column in columns if column.printed)
    widths = [heading_width(c.heading, c.width, size=_HEADING_SIZE) for c in columns]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    title = f"{doc.title}—{section.category.label}"
    _banner(sheet, 0, title, printed, styles(_TITLE, _CENTRE), height=30)
    _banner(sheet, 1, doc.edition_line, printed, styles(_BODY, _CENTRE), height=20)
    header = HEADER_ROW - 1
    for index, column in enumerate(columns):
        fill = _PRINTED_FILL if column.printed else _EXPORT_FILL
        sheet.write_string(header, index, column.heading, styles(_HEADING, _CENTRE, fill, _BOX))
    sheet.set_row(
        header,
        row_height(
            [(column.heading, width) for column, width in zip(columns, widths, strict=True)],
            size=_HEADING_SIZE,
        ),
    )
    group_cell = styles(_GROUP, _GROUP_FILL, _BOX)
    group_heading = styles(_GROUP, _GROUP_FILL, _BOX, {"valign": "vcenter"})
    text_cells = [
        styles(_BODY, _CENTRE if column.key in _NUMBER_KEYS else _WRAP, _BOX, _TEXT)
        for column in columns
    ]
    number_cells = [
        styles(_BODY, _CENTRE if column.key in _NUMBER_KEYS else _WRAP, _BOX) for column in columns
    ]
    row = header + 1
    for group in section.groups:
        if printed > 1:
            sheet.merge_range(row, 0, row, printed - 1, clean_text(group.heading), group_heading)
        else:
            sheet.write_string(row, 0, clean_text(group.heading), group_heading)
        for index in range(printed, len(columns)):
            sheet.write_blank(row, index, None, group_cell)
        sheet.set_row(row, 20)
        row += 1
        for item in group.rows:
            for index, (column, text) in enumerate(zip(columns, item.cells, strict=True)):
                if column.key in _NUMBER_KEYS and text.isdigit():
                    # 序号 and counts as numbers (so Excel sums and sorts them)
                    sheet.write_number(row, index, int(text), number_cells[index])
                else:
                    sheet.write_string(row, index, clean_text(text), text_cells[index])
            sheet.set_row(row, row_height(list(zip(item.cells, widths, strict=True))))
            row += 1
    sheet.freeze_panes(HEADER_ROW, 0)
    sheet.repeat_rows(header)
    page_setup(sheet, landscape=section.landscape, last_column=printed, last_row=row)


def _banner(sheet: Any, row: int, text: str, width: int, style: Any, *, height: float) -> None:
    if width > 1:
        sheet.merge_range(row, 0, row, width - 1, clean_text(text), style)
    else:
        sheet.write_string(row, 0, clean_text(text), style)
    sheet.set_row(row, height)


def clean_text(text: str) -> str:
    return _ILLEGAL_CHARACTERS.sub("", text)


def page_setup(sheet: Any, *, landscape: bool, last_column: int, last_row: int) -> None:
    """A4, fitted to the page width, footer 第 N 页 / 共 M 页; only printed columns print
    (``last_row`` and ``last_column`` count from 1)."""
    sheet.set_paper(_A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(
        left=MARGINS["left"], right=MARGINS["right"], top=MARGINS["top"], bottom=MARGINS["bottom"]
    )
    sheet.set_header("", {"margin": MARGINS["header"]})
    sheet.set_footer(f'&C&"宋体"&9{FOOTER}', {"margin": MARGINS["footer"]})
    sheet.print_area(0, 0, last_row - 1, last_column - 1)
