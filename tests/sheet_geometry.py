"""How a spreadsheet program lays out a sheet read back with openpyxl: the columns' widths and
the lines a cell's text wraps to. Shared by the tests of the list workbook and the report."""

from __future__ import annotations

from typing import Any

from dutylist_cli.publishing.document import display_width

_DIGIT_PX = 7  # the default font's digit at 96 dpi
_PADDING_PX = 5
_DEFAULT_WIDTH = 8.43


def column_widths(sheet: Any) -> dict[str, float]:
    """Column letter → the width a spreadsheet program shows (characters).

    The file stores a width with the cell padding in it (40 shown is 40.71 stored), and one
    ``<col>`` entry may cover several columns of the same width."""
    from openpyxl.utils import get_column_letter

    widths: dict[str, float] = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.width is None or not dimension.min:
            continue
        pixels = int(dimension.width * _DIGIT_PX + 0.5)
        shown = round((pixels - _PADDING_PX) / _DIGIT_PX, 2)
        for index in range(dimension.min, (dimension.max or dimension.min) + 1):
            widths[get_column_letter(index)] = shown
    for column in range(1, sheet.max_column + 1):
        widths.setdefault(get_column_letter(column), _DEFAULT_WIDTH)
    return widths


def model_lines(text: str, width: float, *, size: float) -> list[str]:
    """``text`` wrapped character by character in a column ``width`` wide at ``size`` points:
    the column has width × 7 + 5 px, 5 of them padding; a Chinese character is size × 4/3 px, a
    Latin one half; closing punctuation takes the character before it to the next line."""
    room = width * _DIGIT_PX + _PADDING_PX - _PADDING_PX
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and display_width(line + char) * size * 2 / 3 > room:
                if char in "，。、；：？！）》”" and len(line) > 1:  # no line starts with these
                    line, char = line[:-1], line[-1] + char
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines
